"""Canonical names: genitives, short forms, spelling variants, stable ids."""

from __future__ import annotations

import pytest

from pipeline.entities import Mention, cluster_mentions, entity_id
from pipeline.swedish import strip_genitive


@pytest.mark.parametrize(
    ("surface", "label", "base"),
    [
        # the genitive -s / :s is removed
        ("FN:s", "ORG", "FN"),
        ("Putins", "PER", "Putin"),
        ("Rysslands", "LOC", "Ryssland"),
        ("Nordkoreas", "LOC", "Nordkorea"),
        ("Migrationsverkets", "ORG", "Migrationsverket"),
        ("Magdalena Anderssons", "PER", "Magdalena Andersson"),
        ("Göteborgs", "LOC", "Göteborg"),
        # names that end in -s are kept
        ("Lars", "PER", "Lars"),
        ("Hans Blix", "PER", "Hans Blix"),
        ("Paris", "LOC", "Paris"),
        ("Helsingfors", "LOC", "Helsingfors"),
        ("Reuters", "ORG", "Reuters"),
        ("Texas", "LOC", "Texas"),
    ],
)
def test_genitive(surface, label, base):
    assert strip_genitive(surface, label) == base


def m(text, label, start):
    return Mention(text, label, start, start + len(text))


def names(clusters):
    return {(c.name, c.label): sorted(x.text for x in c.mentions) for c in clusters}


def test_short_forms_join_the_full_name():
    clusters = cluster_mentions([
        m("Niklas Swanström", "PER", 0), m("Swanström", "PER", 50), m("Swanströms", "ORG", 90),
        m("Kim Jong-Un", "PER", 120), m("Kim", "PER", 160), m("Kim Jong-un", "PER", 200),
        m("Putins", "PER", 240), m("Vladimir Putin", "PER", 300),
    ])
    assert names(clusters) == {
        ("Niklas Swanström", "PER"): ["Niklas Swanström", "Swanström", "Swanströms"],
        ("Kim Jong-Un", "PER"): ["Kim", "Kim Jong-Un", "Kim Jong-un"],
        ("Vladimir Putin", "PER"): ["Putins", "Vladimir Putin"],
    }
    putin = next(c for c in clusters if c.name == "Vladimir Putin")
    assert putin.entity_id == "PER:vladimir-putin" and putin.aliases == ("Putins",)


def test_a_lexicon_place_is_no_surname_of_a_longer_name():
    # "The Times of Israel" taken for a person must not swallow the country
    clusters = cluster_mentions([m("The Times of Israel", "PER", 0), m("Israel", "LOC", 60), m("Israels", "LOC", 90)])
    assert ("Israel", "LOC") in names(clusters)
    # …but a surname the model tagged as a place still joins its person
    clusters = cluster_mentions([m("Niklas Swanström", "PER", 0), m("Swanström", "LOC", 50)])
    assert names(clusters) == {("Niklas Swanström", "PER"): ["Niklas Swanström", "Swanström"]}


def test_ambiguous_surname_stays_apart():
    clusters = cluster_mentions([
        m("Magdalena Andersson", "PER", 0), m("Dan Andersson", "PER", 40), m("Andersson", "PER", 80),
    ])
    assert ("Andersson", "PER") in names(clusters)


def test_entity_ids_are_ascii_slugs():
    assert entity_id("PER", "Niklas Swanström") == "PER:niklas-swanstrom"
    assert entity_id("LOC", "Nordkorea") == "LOC:nordkorea"
    assert entity_id("ORG", "FN") == "ORG:fn"
    assert entity_id("PER", "Kim Jong-Un") == entity_id("PER", "Kim Jong-un")


def test_party_letters_join_the_party_name():
    clusters = cluster_mentions([m("Moderaterna", "ORG", 0), m("M", "ORG", 40), m("KD", "ORG", 60), m("M", "ORG", 80)])
    names = {c.name: c for c in clusters}
    assert set(names) == {"Moderaterna", "KD"}
    assert len(names["Moderaterna"].mentions) == 3 and names["Moderaterna"].entity_id == "ORG:moderaterna"


def test_party_letters_alone_stay_letters():
    assert [c.name for c in cluster_mentions([m("S", "ORG", 0), m("S", "ORG", 20)])] == ["S"]


def test_spelling_variants_of_one_person_are_one():
    clusters = cluster_mentions([m("Claes Ljungh", "PER", 0), m("Claes Ljung", "PER", 40), m("Claes Ljungh", "PER", 80)])
    assert [(c.name, len(c.mentions)) for c in clusters] == [("Claes Ljungh", 3)]


def test_a_spelling_variant_takes_the_surname_the_article_writes_most():
    # the misspelt full name comes first; the surname alone is written the other way
    clusters = cluster_mentions([m("Petra Schöniger", "PER", 0), m("Petra Schöninger", "PER", 40),
                                 m("Schöninger", "PER", 80)])
    assert [(c.name, len(c.mentions)) for c in clusters] == [("Petra Schöninger", 3)]


def test_the_first_written_spelling_wins_a_tie():
    clusters = cluster_mentions([m("Petra Schöniger", "PER", 0), m("Petra Schöninger", "PER", 40)])
    assert [c.name for c in clusters] == ["Petra Schöniger"]


def test_different_people_with_similar_surnames_stay_apart():
    clusters = cluster_mentions([m("Anna Berg", "PER", 0), m("Anna Borg", "PER", 40), m("Per Ljung", "PER", 80),
                                 m("Eva Ljung", "PER", 120)])
    assert len(clusters) == 4  # short surnames (Berg/Borg) and different first names are not variants


def test_double_surname_used_short():
    clusters = cluster_mentions([m("Karin Enström Berg", "PER", 0), m("Enström", "PER", 40)])
    assert [(c.name, len(c.mentions)) for c in clusters] == [("Karin Enström Berg", 2)]


def test_initials_join_the_organisation_they_abbreviate():
    clusters = cluster_mentions([m("Sveriges Radio", "ORG", 0), m("SR", "ORG", 40), m("Kalmar FF", "ORG", 60),
                                 m("KFF", "ORG", 90), m("SVT", "ORG", 120)])
    assert {(c.name, len(c.mentions)) for c in clusters} == {("Sveriges Radio", 2), ("Kalmar FF", 2), ("SVT", 1)}
