"""entity_clusters on hand-built Docs: typing a town as its team, merging a club's short form."""

from __future__ import annotations


def clusters(annotate, text):
    doc = annotate(text, through=("entity_clusters",))
    return {(c.name, c.label) for c in doc._.entity_clusters}, doc


def test_a_town_that_plays_is_the_club_in_a_sports_article(annotate):
    text = ("[Helsingborg](LOC) vann matchen med 2–0 mot [Kalmar](LOC). Segern betyder att laget "
            "klättrar i tabellen. Målet kom i andra halvlek.")
    found, doc = clusters(annotate, text)
    assert found == {("Helsingborg", "ORG"), ("Kalmar", "ORG")}
    assert {e.kb_id_ for e in doc.ents} == {"ORG:helsingborg", "ORG:kalmar"}


def test_a_town_stays_a_place_outside_sports(annotate):
    found, _ = clusters(annotate, "Tåget mot [Kalmar](LOC) var försenat. [Helsingborg](LOC) får en ny station.")
    assert found == {("Kalmar", "LOC"), ("Helsingborg", "LOC")}


def test_a_town_without_team_context_stays_a_place_in_a_sports_article(annotate):
    text = "SM avgjordes i [Helsingborg](LOC). Matchen, målet och segern gick till hemmalaget i tabellens topp."
    found, _ = clusters(annotate, text)
    assert found == {("Helsingborg", "LOC")}


def test_a_club_and_its_short_form_are_one_club(annotate):
    text = ("[Kalmar FF](ORG) förlorade matchen. [Kalmar](LOC) tappade mot slutet, och målet kom "
            "i andra halvlek. Segern gick till gästerna.")
    found, doc = clusters(annotate, text)
    assert found == {("Kalmar FF", "ORG")}
    assert [c.aliases for c in doc._.entity_clusters] == [("Kalmar",)]


def test_a_defined_abbreviation_joins_the_full_name(annotate):
    text = ("[Myndigheten för samhällsskydd och beredskap](ORG) ([MSB](ORG)) varnar för stormen. "
            "[MSB](ORG) råder alla att stanna hemma.")
    found, doc = clusters(annotate, text)
    assert found == {("Myndigheten för samhällsskydd och beredskap", "ORG")}
    assert len(doc._.entity_clusters[0].mentions) == 3


def test_a_party_letter_after_a_person_is_no_definition(annotate):
    found, _ = clusters(annotate, "[Anna Ek](PER) ([S](ORG)) vill sänka skatten. [Sverige](LOC) behöver det.")
    assert found == {("Anna Ek", "PER"), ("S", "ORG"), ("Sverige", "LOC")}


def test_a_country_playing_stays_the_country(annotate):
    text = ("[Sverige](LOC) vann mot [Spanien](LOC) i Davis Cup. Matchen avgjordes i sista setet och "
            "segern tog laget till final.")
    found, _ = clusters(annotate, text)
    assert found == {("Sverige", "LOC"), ("Spanien", "LOC")}


def test_two_names_of_one_lexicon_entry_are_one_entity(annotate):
    text = ("[UD](ORG) bekräftar att en svensk har gripits. Enligt [utrikesdepartementet](ORG) "
            "arbetar [UD](ORG) med fallet. [Säpo](ORG) och [Säkerhetspolisen](ORG) nämns också.")
    found, doc = clusters(annotate, text)
    assert found == {("utrikesdepartementet", "ORG"), ("Säkerhetspolisen", "ORG")}  # the fullest name
    ud = next(c for c in doc._.entity_clusters if c.name == "utrikesdepartementet")
    assert "UD" in ud.aliases and len(ud.mentions) == 3
    assert len({e.kb_id_ for e in doc.ents}) == 2
    # two organisations the lexicon does not join stay two
    found, _ = clusters(annotate, "[Polismyndigheten](ORG) och [Åklagarmyndigheten](ORG) samarbetar.")
    assert len(found) == 2


def test_a_towns_genitive_before_a_player_is_the_team_in_a_sports_article(annotate):
    text = ("Finalen avgjordes i förlängning. [Växjös](LOC) [Joakim Berg](PER) gjorde målet och laget tog "
            "segern i matchen inför fullsatt arena.")
    found, _ = clusters(annotate, text)
    assert ("Växjö", "ORG") in found
    found, _ = clusters(annotate, "[Umeås](LOC) [Anna Ek](PER) öppnade den nya skolan i går.")  # no sports article
    assert ("Umeå", "LOC") in found


def test_a_town_that_comes_back_in_a_match_report_is_the_team(annotate):
    text = ("[Skellefteå](LOC) kom tillbaka i andra halvlek. Matchen slutade oavgjort och laget "
            "behåller ledningen i tabellen.")
    found, _ = clusters(annotate, text)
    assert found == {("Skellefteå", "ORG")}
