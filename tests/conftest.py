"""Shared fixtures for the three tiers of tests.

* ``tests/unit``: rules on hand-built Docs, through the components alone (no
  statistical model): ``rules_nlp`` and ``annotate`` build a Doc from Swedish text with
  its entities marked inline (``[Anna Ek](PER) säger att …``), case tables in
  ``tests/cases/``.
* ``tests/integration``: the shipped model (``nlp``), the seed article, the dev set.
* ``tests/system`` (marked ``slow``): the CLI in subprocesses, kill and resume, dask,
  notebooks, training. CI runs every tier.

Tests that need ``../shared`` (corpora, dev set) skip when it is absent.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests (hypothesis) draw the same examples on every run and machine: a failure in
# CI is then a real bug that reproduces, never a one-in-twelve flake. Cases they have found
# are pinned with @example; more exploration is a matter of raising max_examples, or of
# HYPOTHESIS_PROFILE=explore (new random examples each run) on a developer's machine.
settings.register_profile("svnews", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("explore", parent=settings.get_profile("svnews"), derandomize=False)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "svnews"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
CASES = ROOT / "tests" / "cases"
SEED = ROOT / "raw" / "svt-nordkorea-ryssland.txt"
MARKUP = re.compile(r"\[([^\]]+)\]\((PER|ORG|LOC|MISC)\)")


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (the shared corpora/dev set live beside the repository)")
    return path


def read_cases(name: str) -> list[dict[str, str]]:
    """Rows of ``tests/cases/NAME`` (TAB-separated, ``#`` comments, a header row);
    ``\\n`` in a cell is a line break."""
    lines = [line for line in (CASES / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [{k: v.replace("\\n", "\n") for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def case_params(name: str, *columns: str) -> list:
    """``pytest.param`` per case-table row, with its ``case`` column as the test id."""
    return [pytest.param(*(row[c] for c in columns), id=row["case"]) for row in read_cases(name)]


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``[Anna Ek](PER) säger`` -> (``Anna Ek säger``, [(0, 7, "PER")])."""
    text, ents, pos = [], [], 0
    for m in MARKUP.finditer(marked):
        text.append(marked[pos : m.start()])
        start = sum(len(t) for t in text)
        text.append(m.group(1))
        ents.append((start, start + len(m.group(1)), m.group(2)))
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), ents


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    import json

    return json.loads((FIXTURES / "svt-nordkorea-ryssland.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    """The whole shipped pipeline (statistical model included)."""
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def rules_nlp():
    """The pipeline's own components on a blank Swedish tokenizer: no statistical model."""
    import spacy

    import pipeline.components  # noqa: F401  (registers the factories)

    blank = spacy.blank("sv")
    for name in ("news_layout", "ner_repair", "entity_clusters", "quotes"):
        blank.add_pipe(name)
    blank.initialize()
    return blank


@pytest.fixture(scope="session")
def annotate(rules_nlp) -> Callable:
    """``annotate(marked, through=(...))``: a Doc of the marked text, its entities set as
    if the model had found them, then run through the named components."""
    from spacy.tokens import Doc

    def run(marked: str, through: Iterable[str] = ("entity_clusters", "quotes")) -> Doc:
        text, ents = unmark(marked)
        doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc(text))
        spans = [doc.char_span(s, e, label=label) for s, e, label in ents]
        assert all(spans), f"entity markup not on token boundaries: {marked!r}"
        doc.ents = spans
        for name in through:
            doc = rules_nlp.get_pipe(name)(doc)
        return doc

    return run


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., subprocess.CompletedProcess]:
    """``run_cli("run", "raw/", ...)``: ``python -m pipeline`` in a subprocess."""

    def run(*args: str, cwd: Path = ROOT, timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout)

    return run
