"""``run``: inputs -> articles -> Docs -> tables, in bounded memory, on one or many cores.

Articles stream from the inputs in batches. Each batch goes to an *engine* that turns
it into table rows with :func:`process_batch` (the same function everywhere):

* ``local``, ``workers=1``: in this process;
* ``local``, ``workers=N``: a pool of N processes, each with its own loaded model;
* ``dask``: the workers of a dask.distributed cluster (``pip install .[dask]``).

Rows come back in input order whatever the engine and go into the corpus database
(``corpus.duckdb``, :mod:`pipeline.store`) in one transaction per run: a run that is
interrupted or killed leaves the corpus as it was. After the commit the tables (and the
corpus views) are exported as Parquet (and CSV) files, each replaced atomically.
Re-running into the same folder reuses the rows of every article whose text
(``content_sha256``) and pipeline version are unchanged; ``force`` recomputes.

The output folder is a corpus: every article of an earlier run that is not in this run's
input is kept; ``replace`` starts a fresh corpus. A run with no input articles at all is
an error (:class:`NoInput`) and leaves the folder untouched. A lock file keeps two runs
from writing into one folder at the same time.
"""

from __future__ import annotations

import os
import signal
import threading
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .ingest import Article, read_inputs
from .lock import RunLock
from .tables import (
    InvalidRows,
    Rows,
    article_row,
    doc_rows,
    empty_rows,
    merge,
    validate,
)
from .version import pipeline_version

BATCH_SIZE = 32  # articles per unit of work (a task for a worker, a Parquet row group)
# Docs the model processes at once: 8 costs ~4% speed against 32 and saves ~150 MB of
# peak memory per worker (measured on the dev articles).
PIPE_BATCH = 8
PARENT_CHECK_EVERY = 0.5  # seconds between a worker's checks that the run still lives
PROGRESS_EVERY = 30.0  # seconds between progress lines when stderr is not a terminal


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
    seconds_store: float = 0.0  # of ``seconds``: the commit and the Parquet/CSV export at the end

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


def _init_worker(parent: int, inherited_fds: Sequence[int] = ()) -> None:
    """A pool worker: end with the run, and load the model.

    However the run's main process ends (``kill -9``, the out-of-memory killer), its
    workers must not outlive it: they would hold memory and, blocked on a full pipe, wait
    for ever. On Linux the kernel kills the worker when its parent dies
    (``PR_SET_PDEATHSIG``); everywhere (macOS has no such signal) a thread checks every
    ``PARENT_CHECK_EVERY`` seconds that the parent is still the one that started it and
    ends the process when it is not. Descriptors the worker does not need (the output
    lock) are closed, so a worker can never keep the folder locked.
    """
    _die_with_parent(parent)
    for fd in inherited_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    _worker_nlp()


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the thread below still works
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_EVERY)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def local_engine(workers: int, inherited_fds: Sequence[int] = ()) -> tuple[Engine, Callable[[], None]]:
    """``workers`` processes (or this one); ``inherited_fds``: descriptors of this process
    the workers close when they start."""
    if workers <= 1:
        return (lambda batches: (process_batch(b) for b in batches)), (lambda: None)
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(os.getpid(), inherited_fds))

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


# -- the run --------------------------------------------------------------------------


class Progress:
    """Progress on stderr: a tqdm bar on a terminal; elsewhere (a log, CI) a plain line
    every ``every`` seconds (``PROGRESS_EVERY``), never a carriage return; nothing when
    disabled (``-q``). ``total`` when the number of articles is known."""

    def __init__(self, enabled: bool = True, every: float | None = None, total: int | None = None):
        self.enabled, self.total = enabled, total
        self.every = PROGRESS_EVERY if every is None else every
        self.n = 0
        self.started = self.last = time.time()
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(desc="articles", unit="art", file=sys.stderr, total=total)

    def update(self, n: int) -> None:
        self.n += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.enabled and time.time() - self.last >= self.every:
            self.last = time.time()
            rate = self.n / max(self.last - self.started, 1e-9)
            of = f" of {self.total}" if self.total else ""
            print(f"articles: {self.n}{of} done ({rate:.1f}/s)", file=sys.stderr, flush=True)

    def message(self, text: str) -> None:
        """A line that must be seen (an article's error), also with -q."""
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _known_total(inputs: Sequence[str | Path]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know: one per file, so
    only without JSON/JSONL feeds (which may hold any number and are read as streams)."""
    from .ingest import JSON_SUFFIXES, JSONL_SUFFIXES, iter_files

    total = 0
    for path in iter_files(inputs):
        if path.suffix.lower() in JSON_SUFFIXES | JSONL_SUFFIXES:
            return None
        total += 1
    return total


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
    outlet: str | None = None,
) -> RunSummary:
    """Process ``inputs`` into the corpus in ``out`` (see the module docstring).

    ``force`` recomputes articles whose rows are up to date; ``replace`` drops the
    articles of earlier runs that are not in ``inputs``; ``outlet`` is the outlet of the
    articles that do not name their own (a record's or a sidecar's ``outlet``)."""
    from .store import Corpus, remove_stale_files

    started = time.time()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lock = RunLock(out)
    corpus = None
    close = None
    bar = None
    try:
        remove_stale_files(out)
        corpus = Corpus(out)
        version = pipeline_version()
        stored = corpus.state() if not force else {}
        if engine == "dask":
            mapper, close = dask_engine(scheduler, workers)
        else:
            mapper, close = local_engine(workers, (lock.fileno(),))
        counts = {"ok": 0, "error": 0, "reused": 0, "entities": 0, "quotes": 0}
        seen: set[str] = set()
        bar = Progress(enabled=progress, total=_known_total(inputs) if progress else None)
        corpus.begin(replace=replace)
        plan: deque[tuple[list[Article], list[bool]]] = deque()

        def to_compute() -> Iterator[list[Article]]:
            for batch in _batches(read_inputs(inputs, outlet=outlet), batch_size):
                reuse = [not a.error and stored.get(a.article_id) == (a.content_sha256, version) for a in batch]
                seen.update(a.article_id for a in batch)
                plan.append((batch, reuse))
                yield [a for a, r in zip(batch, reuse) if not r]

        for computed in mapper(to_compute()):
            batch, reuse = plan.popleft()
            for r in computed["articles"]:
                if r["status"] == "error":
                    bar.message(f"error: {r['error']}")
                counts["ok" if r["status"] == "ok" else "error"] += 1
            reused = [a for a, r in zip(batch, reuse) if r]
            counts["ok"] += len(reused)
            counts["reused"] += len(reused)
            corpus.put(computed)
            corpus.touch(reused)
            bar.update(len(batch))
        if not seen:
            raise NoInput("no articles in the input (no .txt, .html, .json or .jsonl files)")
        store_started = time.time()
        corpus.commit()
        kept = sum(1 for aid in corpus.article_ids() if aid not in seen)
        counts["entities"], counts["quotes"] = corpus.run_counts()
        files = corpus.export(formats)
    except BaseException:
        if corpus is not None:
            corpus.rollback()
        raise
    finally:
        if bar is not None:
            bar.close()
        if close is not None:
            close()
        if corpus is not None:
            corpus.close()
        lock.release()
    return RunSummary(counts["ok"], counts["error"], counts["reused"], counts["entities"], counts["quotes"],
                      time.time() - started, tuple(files), kept, time.time() - store_started)


def remove_articles(out: Path, article_ids: Sequence[str]) -> list[str]:
    """Remove articles from the corpus in ``out`` (one transaction), then re-export the
    files; returns the ids that were there."""
    from .store import Corpus

    lock = RunLock(Path(out))
    try:
        corpus = Corpus(Path(out))
        try:
            removed = corpus.remove(article_ids)
            corpus.export(["parquet", "csv"] if (Path(out) / "articles.csv").exists() else ["parquet"])
        finally:
            corpus.close()
    finally:
        lock.release()
    return removed


