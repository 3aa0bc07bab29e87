"""pipeline.swedish: the Swedish word forms and word classes the rules ask (words written
for these tests)."""

from __future__ import annotations

import pytest

from pipeline import swedish


def test_genitive_forms_and_their_base():
    assert swedish.with_genitives("Swanström") == ("Swanström", "Swanströms", "Swanström:s")
    assert swedish.without_colon_genitive("KD:s") == "KD" and swedish.without_colon_genitive("KDs") == "KDs"
    assert swedish.is_colon_genitive("FN:s") and not swedish.is_colon_genitive("FN")
    assert swedish.may_be_genitive("Putins") and not swedish.may_be_genitive("Putin")


@pytest.mark.parametrize(("text", "label", "next_word", "base"), [
    ("Putins", "PER", "besök", "Putin"),          # a surname before the noun it qualifies
    ("FN:s", "ORG", "generalsekreterare", "FN"),   # the colon genitive of an abbreviation
    ("Göteborgs", "LOC", "hamn", "Göteborg"),      # a place ending whose genitive is -s
    ("Ernkrans", "PER", "och", "Ernkrans"),        # before "och": no genitive
    ("Ernkrans", "PER", None, "Ernkrans"),         # at the end of a sentence: no genitive
])
def test_strip_genitive_reads_the_next_word(text, label, next_word, base):
    assert swedish.strip_genitive(text, label, followed_by=next_word) == base


def test_role_nouns_bare_definite_and_compound():
    assert swedish.is_role("statsminister") and swedish.is_role("statsministern")
    assert swedish.is_role("utbildningsministern,")
    assert not swedish.is_role("huset") and not swedish.is_role("Stockholm")


def test_pronoun_gender():
    assert swedish.pronoun_gender("Han") == "male" and swedish.pronoun_gender("henne") == "female"
    assert swedish.pronoun_gender("hen") is None and swedish.pronoun_gender("de") is None


def test_trim_mention_drops_titles_and_opening_function_words_but_keeps_particles():
    words = ["statsminister", "Magdalena", "Andersson"]
    assert swedish.trim_mention(words, "PER") == (1, 3)
    assert swedish.trim_mention(["Enligt", "Gabriel", "Karlsson"], "PER") == (1, 3)
    assert swedish.trim_mention(["Hans", "Blix"], "PER") == (0, 2)  # a given name that is also a stop word
    assert swedish.trim_mention(["Ursula", "von", "der", "Leyen"], "PER") == (0, 4)
    assert swedish.trim_mention(["FN:s", "António", "Guterres"], "PER") == (1, 3)


def test_word_classes_come_from_the_data_file():
    assert "som" in swedish.word_class("not_after_genitive") and "hus" not in swedish.word_class("not_after_genitive")
    with pytest.raises(KeyError):
        swedish.word_class("no_such_class")
