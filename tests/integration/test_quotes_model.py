"""Quotes with the statistical model finding the names (the rules alone: tests/unit).

The sentences are written for these tests (not taken from any article).
"""

from __future__ import annotations

import pytest


def quotes(nlp, text):
    doc = nlp(text)  # a SpanGroup needs its Doc alive (it holds only a weak reference)
    return [(q.label_, q.text, q._.speaker_name, q._.attribution) for q in doc.spans["quotes"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Räntan höjs igen.\n\n– Det här kommer att märkas för många hushåll, säger Karin Lindqvist, nationalekonom.\n",
         [("direct", "Det här kommer att märkas för många hushåll", "Karin Lindqvist", "explicit")]),
        ("Johan Berggren driver en gård utanför Skara.\n\n– Vi har aldrig sett så mycket regn, säger han.\n",
         [("direct", "Vi har aldrig sett så mycket regn", "Johan Berggren", "pronoun")]),
        ("Polisens presstalesperson Maria Holm säger:\n\n– Vi tar det här på största allvar.\n",
         [("direct", "Vi tar det här på största allvar.", "Maria Holm", "colon")]),
        ("Vägen är avstängd under natten, enligt Trafikverket.\n",
         [("indirect", "Vägen är avstängd under natten", "Trafikverket", "enligt")]),
        ("Eva Lind säger till SVT att hon tänker överklaga domen.\n",
         [("indirect", "hon tänker överklaga domen", "Eva Lind", "explicit")]),
    ],
)
def test_model_and_rules_together(nlp, text, expected):
    assert quotes(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # class 1: an adverbial before a verb-second verb is never the speaker
        ("Advokaten Per Hed företräder mannen.\n\nNu bekräftar advokaten att domen överklagas.\n", "Per Hed"),
        ("I förmiddags meddelade räddningstjänsten att branden var släckt.\n", "räddningstjänsten"),
        ("Anna Lund har anlitat en advokat.\n\nVidare menar hon att domen är fel.\n", "Anna Lund"),
        ("Sedan säger Eva Lund att hon är nöjd med beslutet.\n", "Eva Lund"),
        ("Johan Berg kom hem sent.\n\nFörst sa han att allt var lugnt.\n", "Johan Berg"),
        # class 2: an organisation noun is the organisation the article names
        ("Northvolt varslar 1 600 anställda.\n\nNu meddelar bolaget att fabriken ska byggas om.\n", "Northvolt"),
        # class 3: a genitive owner before the speaker
        ("Anna Lunds ombud Per Hed uppger att domen kommer att överklagas.\n", "Per Hed"),
        # a relative "som" is the noun it follows, without the preposition before that noun
        ("Tidningen har sökt Ericsson, som säger att ambitionen är att slutföra processen under året.\n", "Ericsson"),
        ("Vi har talat med en granne som säger att branden började i köket.\n", "en granne"),
    ],
)
def test_the_parse_finds_the_subject(nlp, text, speaker):
    doc = nlp(text)
    assert [(q.label_, q._.speaker_name) for q in doc.spans["quotes"]] == [("indirect", speaker)]


def test_seed_article_quotes(nlp, seed_text, seed_gold):
    from pipeline.scoring import dice

    expected = [(q["type"], q["text"], q["speaker"]) for q in seed_gold["quotes"] if q["type"] in ("direct", "indirect")]
    doc = nlp(seed_text)
    found = [(q.label_, q.text, q._.speaker_name) for q in doc.spans["quotes"]]
    # four direct, two indirect; the scare-quoted fragment ("närmsta vän") is not speech
    assert len(found) == len(expected) == 6
    for (kind, gold_text, speaker), (p_kind, p_text, p_speaker) in zip(expected, found):
        assert (p_kind, p_speaker) == (kind, speaker)
        assert dice(p_text, gold_text) >= 0.9, (p_text, gold_text)


def test_the_parse_of_a_reported_sentence_stops_at_its_att(nlp):
    doc = nlp("Nu bekräftar advokaten Sara Lund att hennes klient var hemma hela kvällen.\n")
    att = next(t.i for t in doc if t.text == "att")
    assert doc._.syntax.parsed(1) and doc._.syntax.subject(1) is not None
    assert not any(doc._.syntax.parsed(i) for i in range(att + 1, len(doc)))
    (q,) = doc.spans["quotes"]
    assert (q.text, q._.speaker_name) == ("hennes klient var hemma hela kvällen", "Sara Lund")


def test_sentences_parsed_together_or_alone_get_the_same_parse(nlp):
    texts = ["Nu bekräftar advokaten Sara Lund att hennes klient var hemma.\n",
             "Vädret blir kallt i helgen.\n",
             "Enligt polisen säger vittnet att bilen körde för fort. Putins besök i Minsk fortsätter.\n"]
    parser = nlp.get_pipe("attribution_parser")
    assert nlp.config["components"]["attribution_parser"]["parse_batch"] == parser.parse_batch == 64

    def parses():
        return [(dict(d._.syntax.head), dict(d._.syntax.dep)) for d in nlp.pipe(texts, batch_size=2)]

    together = parses()
    parser.parse_batch = 1
    try:
        alone = parses()
    finally:
        parser.parse_batch = 64
    assert together == alone
    assert together[0][0] and not together[1][0]  # a reported sentence is parsed, the weather is not
