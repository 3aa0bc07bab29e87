"""Quotes and their speakers, one Swedish news convention per test.

The sentences are written for these tests (not taken from any article).
"""

from __future__ import annotations

import pytest


def quotes(nlp, text):
    doc = nlp(text)
    return [
        (q.label_, q.text, q._.speaker_name, q._.attribution)
        for q in doc.spans["quotes"]
    ], doc


def test_dash_quote_with_named_speaker_and_role(nlp):
    text = "Räntan höjs igen.\n\n– Det här kommer att märkas för många hushåll, säger Karin Lindqvist, nationalekonom.\n"
    found, doc = quotes(nlp, text)
    assert found == [("direct", "Det här kommer att märkas för många hushåll", "Karin Lindqvist", "explicit")]
    q = doc.spans["quotes"][0]
    assert q._.speaker_role == "nationalekonom" and q._.cue == "säger" and q._.speaker_text == "Karin Lindqvist"


def test_pronoun_speaker_is_the_last_person_named(nlp):
    text = (
        "Johan Berggren driver en gård utanför Skara.\n\n"
        "– Vi har aldrig sett så mycket regn, säger han.\n"
    )
    found, doc = quotes(nlp, text)
    assert found == [("direct", "Vi har aldrig sett så mycket regn", "Johan Berggren", "pronoun")]
    assert doc.spans["quotes"][0]._.speaker_text == "han"


def test_colon_introduces_the_quote(nlp):
    text = "Polisens presstalesperson Maria Holm säger:\n\n– Vi tar det här på största allvar.\n"
    found, _ = quotes(nlp, text)
    assert found == [("direct", "Vi tar det här på största allvar.", "Maria Holm", "colon")]


def test_continuation_across_a_question_heading(nlp):
    text = (
        "– Skolan behöver fler lärare, säger Eva Nordin, rektor i Umeå.\n\n"
        "Hur ser framtiden ut?\n\n"
        "– Jag är ändå hoppfull inför hösten.\n"
    )
    found, _ = quotes(nlp, text)
    assert found[1] == ("direct", "Jag är ändå hoppfull inför hösten.", "Eva Nordin", "continuation")


def test_a_new_person_introduced_takes_over_the_continuation(nlp):
    text = (
        "– Det är för tidigt att säga, säger Eva Nordin.\n\n"
        "Lars Ekman är forskare vid Lunds universitet.\n\n"
        "– Vi ser samma mönster i hela landet.\n"
    )
    found, _ = quotes(nlp, text)
    assert found[-1][2] == "Lars Ekman"


def test_scare_quotes_are_not_speech(nlp):
    text = "Regeringen kallar reformen en ”nystart” för skolan. Kritikerna är inte övertygade.\n"
    found, _ = quotes(nlp, text)
    assert found == []


def test_quotation_marks_with_attribution(nlp):
    text = "”Vi är mycket oroliga för utvecklingen”, säger Per Svensson till tidningen.\n"
    found, _ = quotes(nlp, text)
    assert found == [("direct", "Vi är mycket oroliga för utvecklingen", "Per Svensson", "explicit")]


def test_unattributed_quote_has_no_speaker_but_a_kind(nlp):
    text = "– Vi visste ingenting om branden.\n\nBranden startade på natten.\n"
    found, doc = quotes(nlp, text)
    assert found == [("direct", "Vi visste ingenting om branden.", None, "none")]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Anna Ek säger att kommunen måste agera snabbare.", "kommunen måste agera snabbare", "Anna Ek"),
        ("Enligt polisen har ingen skadats i olyckan.", "har ingen skadats i olyckan", "polisen"),
        ("Vägen är avstängd under natten, enligt Trafikverket.", "Vägen är avstängd under natten", "Trafikverket"),
        ("Region Skåne skriver i ett pressmeddelande att väntetiderna har ökat.", "väntetiderna har ökat", "Region Skåne"),
    ],
)
def test_indirect_quotes(nlp, text, content, speaker):
    found, _ = quotes(nlp, text + "\n")
    assert [(k, t, s) for k, t, s, _ in found] == [("indirect", content, speaker)]


def test_reported_sentence_ending_in_saeger(nlp):
    text = "Magnus Berg leder räddningstjänsten.\n\nLäget är under kontroll sedan i morse, säger han.\n"
    found, _ = quotes(nlp, text)
    assert found == [("indirect", "Läget är under kontroll sedan i morse", "Magnus Berg", "pronoun")]


def test_seed_article_quotes(nlp):
    import json

    from conftest import FIXTURES, ROOT
    from pipeline.evaluate import dice

    text = (ROOT / "raw" / "svt-nordkorea-ryssland.txt").read_text(encoding="utf-8")
    gold = json.loads((FIXTURES / "svt-nordkorea-ryssland.json").read_text(encoding="utf-8"))
    expected = [(q["type"], q["text"], q["speaker"]) for q in gold["quotes"] if q["type"] in ("direct", "indirect")]
    found = [(q.label_, q.text, q._.speaker_name) for q in nlp(text).spans["quotes"]]
    # four direct, two indirect; the scare-quoted fragment ("närmsta vän") is not speech
    assert len(found) == len(expected) == 6
    for (kind, gold_text, speaker), (p_kind, p_text, p_speaker) in zip(expected, found):
        assert (p_kind, p_speaker) == (kind, speaker)
        assert dice(p_text, gold_text) >= 0.9, (p_text, gold_text)


def test_addressee_is_not_the_speaker(nlp):
    text = "Eva Lind säger till SVT att hon tänker överklaga domen.\n"
    found, _ = quotes(nlp, text)
    assert [(k, t, s) for k, t, s, _ in found] == [("indirect", "hon tänker överklaga domen", "Eva Lind")]


def test_attribution_opening_the_next_paragraph(nlp):
    text = (
        "Fler bussar sätts in i helgen.\n\n"
        "– Vi hoppas att det räcker för att alla ska komma fram.\n\n"
        "Det säger Sara Holmberg, trafikchef i Västerås.\n"
    )
    found, doc = quotes(nlp, text)
    assert found[0] == ("direct", "Vi hoppas att det räcker för att alla ska komma fram.", "Sara Holmberg", "explicit")


def test_colon_then_quotation_marks_in_one_sentence(nlp):
    text = "Kommunalrådet Lena Berg säger till TT: ”Vi måste spara pengar.” Det blir tufft för många.\n"
    found, _ = quotes(nlp, text)
    assert found == [("direct", "Vi måste spara pengar.", "Lena Berg", "colon")]


def test_quoted_sentence_attributed_by_the_next_one(nlp):
    text = "”Vi måste spara pengar.” Det säger Lena Berg, kommunalråd i Umeå.\n"
    found, doc = quotes(nlp, text)
    assert found == [("direct", "Vi måste spara pengar.", "Lena Berg", "explicit")]
    assert doc.spans["quotes"][0]._.speaker_role == "kommunalråd i Umeå"
