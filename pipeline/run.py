"""``run``: inputs -> articles -> Docs -> tables, in bounded memory, on one or many cores.

Articles stream from the inputs in batches. Each batch goes to an *engine* that turns
it into table rows with :func:`process_batch` (the same function everywhere):

* ``local``, ``workers=1``: in this process;
* ``local``, ``workers=N``: a pool of N processes, each with its own loaded model;
* ``dask``: the workers of a dask.distributed cluster (``pip install .[dask]``).

Rows come back in input order whatever the engine, and are appended to the output
tables as Parquet row groups (and CSV chunks) in temporary files that replace the old
tables only when the run has finished, so an interrupted run leaves the previous
tables intact. Re-running into the same folder reuses the rows of every article whose
text (``content_sha256``) and pipeline version are unchanged; ``force`` recomputes.

The output folder is a corpus: the rows of every article of an earlier run that is not
in this run's input are kept (written after this run's articles); ``replace`` starts a
fresh corpus. A run with no input articles at all is an error (:class:`NoInput`) and
leaves the folder untouched. A lock file keeps two runs from writing into one folder at
the same time.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .ingest import Article, read_inputs
from .tables import (TABLES, InvalidRows, Rows, TableWriter, article_row, doc_rows, empty_rows, merge,
                     pipeline_version, validate)

BATCH_SIZE = 32  # articles per unit of work (a task for a worker, a Parquet row group)
# Docs the model processes at once: 8 costs ~4% speed against 32 and saves ~150 MB of
# peak memory per worker (measured on the dev articles).
PIPE_BATCH = 8
LOCK_NAME = ".pipeline.lock"


@dataclass(frozen=True)
class RunSummary:
    n_ok: int
    n_error: int
    n_reused: int
    n_entities: int
    n_quotes: int
    seconds: float
    files: tuple[Path, ...]
    n_kept: int = 0  # articles of earlier runs, not in this input, kept in the corpus

    def line(self) -> str:
        reused = f" ({self.n_reused} unchanged, reused)" if self.n_reused else ""
        kept = f"; {_n(self.n_kept, 'earlier article')} kept" if self.n_kept else ""
        return (
            f"{_n(self.n_ok, 'article')} ok, {_n(self.n_error, 'error')}{reused}, {_n(self.n_entities, 'entity', 'entities')}, "
            f"{_n(self.n_quotes, 'quote')} in {self.seconds:.1f} s{kept}"
        )


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


class NoInput(ValueError):
    """The inputs hold no article: nothing is processed and the output folder is not touched."""


# -- the per-batch work, identical for every engine ----------------------------------

_NLP = None


def _worker_nlp():  # type: ignore[no-untyped-def]
    """The pipeline, loaded once per process (pool worker, dask worker or this one)."""
    global _NLP
    if _NLP is None:
        from . import load

        _NLP = load()
    return _NLP


def process_batch(articles: Sequence[Article], nlp=None) -> Rows:  # type: ignore[no-untyped-def]
    """Table rows for a batch of articles; an article that fails becomes an error row."""
    rows = empty_rows()
    good = [a for a in articles if not a.error]
    if good:  # a batch of errors or of nothing (all reused) needs no model
        nlp = nlp or _worker_nlp()
    docs: list[Any]
    try:
        docs = list(nlp.pipe([a.text for a in good], batch_size=PIPE_BATCH)) if good else []
    except Exception:  # one bad article must not sink the batch: redo them one by one
        docs = []
        for a in good:
            try:
                docs.append(nlp(a.text))
            except Exception as exc:  # noqa: BLE001  (any failure is recorded, not raised)
                docs.append(f"{a.source}: processing failed ({type(exc).__name__}: {exc})")
    by_id = {a.article_id: doc for a, doc in zip(good, docs)}
    for a in articles:
        doc = by_id.get(a.article_id)
        if a.error or isinstance(doc, str) or doc is None:
            rows["articles"].append(article_row(a, error=a.error or doc or "not processed"))
            continue
        try:
            article_rows = doc_rows(a, doc)
            validate(article_rows)
        except InvalidRows as exc:  # keep the article (text and all), flag the bug
            article_rows = empty_rows()
            article_rows["articles"].append(article_row(a, error=f"{a.source}: internal error, output not valid ({exc})"))
        merge(rows, article_rows)
    return rows


# -- engines: map process_batch over batches, results in input order ----------------

Engine = Callable[[Iterable[list[Article]]], Iterator[Rows]]


def _windowed(submit: Callable[[list[Article]], Any], result: Callable[[Any], Rows], batches: Iterable[list[Article]],
              window: int) -> Iterator[Rows]:
    """Keep at most ``window`` batches in flight; yield their rows in submission order."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def local_engine(workers: int) -> tuple[Engine, Callable[[], None]]:
    if workers <= 1:
        return (lambda batches: (process_batch(b) for b in batches)), (lambda: None)
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_nlp)

    def engine(batches: Iterable[list[Article]]) -> Iterator[Rows]:
        return _windowed(lambda b: pool.submit(process_batch, b), lambda f: f.result(), batches, 2 * workers)

    return engine, lambda: pool.shutdown(cancel_futures=True)


def dask_engine(scheduler: str | None, workers: int) -> tuple[Engine, Callable[[], None]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise SystemExit("error: --engine dask needs dask.distributed: pip install '.[dask]'") from exc
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)

    def engine(batches: Iterable[list[Article]]) -> Iterator[Rows]:
        # pure=False: a batch is always recomputed, never served from dask's cache
        return _windowed(lambda b: client.submit(process_batch, b, pure=False), lambda f: f.result(), batches,
                         2 * n_workers)

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return engine, close


# -- incremental runs -----------------------------------------------------------------


class PreviousRun:
    """The tables of an earlier run in the output folder, memory-mapped, by article."""

    def __init__(self, out: Path):
        import pyarrow.parquet as pq

        self.tables = {}
        self.index: dict[str, dict[str, list[int]]] = {}
        self.state: dict[str, tuple[str, str]] = {}
        if not all((out / f"{name}.parquet").exists() for name in TABLES):
            return
        try:
            for name in TABLES:
                table = pq.read_table(out / f"{name}.parquet", memory_map=True)
                self.tables[name] = table
                idx: dict[str, list[int]] = {}
                for i, aid in enumerate(table.column("article_id").to_pylist()):
                    idx.setdefault(aid, []).append(i)
                self.index[name] = idx
            arts = self.tables["articles"]
            for aid, sha, version, status in zip(*(arts.column(c).to_pylist() for c in
                                                   ("article_id", "content_sha256", "pipeline_version", "status"))):
                if status == "ok":
                    self.state[aid] = (sha, version)
        except Exception as exc:  # noqa: BLE001  an unreadable old table only means no reuse
            print(f"warning: {out}: previous tables unreadable ({exc}); recomputing everything", file=sys.stderr)
            self.tables, self.index, self.state = {}, {}, {}

    def unchanged(self, article: Article, version: str) -> bool:
        return not article.error and self.state.get(article.article_id) == (article.content_sha256, version)

    def article_ids(self) -> list[str]:
        """Every article of the earlier run, in its order."""
        return list(self.index.get("articles", {}))

    def kept_rows(self, article_ids: Sequence[str]) -> Rows:
        """All rows of these earlier articles, as they were."""
        rows = empty_rows()
        for name in TABLES:
            idx = [i for aid in article_ids for i in self.index[name].get(aid, [])]
            if idx:
                rows[name] = self.tables[name].take(idx).to_pylist()
        return rows

    def rows(self, articles: Sequence[Article]) -> dict[str, Rows]:
        """The earlier rows of unchanged articles (one ``take`` per table), each with
        where the article was read from this time."""
        out = {a.article_id: empty_rows() for a in articles}
        for name in TABLES:
            idx = [i for a in articles for i in self.index[name].get(a.article_id, [])]
            if idx:
                for r in self.tables[name].take(idx).to_pylist():
                    out[r["article_id"]][name].append(r)
        for a in articles:
            for r in out[a.article_id]["articles"]:
                r.update(source=a.source, url=a.url, published=a.published, warning=a.warning)
                if a.title:
                    r["title"] = a.title
        return out


# -- the run --------------------------------------------------------------------------


class OutputLocked(RuntimeError):
    pass


class _Lock:
    """An exclusive lock on the output folder (released when the process ends, even if killed)."""

    def __init__(self, out: Path):
        self.path = out / LOCK_NAME
        self.fh = self.path.open("a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.seek(0)
            holder = self.fh.read().strip() or "another process"
            self.fh.close()
            raise OutputLocked(f"{out} is being written by another run ({holder}); wait for it to finish") from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(f"pid {os.getpid()}")
        self.fh.flush()

    def release(self) -> None:
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
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
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    batch_size: int = BATCH_SIZE,
    replace: bool = False,
) -> RunSummary:
    """Process ``inputs`` into the tables in ``out`` (see the module docstring).

    ``force`` recomputes articles whose rows are up to date; ``replace`` drops the
    articles of earlier runs that are not in ``inputs``."""
    from tqdm import tqdm

    started = time.time()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lock = _Lock(out)
    version = pipeline_version()
    previous = PreviousRun(out) if not replace else None
    reusable = previous if not force else None
    if engine == "dask":
        mapper, close = dask_engine(scheduler, workers)
    else:
        mapper, close = local_engine(workers)
    counts = {"ok": 0, "error": 0, "reused": 0, "entities": 0, "quotes": 0}
    seen: set[str] = set()
    bar = tqdm(desc="articles", unit="art", disable=not progress, file=sys.stderr)
    writer = TableWriter(out, formats)
    try:
        plan: deque[tuple[list[Article], list[bool]]] = deque()

        def to_compute() -> Iterator[list[Article]]:
            for batch in _batches(read_inputs(inputs), batch_size):
                reuse = [reusable is not None and reusable.unchanged(a, version) for a in batch]
                seen.update(a.article_id for a in batch)
                plan.append((batch, reuse))
                yield [a for a, r in zip(batch, reuse) if not r]

        for computed in mapper(to_compute()):
            batch, reuse = plan.popleft()
            by_article = _split_by_article(computed)
            if reusable is not None and any(reuse):
                by_article.update(reusable.rows([a for a, r in zip(batch, reuse) if r]))
            rows = empty_rows()
            for article in batch:
                merge(rows, by_article[article.article_id])
            counts["reused"] += sum(reuse)
            for r in rows["articles"]:
                if r["status"] == "error":
                    print(f"error: {r['error']}", file=sys.stderr, flush=True)
                counts["ok" if r["status"] == "ok" else "error"] += 1
            counts["entities"] += len(rows["entities"])
            counts["quotes"] += len(rows["quotes"])
            writer.write(rows)
            bar.update(len(batch))
        if not seen:
            raise NoInput("no articles in the input (no .txt, .html, .json or .jsonl files)")
        kept = [aid for aid in previous.article_ids() if aid not in seen] if previous is not None else []
        if kept:
            writer.write(previous.kept_rows(kept))  # type: ignore[union-attr]
        files = writer.commit()
    finally:
        bar.close()
        writer.abort()
        close()
        lock.release()
    return RunSummary(counts["ok"], counts["error"], counts["reused"], counts["entities"], counts["quotes"],
                      time.time() - started, tuple(files), len(kept))


def _split_by_article(rows: Rows) -> dict[str, Rows]:
    out: dict[str, Rows] = {}
    for name in TABLES:
        for r in rows[name]:
            out.setdefault(r["article_id"], empty_rows())[name].append(r)
    return out
