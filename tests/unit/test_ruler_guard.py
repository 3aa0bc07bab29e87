"""ruler_guard: a gazetteer place inside a longer capitalised name goes back to the model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

import pipeline.components  # noqa: F401  (registers the factory)
from pipeline.lexicon import GAZETTEER_ID


def _guarded(words: list[str], start: int, end: int, label: str = "LOC") -> list[tuple[str, str]]:
    nlp = spacy.blank("sv")
    doc = nlp.make_doc(" ".join(words))
    for t in doc:
        t.is_sent_start = t.i == 0
    doc.ents = [Span(doc, start, end, label=label, span_id=GAZETTEER_ID)]
    doc = nlp.add_pipe("ruler_guard")(doc)
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(("words", "start", "end"), [
    ("Det skriver Hallands Nyheter i dag .".split(), 2, 3),     # a newspaper named after a province
    ("Barcelona mötte Real Madrid i går .".split(), 3, 4),       # a club: the place is the last word
    ("Det uppger P4 Göteborg till TT .".split(), 3, 4),          # a radio station
    ("Enligt Sveriges Byggindustrier ökar priserna .".split(), 1, 2),
    ("Stockholm Marathon ställs in .".split(), 0, 1),            # also at a sentence start
])
def test_place_inside_a_longer_name_is_released(words, start, end):
    assert _guarded(words, start, end) == []


@pytest.mark.parametrize(("words", "start", "end", "label"), [
    ("Hon bor i Stockholm sedan länge .".split(), 3, 4, "LOC"),   # an ordinary place
    ("Sverige och Norge möts i kväll .".split(), 2, 3, "LOC"),
    ("Han kritiserar Ukrainas EU-process hårt .".split(), 2, 3, "LOC"),  # an abbreviation compound is a noun
    ("Fabriken Northvolt Ett läggs ner .".split(), 1, 2, "ORG"),  # organisations stay
    ("Det rapporterar Sverige , Norge och Danmark .".split(), 2, 3, "LOC"),
])
def test_place_that_is_the_whole_name_stays(words, start, end, label):
    assert _guarded(words, start, end, label) == [(" ".join(words[start:end]), label)]
