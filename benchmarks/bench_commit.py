#!/usr/bin/env python
"""What quote deduplication adds to the commit of a large corpus (not a test).

    python benchmarks/bench_commit.py [--n 20000] [--repeats 3] [--json FILE]

The rows of the seed and dev articles are computed once with the shipped model, then
staged N times over under new article ids (as benchmarks/bench.py builds its corpus: the
same texts, distinct ids, so every quote has hundreds of exact copies and a few edited
ones do not occur) and committed into a new corpus folder: once as the pipeline does it,
once with the quote clustering step (``Corpus._cluster_quotes``) left out. Each is repeated
in fresh folders; the medians are compared. The commit is the step that loads a run's
staged rows into corpus.duckdb in one transaction (the Parquet export after it is not
counted).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import DEV, ROOT  # noqa: E402

sys.path.insert(0, str(ROOT))


def base_rows() -> dict[str, list[dict]]:
    from pipeline import load
    from pipeline.ingest import read_inputs
    from pipeline.run import process_batch

    sources = sorted((ROOT / "raw").glob("*.txt")) + (sorted(DEV.glob("*.txt")) if DEV.exists() else [])
    return process_batch(list(read_inputs(sources)), load())


def renamed(rows: dict[str, list[dict]], k: int) -> dict[str, list[dict]]:
    out = {}
    for name, table in rows.items():
        new = []
        for r in table:
            r = dict(r)
            aid = r["article_id"]
            r["article_id"] = f"b{k:05d}-{aid}"
            if "quote_id" in r:
                r["quote_id"] = r["quote_id"].replace(aid, r["article_id"], 1)
            new.append(r)
        out[name] = new
    return out


def commit_seconds(rows: dict[str, list[dict]], n: int, cluster: bool) -> float:
    from pipeline.store import Corpus

    n_base = len(rows["articles"])
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp))
        if not cluster:
            corpus._cluster_quotes = lambda: None  # type: ignore[method-assign]
        corpus.begin()
        for k in range((n + n_base - 1) // n_base):
            corpus.put(renamed(rows, k))
        start = time.perf_counter()
        corpus.commit()
        seconds = time.perf_counter() - start
        n_quotes = corpus.con.execute("SELECT count(*) FROM quotes").fetchone()[0]
        corpus.close()
    print(f"  {'with' if cluster else 'without'} clustering: {seconds:.2f} s ({n_quotes} quotes)", file=sys.stderr)
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()
    rows = base_rows()
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(args.repeats):
        for cluster in (False, True):
            times[cluster].append(commit_seconds(rows, args.n, cluster))
    without, with_ = statistics.median(times[False]), statistics.median(times[True])
    result = {"articles": args.n, "base_articles": len(rows["articles"]), "repeats": args.repeats,
              "commit_seconds_without_clustering": round(without, 2), "commit_seconds_with_clustering": round(with_, 2),
              "added_share": round(with_ / without - 1, 3)}
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
