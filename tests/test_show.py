"""`show` prints one article from the tables; `--html` writes the displaCy view."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

SEED_ID = "svt-nordkorea-ryssland"


def test_show_seed_article(tmp_path):
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(ROOT / "raw"), "--out", str(out), "--quiet"],
                   cwd=ROOT, check=True, capture_output=True)
    html = tmp_path / "seed.html"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "show", SEED_ID, "--out", str(out), "--html", str(html)],
                          cwd=ROOT, capture_output=True, text=True)
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
    assert page.startswith("<!DOCTYPE html>") and "DIRECT: Niklas Swanström" in page and "INDIRECT: Kim Jong-Un" in page


def test_show_unknown_article_is_a_clear_error(tmp_path):
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(ROOT / "raw"), "--out", str(out), "--quiet"],
                   cwd=ROOT, check=True, capture_output=True)
    proc = subprocess.run([sys.executable, "-m", "pipeline", "show", "finns-inte", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "no article 'finns-inte'" in proc.stderr and SEED_ID in proc.stderr
