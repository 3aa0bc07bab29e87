"""`python -m pipeline run` on the seed article and on a folder with bad files."""

from __future__ import annotations

import pandas as pd
import pytest

from integration.test_pipeline import SEED_ENTITIES

pytestmark = pytest.mark.slow


def test_seed_article_tables(run_cli, seed_path, tmp_path):
    proc = run_cli("run", str(seed_path), "--out", str(tmp_path), "--format", "parquet,csv", "--quiet")
    assert proc.returncode == 0, proc.stderr
    ents = pd.read_parquet(tmp_path / "entities.parquet")
    assert set(zip(ents["name"], ents["label"])) == SEED_ENTITIES
    mentions = pd.read_parquet(tmp_path / "mentions.parquet")
    assert not mentions["text"].str.contains("Javascript|SVT|TT").any()
    text = pd.read_parquet(tmp_path / "articles.parquet")["text"][0]
    assert all(text[r.start_char : r.end_char] == r.text for r in mentions.itertuples())
    assert (tmp_path / "entities.csv").exists() and (tmp_path / "quotes.parquet").exists()


def test_bad_file_is_an_error_row_and_the_rest_succeeds(run_cli, seed_text, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bra.txt").write_text(seed_text, encoding="utf-8")
    (inputs / "trasig.txt").write_bytes(b"\x00\x01\x02\x03 not text \xff\xfe\x00")
    (inputs / "tom.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("run", str(inputs), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    arts = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert arts.loc["bra", "status"] == "ok" and arts.loc["bra", "n_sentences"] > 10
    for aid in ("trasig", "tom"):
        assert arts.loc[aid, "status"] == "error"
        assert f"{aid}.txt" in arts.loc[aid, "error"]
    assert "trasig.txt" in proc.stderr and "1 article ok, 2 errors" in proc.stdout
    assert set(pd.read_parquet(out / "entities.parquet")["article_id"]) == {"bra"}


def test_exit_code_is_non_zero_only_when_nothing_succeeded(run_cli, tmp_path):
    bad = tmp_path / "tom.txt"
    bad.write_text("", encoding="utf-8")
    proc = run_cli("run", str(bad), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 1
    assert pd.read_parquet(tmp_path / "out" / "articles.parquet")["status"].tolist() == ["error"]


def test_the_output_folder_accumulates_runs(run_cli, seed_path, tmp_path):
    """A daily run adds to the corpus: yesterday's articles stay; --replace starts afresh."""
    today = tmp_path / "idag.txt"
    today.write_text("Regeringen i Stockholm presenterade i dag en ny budget för skolan och vården.\n\n"
                     "– Det här är en satsning på framtiden, säger finansministern Anna Ek.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(seed_path), "--out", str(out), "--quiet").returncode == 0
    before = pd.read_parquet(out / "entities.parquet")
    proc = run_cli("run", str(today), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "1 earlier article kept" in proc.stdout
    arts = pd.read_parquet(out / "articles.parquet")
    assert list(arts["article_id"]) == ["idag", "svt-nordkorea-ryssland"]
    kept = pd.read_parquet(out / "entities.parquet")
    pd.testing.assert_frame_equal(kept[kept.article_id == "svt-nordkorea-ryssland"].reset_index(drop=True), before)
    proc = run_cli("run", str(today), "--out", str(out), "--quiet", "--replace")
    assert proc.returncode == 0 and list(pd.read_parquet(out / "articles.parquet")["article_id"]) == ["idag"]


def test_an_empty_input_leaves_the_corpus_untouched(run_cli, seed_path, tmp_path):
    out = tmp_path / "out"
    assert run_cli("run", str(seed_path), "--out", str(out), "--quiet").returncode == 0
    stamp = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    empty = tmp_path / "tom-mapp"
    empty.mkdir()
    proc = run_cli("run", str(empty), "--out", str(out), "--quiet")
    assert proc.returncode == 2 and "no articles in the input" in proc.stderr
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == stamp


def test_ordinary_mistakes_are_one_line_errors(run_cli, seed_path, tmp_path):
    a_file = tmp_path / "tabeller.txt"
    a_file.write_text("inte en mapp", encoding="utf-8")
    proc = run_cli("run", str(seed_path), "--out", str(a_file), "--quiet")
    assert proc.returncode == 2 and "is a file, not a folder" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli("run", str(seed_path), "--out", str(tmp_path / "out"), "--workers", "0")
    assert proc.returncode == 2 and "must be 1 or more" in proc.stderr
    proc = run_cli("run", str(seed_path), "--out", str(tmp_path / "out"), "--workers", "-2")
    assert proc.returncode == 2 and "must be 1 or more" in proc.stderr
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("python -m pipeline 0.")
    # commands that need corpora or a gold folder that is not there
    for args in (["evaluate-ner", "--data", str(tmp_path / "inga-korpusar")],
                 ["evaluate", "--gold", str(tmp_path / "ingen-gold")]):
        proc = run_cli(*args)
        assert proc.returncode == 2 and "not found" in proc.stderr and "Traceback" not in proc.stderr, args
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


@pytest.mark.parametrize(("raised", "code", "message"), [
    (PermissionError(13, "Permission denied"), 2, "cannot write to"),
    (KeyboardInterrupt(), 130, "interrupted; nothing of this run was written"),
])
def test_a_failing_run_is_mapped_to_an_exit_code(monkeypatch, capsys, seed_path, tmp_path, raised, code, message):
    """A read-only folder (as root the OS lets us write, so the error is raised here) and Ctrl-C."""
    import pipeline.run
    from pipeline.__main__ import main

    def fail(*args, **kwargs):
        raise raised

    monkeypatch.setattr(pipeline.run, "run", fail)
    assert main(["run", str(seed_path), "--out", str(tmp_path / "out"), "--quiet"]) == code
    assert message in capsys.readouterr().err


def test_progress_lines_in_a_log_have_a_total(seed_text, tmp_path, capsys, monkeypatch):
    """Not a terminal: plain lines (no carriage returns), with the total when it is known."""
    from pipeline.run import run

    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(3):
        (inputs / f"a{i}.txt").write_text(seed_text, encoding="utf-8")
    monkeypatch.setattr("pipeline.run.PROGRESS_EVERY", 0.0)
    run([inputs], tmp_path / "out", progress=True, workers=1, batch_size=1)
    err = capsys.readouterr().err
    assert "\r" not in err and "articles: 1 of 3 done" in err and "articles: 3 of 3 done" in err


def test_errors_name_their_path_and_no_folder_the_user_lacks(run_cli, seed_path, tmp_path):
    proc = run_cli("run", str(seed_path), "--out", "/proc/nope", "--quiet")
    assert proc.returncode == 2 and proc.stderr.strip() == "error: cannot write to /proc/nope (No such file or directory)"
    missing = tmp_path / "no-such-folder"
    for cmd in (["evaluate", "--gold", str(missing)], ["cross-validate", "--gold", str(missing)],
                ["train-ner", "--data", str(missing), "--output", str(tmp_path / "m")]):
        proc = run_cli(*cmd)
        assert proc.returncode == 2, (cmd, proc.stderr)
        line = proc.stderr.strip()
        assert line.startswith("error: ") and "\n" not in line and "../shared" not in line, (cmd, line)
        assert str(missing) in line or "give --gold DIR" in line, (cmd, line)
