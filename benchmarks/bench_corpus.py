#!/usr/bin/env python
"""What the corpus store costs at scale, measured in one run (not a test).

    python benchmarks/bench_corpus.py [--n 20000] [--workers 2] [--json FILE]

Builds N articles as benchmarks/bench.py does, runs `python -m pipeline run` on them into a
new folder in a child process and reports: the run's seconds, the seconds of its last step
(the commit of the one transaction and the Parquet export of every table and view), their
share, and the peak RSS of the busiest process; then a second, incremental run of the same
input (all articles reused) and the sizes of corpus.duckdb and the Parquet files.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, build_corpus  # noqa: E402

CHILD = """
import json, sys
from pathlib import Path
from pipeline.run import run
s = run([Path(sys.argv[1])], Path(sys.argv[2]), progress=False, workers=int(sys.argv[3]))
print(json.dumps({"seconds": s.seconds, "seconds_store": s.seconds_store, "ok": s.n_ok, "reused": s.n_reused}))
"""


def child(feed: Path, out: Path, workers: int) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(feed), str(out), str(workers)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    assert proc.stdout is not None
    figures = json.loads(proc.stdout.read().decode().strip().splitlines()[-1])
    if status != 0:
        raise SystemExit("benchmark run failed")
    figures.update(wall_seconds=time.perf_counter() - start, peak_rss_mb=usage.ru_maxrss / 1024)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feed, _ = build_corpus(args.n, Path(tmp))
        out = Path(tmp) / "out"
        first = child(feed, out, args.workers)
        again = child(feed, out, args.workers)
        sizes = {p.name: round(p.stat().st_size / 1e6, 1) for p in sorted(out.iterdir()) if p.is_file()}
    results = {
        "articles": args.n, "workers": args.workers,
        "run_seconds": round(first["seconds"], 1), "store_seconds": round(first["seconds_store"], 1),
        "store_share_of_run": round(first["seconds_store"] / first["seconds"], 3),
        "peak_rss_mb": round(first["peak_rss_mb"]),
        "rerun_seconds": round(again["seconds"], 1), "rerun_store_seconds": round(again["seconds_store"], 1),
        "rerun_reused": again["reused"], "rerun_peak_rss_mb": round(again["peak_rss_mb"]),
        "file_mb": sizes,
    }
    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
