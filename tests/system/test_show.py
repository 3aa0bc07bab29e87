"""`show` prints one article from the tables; `--html` writes the displaCy view."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

SEED_ID = "svt-nordkorea-ryssland"


@pytest.fixture(scope="module")
def seed_tables(run_cli, root, tmp_path_factory):
    out = tmp_path_factory.mktemp("show") / "out"
    proc = run_cli("run", str(root / "raw"), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out


def test_show_seed_article(run_cli, seed_tables, tmp_path):
    html = tmp_path / "seed.html"
    proc = run_cli("show", SEED_ID, "--out", str(seed_tables), "--html", str(html))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "Title: Så ser relationen mellan Nordkorea och Ryssland ut" in text
    assert "Entities (9):" in text
    for name in ["Vladimir Putin", "Kim Jong-Un", "Niklas Swanström", "Nordkorea", "Ryssland", "Storbritannien",
                 "Sydkorea", "Ukraina", "FN"]:
        assert f" {name}  ×" in text, name
    assert "Quotes (6):" in text
    assert text.count("] Niklas Swanström") == 5 and text.count("] Kim Jong-Un") == 1
    assert "statsvetare" in text and "(cue: säger; explicit)" in text
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="sv">' in page
    assert 'title="direct: Niklas Swanström"' in page and 'title="indirect: Kim Jong-Un"' in page
    # the text as written: its own spacing (not one space per token) and its paragraphs
    assert "Foto: TT" in page and "Foto : TT" not in page and page.count("</p><p>") >= 15


def test_show_unknown_article_is_a_clear_error(run_cli, seed_tables):
    proc = run_cli("show", "finns-inte", "--out", str(seed_tables))
    assert proc.returncode == 1
    assert "no article 'finns-inte'" in proc.stderr and SEED_ID in proc.stderr


def test_show_an_error_row_has_no_nan_title(run_cli, tmp_path):
    bad = tmp_path / "tom.txt"
    bad.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    run_cli("run", str(bad), "--out", str(out), "--quiet")
    proc = run_cli("show", "tom", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Title: —" in proc.stdout and "nan" not in proc.stdout and "ERROR:" in proc.stdout


def test_show_prints_a_hard_wrapped_quote_on_one_line():
    import pandas as pd

    from pipeline.show import ArticleTables, format_article

    text = "Skolan får mer pengar.\n\n– Det är bra\nför alla elever,\nsäger Anna Ek.\n"
    article = pd.Series({"article_id": "a", "source": "a.txt", "title": "Skolan", "status": "ok", "text": text,
                         "n_paragraphs": 2, "n_sentences": 2, "n_tokens": 14})
    quotes = pd.DataFrame([{"kind": "direct", "text": "Det är bra\nför alla elever", "speaker_name": "Anna Ek",
                            "speaker_role": None, "cue": "säger", "attribution": "explicit",
                            "start_char": 26, "end_char": 51}])
    empty = pd.DataFrame(columns=["label", "name", "n_mentions", "first_char", "aliases", "n_quotes",
                                  "start_char", "end_char"])
    shown = format_article(ArticleTables(article, empty, empty, quotes))
    assert "“Det är bra för alla elever”" in shown
