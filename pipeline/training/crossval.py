"""``cross-validate``: the whole pipeline measured on annotated news it was not trained on.

The NER model and the speaker ranker both learn from the annotated news
(``../shared/eval/train``), so their figures on those articles mean nothing unless each
article is scored by models that never saw it. This module does K-fold cross-validation
grouped by article (fixed seed):

1. ``train-ner --news-fold I/K`` trains one NER model per fold, on the corpora and the
   news of the other folds (run as separate processes, ``jobs`` at a time);
2. each fold model runs on its held-out articles; the entities it finds are the entity
   typer's examples, and a typer fitted on the other folds' examples is set into it
   (:mod:`.typer`); the quotes it then finds, with their candidates, are the speaker
   ranker's examples (features from a model that did not see the article: what the
   typer and the ranker meet on new news);
3. for each fold, a ranker fitted on the other folds' examples re-decides the held-out
   quotes; the tables of all folds are pooled and scored like any gold folder.

The figures (without and with the ranker) and every fold's examples are written to
``WORKDIR/crossval.json`` and ``WORKDIR/examples.jsonl``; ``train-speakers --examples``
fits the shipped ranker on those examples, ``train-typer --folds WORKDIR`` the shipped
entity typer on the fold models' entities.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .news_gold import fold_of



def train_fold_models(gold_dir: Path, workdir: Path, folds: int, news_weight: int, jobs: int = 2,
                      parser: Path | None = None, max_steps: int | None = None,
                      vectors: Path | str | None = None, init_tok2vec: Path | None = None,
                      joint: bool = False) -> list[Path]:
    """One NER model per fold (``workdir/foldI``), ``jobs`` training processes at a time
    (``init_tok2vec``: pretrained weights, as ``train-ner --init-tok2vec``)."""
    from .. import MODEL_DIR

    parser = parser or MODEL_DIR / "attribution_parser" / "nlp"
    outs = [workdir / f"fold{k}" for k in range(folds)]
    pending = [k for k in range(folds) if not (outs[k] / "meta.json").exists()]
    running: list[tuple[int, subprocess.Popen]] = []
    while pending or running:
        while pending and len(running) < jobs:
            k = pending.pop(0)
            cmd = [sys.executable, "-m", "pipeline", "train-ner", "--output", str(outs[k]), "--workdir",
                   str(workdir / f"fold{k}-work"), "--news", str(gold_dir), "--news-weight", str(news_weight),
                   "--news-fold", f"{k}/{folds}", "--no-evaluate"]
            # a joint model trains its own parser; otherwise the folder gets this one
            cmd += ["--joint"] if joint else ["--parser", str(parser)]
            if max_steps:
                cmd += ["--max-steps", str(max_steps)]
            cmd += ["--vectors", str(vectors) if vectors else "none"]
            if init_tok2vec:
                cmd += ["--init-tok2vec", str(init_tok2vec)]
            log = (workdir / f"fold{k}.log").open("w")
            running.append((k, subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)))
        k, proc = running.pop(0)
        if proc.wait() != 0:
            raise RuntimeError(f"training fold {k} failed: see {workdir / f'fold{k}.log'}")
    return outs


def cross_validate(gold_dir: Path, workdir: Path, folds: int) -> dict[str, Any]:
    """Score the fold models on their held-out articles, without and with a ranker fitted
    on the other folds (step 2 and 3 of the module docstring)."""
    import pandas as pd

    from .. import load
    from ..ingest import read_inputs
    from ..run import process_batch
    from ..scoring import score_tables
    from .news_gold import read_gold_articles
    from .speakers import C_GRID, QuoteExample, fit, quote_examples
    from .speakers import cross_validate as cross_validate_ranker
    from .typer import C_GRID as TYPER_C_GRID
    from .typer import cross_validate as cross_validate_typer
    from .typer import entity_examples
    from .typer import fit as fit_typer

    assign = fold_of([a.id for a in read_gold_articles(gold_dir)], folds)
    ids = {k: sorted(aid for aid, fold in assign.items() if fold == k) for k in range(folds)}
    nlps = {k: load(workdir / f"fold{k}") for k in range(folds)}
    # the entity typer first: the ranker's candidates are the typed entities
    entities = [e for k in range(folds) for e in entity_examples(nlps[k], gold_dir, set(ids[k]))]
    typer_cv = {c: cross_validate_typer(entities, assign, c, gold_dir) for c in TYPER_C_GRID}
    typer_c = max(typer_cv, key=lambda c: (typer_cv[c]["entity_f1"], -c))
    for k in range(folds):
        if "entity_typer" not in nlps[k].pipe_names:  # a fold model built before the typer
            nlps[k].add_pipe("entity_typer", after="entity_clusters")
        nlps[k].get_pipe("entity_typer").set_weights(
            fit_typer([e for e in entities if assign[e.article_id] != k], typer_c))
    examples: dict[int, list[QuoteExample]] = {k: quote_examples(nlps[k], gold_dir, set(ids[k])) for k in range(folds)}
    all_examples = [e for k in range(folds) for e in examples[k]]
    # the regularisation chosen by the pooled held-out accuracy of the per-fold rankers
    by_c = {c: cross_validate_ranker(all_examples, folds, c, assign)["ranker"] for c in C_GRID}
    best_c = max(by_c, key=lambda c: (by_c[c], -c))
    tables: dict[str, dict[str, list]] = {"without": {"entities": [], "quotes": []},
                                          "with": {"entities": [], "quotes": []}}
    for k in range(folds):
        articles = list(read_inputs([Path(gold_dir) / f"{aid}.txt" for aid in ids[k]]))
        ranker = nlps[k].get_pipe("speaker_ranker")
        for name, weights in (("without", {"weights": {}, "bias": 0.0}),
                              ("with", fit([e for e in all_examples if assign[e.article_id] != k], best_c))):
            ranker.set_weights(weights)
            rows = process_batch(articles, nlps[k])
            tables[name]["entities"] += rows["entities"]
            tables[name]["quotes"] += rows["quotes"]
    frames = {name: (pd.DataFrame(t["entities"]), pd.DataFrame(t["quotes"])) for name, t in tables.items()}
    scores = {name: score_tables(gold_dir, *frames[name])[0] for name in frames}
    for table, frame in zip(("entities", "quotes"), frames["with"]):  # the held-out tables, for error listings
        frame.to_parquet(workdir / f"heldout-{table}.parquet")
    result = {"folds": folds, "articles": len(assign),
              "ranker_C": best_c, "ranker_accuracy_by_C": {str(c): round(v, 4) for c, v in by_c.items()},
              "typer_C": typer_c, "typer_entity_f1_by_C": {str(c): v["entity_f1"] for c, v in typer_cv.items()},
              "without_ranker": scores["without"], "with_ranker": scores["with"],
              "fold_models": [json.loads((workdir / f"fold{k}" / "meta.json").read_text(encoding="utf-8"))
                              .get("training", {}) for k in range(folds)]}
    (workdir / "crossval.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    with (workdir / "examples.jsonl").open("w", encoding="utf-8") as fh:
        for e in all_examples:
            fh.write(json.dumps(asdict(e), ensure_ascii=False) + "\n")
    return result
