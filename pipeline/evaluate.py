"""``evaluate --gold DIR``: run the pipeline on a gold folder and score its tables.

Gold format: ``ID.txt`` (the article as scraped) + ``ID.json`` (``entities`` with
``name``, ``type``, ``aliases``; ``quotes`` with ``text``, ``speaker``, ``type``), as in the
project's dev set. The definitions are in :mod:`pipeline.scoring`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .scoring import Counts, score_tables

PARTS = ("all", "develop", "held-out")


def evaluate(gold_dir: Path, out: Path | None = None, part: str = "all") -> tuple[dict[str, float], Counts]:
    """Run the pipeline over ``gold_dir/*.txt`` into ``out`` (a temp folder if None) and score."""
    results = evaluate_parts(gold_dir, out, (part,))
    return results[part]


def evaluate_parts(gold_dir: Path, out: Path | None = None,
                   parts: tuple[str, ...] = PARTS) -> dict[str, tuple[dict[str, float], Counts]]:
    """One run, scored on each of ``parts`` (``all``, ``develop``, ``held-out``)."""
    import pandas as pd

    from .run import run

    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold folder not found: {gold_dir} (give --gold DIR: a folder of ID.txt + ID.json files)")
    texts = sorted(p for p in gold_dir.glob("*.txt") if p.with_suffix(".json").exists())
    if not texts:
        raise FileNotFoundError(f"no .txt files with a gold .json beside them in {gold_dir}")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(out) if out else Path(tmp)
        run(texts, target, progress=False, workers=1, force=True, replace=True)
        entities = pd.read_parquet(target / "entities.parquet")
        quotes = pd.read_parquet(target / "quotes.parquet")
    return {part: score_tables(gold_dir, entities, quotes, part) for part in parts}


def format_results(res: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.3f}" for k, v in res.items())
