#!/usr/bin/env python
"""Throughput, memory and start-up of the pipeline, measured in one run (not a test).

    python benchmarks/bench.py [--n 2000] [--workers 2] [--json FILE]

Builds a corpus of N articles from ``raw/`` plus ``../shared/eval/dev`` when present
(repeated with distinct ids, as one JSONL feed) and measures, each in articles/s and
tokens/s:

  a  spaCy's Swedish tokenizer alone
  b  tokenizer + the shipped NER model only (entity ruler, tok2vec, ner)
  c  the full pipeline with tables written (`run`, 1 worker)
  d  the same with --workers N
  e  an incremental re-run of the unchanged corpus (c's output folder)
  f  the full pipeline's nlp.pipe alone (no tables), and g the same without the
     attribution parser: f - g is what the parser costs

plus cold start (`import pipeline; pipeline.load()` in a fresh interpreter, best of 3)
and peak RSS of a 1-worker run and of the busiest process of an N-worker run.
Prints a table and the ratios c/b, c/a and d/c; the README reports the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"


def build_corpus(n: int, folder: Path) -> tuple[Path, list[str]]:
    sources = sorted((ROOT / "raw").glob("*.txt"))
    if DEV.exists():
        sources += sorted(DEV.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    feed = folder / "corpus.jsonl"
    corpus = []
    with feed.open("w", encoding="utf-8") as fh:
        for i in range(n):
            src = sources[i % len(sources)]
            text = texts[i % len(texts)]
            corpus.append(text)
            fh.write(json.dumps({"id": f"b{i:05d}-{src.stem}", "text": text}, ensure_ascii=False) + "\n")
    return feed, corpus


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


# Runs the command from a small interpreter and reports the command's own peak RSS: a
# child forked straight from this process would start with this process's resident set (the
# models of the stages above) and Linux keeps that peak across exec.
_PEAK_RSS = """import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def child_peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the command or its largest descendant)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PEAK_RSS, *cmd], cwd=ROOT, capture_output=True, text=True, check=True)
    maxrss_kb, code = (int(v) for v in out.stdout.split())
    if code != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    return time.perf_counter() - start, maxrss_kb / 1024


def cold_start() -> float:
    best = float("inf")
    for _ in range(3):
        _, seconds = timed(lambda: subprocess.run([sys.executable, "-c", "import pipeline; pipeline.load()"],
                                                  cwd=ROOT, check=True))
        best = min(best, seconds)
    return best


def tables_equal(a: Path, b: Path) -> bool:
    import pandas as pd

    from pipeline.tables import TABLES

    return all(pd.read_parquet(a / f"{t}.parquet").equals(pd.read_parquet(b / f"{t}.parquet")) for t in TABLES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="articles in the corpus (default 2000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="workers for d (default: cores)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()

    import spacy

    import pipeline
    from pipeline.run import PIPE_BATCH, _worker_nlp, run
    from pipeline.training.ner import load_ner

    results: dict[str, object] = {"cores": os.cpu_count(), "articles": args.n, "python": sys.version.split()[0],
                                  "spacy": spacy.__version__}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        feed, texts = build_corpus(args.n, tmpdir)

        tokenizer = spacy.blank("sv").tokenizer
        docs, secs_a = timed(lambda: list(tokenizer.pipe(texts, batch_size=64)))
        n_tokens = sum(len(d) for d in docs)
        del docs
        results["tokens"] = n_tokens

        ner = load_ner(pipeline.MODEL_DIR)  # entity_ruler, tok2vec, ner: the model alone
        _, secs_b = timed(lambda: sum(1 for _ in ner.pipe(texts, batch_size=PIPE_BATCH)))
        del ner

        full = _worker_nlp()  # load outside the timing, as for b
        _, secs_f = timed(lambda: sum(1 for _ in full.pipe(texts, batch_size=PIPE_BATCH)))
        with full.select_pipes(disable=["attribution_parser"]):
            _, secs_g = timed(lambda: sum(1 for _ in full.pipe(texts, batch_size=PIPE_BATCH)))
        out_c = tmpdir / "out-c"
        _, secs_c = timed(lambda: run([feed], out_c, progress=False, workers=1, force=True))

        out_d = tmpdir / "out-d"
        _, secs_d = timed(lambda: run([feed], out_d, progress=False, workers=args.workers, force=True))
        same_d = tables_equal(out_c, out_d)

        # the re-run must leave every table's content as it was (the Parquet bytes may differ:
        # the corpus rewrites the quote table after re-clustering)
        shutil.copytree(out_c, tmpdir / "out-c-first", ignore=shutil.ignore_patterns("*.duckdb*", "*.lock"))
        _, secs_e = timed(lambda: run([feed], out_c, progress=False, workers=1))
        same_e = tables_equal(tmpdir / "out-c-first", out_c) and same_d

        cmd = [sys.executable, "-m", "pipeline", "run", str(feed), "--out", str(tmpdir / "out-rss"), "--quiet", "--force"]
        _, rss_1 = child_peak_rss_mb(cmd + ["--workers", "1"])
        _, rss_n = child_peak_rss_mb(cmd + ["--workers", str(args.workers)])
        results["cold_start_s"] = round(cold_start(), 2)

    def rate(secs: float) -> dict[str, float]:
        return {"seconds": round(secs, 2), "articles_per_s": round(args.n / secs, 1), "tokens_per_s": round(n_tokens / secs)}

    results.update({
        "a_tokenizer": rate(secs_a), "b_ner_model": rate(secs_b), "c_full_1_worker": rate(secs_c),
        f"d_full_{args.workers}_workers": rate(secs_d), "e_incremental_rerun": rate(secs_e),
        "f_pipeline_nlp_only": rate(secs_f), "g_pipeline_without_parser": rate(secs_g),
        "parser_share_of_pipeline": round((secs_f - secs_g) / secs_f, 3),
        "ratio_c_over_b": round(secs_b / secs_c, 3), "ratio_c_over_a": round(secs_a / secs_c, 4),
        "speedup_d_over_c": round(secs_c / secs_d, 2), "rerun_share_of_first_run": round(secs_e / secs_c, 3),
        "workers_tables_identical": same_d, "rerun_tables_identical": same_e,
        "peak_rss_mb_1_worker": round(rss_1), f"peak_rss_mb_per_process_{args.workers}_workers": round(rss_n),
        "model_mb": round(sum(f.stat().st_size for f in pipeline.MODEL_DIR.rglob("*") if f.is_file()) / 1e6, 1),
    })
    print(f"{args.n} articles, {n_tokens:,} tokens, {results['cores']} cores, spaCy {spacy.__version__}")
    print(f"{'stage':<34}{'seconds':>9}{'articles/s':>12}{'tokens/s':>11}")
    for key in ("a_tokenizer", "b_ner_model", "c_full_1_worker", f"d_full_{args.workers}_workers", "e_incremental_rerun",
                "f_pipeline_nlp_only", "g_pipeline_without_parser"):
        r = results[key]
        print(f"{key:<34}{r['seconds']:>9}{r['articles_per_s']:>12}{r['tokens_per_s']:>11}")  # type: ignore[index]
    for key in ("parser_share_of_pipeline", "ratio_c_over_b", "ratio_c_over_a", "speedup_d_over_c", "rerun_share_of_first_run",
                "workers_tables_identical", "rerun_tables_identical", "peak_rss_mb_1_worker",
                f"peak_rss_mb_per_process_{args.workers}_workers", "cold_start_s", "model_mb"):
        print(f"{key:<34}{results[key]!s:>9}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
