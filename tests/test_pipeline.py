"""The whole pipeline on the seed article and on a folder with a bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from conftest import FIXTURES, ROOT

SEED = ROOT / "raw" / "svt-nordkorea-ryssland.txt"
EXPECTED = {
    ("Vladimir Putin", "PER"), ("Kim Jong-Un", "PER"), ("Niklas Swanström", "PER"),
    ("Nordkorea", "LOC"), ("Ryssland", "LOC"), ("Storbritannien", "LOC"), ("Sydkorea", "LOC"),
    ("Ukraina", "LOC"), ("FN", "ORG"),
}


def test_doc_api_carries_entities_and_clusters(nlp):
    doc = nlp("Rysslands president Vladimir Putin reser till Nordkorea. Putins besök oroar FN:s generalsekreterare.")
    assert {(e.text, e.label_, e.kb_id_) for e in doc.ents} >= {
        ("Vladimir Putin", "PER", "PER:vladimir-putin"),
        ("Putins", "PER", "PER:vladimir-putin"),
        ("Nordkorea", "LOC", "LOC:nordkorea"),
        ("FN:s", "ORG", "ORG:fn"),
    }
    assert {c.name for c in doc._.entity_clusters} >= {"Vladimir Putin", "Nordkorea", "FN", "Ryssland"}


def test_boilerplate_and_routes_and_party_letters(nlp):
    text = (
        "Javascript är avstängt\n\n"
        "Tågen mellan Stockholm-Göteborg ställs in, säger Anna Ek (S).\n\n"
        "Foto: Lars Berg/TT\n"
    )
    doc = nlp(text)
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("Stockholm", "LOC"), ("Göteborg", "LOC"), ("S", "ORG")} <= ents
    assert not any(e.text in {"Javascript", "Lars Berg", "TT"} for e in doc.ents)


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True)


def test_seed_article_entities(tmp_path):
    proc = run_cli("run", str(SEED), "--out", str(tmp_path), "--format", "parquet,csv", "--quiet")
    assert proc.returncode == 0, proc.stderr
    ents = pd.read_parquet(tmp_path / "entities.parquet")
    assert set(zip(ents["name"], ents["label"])) == EXPECTED
    gold = json.loads((FIXTURES / "svt-nordkorea-ryssland.json").read_text(encoding="utf-8"))
    assert {(e["name"], e["type"]) for e in gold["entities"]} == EXPECTED
    # nothing from the boilerplate: the notices, the photo credit, the footer
    mentions = pd.read_parquet(tmp_path / "mentions.parquet")
    assert not mentions["text"].str.contains("Javascript|SVT|TT").any()
    text = pd.read_parquet(tmp_path / "articles.parquet")["text"][0]
    assert all(text[r.start_char : r.end_char] == r.text for r in mentions.itertuples())
    assert (tmp_path / "entities.csv").exists() and (tmp_path / "quotes.parquet").exists()


def test_bad_file_is_an_error_row_and_the_rest_succeeds(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bra.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
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
    assert "trasig.txt" in proc.stderr and "1 articles ok, 2 errors" in proc.stdout
    assert set(pd.read_parquet(out / "entities.parquet")["article_id"]) == {"bra"}


def test_exit_code_is_non_zero_only_when_nothing_succeeded(tmp_path):
    bad = tmp_path / "tom.txt"
    bad.write_text("", encoding="utf-8")
    proc = run_cli("run", str(bad), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 1
    assert pd.read_parquet(tmp_path / "out" / "articles.parquet")["status"].tolist() == ["error"]
