"""Parallel, incremental and distributed runs write the same tables as a plain run."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.run import run
from pipeline.tables import TABLES

pytestmark = pytest.mark.slow
SENTENCES = [
    "– Vi har aldrig sett något liknande, säger Karin Lindqvist, brandchef i Umeå.",
    "Enligt polisen har ingen skadats.",
    "Statsminister Magdalena Andersson besöker Göteborg på tisdag.",
    "Region Skåne skriver i ett pressmeddelande att väntetiderna har ökat.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_text):
    """A JSONL feed of 40 short articles plus the seed article, with distinct ids."""
    folder = tmp_path_factory.mktemp("corpus")
    with (folder / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(40):
            text = "\n\n".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
            fh.write(json.dumps({"id": f"a{i:03d}", "text": text}, ensure_ascii=False) + "\n")
    (folder / "seed.txt").write_text(seed_text, encoding="utf-8")
    return folder


def tables(out):
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}


def assert_same(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("single")
    summary = run([corpus], out, progress=False, workers=1, batch_size=8)
    assert summary.n_ok == 41 and summary.n_error == 0
    return out


def test_two_workers_write_identical_rows_in_the_same_order(corpus, single, tmp_path):
    run([corpus], tmp_path, progress=False, workers=2, batch_size=8)
    assert_same(tables(single), tables(tmp_path))


def test_incremental_rerun_reuses_unchanged_articles(corpus, single, tmp_path, seed_text):
    out = tmp_path / "out"
    run([corpus], out, progress=False, workers=1, batch_size=8)
    again = run([corpus], out, progress=False, workers=1, batch_size=8)
    assert again.n_reused == 41
    assert_same(tables(single), tables(out))
    # one changed and one new article: only those are computed, no duplicate rows
    feed = corpus / "feed.jsonl"
    changed = tmp_path / "changed"
    changed.mkdir()
    lines = feed.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    rec["text"] += "\n\nNu har även Trafikverket stängt vägen."
    lines[0] = json.dumps(rec, ensure_ascii=False)
    lines.append(json.dumps({"id": "ny", "text": SENTENCES[0]}, ensure_ascii=False))
    (changed / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (changed / "seed.txt").write_text(seed_text, encoding="utf-8")
    third = run([changed], out, progress=False, workers=1, batch_size=8)
    assert third.n_reused == 40 and third.n_ok == 42
    arts = pd.read_parquet(out / "articles.parquet")
    assert arts["article_id"].is_unique and len(arts) == 42
    forced = run([changed], out, progress=False, workers=1, batch_size=8, force=True)
    assert forced.n_reused == 0


def test_dask_local_cluster_writes_the_same_tables(corpus, single, tmp_path):
    pytest.importorskip("dask.distributed")
    run([corpus], tmp_path, progress=False, workers=2, engine="dask", batch_size=8)
    assert_same(tables(single), tables(tmp_path))


def test_second_run_into_a_locked_folder_refuses(corpus, tmp_path):
    from pipeline.lock import OutputLocked, RunLock

    holder = RunLock(tmp_path)
    try:
        with pytest.raises(OutputLocked, match="being written by another run"):
            run([corpus], tmp_path, progress=False, workers=1)
    finally:
        holder.release()
