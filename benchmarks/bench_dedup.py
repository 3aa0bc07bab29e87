#!/usr/bin/env python
"""Quote deduplication (pipeline/dedup.py) on planted copies, and its speed (not a test).

    python benchmarks/bench_dedup.py [--gold DIR ...] [--copies 3] [--scale 120000] [--json FILE]

The originals are the gold quotes of annotated articles (text and speaker; by default
../shared/eval/dev and ../shared/eval/train). Each gets COPIES planted copies, as wire copy
appears in other papers: exact, other quotation marks and case, the end cut (a quarter to
a third of the words), one word changed, one word dropped (seeded). Truth: a copy belongs
with its original; originals are distinct statements (see ``originals``). Prints
pairwise precision and recall over all pairs of quotes by the same speaker, then the time
to cluster SCALE quotes (the originals and their copies repeated with distinct ids).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.dedup import QuoteRef, normalise, quote_clusters, trigrams  # noqa: E402


def originals(gold_dirs: list[Path]) -> tuple[list[tuple[str, str]], int]:
    """Distinct statements: gold quotes of 3 words or more, headline excerpts left out, and a
    quote left out when it shares more than 30% of its word trigrams with one already kept
    of the same speaker (a lead repeating the body, an indirect version of a direct quote:
    no truth to measure against). Returns them and how many were left out so."""
    out, seen, dropped = [], defaultdict(list), 0
    for d in gold_dirs:
        for f in sorted(d.glob("*.json")):
            for q in json.loads(f.read_text(encoding="utf-8")).get("quotes", []):
                if not q.get("speaker") or not q.get("text") or len(q["text"].split()) < 3 or q.get("type") == "heading":
                    continue
                grams = trigrams(normalise(q["text"]))
                if any(len(grams & g) > 0.3 * min(len(grams), len(g)) for g in seen[q["speaker"]]):
                    dropped += 1
                    continue
                seen[q["speaker"]].append(grams)
                out.append((q["speaker"], q["text"]))
    return out, dropped


def plant(text: str, rng: random.Random, kind: str) -> str:
    words = text.split()
    if kind == "marks":
        return "”" + text.rstrip(".") + ".”" if rng.random() < 0.5 else text.upper()[:1] + text[1:].lower()
    if kind == "cut" and len(words) >= 8:
        return " ".join(words[: max(5, int(len(words) * rng.uniform(0.66, 0.75)))])
    if kind == "change" and len(words) >= 6:
        k = rng.randrange(len(words))
        words[k] = rng.choice(["också", "verkligen", "nog", "dock", "faktiskt"])
        return " ".join(words)
    if kind == "drop" and len(words) >= 6:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", nargs="*", default=[str(ROOT.parent / "shared" / "eval" / s) for s in ("dev", "train")])
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--scale", type=int, default=120_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--json")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base, left_out = originals([Path(g) for g in args.gold if Path(g).is_dir()])
    if not base:
        print("error: no gold quotes found (give --gold DIR: folders of ID.json files)", file=sys.stderr)
        return 2
    refs, truth = [], []
    kinds = ["exact", "marks", "cut", "change", "drop"]
    for n, (speaker, text) in enumerate(base):
        key = (speaker, tuple(normalise(text)))
        refs.append(QuoteRef(f"orig{n}", f"orig{n}:q1", speaker, text, "2024-01-01"))
        truth.append(key)
        for c in range(args.copies):
            refs.append(QuoteRef(f"copy{n}-{c}", f"copy{n}-{c}:q1", speaker, plant(text, rng, rng.choice(kinds)),
                                 "2024-01-02"))
            truth.append(key)
    got = quote_clusters(refs)
    by_speaker = defaultdict(list)
    for i, r in enumerate(refs):
        by_speaker[r.speaker].append(i)
    tp = fp = fn = 0
    for members in by_speaker.values():
        for i, j in combinations(members, 2):
            same = got[(refs[i].article_id, refs[i].quote_id)] == got[(refs[j].article_id, refs[j].quote_id)]
            true = truth[i] == truth[j]
            tp += same and true
            fp += same and not true
            fn += true and not same
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    scaled = [QuoteRef(f"{q.article_id}-{k}", f"{q.quote_id}-{k}", q.speaker, q.text, q.published)
              for k in range(args.scale // len(refs) + 1) for q in refs][: args.scale]
    start = time.perf_counter()
    quote_clusters(scaled)
    seconds = time.perf_counter() - start
    result = {"originals": len(base), "originals_left_out": left_out, "quotes": len(refs), "copies_per_original": args.copies,
              "pairwise_precision": round(p, 4), "pairwise_recall": round(r, 4), "true_pairs": tp + fn,
              "scale_quotes": len(scaled), "scale_seconds": round(seconds, 2)}
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
