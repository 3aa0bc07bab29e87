"""The pipeline on the real dev articles (../shared/eval/dev), scored two ways.

The figures themselves come from `python -m pipeline evaluate`; this test keeps them
from regressing below the acceptance levels and checks that the project's scorer
agrees with the reference scorer ../shared/eval/score.py on the same tables.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import needs_shared


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory):
    gold = needs_shared("eval", "dev")
    out = tmp_path_factory.mktemp("dev-out")
    from pipeline.evaluate import evaluate

    results, counts = evaluate(gold, out)
    return gold, out, results


def test_dev_figures_stay_above_the_acceptance_levels(dev_run):
    _, _, res = dev_run
    assert res["entity_f1"] >= 0.85
    assert res["direct_f1"] >= 0.95
    assert res["speaker_acc"] >= 0.93
    assert res["indirect_r"] >= 0.70
    assert res["e2e_f1"] >= 0.88


def test_project_scorer_agrees_with_reference(dev_run):
    gold, out, res = dev_run
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
