"""pipeline_version fingerprints every file of the package, so re-runs notice any change."""

from __future__ import annotations

import re
import shutil


def test_any_new_module_changes_the_fingerprint(root, tmp_path):
    from pipeline.version import package_fingerprint

    copy = tmp_path / "pipeline"
    shutil.copytree(root / "pipeline", copy, ignore=shutil.ignore_patterns("models", "__pycache__"))
    before = package_fingerprint(copy)
    (copy / "components" / "new_stage.py").write_text("", encoding="utf-8")
    assert package_fingerprint(copy) != before
    (copy / "components" / "new_stage.py").unlink()
    assert package_fingerprint(copy) == before
    (copy / "data" / "roles.txt").write_text("# roles\nminister\n", encoding="utf-8")
    assert package_fingerprint(copy) != before


def test_bytecode_caches_do_not_count(root, tmp_path):
    from pipeline.version import package_fingerprint

    copy = tmp_path / "pipeline"
    shutil.copytree(root / "pipeline", copy, ignore=shutil.ignore_patterns("models", "__pycache__"))
    before = package_fingerprint(copy)
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert package_fingerprint(copy) == before


def test_the_model_is_part_of_the_fingerprint(root, tmp_path):
    from pipeline.version import package_fingerprint

    copy = tmp_path / "pipeline"
    shutil.copytree(root / "pipeline", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = package_fingerprint(copy)
    words = copy / "models" / "sv_news_ner" / "ner_repair" / "common_words.txt"
    words.write_text(words.read_text(encoding="utf-8") + "ordet\n", encoding="utf-8")
    assert package_fingerprint(copy) != before


def test_docs_schema_holds_the_whole_contract(root):
    """docs/schema.md (in the repository) carries every table and column of the original contract."""
    from conftest import needs_shared

    shared = needs_shared("SCHEMA.md").read_text(encoding="utf-8")
    ours = (root / "docs" / "schema.md").read_text(encoding="utf-8")
    for table in re.findall(r"^## (\w+) —", shared, flags=re.M):
        assert f"## {table} —" in ours, table
    for row in re.findall(r"^\| ([a-z_, ]+) \|", shared, flags=re.M):
        if row.strip() != "column":
            assert f"| {row} |" in ours, row


def test_docs_schema_lists_every_extra_column(root):
    from pipeline.tables import SCHEMAS

    ours = (root / "docs" / "schema.md").read_text(encoding="utf-8")
    for table, schema in SCHEMAS.items():
        for name in schema.names:
            assert re.search(rf"\b{name}\b", ours), f"{table}.{name} is not documented in docs/schema.md"

