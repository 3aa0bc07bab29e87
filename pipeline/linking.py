"""Entities -> entries of the name lexicon (``data/names.tsv``).

An entity is linked when its canonical name, or failing that one of its other surface
forms (genitive removed), is the name or an alias of exactly one lexicon entry of the
same label: ``Djurgården`` as ORG is the club ``club:djurgardens-if``, ``Umeå`` as LOC
the municipality ``se-kommun:2480``, ``Umeå kommun`` (ORG) its authority. A form shared
by two entries of one label (``Malmö``: Malmö FF and Malmö Redhawks) links nothing: the
column is empty rather than a guess.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import lexicon
from .entities import fold_key
from .swedish import strip_genitive


@lexicon.cached(maxsize=1)
def name_index() -> dict[tuple[str, str], tuple[str, ...]]:
    """(label, folded form) -> the ids of the entries with that name or alias."""
    index: dict[tuple[str, str], list[str]] = {}
    for id_, name, label, _kind, aliases, _sources in lexicon.rows("names.tsv", 6):
        for form in [name, *(a for a in aliases.split("|") if a)]:
            ids = index.setdefault((label, fold_key(form)), [])
            if id_ not in ids:
                ids.append(id_)
    return {key: tuple(ids) for key, ids in index.items()}


def _lookup(label: str, form: str) -> tuple[str, ...]:
    return name_index().get((label, fold_key(form)), ())


def link(label: str, name: str, aliases: Iterable[str] = ()) -> str | None:
    """The lexicon id of an entity, or None (unknown or ambiguous)."""
    ids = _lookup(label, name)
    if not ids:
        for form in aliases:
            ids = _lookup(label, form) or _lookup(label, strip_genitive(form, label))
            if ids:
                break
    return ids[0] if len(ids) == 1 else None
