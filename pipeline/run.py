"""``run``: inputs -> articles -> Docs -> tables, with per-article error isolation."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .ingest import Article, read_inputs
from .tables import Rows, article_row, doc_rows, empty_rows, merge, write_tables

BATCH_SIZE = 16


@dataclass(frozen=True)
class RunSummary:
    n_ok: int
    n_error: int
    n_entities: int
    n_quotes: int
    seconds: float
    files: tuple[Path, ...]

    def line(self) -> str:
        return (
            f"{self.n_ok} articles ok, {self.n_error} errors, {self.n_entities} entities, "
            f"{self.n_quotes} quotes in {self.seconds:.1f} s"
        )


def _report(message: str) -> None:
    print(f"error: {message}", file=sys.stderr, flush=True)


def process(nlp, articles: Sequence[Article]) -> Rows:  # type: ignore[no-untyped-def]
    """Rows for a batch of articles; an article that fails becomes an error row."""
    rows = empty_rows()
    good = [a for a in articles if not a.error]
    for a in articles:
        if a.error:
            _report(a.error)
            rows["articles"].append(article_row(a))
    try:
        docs = list(nlp.pipe([a.text for a in good]))
    except Exception:  # one bad article must not sink the batch: redo them one by one
        docs = []
        for a in good:
            try:
                docs.append(nlp(a.text))
            except Exception as exc:  # noqa: BLE001  (any failure is recorded, not raised)
                docs.append(f"{a.source}: processing failed ({type(exc).__name__}: {exc})")
    for a, doc in zip(good, docs):
        if isinstance(doc, str):
            _report(doc)
            rows["articles"].append(article_row(a, error=doc))
        else:
            merge(rows, doc_rows(a, doc))
    return rows


def _batches(articles: Iterable[Article], size: int) -> Iterable[list[Article]]:
    batch: list[Article] = []
    for a in articles:
        batch.append(a)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    inputs: Sequence[str | Path],
    out: Path,
    formats: Iterable[str] = ("parquet",),
    progress: bool = True,
    nlp=None,  # type: ignore[no-untyped-def]
) -> RunSummary:
    from tqdm import tqdm

    from . import load

    started = time.time()
    nlp = nlp or load()
    rows = empty_rows()
    bar = tqdm(desc="articles", unit="art", disable=not progress, file=sys.stderr)
    for batch in _batches(read_inputs(inputs), BATCH_SIZE):
        merge(rows, process(nlp, batch))
        bar.update(len(batch))
    bar.close()
    files = write_tables(rows, out, formats)
    statuses = [r["status"] for r in rows["articles"]]
    return RunSummary(
        n_ok=statuses.count("ok"),
        n_error=statuses.count("error"),
        n_entities=len(rows["entities"]),
        n_quotes=len(rows["quotes"]),
        seconds=time.time() - started,
        files=tuple(files),
    )
