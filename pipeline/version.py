"""The pipeline's version as stored with every article: ``__version__`` plus a fingerprint
of the whole installed package (code, language data, the model), so a re-run recomputes an
article whenever anything that could change its tables changed."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import __version__

PACKAGE_ROOT = Path(__file__).resolve().parent
# Files that cannot change what the pipeline writes: bytecode caches.
NOT_FINGERPRINTED = ("__pycache__", ".pyc", ".pyo")


def package_fingerprint(root: Path = PACKAGE_ROOT) -> str:
    """A hash of every file under ``root`` (code, language data, the model), by
    relative path and content: add, remove, rename or edit any file and it changes."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and not any(
        part == NOT_FINGERPRINTED[0] for part in p.relative_to(root).parts) and not p.name.endswith(NOT_FINGERPRINTED[1:]))
    for f in files:
        digest.update(f.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(f.read_bytes()).digest())
    return digest.hexdigest()[:10]


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """``__version__`` plus a fingerprint of the whole installed package: code, language
    data and model. Stored with every article; a re-run recomputes an article when it
    changes."""
    return f"{__version__}+{package_fingerprint()}"
