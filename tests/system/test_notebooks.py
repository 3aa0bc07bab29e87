"""Both notebooks run top to bottom on a clean clone (outputs are not committed)."""

from __future__ import annotations

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


@pytest.mark.parametrize("name", ["explore.ipynb", "evaluate.ipynb"])
def test_notebook_runs(name, tmp_path):
    path = ROOT / "notebooks" / name
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit notebooks with outputs cleared"
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


def test_explore_reads_the_folder_named_by_svnews_out(run_cli, seed_path, tmp_path, monkeypatch):
    out = tmp_path / "min-korpus"
    assert run_cli("run", str(seed_path), "--out", str(out), "-q").returncode == 0
    monkeypatch.setenv("SVNEWS_OUT", str(out))
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "1 articles (1 ok)" in printed


def test_evaluate_says_plainly_when_it_has_no_gold(tmp_path, monkeypatch):
    monkeypatch.setenv("SVNEWS_GOLD", str(tmp_path / "no-such-gold"))
    nb = nbformat.read(ROOT / "notebooks" / "evaluate.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "nothing to score" in printed and "says nothing about other news" in printed
