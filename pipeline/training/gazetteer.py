"""Entity-ruler patterns for well-known names (build time).

The statistical model is trained on 2012 news and a treebank; it misses or mislabels
some of the names Swedish news uses most (``FN`` as LOC, ``Nordkoreas`` as ORG).
These patterns are compiled into the shipped model's ``entity_ruler`` by
``train-ner`` (and ``train-ner --rules-only``) from ``gazetteer.tsv`` and
``countries_sv.tsv`` (see :mod:`pipeline.lexicon`).
"""

from __future__ import annotations

from ..lexicon import GAZETTEER_ID, gazetteer_entries, gazetteer_rows, rows
from ..swedish import written_genitives as genitive_forms


def derived_organisations(place: str) -> list[str]:
    """Swedish municipal and regional bodies named after a place (``Timrå kommun``)."""
    genitive = (genitive_forms(place) or [place])[0]
    return [f"{place} kommun", f"{genitive} kommun", f"Region {place}", f"{genitive} stad"]


def lexicon_entries(common_words: frozenset[str] | set[str] = frozenset()) -> list[tuple[str, str]]:
    """(name, label) from the name lexicon (names.tsv) that are safe as exact patterns.

    Municipalities, localities (towns and villages of 500 inhabitants or more),
    counties and their authorities, arenas, and clubs by their full names. Left out: a
    municipality or locality whose name is an ordinary word of the training
    corpus (``common_words``: Vara, Mark) or a first name or surname (Nora, Berg) or has
    three letters or fewer (Ale, Kil, Eda); an arena with a one-word generic name
    (``Idrottsparken``, ``Olympia``);
    a club's one-word short name (``Färjestad``, ``Leksand``: also places; the sports
    rules type them in context) unless it is an abbreviation (``LHC``).
    """
    people = {r[0] for r in rows("first_names_sv.tsv", 3)} | {r[0] for r in rows("surnames_sv.tsv", 1)}
    out: list[tuple[str, str]] = []
    for _id, name, label, kind, aliases, _src in rows("names.tsv", 6):
        forms = [name, *(a for a in aliases.split("|") if a)]
        if kind in ("municipality", "locality"):
            if name.lower() not in common_words and name not in people and len(name) > 3:
                out.append((name, label))
        elif kind == "arena":
            out += [(f, label) for f in forms if " " in f]
        elif kind in ("municipal authority", "regional authority", "county"):
            out += [(f, label) for f in forms]
        elif kind == "club":
            out += [(f, label) for f in forms if " " in f or f.isupper() and len(f) > 2 or f == name]
    return out


def ruler_patterns(common_words: frozenset[str] | set[str] = frozenset()) -> list[dict[str, str]]:
    """Phrase patterns (label, text) with generated genitive forms; ``id`` marks them
    as gazetteer hits so later stages can tell them from model predictions."""
    entries = list(gazetteer_entries())
    known = {name for name, _ in entries}
    swedish_places = [row[0] for row in gazetteer_rows() if list(row[2:]) == ["se"] and " " not in row[0]]
    entries += [(org, "ORG") for name in swedish_places for org in derived_organisations(name) if org not in known]
    known = {name for name, _ in entries}
    entries += [(name, label) for name, label in dict(lexicon_entries(common_words)).items() if name not in known]
    patterns = []
    for name, label in entries:
        for form in [name, *genitive_forms(name)]:
            patterns.append({"label": label, "pattern": form, "id": GAZETTEER_ID})
    return patterns
