"""The pipeline on the real dev articles (../shared/eval/dev), scored two ways.

The figures come from `python -m pipeline evaluate`; this test keeps them from falling
below floors measured on the 50-article dev set (issue 9, the re-cut: entity F1 0.794,
direct F1 0.986, speaker accuracy 0.874, indirect recall 0.808, end-to-end F1 0.832;
issue 10, parser and speaker sieves: 0.803, 0.994, 0.944, 0.904, 0.919; issue 11's
entity rules so far: 0.878, 0.994, 0.955, 0.904, 0.929, then with the name lexicon,
ruler_guard, courts, party coalitions, sentence-start persons and organisation
appositions 0.904, 0.994, 0.959, 0.904, 0.933; held-out part 0.921, 0.989, 1.000, 0.892,
0.970; issue 17, NER trained on annotated news with the gazetteer after the model, speaker
ranker, harvested reporting verbs: 0.898, 0.997, 0.963, 0.913, 0.935; held-out 0.907,
0.990, 1.000, 0.919, 0.970. The entity floor went down a point on purpose: the gazetteer
no longer overrides the model's type in context, which costs on these articles (its
categories were chosen while reading them) and gains on unseen ones: cross-validated on
the annotated news 0.810 -> 0.816, blind 0.787 -> 0.801). Then the NER model with the
parser's floret vectors: dev 0.900, 0.997, 0.956, 0.913, 0.928, held-out entity 0.894; the
e2e and held-out entity floors went down a point on purpose: on unseen news the model is
better (5-fold CV on train entity 0.814 -> 0.830, e2e 0.801 -> 0.809; blind entity 0.801 ->
0.818, speaker 0.884 -> 0.908, e2e 0.812 -> 0.833). The test also checks that the project's
scorer agrees with the reference scorer ../shared/eval/score.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import needs_shared

FLOORS = {
    "all": {"entity_f1": 0.89, "direct_f1": 0.99, "speaker_acc": 0.95, "indirect_r": 0.90, "e2e_f1": 0.92},
    "held-out": {"entity_f1": 0.89, "direct_f1": 0.98, "speaker_acc": 0.99, "indirect_r": 0.89, "e2e_f1": 0.97},
}


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory):
    gold = needs_shared("eval", "dev")
    out = tmp_path_factory.mktemp("dev-out")
    from pipeline.evaluate import evaluate_parts

    return gold, out, evaluate_parts(gold, out)


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_dev_figures_stay_above_the_floors(dev_run, part):
    res = dev_run[2][part][0]
    low = {k: round(res[k], 3) for k, floor in FLOORS[part].items() if res[k] < floor}
    assert not low, f"below the floor on {part}: {low}"


def test_the_parts_split_the_dev_set(dev_run):
    gold, _, results = dev_run
    from pipeline.scoring import is_held_out

    ids = [p.stem for p in gold.glob("*.json")]
    held = [i for i in ids if is_held_out(i)]
    assert 10 <= len(held) <= len(ids) // 2
    counts = {part: results[part][1] for part in results}
    assert counts["develop"].q_gold + counts["held-out"].q_gold == counts["all"].q_gold
    assert counts["develop"].e_gold + counts["held-out"].e_gold == counts["all"].e_gold


def test_project_scorer_agrees_with_reference(dev_run):
    gold, out, results = dev_run
    res = results["all"][0]
    script = needs_shared("eval", "score.py")
    proc = subprocess.run([sys.executable, str(script), str(gold), str(out), "--json"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    ref = json.loads(proc.stdout)
    for key in ("entity_p", "entity_r", "entity_f1", "quote_p", "quote_r", "quote_f1", "direct_p", "direct_r",
                "direct_f1", "indirect_r", "speaker_acc", "e2e_p", "e2e_r", "e2e_f1"):
        assert res[key] == pytest.approx(ref[key]), key


def test_every_dev_article_is_processed(dev_run):
    gold, out, _ = dev_run
    arts = pd.read_parquet(out / "articles.parquet")
    assert len(arts) == len(list(gold.glob("*.txt")))
    assert (arts["status"] == "ok").all()
    quotes = pd.read_parquet(out / "quotes.parquet")
    texts = dict(zip(arts["article_id"], arts["text"]))
    assert all(texts[r.article_id][r.start_char : r.end_char] == r.text for r in quotes.itertuples())
