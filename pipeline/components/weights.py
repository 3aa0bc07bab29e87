"""Trained weights saved with a component as one JSON file (``weights.json`` in its folder of
the model): no pickle, read with the standard library, scored with numpy by the component.

A component that learns its weights at build time (``train-typer``, ``train-speakers``)
mixes in :class:`JsonWeights` and says how its weights become a dict
(:meth:`JsonWeights.weights_data`) and back (:meth:`JsonWeights.set_weights`); loading,
saving and ``initialize(weights=FILE)`` are then spaCy's usual component calls.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

WEIGHTS = "weights.json"


class JsonWeights:
    def set_weights(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def weights_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def initialize(self, get_examples=None, *, nlp: Language | None = None, weights: str | Path | None = None) -> None:  # type: ignore[no-untyped-def]
        if weights is not None:
            self.set_weights(json.loads(Path(weights).read_text(encoding="utf-8")))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / WEIGHTS).write_text(json.dumps(self.weights_data(), ensure_ascii=False, indent=1, sort_keys=True),
                                    encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "JsonWeights":
        file = Path(path) / WEIGHTS
        if file.exists():
            self.set_weights(json.loads(file.read_text(encoding="utf-8")))
        return self
