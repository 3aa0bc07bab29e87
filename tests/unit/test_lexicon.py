"""Language data: one loader, every file with a header, nothing read from build-time sources."""

from __future__ import annotations

from importlib import resources

import pytest

DATA_FILES = sorted(p.name for p in resources.files("pipeline.data").iterdir()
                    if p.name.endswith((".tsv", ".txt", ".jsonl")))


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_opens_with_a_header(name):
    from pipeline.lexicon import read_text

    head = read_text(name).splitlines()[:2]
    assert all(line.startswith("#") for line in head), f"{name}: start with '# what it holds, where it comes from'"


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_is_read_by_the_code(name, root):
    code = "".join(p.read_text(encoding="utf-8") for p in (root / "pipeline").rglob("*.py"))
    assert f'"{name}"' in code, f"{name} is not loaded anywhere"


def test_rows_words_and_classes():
    from pipeline.lexicon import mapping, word_classes, words

    assert mapping("speech_verbs.txt")["säger"] == "say"
    assert mapping("speech_verbs.txt")["tror"] == "think"
    assert "statsminister" in words("roles.txt", lower=True)
    classes = word_classes("speaker_words.tsv")
    assert "de" in classes["plural_pronoun"] and "de" in classes["determiner"]  # one word, two classes


def test_gazetteer_has_countries_without_pycountry():
    import sys

    from pipeline.lexicon import gazetteer

    names = gazetteer()
    assert names["Nordkorea"] == "LOC" and names["FN"] == "ORG" and names["Storbritannien"] == "LOC"
    assert "pycountry" not in sys.modules or "pipeline.training.lexicons" in sys.modules


def test_country_list_matches_its_build_time_source():
    pytest.importorskip("pycountry")
    from pipeline.lexicon import rows
    from pipeline.training.lexicons import COUNTRIES, swedish_country_names

    assert [r[0] for r in rows(COUNTRIES)] == swedish_country_names(), "run python -m pipeline build-lexicons"


def test_first_names_match_their_build_time_source():
    pytest.importorskip("faker")
    from pipeline.lexicon import rows
    from pipeline.training.lexicons import FIRST_NAMES, swedish_first_names

    assert [(r[0], r[1]) for r in rows(FIRST_NAMES)] == [(n, g) for n, g, _ in swedish_first_names()], \
        "run python -m pipeline build-lexicons"


def test_first_name_genders():
    from pipeline.components.quotes.speakers import first_name_gender

    assert first_name_gender("Anna") == "female" and first_name_gender("Lars") == "male"
    assert first_name_gender("Xiang") is None
