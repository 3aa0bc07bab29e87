"""One loader for every language-data file in ``pipeline/data/``.

Each file opens with a ``#`` header saying what it holds and where it comes from;
blank lines and lines starting with ``#`` are skipped, columns are TAB-separated.
Everything here reads package data only: no corpus, no network, no pycountry (the
country list is written by ``python -m pipeline build-lexicons`` at build time). A loaded
model installs its own copies (:func:`install`, by its ``language_data`` component), and
those are read instead of the package's.

    rows("speech_verbs.txt")  -> (("säger", "say"), ("sa", "say"), …)
    words("roles.txt")        -> frozenset({"minister", …})
    gazetteer()               -> {"Nordkorea": "LOC", "FN": "ORG", …}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

DATA_PACKAGE = "pipeline.data"
# Marks entity-ruler hits (``ent.ent_id_``) so later stages can tell them from model predictions.
GAZETTEER_ID = "gazetteer"

F = TypeVar("F", bound=Callable[..., Any])
_INSTALLED: dict[str, str] = {}  # name -> text: the loaded model's copies (language_data)
_CACHES: list[Any] = []  # every cache derived from the data files, cleared by install()


def cached(maxsize: int | None = None) -> Callable[[F], F]:
    """``functools.lru_cache`` for anything derived from the data files: emptied when a
    model installs its own copies."""
    def wrap(fn: F) -> F:
        memo = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(memo)
        return memo  # type: ignore[return-value]

    return wrap


def install(files: dict[str, str]) -> None:
    """Read these texts (name -> text) instead of the package's files from now on."""
    _INSTALLED.clear()
    _INSTALLED.update(files)
    for memo in _CACHES:
        memo.cache_clear()


def package_text(name: str) -> str:
    """The raw text of the package's own ``pipeline/data/NAME``."""
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def read_text(name: str) -> str:
    """The raw text of data file NAME: the loaded model's copy, else the package's."""
    text = _INSTALLED.get(name)
    return text if text is not None else package_text(name)


def _content_lines(name: str) -> list[str]:
    return [line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]


@cached()
def rows(name: str, columns: int | None = None) -> tuple[tuple[str, ...], ...]:
    """The TAB-separated rows of a data file, cells stripped.

    ``columns`` splits at most into that many cells (a regex in the last column may
    hold anything).
    """
    split = -1 if columns is None else columns - 1
    return tuple(tuple(cell.strip() for cell in line.split("\t", split)) for line in _content_lines(name))


@cached()
def words(name: str, lower: bool = False) -> frozenset[str]:
    """The first column of every row, as a set (``lower``: lower-cased)."""
    return frozenset(r[0].lower() if lower else r[0] for r in rows(name))


@cached()
def mapping(name: str) -> dict[str, str]:
    """First column -> second column (a later row wins)."""
    return {r[0]: r[1] for r in rows(name)}


def jsonl(name: str) -> list[dict[str, Any]]:
    """One JSON object per content line."""
    return [json.loads(line) for line in _content_lines(name)]


@cached(maxsize=1)
def gazetteer_rows() -> tuple[tuple[str, ...], ...]:
    """``gazetteer.tsv``: (name, label[, "se"]) of well-known names."""
    return rows("gazetteer.tsv")


@cached(maxsize=1)
def swedish_places() -> frozenset[str]:
    """Gazetteer names marked ``se``: Swedish places (towns, municipalities, regions)."""
    return frozenset(r[0] for r in gazetteer_rows() if list(r[2:]) == ["se"])


@cached(maxsize=1)
def gazetteer_entries() -> tuple[tuple[str, str], ...]:
    """(name, label) for every gazetteer name, the Swedish country names included."""
    entries = [(r[0], r[1]) for r in gazetteer_rows()]
    known = {name for name, _ in entries}
    entries += [(r[0], "LOC") for r in rows("countries_sv.tsv") if r[0] not in known]
    return tuple(entries)


@cached(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Gazetteer name -> label."""
    return dict(gazetteer_entries())


def gazetteer_label(name: str) -> str | None:
    return gazetteer().get(name)


@cached()
def word_classes(name: str) -> dict[str, frozenset[str]]:
    """``word<TAB>class`` rows -> class -> its words (a word may be in several classes)."""
    out: dict[str, set[str]] = {}
    for word, cls in rows(name, columns=2):
        out.setdefault(cls, set()).add(word)
    return {cls: frozenset(ws) for cls, ws in out.items()}
