"""news_layout on a blank tokenizer: paragraphs, title, boilerplate and sentence starts."""

from __future__ import annotations


def test_sentences_never_cross_a_paragraph(rules_nlp):
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc(
        "Nya regler för skolan\n\nRegeringen vill ändra. Lärarna tvekar.\n\n– Vi väntar, säger hon.\n"))
    assert doc._.title is not None and doc._.title.text == "Nya regler för skolan"
    assert [s.label_ for s in doc.spans["paragraphs"]] == ["heading", "paragraph", "paragraph"]
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents == ["Nya regler för skolan", "Regeringen vill ändra.", "Lärarna tvekar.", "– Vi väntar, säger hon."]


def test_no_sentence_start_before_lower_case_or_after_an_abbreviation(rules_nlp):
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc("Det kostar bl.a. mer. nu säger hon nej. Sedan går hon."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Det", "Sedan"]


def test_a_closing_quote_mark_stays_with_its_sentence(rules_nlp):
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc("Hon sa: ”Vi ska spara pengar.” Det blir svårt."))
    assert [s.text for s in doc.sents] == ["Hon sa: ”Vi ska spara pengar.”", "Det blir svårt."]


def test_settings_come_from_the_config():
    import spacy

    import pipeline.components  # noqa: F401

    blank = spacy.blank("sv")
    layout = blank.add_pipe("news_layout", config={"max_heading_words": 2})
    doc = layout(blank.make_doc("Tre ord här\n\nEn mening."))
    assert [s.label_ for s in doc.spans["paragraphs"]] == ["paragraph", "paragraph"]
