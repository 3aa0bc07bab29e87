"""Swedish word forms and word classes: the one place the rules ask.

Like spaCy's ``spacy/lang/sv/``, this module is language data for the whole package: the
genitive (``Putins``, ``FN:s``) and its base form, the definite forms of role nouns
(``ministern``), and the word classes the rules decide with. The words are data files read
through :mod:`pipeline.lexicon` (``swedish_words.tsv``, ``roles.txt``,
``names_ending_in_s.txt``, the gazetteer), so a loaded model's own copies apply; the
decisions are here, once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.sv.stop_words import STOP_WORDS

from .lexicon import cached, gazetteer, word_classes, words

WORD_CLASSES = "swedish_words.tsv"
ROLES = "roles.txt"
NAMES_ENDING_IN_S = "names_ending_in_s.txt"
# the genitive after an abbreviation or a foreign name: "FN:s", "McDonald’s"
GENITIVE_MARKS = (":s", "’s", "'s", "´s")
VOWELS = frozenset("aeiouyåäöéü")


def word_class(name: str) -> frozenset[str]:
    """A class of ``swedish_words.tsv`` (``not_after_genitive``, ``name_particle``,
    ``person_pronoun``, ``male_pronoun`` …); an unknown class is an error."""
    return word_classes(WORD_CLASSES)[name]


@cached(maxsize=1)
def name_stop_words() -> frozenset[str]:
    """spaCy's Swedish stop words that cannot open a name (``Efter Hamas``), given names
    among them aside (``Hans``, ``Bo``, ``Per``)."""
    return frozenset(STOP_WORDS) - word_class("name_not_stop")


@cached(maxsize=1)
def _place_endings() -> re.Pattern[str]:
    return re.compile("(" + "|".join(sorted(word_class("place_ending"), key=len, reverse=True)) + ")$")


# -- the genitive ---------------------------------------------------------------------
def genitive_forms(name: str) -> tuple[str, str]:
    """The genitives a name is written with: ``Swanström`` -> ``Swanströms``, ``Swanström:s``."""
    return name + "s", name + ":s"


def with_genitives(name: str) -> tuple[str, str, str]:
    """The name and its genitives."""
    return (name, *genitive_forms(name))


def may_be_genitive(word: str) -> bool:
    """Ends as a genitive does (``Putins``, ``FN:s``); whether it is one takes context
    (:func:`strip_genitive`)."""
    return word.endswith("s")


def is_colon_genitive(word: str) -> bool:
    """An abbreviation's or a name's genitive marked with a colon: ``FN:s``, ``KD:s``."""
    return word.endswith(":s")


def without_colon_genitive(word: str) -> str:
    """An abbreviation's genitive marked with a colon, removed: ``KD:s`` -> ``KD``."""
    return word[:-2] if is_colon_genitive(word) else word


def strip_genitive(
    text: str, label: str, attested: set[str] | frozenset[str] = frozenset(), followed_by: str | None = "x"
) -> str:
    """The base form of ``text`` (``Putins`` -> ``Putin``, ``FN:s`` -> ``FN``).

    ``attested`` holds other surface forms (and their parts) seen in the same article.
    ``followed_by`` is the next word: a Swedish genitive stands before the noun it
    qualifies (``Putins besök``), so a name before punctuation, ``och`` or a verb
    (``… träffar Matilda Ernkrans.``) keeps its final -s.
    """
    for suffix in GENITIVE_MARKS:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    if not text.endswith("s") or len(text) < 4 or text.isupper():
        return text
    keep, known = words(NAMES_ENDING_IN_S), gazetteer()
    last = text.split()[-1]
    stem = text[:-1]
    if text in known or last in keep or text in attested:
        return text
    if stem in attested or stem in known or stem.split()[-1] in attested:
        return stem  # also "Ansvaret är Skolverkets", a genitive without its noun
    if followed_by is None or not followed_by[:1].isalnum() or followed_by.lower() in word_class("not_after_genitive"):
        return text
    if len(last) < 4:
        return text
    before = last[-2].lower()
    if label == "ORG" and re.search(r"(et|en|ns|ets)s$", text):
        return stem
    if label == "PER" and before not in VOWELS and before not in "sxz":
        return stem  # surnames: "Anderssons", "Ekströms", "Putins"
    if label == "LOC" and _place_endings().search(stem):
        return stem  # "Gotlands", "Göteborgs", "Norrköpings"
    return text


def written_genitives(name: str) -> list[str]:
    """The genitive as Swedish writes it: ``-s`` (``Umeås``), none after s/x/z (``Borås``),
    ``:s`` after an abbreviation or a digit (``FN:s``, ``HV71:s``)."""
    if name.isupper() or name[-1].isdigit():
        return [name + ":s"]
    if name[-1].lower() in "sxz":
        return []
    return [name + "s"]


# -- definite forms and role nouns ----------------------------------------------------
DEFINITE_ENDINGS = ("en", "n", "et")


def looks_definite(word: str) -> bool:
    """Ends as a definite singular noun does (``ministern``, ``24-åringen``, ``förbundet``)."""
    return word.lower().endswith(DEFINITE_ENDINGS)


@cached(maxsize=65536)
def is_role(word: str) -> bool:
    """``statsvetare``, ``utbildningsministern``, ``fembarnsmamman`` -> True: a role noun
    of ``roles.txt``, bare or definite (-n, -en, -et), or a compound ending in one (of four
    letters or more)."""
    w = word.lower().strip(",.")
    roles = words(ROLES, lower=True)
    for form in (w, w[:-1] if w.endswith("n") else "", w[:-2] if w.endswith(("en", "et")) else ""):  # bare, -n, -en/-et
        if form and (form in roles or len(form) > 6 and any(form[-k:] in roles for k in range(4, len(form) + 1))):
            return True
    return False


# -- pronouns -------------------------------------------------------------------------
def pronoun_gender(word: str) -> str | None:
    """``han``/``honom`` -> ``male``, ``hon``/``henne`` -> ``female``, else None."""
    w = word.lower()
    if w in word_class("male_pronoun"):
        return "male"
    if w in word_class("female_pronoun"):
        return "female"
    return None


# -- names ----------------------------------------------------------------------------
def trim_mention(words: Sequence[str], label: str) -> tuple[int, int]:
    """Token range to keep of an entity span: drop leading titles and stray punctuation."""
    start, end = 0, len(words)
    # Sentence-initial function words the model sometimes takes into a name
    # ("Efter Hamas", "Enligt Gabriel Karlsson").
    while start < end and (not any(c.isalnum() for c in words[start]) or words[start].lower() in name_stop_words()):
        start += 1
    # ...and trailing ones it runs on into ("Högsta domstolen och", "Karolinska och ett")
    while end > start and (not any(c.isalnum() for c in words[end - 1])
                           or words[end - 1].islower() and words[end - 1] in name_stop_words()):
        end -= 1
    if label == "PER":
        while end - start > 1 and (is_role(words[start]) or is_colon_genitive(words[start])) and words[start][:1]:
            start += 1
        while end - start > 1 and words[start].islower() and words[start] not in word_class("name_particle"):
            start += 1
    return start, end
