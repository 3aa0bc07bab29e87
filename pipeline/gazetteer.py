"""Entity-ruler patterns for well-known names (countries, organisations).

The statistical model is trained on 2012 news and a treebank; it misses or mislabels
some of the names Swedish news uses most (``FN`` as LOC, ``Nordkoreas`` as ORG).
These patterns are compiled into the shipped model at training time, so neither
pycountry nor this file is read when the pipeline runs.
"""

from __future__ import annotations

import gettext
from importlib import resources

GAZETTEER_ID = "gazetteer"

# ISO names that are not what Swedish news writes (the everyday forms are in the TSV).
_ISO_OFFICIAL_ONLY = {"Förenade kungariket", "Ryska federationen", "Förenta staterna"}


def swedish_country_names() -> list[str]:
    """Country names in Swedish from pycountry's sv locale, short forms only."""
    import pycountry

    sv = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"], fallback=True)
    names = set()
    for country in pycountry.countries:
        for attr in ("common_name", "name"):
            value = getattr(country, attr, None)
            if value:
                name = sv.gettext(value).split(",")[0].strip()
                if name and name not in _ISO_OFFICIAL_ONLY:
                    names.add(name)
    return sorted(names)


def _gazetteer_rows() -> list[list[str]]:
    text = resources.files("pipeline.data").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
    return [[c.strip() for c in line.split("\t")] for line in text.splitlines() if line.strip() and not line.startswith("#")]


def gazetteer_entries() -> list[tuple[str, str]]:
    """(name, label) for every gazetteer name, Swedish country names included."""
    entries = [(row[0], row[1]) for row in _gazetteer_rows()]
    known = {name for name, _ in entries}
    entries += [(name, "LOC") for name in swedish_country_names() if name not in known]
    return entries


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
    entries = gazetteer_entries()
    known = {name for name, _ in entries}
    swedish_places = [row[0] for row in _gazetteer_rows() if row[2:] == ["se"] and " " not in row[0]]
    entries += [(org, "ORG") for name in swedish_places for org in derived_organisations(name) if org not in known]
    patterns = []
    for name, label in entries:
        for form in [name, *genitive_forms(name)]:
            patterns.append({"label": label, "pattern": form, "id": GAZETTEER_ID})
    return patterns
