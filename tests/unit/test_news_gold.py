"""Annotated news projected onto tokens for NER training (pipeline/training/news_gold.py),
on an article written for these tests."""

from __future__ import annotations

import spacy

from pipeline.training.news_gold import GoldArticle, find_mentions, surface_forms, training_docs

TEXT = (
    "Kommunen sparar på skolan\n"
    "Publicerad 12 mars 2024\n"
    "Kötiden till förskolan växer i Umeå. Enligt Anna Ek på Umeå kommun saknas det lärare.\n\n"
    "– Vi måste agera nu, säger Ek till Västerbottens-Kuriren.\n\n"
    "Umeås skolor har fått pengar från Melodifestivalen och Skolverket.\n\n"
    "Foto: Per Holm/TT\n"
)
ENTITIES = (
    {"name": "Anna Ek", "type": "PER", "aliases": ["Ek"]},
    {"name": "Umeå", "type": "LOC", "aliases": []},  # its genitive "Umeås" is not listed
    {"name": "Umeå kommun", "type": "ORG", "aliases": []},
    {"name": "Västerbottens-Kuriren", "type": "ORG", "aliases": []},
    {"name": "Skolverket", "type": "ORG", "aliases": []},
)


def _docs(entities=ENTITIES):
    return list(training_docs([GoldArticle("test", TEXT, tuple(entities))], spacy.blank("sv")))


def _labelled(docs):
    return [(e.text, e.label_) for d in docs for e in d.ents]


def test_every_form_is_found_longest_first_with_genitives():
    got = _labelled(_docs())
    assert got == [("Umeå", "LOC"), ("Anna Ek", "PER"), ("Umeå kommun", "ORG"), ("Ek", "PER"),
                   ("Västerbottens-Kuriren", "ORG"), ("Umeås", "LOC"), ("Skolverket", "ORG")]


def test_the_rest_is_outside_except_capitalised_words_inside_a_sentence():
    (doc,) = _docs()
    state = {t.text: t.ent_iob_ for t in doc}
    assert state["Kötiden"] == "O"  # a sentence opener that is no name: taught as outside
    assert state["sparar"] == "O" and state["Vi"] == "O"  # "– Vi": first word behind the dash
    assert state["Melodifestivalen"] == ""  # an event (or a name left out): missing, not outside


def test_boilerplate_lines_are_left_out():
    (doc,) = _docs()
    assert "Publicerad" not in doc.text and "Foto" not in doc.text and "Per Holm" not in doc.text


def test_a_form_shared_by_two_types_is_left_missing():
    entities = ENTITIES + ({"name": "Umeå", "type": "ORG", "aliases": []},)  # the town and the team
    (doc,) = _docs(entities)
    assert ("Umeå", "LOC") not in _labelled([doc])
    alone = [t for t in doc if t.text == "Umeå" and doc[t.i + 1].text != "kommun"]
    assert alone and all(t.ent_iob_ == "" for t in alone)
    assert ("Umeå kommun", "ORG") in _labelled([doc])  # a longer form is still taken


def test_surface_forms_and_mentions():
    forms = surface_forms([{"name": "FN", "type": "ORG", "aliases": []}, {"name": "Lars", "type": "PER"}])
    assert forms["FN:s"] == {"ORG"} and forms["FNs"] == {"ORG"} and "Larss" not in forms
    assert find_mentions("FN:s chef och FN.", forms) == [(0, 4, "ORG"), (14, 16, "ORG")]
    assert find_mentions("FNX och xFN", forms) == []  # whole words only
