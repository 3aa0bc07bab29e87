"""Shared fixtures. Tests that need ../shared (corpora, dev set) skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (the shared corpora/dev set live beside the repository)")
    return path


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()
