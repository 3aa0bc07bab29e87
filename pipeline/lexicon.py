"""One loader for every language-data file in ``pipeline/data/``.

Each file opens with a ``#`` header saying what it holds and where it comes from;
blank lines and lines starting with ``#`` are skipped, columns are TAB-separated.
Everything here reads package data only: no corpus, no network, no pycountry (the
country list is written by ``python -m pipeline build-lexicons`` at build time).

    rows("speech_verbs.txt")  -> (("säger", "say"), ("sa", "say"), …)
    words("roles.txt")        -> frozenset({"minister", …})
    gazetteer()               -> {"Nordkorea": "LOC", "FN": "ORG", …}
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "pipeline.data"
# Marks entity-ruler hits (``ent.ent_id_``) so later stages can tell them from model predictions.
GAZETTEER_ID = "gazetteer"


def read_text(name: str) -> str:
    """The raw text of ``pipeline/data/NAME``."""
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _content_lines(name: str) -> list[str]:
    return [line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def rows(name: str, columns: int | None = None) -> tuple[tuple[str, ...], ...]:
    """The TAB-separated rows of a data file, cells stripped.

    ``columns`` splits at most into that many cells (a regex in the last column may
    hold anything).
    """
    split = -1 if columns is None else columns - 1
    return tuple(tuple(cell.strip() for cell in line.split("\t", split)) for line in _content_lines(name))


@lru_cache(maxsize=None)
def words(name: str, lower: bool = False) -> frozenset[str]:
    """The first column of every row, as a set (``lower``: lower-cased)."""
    return frozenset(r[0].lower() if lower else r[0] for r in rows(name))


@lru_cache(maxsize=None)
def mapping(name: str) -> dict[str, str]:
    """First column -> second column (a later row wins)."""
    return {r[0]: r[1] for r in rows(name)}


def jsonl(name: str) -> list[dict[str, Any]]:
    """One JSON object per content line."""
    return [json.loads(line) for line in _content_lines(name)]


@lru_cache(maxsize=1)
def gazetteer_rows() -> tuple[tuple[str, ...], ...]:
    """``gazetteer.tsv``: (name, label[, "se"]) of well-known names."""
    return rows("gazetteer.tsv")


@lru_cache(maxsize=1)
def swedish_places() -> frozenset[str]:
    """Gazetteer names marked ``se``: Swedish places (towns, municipalities, regions)."""
    return frozenset(r[0] for r in gazetteer_rows() if list(r[2:]) == ["se"])


@lru_cache(maxsize=1)
def gazetteer_entries() -> tuple[tuple[str, str], ...]:
    """(name, label) for every gazetteer name, the Swedish country names included."""
    entries = [(r[0], r[1]) for r in gazetteer_rows()]
    known = {name for name, _ in entries}
    entries += [(r[0], "LOC") for r in rows("countries_sv.tsv") if r[0] not in known]
    return tuple(entries)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Gazetteer name -> label."""
    return dict(gazetteer_entries())


def gazetteer_label(name: str) -> str | None:
    return gazetteer().get(name)


@lru_cache(maxsize=None)
def word_classes(name: str) -> dict[str, frozenset[str]]:
    """``word<TAB>class`` rows -> class -> its words (a word may be in several classes)."""
    out: dict[str, set[str]] = {}
    for word, cls in rows(name, columns=2):
        out.setdefault(cls, set()).add(word)
    return {cls: frozenset(ws) for cls, ws in out.items()}
