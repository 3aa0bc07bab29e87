"""gazetteer_merge: the gazetteer's names joined to the model's entities (sentences written
for these tests; the model's entities set by hand)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from pipeline.components.gazetteer_merge import GazetteerMerge


def _doc(text, model, gazetteer):
    nlp = spacy.blank("sv")
    doc = nlp.make_doc(text)

    def spans(items):
        out = []
        for words, label in items:
            start = next(t.i for t in doc if doc[t.i : t.i + len(words.split())].text == words)
            out.append(Span(doc, start, start + len(words.split()), label=label))
        return out

    doc.ents = spans(model)
    doc.spans["gazetteer"] = [Span(doc, s.start, s.end, label=s.label, span_id="gazetteer") for s in spans(gazetteer)]
    return GazetteerMerge()(doc)


def test_the_model_decides_the_type_of_a_name_both_found():
    doc = _doc("Norrköping vann mot Malmö.", [("Norrköping", "ORG")], [("Norrköping", "LOC"), ("Malmö", "LOC")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Norrköping", "ORG"), ("Malmö", "LOC")]  # Malmö: a gap filled


def test_a_longer_known_name_replaces_the_model_entity_inside_it():
    doc = _doc("Hovrätten för Västra Sverige dömde honom.", [("Västra Sverige", "LOC")],
               [("Hovrätten för Västra Sverige", "ORG")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Hovrätten för Västra Sverige", "ORG")]


def test_a_longer_model_entity_keeps_the_known_name_inside_it():
    doc = _doc("Real Madrid vann igen.", [("Real Madrid", "ORG")], [("Madrid", "LOC")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Real Madrid", "ORG")]


def test_nothing_from_the_gazetteer_changes_nothing():
    doc = _doc("Anna Ek kom hem.", [("Anna Ek", "PER")], [])
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Ek", "PER")]


def test_a_name_both_found_keeps_the_gazetteer_mark_so_repairs_leave_it_whole():
    doc = _doc("Vara kommun har svarat.", [("Vara kommun", "LOC")], [("Vara kommun", "ORG")])
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [("Vara kommun", "LOC", "gazetteer")]
    doc = _doc("Anna Ek bor i Vara.", [("Anna Ek", "PER")], [("Ek", "LOC")])  # no exact match: no mark
    assert [(e.text, e.id_) for e in doc.ents] == [("Anna Ek", "")]
