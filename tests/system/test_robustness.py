"""Messy input and crashes never lose data or stop a run (the CLI, in subprocesses)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.slow

SWEDISH = (
    "Regeringen presenterade på tisdagen ett nytt förslag om skolan. Det är en viktig fråga för "
    "många familjer i Sverige, säger utbildningsministern Anna Ek. Hon menar att lärarna ska få mer tid "
    "för eleverna och att det ska gå fortare att få hjälp när det behövs.\n\n"
    "– Vi måste börja nu, säger hon till TT.\n"
)
BAD = ROOT / "tests" / "data" / "bad"


def build_bad_corpus() -> dict[str, str]:
    """Write tests/data/bad/ and return {article_id: expected outcome}."""
    import shutil

    if BAD.exists():
        shutil.rmtree(BAD)
    (BAD / "mapp med mellanslag åäö").mkdir(parents=True)
    expected = {}

    def put(name: str, data: bytes, outcome: str) -> None:
        (BAD / name).write_bytes(data)
        expected[name.rsplit("/", 1)[-1].rsplit(".", 1)[0]] = outcome

    put("tom.txt", b"", "error:empty")
    put("blanksteg.txt", b"  \n\t \n", "error:empty")
    put("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "error:binary")
    put("cp1252.txt", SWEDISH.encode("cp1252"), "ok:decoded as")
    put("utf16.txt", SWEDISH.encode("utf-16"), "ok")
    put("mojibake.txt", SWEDISH.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"), "ok:mojibake")
    put("jattestor.txt", (SWEDISH * 60_000).encode("utf-8")[:20_000_000], "error:too long")
    put("engelska.txt", ("The government presented a new proposal for the schools on Tuesday, and it said that "
                         "the teachers will get more time for the pupils in the autumn. ") .encode() * 5, "error:not Swedish")
    put("kakor.html", ("<html><body><div class='consent'><h2>Vi använder kakor</h2><p>Vi använder cookies för att "
                       "förbättra din upplevelse. Genom att klicka på Godkänn samtycker du till detta.</p>"
                       "<button>Godkänn</button></div></body></html>").encode(), "error:cookie")
    put("lista.json", b'"bara en textstr\xc3\xa4ng"', "error:JSON is a str")
    put("mapp med mellanslag åäö/artikel å ä ö.txt", SWEDISH.encode(), "ok")
    lines = [json.dumps({"id": "flode-1", "text": SWEDISH}), '{"id": "flode-2", "text": "trasig', json.dumps(
        {"id": "flode-3", "text": SWEDISH}), json.dumps({"id": "flode-1", "text": SWEDISH})]
    (BAD / "flode.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected.update({"flode-1": "ok", "flode-2": "error:malformed JSON", "flode-3": "ok",
                     "flode-1@": "error:already used by"})
    os.symlink("loop", BAD / "loop")  # a link to itself
    os.symlink("..", BAD / "upp")  # a folder link back up: must not be followed
    return expected


def _tree() -> list:
    """Files of the repository, minus git, the default output folder and bytecode caches."""
    skip = {".git", "output", "__pycache__", ".pytest_cache", ".hypothesis"}
    return sorted(p.relative_to(ROOT) for p in ROOT.rglob("*") if not skip & set(p.relative_to(ROOT).parts))


def test_bad_input_corpus(tmp_path, run_cli):
    expected = build_bad_corpus()
    before = _tree()
    out = tmp_path / "out"
    proc = run_cli("run", str(BAD), "--out", str(out), "--quiet", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    arts = pd.read_parquet(out / "articles.parquet")
    by_id = {}
    for r in arts.itertuples():
        key = r.article_id.split("@")[0] + "@" if "@" in r.article_id else r.article_id
        by_id[key] = r
    for aid, outcome in expected.items():
        row = by_id[aid]
        status, _, reason = outcome.partition(":")
        assert row.status == status, (aid, row.status, row.error)
        if status == "error":
            assert reason in row.error and "\n" not in row.error, (aid, row.error)
            assert str(BAD) in row.error  # names the file
            assert f"error: {row.error}" in proc.stderr
        elif reason:
            assert reason in (row.warning or ""), (aid, row.warning)
    moji = by_id["mojibake"]
    assert "för" in moji.text and "Ã" not in moji.text
    assert set(arts["article_id"]) == set(arts["article_id"].unique())
    assert _tree() == before  # nothing written outside --out


def _corpus(folder, n):
    """n seed-sized articles (about 400 tokens each), distinct ids and texts."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"k{i:03d}", "text": f"Artikel {i}.\n\n{SEED.read_text(encoding='utf-8')}"}, ensure_ascii=False) + "\n")
    return folder


def _run(inputs, out, **kw):
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out), "--quiet",
                             "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


@pytest.mark.parametrize("share", [0.4, 0.7])
def test_kill_and_resume_loses_and_duplicates_nothing(tmp_path, share):
    corpus = _corpus(tmp_path / "in", 150)
    reference = tmp_path / "ref"
    started = time.monotonic()
    assert _run(corpus, reference).wait(timeout=300) == 0
    took = time.monotonic() - started  # the kill comes at a share of this, whatever the machine's speed
    out = tmp_path / "out"
    # an earlier, smaller run leaves complete tables behind; the next run is killed midway
    small = _corpus(tmp_path / "small", 30)
    assert _run(small, out).wait(timeout=300) == 0
    proc = _run(corpus, out)
    time.sleep(share * took)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL  # killed while still working
    old = pd.read_parquet(out / "articles.parquet")
    assert len(old) == 30  # the killed run did not touch the finished tables
    assert _run(corpus, out).wait(timeout=300) == 0
    for name in ("articles", "mentions", "entities", "quotes"):
        got = pd.read_parquet(out / f"{name}.parquet")
        want = pd.read_parquet(reference / f"{name}.parquet")
        pd.testing.assert_frame_equal(got, want, obj=name)
    assert not list(out.glob(".*.tmp"))


def test_second_concurrent_run_refuses_with_a_clear_message(tmp_path):
    corpus = _corpus(tmp_path / "in", 200)
    out = tmp_path / "out"
    first = _run(corpus, out)
    deadline = time.time() + 60
    while not (out / ".pipeline.lock").exists() and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    second = _run(corpus, out)
    _, err = second.communicate(timeout=120)
    first.kill()
    first.wait()
    assert second.returncode == 3
    assert b"being written by another run" in err


KILL_AT = {
    # after every insert of the run, just before the commit: the transaction is lost
    "before_commit": "pipeline.store.Corpus.commit",
    # after the commit, while the Parquet files are being exported from the database
    "during_export": "pipeline.store.Corpus._copy",
}


def _run_killed_at(point, inputs, out, calls=1):
    """A run that SIGKILLs itself at the ``calls``-th call of ``point`` (deterministic)."""
    module, cls, method = KILL_AT[point].rsplit(".", 2)
    script = f"""
import os, signal, sys, importlib
cls = getattr(importlib.import_module({module!r}), {cls!r})
original = getattr(cls, {method!r})
seen = [0]
def killer(self, *args, **kw):
    seen[0] += 1
    if seen[0] == {calls}:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, *args, **kw)
setattr(cls, {method!r}, killer)
from pipeline.__main__ import main
sys.exit(main(["run", {str(inputs)!r}, "--out", {str(out)!r}, "--quiet", "--workers", "1"]))
"""
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=300)


@pytest.mark.parametrize(("point", "calls"), [("before_commit", 1), ("during_export", 1), ("during_export", 3)])
def test_killed_during_the_database_write_then_rerun_equals_a_clean_run(tmp_path, point, calls):
    corpus = _corpus(tmp_path / "in", 40)
    reference = tmp_path / "ref"
    assert _run(corpus, reference).wait(timeout=300) == 0
    out = tmp_path / "out"
    assert _run(_corpus(tmp_path / "small", 10), out).wait(timeout=300) == 0
    for _ in range(2):  # repeated: a second kill on top of the first
        killed = _run_killed_at(point, corpus, out, calls)
        assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    if point == "before_commit":  # nothing of the killed runs reached the corpus
        assert len(pd.read_parquet(out / "articles.parquet")) == 10
    assert _run(corpus, out).wait(timeout=300) == 0
    for name in ("articles", "mentions", "entities", "quotes", "entity_index", "speakers"):
        got = pd.read_parquet(out / f"{name}.parquet")
        want = pd.read_parquet(reference / f"{name}.parquet")
        pd.testing.assert_frame_equal(got, want, obj=name)
    assert not list(out.glob(".*.tmp"))


def _alive(procs) -> list[int]:
    """Pids among ``procs`` (psutil.Process) that still run (a zombie has ended)."""
    import psutil

    alive = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(p.pid)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.mark.parametrize(("engine", "n_kills"), [("local", 5), ("dask", 3)])
def test_sigkill_of_a_two_worker_run_leaves_no_process_and_no_lock(tmp_path, engine, n_kills):
    """``kill -9`` of the main process (what the out-of-memory killer does), at moments
    drawn with a fixed seed: no worker outlives it (the local pool's workers die with their
    parent; dask's nanny processes watch a pipe to it), the next run is not locked out, and
    the corpus ends equal to a clean run's."""
    import random

    import psutil

    if engine == "dask":
        pytest.importorskip("dask.distributed")

    corpus = _corpus(tmp_path / "in", 160)
    reference = tmp_path / "ref"
    assert _run(corpus, reference).wait(timeout=300) == 0
    out = tmp_path / "out"
    draw = random.Random(16)
    moments = [round(draw.uniform(0.5, 7.0), 2) for _ in range(n_kills)]
    for moment in moments:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--quiet",
                                 "--workers", "2", "--force", "--engine", engine], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        main = psutil.Process(proc.pid)
        family: dict[int, psutil.Process] = {}
        deadline = time.time() + moment
        while time.time() < deadline and proc.poll() is None:  # every process the run starts
            try:
                family.update({c.pid: c for c in main.children(recursive=True)})
            except psutil.NoSuchProcess:
                break
            time.sleep(0.05)
        if proc.poll() is not None:  # finished before the moment came: it must have succeeded
            assert proc.returncode == 0, (moment, proc.stderr.read().decode())
            continue
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL
        gone_by = time.time() + 10
        while _alive(family.values()) and time.time() < gone_by:
            time.sleep(0.1)
        assert not _alive(family.values()), f"killed at {moment} s: processes of the run survive"
    final = _run(corpus, out)
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    for name in ("articles", "mentions", "entities", "quotes", "entity_index", "speakers"):
        got = pd.read_parquet(out / f"{name}.parquet")
        want = pd.read_parquet(reference / f"{name}.parquet")
        pd.testing.assert_frame_equal(got, want, obj=name)
