"""Entity-ruler patterns for well-known names (build time).

The statistical model is trained on 2012 news and a treebank; it misses or mislabels
some of the names Swedish news uses most (``FN`` as LOC, ``Nordkoreas`` as ORG).
These patterns are compiled into the shipped model's ``entity_ruler`` by
``train-ner`` (and ``train-ner --rules-only``) from ``gazetteer.tsv`` and
``countries_sv.tsv`` (see :mod:`pipeline.lexicon`).
"""

from __future__ import annotations

from ..lexicon import GAZETTEER_ID, gazetteer_entries, gazetteer_rows


def genitive_forms(name: str) -> list[str]:
    """Swedish genitive: ``-s``, none after s/x/z, ``:s`` after an abbreviation."""
    if name.isupper() or name[-1].isdigit():
        return [name + ":s"]
    if name[-1].lower() in "sxz":
        return []
    return [name + "s"]


def derived_organisations(place: str) -> list[str]:
    """Swedish municipal and regional bodies named after a place (``Timrå kommun``)."""
    genitive = place if place[-1] in "sxz" else place + "s"
    return [f"{place} kommun", f"{genitive} kommun", f"Region {place}", f"{genitive} stad"]


def ruler_patterns() -> list[dict[str, str]]:
    """Phrase patterns (label, text) with generated genitive forms; ``id`` marks them
    as gazetteer hits so later stages can tell them from model predictions."""
    entries = list(gazetteer_entries())
    known = {name for name, _ in entries}
    swedish_places = [row[0] for row in gazetteer_rows() if list(row[2:]) == ["se"] and " " not in row[0]]
    entries += [(org, "ORG") for name in swedish_places for org in derived_organisations(name) if org not in known]
    patterns = []
    for name, label in entries:
        for form in [name, *genitive_forms(name)]:
            patterns.append({"label": label, "pattern": form, "id": GAZETTEER_ID})
    return patterns
