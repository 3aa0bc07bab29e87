"""The output folder as a corpus: DuckDB store, views, `remove`, `sql`, `report`, CLI conventions."""

from __future__ import annotations

import os
import shutil
import subprocess

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

SEED_ID = "svt-nordkorea-ryssland"
TODAY = ("Regeringen i Stockholm presenterade i dag en ny budget för skolan.\n\n"
         "– Det här är en satsning på framtiden, säger finansministern Anna Ek.\n\n"
         "Oppositionsledaren Lars Berg är kritisk.\n\n– Pengarna räcker inte, säger han.\n")
TOMORROW = ("Polisen i Umeå utreder en brand i natt.\n\n"
            "– Vi vet ännu inte hur branden startade, säger polisens presstalesperson Maria Lund.\n")


@pytest.fixture()
def corpus(run_cli, seed_path, tmp_path):
    out = tmp_path / "out"
    assert run_cli("run", str(seed_path), "--out", str(out), "-q").returncode == 0
    return out


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_runs_accumulate_change_and_remove(run_cli, corpus, tmp_path):
    a = pd.read_parquet(corpus / "entities.parquet")
    b = _write(tmp_path / "idag.txt", TODAY)
    assert run_cli("run", str(b), "--out", str(corpus), "-q").returncode == 0
    arts = pd.read_parquet(corpus / "articles.parquet")
    assert set(arts.article_id) == {SEED_ID, "idag"}  # A ∪ B
    # B changed: its rows replaced, A's kept as they were
    _write(b, TOMORROW)
    proc = run_cli("run", str(b), "--out", str(corpus), "-q")
    assert proc.returncode == 0 and "1 earlier article kept" in proc.stdout
    ents = pd.read_parquet(corpus / "entities.parquet")
    assert "Maria Lund" in set(ents[ents.article_id == "idag"].name)
    assert "Anna Ek" not in set(ents.name)
    pd.testing.assert_frame_equal(ents[ents.article_id == SEED_ID].reset_index(drop=True), a)
    # remove: gone from all four tables, the database and the files
    proc = run_cli("remove", "idag", "finns-inte", "--out", str(corpus))
    assert proc.returncode == 0 and "removed 1 of 2" in proc.stdout and "finns-inte: not in the corpus" in proc.stderr
    for name in ("articles", "mentions", "entities", "quotes"):
        assert set(pd.read_parquet(corpus / f"{name}.parquet").article_id) == {SEED_ID}, name


def test_views_entity_index_and_speakers(corpus):
    index = pd.read_parquet(corpus / "entity_index.parquet").set_index("entity_id")
    assert index.loc["PER:niklas-swanstrom", "quotes"] == 5 and index.loc["LOC:nordkorea", "articles"] == 1
    assert index.loc["LOC:nordkorea", "lexicon_id"] == "country:nordkorea"
    speakers = pd.read_parquet(corpus / "speakers.parquet").set_index("speaker_id")
    swanstrom = speakers.loc["PER:niklas-swanstrom"]
    assert (swanstrom.quotes_direct, swanstrom.quotes_indirect, swanstrom.gender) == (4, 1, "male")
    assert list(swanstrom.roles) == ["statsvetare"]
    # "Kim" is not in the Swedish first-name lists: unknown, never guessed
    assert speakers.loc["PER:kim-jong-un", "gender"] == "unknown"


def test_sql_prints_a_result_and_one_line_errors(run_cli, corpus, tmp_path):
    proc = run_cli("sql", "SELECT name, quotes FROM entity_index ORDER BY quotes DESC, name LIMIT 2", "--out",
                   str(corpus))
    assert proc.returncode == 0 and proc.stdout.splitlines()[1].split() == ["Niklas", "Swanström", "5"]
    proc = run_cli("sql", "SELECT nonsense FROM entities", "--out", str(corpus))
    assert proc.returncode == 2 and proc.stderr.startswith("error:") and len(proc.stderr.strip().splitlines()) == 1
    proc = run_cli("sql", "SELECT 1", "--out", str(tmp_path / "ingen"))
    assert proc.returncode == 2 and "no corpus here" in proc.stderr


def _chromium():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found and os.environ.get("REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (REQUIRE_BROWSER is set) but not installed")
    if not found:
        pytest.skip("chromium not installed (apt-get install chromium); .ci/run installs it")
    return found


def test_report_renders_its_charts_in_a_real_browser(run_cli, corpus, tmp_path):
    proc = run_cli("report", "--out", str(corpus))
    assert proc.returncode == 0, proc.stderr
    page = corpus / "report" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing fetched
    assert (corpus / "report" / "articles" / f"{SEED_ID}.html").exists()
    browser = _chromium()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count('<svg class="chart"') >= 6 and "Niklas Swanström" in dom.stdout
    shot = tmp_path / "report.png"
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1100,1600", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    from PIL import Image

    colours = Image.open(shot).convert("RGB").getcolors(1 << 24)
    bar_blue = sum(n for n, p in colours if abs(p[0] - 0x4C) < 8 and abs(p[1] - 0x78) < 8 and abs(p[2] - 0xA8) < 8)
    assert bar_blue > 500  # the speaker bars were painted, not just the text


def test_cli_conventions(run_cli, seed_path, tmp_path):
    out = tmp_path / "out"
    # a missing input next to a good one: an error row of this run, counted in the summary
    proc = run_cli("run", str(seed_path), str(tmp_path / "saknas.txt"), "--out", str(out))
    assert proc.returncode == 0 and "1 article ok, 1 error" in proc.stdout
    assert "\r" not in proc.stderr  # not a terminal: no progress-bar frames in the log
    arts = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert arts.loc["saknas", "status"] == "error" and "no such file" in arts.loc["saknas", "error"]
    # an unknown option gets the command's own usage
    proc = run_cli("run", str(seed_path), "--bogus")
    assert proc.returncode == 2 and "usage: python -m pipeline run" in proc.stderr
    proc = run_cli("report", "--out", str(tmp_path / "ingen"))
    assert proc.returncode == 2 and "no corpus here" in proc.stderr and "Traceback" not in proc.stderr


def test_sql_reads_the_corpus_while_a_run_works(run_cli, corpus, tmp_path):
    """A long run does not hold the database: `sql` answers from the last committed state."""
    import json
    import sys
    import time

    from conftest import ROOT

    feed = tmp_path / "feed.jsonl"
    text = (ROOT / "raw" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    with feed.open("w", encoding="utf-8") as fh:
        for i in range(300):
            fh.write(json.dumps({"id": f"n{i}", "text": f"Artikel {i}.\n\n{text}"}, ensure_ascii=False) + "\n")
    run = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(feed), "--out", str(corpus), "-q",
                            "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not list(corpus.glob(".stage-articles.*")) and time.time() < deadline:
        time.sleep(0.05)  # the run has begun staging rows
    assert run.poll() is None  # still working
    proc = run_cli("sql", "SELECT count(*) AS n FROM articles", "--out", str(corpus))
    assert proc.returncode == 0 and proc.stdout.split()[-1] == "1"
    assert run.wait(timeout=300) == 0
    assert run_cli("sql", "SELECT count(*) AS n FROM articles", "--out", str(corpus)).stdout.split()[-1] == "301"


def test_a_parquet_only_folder_of_an_earlier_version_becomes_the_corpus(run_cli, corpus, tmp_path):
    """Tables written before the database existed (and before lexicon_id) are imported, not lost."""
    import pyarrow.parquet as pq

    (corpus / "corpus.duckdb").unlink()
    entities = pq.read_table(corpus / "entities.parquet")
    pq.write_table(entities.drop(["lexicon_id"]), corpus / "entities.parquet")  # an older schema
    before = pd.read_parquet(corpus / "quotes.parquet")
    proc = run_cli("run", str(_write(tmp_path / "idag.txt", TODAY)), "--out", str(corpus), "-q")
    assert proc.returncode == 0 and "1 earlier article kept" in proc.stdout
    assert set(pd.read_parquet(corpus / "articles.parquet").article_id) == {SEED_ID, "idag"}
    quotes = pd.read_parquet(corpus / "quotes.parquet")
    pd.testing.assert_frame_equal(quotes[quotes.article_id == SEED_ID].reset_index(drop=True), before)
    ents = pd.read_parquet(corpus / "entities.parquet")
    assert ents[ents.article_id == SEED_ID].lexicon_id.isna().all()  # unknown for the old rows, not invented


def test_outlet_from_the_run_a_sidecar_or_nothing(run_cli, corpus, tmp_path):
    """A .txt has no url: its outlet comes from run --outlet, an ID.meta.json or the site's
    signature in its text, and an
    unchanged article run again with another outlet gets it without being recomputed."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    _write(inputs / "idag.txt", TODAY)
    _write(inputs / "imorgon.txt", TOMORROW)
    _write(inputs / "imorgon.meta.json", '{"outlet": "vk.se", "url": "https://www.vk.se/2024/brand"}')
    assert run_cli("run", str(inputs), "--out", str(corpus), "-q", "--outlet", "svt.se").returncode == 0
    arts = pd.read_parquet(corpus / "articles.parquet").set_index("article_id")
    assert arts.loc["idag", "outlet"] == "svt.se" and arts.loc["imorgon", "outlet"] == "vk.se"
    assert arts.loc[SEED_ID, "outlet"] == "svt.se"  # the seed .txt: no url, but SVT's footer signs it
    speakers = pd.read_parquet(corpus / "speakers.parquet").set_index("speaker_id")
    assert list(speakers.loc["PER:maria-lund", "outlets"]) == ["vk.se"]
    assert list(speakers.loc["PER:niklas-swanstrom", "outlets"]) == ["svt.se"]
    proc = run_cli("run", str(inputs / "idag.txt"), "--out", str(corpus), "-q", "--outlet", "dn.se")
    assert proc.returncode == 0 and "unchanged, reused" in proc.stdout
    assert pd.read_parquet(corpus / "articles.parquet").set_index("article_id").loc["idag", "outlet"] == "dn.se"


def test_sql_prints_an_empty_value_as_null(run_cli, corpus):
    proc = run_cli("sql", "SELECT article_id, url, outlet, n_tokens FROM articles", "--out", str(corpus))
    assert proc.returncode == 0
    assert "NULL" in proc.stdout and "None" not in proc.stdout and "NaN" not in proc.stdout


def test_one_quote_counted_once_across_papers(run_cli, tmp_path):
    """The same wire story in two papers, lightly edited: one quote cluster per quote, the
    speakers view counting each quote once and every copy in quotes_raw."""
    import json

    edited = TODAY.replace("en satsning på framtiden", "en stor satsning på framtiden").replace(
        "Oppositionsledaren Lars Berg är kritisk.", "Lars Berg, oppositionsledare, är kritisk.")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "tt-svt", "text": TODAY, "outlet": "svt.se", "published": "2024-03-05T08:00+01:00"},
        {"id": "tt-gp", "text": edited, "outlet": "gp.se", "published": "2024-03-05T09:30+01:00"},
        {"id": "egen", "text": TOMORROW, "outlet": "vk.se", "published": "2024-03-06"},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(feed), "--out", str(out), "-q").returncode == 0
    quotes = pd.read_parquet(out / "quotes.parquet")
    clusters = pd.read_parquet(out / "quote_clusters.parquet").set_index("quote_cluster_id")
    wire = quotes[quotes.article_id.isin(["tt-svt", "tt-gp"])]
    assert wire.quote_cluster_id.nunique() == len(wire) // 2 >= 2  # every quote twice, each pair one cluster
    for cid in wire.quote_cluster_id.unique():
        row = clusters.loc[cid]
        assert (row.copies, row.articles, list(row.outlets)) == (2, 2, ["gp.se", "svt.se"])
        assert row.first_article_id == "tt-svt" and row.first_seen.startswith("2024-03-05T08:00")
    assert clusters.loc[quotes[quotes.article_id == "egen"].quote_cluster_id.iloc[0], "copies"] == 1
    speakers = pd.read_parquet(out / "speakers.parquet").set_index("speaker_id")
    berg = speakers.loc["PER:lars-berg"]
    assert (berg.quotes_direct, berg.quotes_raw, berg.articles) == (1, 2, 2)
    # the clusters are recomputed after the run's rows are committed: a run killed between
    # the two leaves quotes without one, and the next opening of the corpus clusters them
    from pipeline.store import Corpus, connect

    con = connect(out)
    con.execute("UPDATE quotes SET quote_cluster_id = NULL")
    con.close()
    corpus = Corpus(out)
    ids = dict(corpus.con.execute("SELECT quote_id, quote_cluster_id FROM quotes").fetchall())
    corpus.close()
    assert ids == dict(zip(quotes.quote_id, quotes.quote_cluster_id))
