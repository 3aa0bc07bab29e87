"""The quote stage on hand-built Docs: tests/cases/quotes.tsv, no statistical model."""

from __future__ import annotations

import pytest

from conftest import case_params


def parse_expected(expected: str) -> list[tuple]:
    if expected == "-":
        return []
    out = []
    for item in expected.split(" ;; "):
        kind, text, speaker, attribution, *role = item.split("|")
        out.append((kind, text, None if speaker == "-" else speaker, attribution, *role))
    return out


@pytest.mark.parametrize(("text", "expected"), case_params("quotes.tsv", "text", "expected"))
def test_quote_convention(annotate, text, expected):
    doc = annotate(text)
    want = parse_expected(expected)
    got = [
        (q.label_, q.text, q._.speaker_name, q._.attribution, q._.speaker_role)[: len(w)]
        for q, w in zip(doc.spans["quotes"], want + [()] * len(doc.spans["quotes"]))
    ]
    assert got == want


def test_speaker_text_cue_and_entity_id(annotate):
    doc = annotate("– Det här märks, säger [Karin Lindqvist](PER), nationalekonom.\n")
    (q,) = doc.spans["quotes"]
    assert (q._.speaker_text, q._.cue, q._.speaker_entity_id) == ("Karin Lindqvist", "säger", "PER:karin-lindqvist")


def test_continuation_has_no_speaker_text_of_its_own(annotate):
    doc = annotate("– Första, säger [Eva Nordin](PER).\n\n– Andra stycket.\n")
    first, second = doc.spans["quotes"]
    assert first._.speaker_text == "Eva Nordin" and second._.speaker_text is None
    assert second._.speaker_name == "Eva Nordin"


def test_the_component_needs_its_patterns():
    import spacy

    import pipeline.components  # noqa: F401

    blank = spacy.blank("sv")
    blank.add_pipe("news_layout")
    blank.add_pipe("entity_clusters")
    blank.add_pipe("quotes")  # not initialized
    with pytest.raises(ValueError, match="no cue patterns"):
        blank("– Hej, säger hon.")


def test_an_unclosed_quotation_is_a_warning(annotate):
    doc = annotate("Hon sa i går: ”Vi kommer att kämpa till sista stund.\n\nMatchen spelas i kväll.\n")
    (warning,) = doc._.warnings
    assert "unclosed quotation mark at character 14" in warning and "”Vi kommer att kämpa" in warning
    assert not annotate("– Vi kämpar, säger [Eva Ek](PER).\n\n”Det blir tufft”, säger hon.\n")._.warnings


def test_the_warning_reaches_the_articles_table(annotate):
    from pipeline.ingest import Article
    from pipeline.tables import article_row

    text = "Hon sa i går: ”Vi kommer att kämpa till sista stund.\n"
    row = article_row(Article("a1", "a1.txt", text=text, warning="decoded as cp1252"), annotate(text))
    assert row["warning"].startswith("decoded as cp1252; unclosed quotation mark at character 14")


def test_components_score_their_own_output(rules_nlp, annotate):
    """spaCy-style scorers: nlp.evaluate reads figures from the components themselves."""
    from spacy.tokens import Span
    from spacy.training import Example

    text = "– Vi är nöjda, säger [Eva Ek](PER).\n\n– Det blev bra, säger [Per Berg](PER).\n"
    predicted = annotate(text)
    reference = annotate(text)
    first, second = reference.spans["quotes"]
    wrong = Span(reference, second.start, second.end, label=second.label_)
    wrong._.speaker_name = "Anna Lind"  # the reference gives the second quote another speaker
    reference.spans["quotes"] = [first, wrong]
    scores = rules_nlp.get_pipe("quotes").score([Example(predicted, reference)])
    assert scores["spans_quotes_f"] == 1.0 and scores["quotes_speaker_acc"] == 0.5
    ents = rules_nlp.get_pipe("ner_repair").score([Example(predicted, reference)])
    assert ents["ents_f"] == 1.0 and set(ents["ents_per_type"]) == {"PER"}
