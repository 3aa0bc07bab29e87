"""Entity-swap augmentation: a name replaced by another of its label, context and genitive kept."""

from __future__ import annotations

from pipeline.training.augment import entity_swaps
from pipeline.training.corpora import Sentence


def _sentence(marked: list[tuple[str, str]]) -> Sentence:
    return Sentence(tuple(w for w, _ in marked), tuple(t for _, t in marked), "d1")


SENTENCES = [
    _sentence([("Enligt", "O"), ("Anna", "B-PER"), ("Svensson", "I-PER"), ("ökar", "O"), ("priserna", "O"),
               (".", "O")]),
    _sentence([("Volvos", "B-ORG"), ("vd", "O"), ("reste", "O"), ("till", "O"), ("Kina", "B-LOC"), (".", "O")]),
    _sentence([("Det", "O"), ("regnar", "O"), ("i", "O"), ("dag", "O"), (".", "O")]),
]


def test_swaps_keep_context_labels_and_alignment():
    swapped = entity_swaps(SENTENCES * 20, fraction=1.0, seed=1)
    assert len(swapped) == 40  # every sentence with an entity, none without
    for s in swapped:
        assert len(s.words) == len(s.tags)
        assert s.tags[-1] == "O" and s.words[-1] == "."
        starts = [t for t in s.tags if t.startswith("B-")]
        assert starts in (["B-PER"], ["B-ORG", "B-LOC"])
    names = {" ".join(s.words[1:3]) for s in swapped if s.words[0] == "Enligt"}
    assert len(names) > 5  # different people, not one
    orgs = [s.words[0] for s in swapped if s.tags[0] == "B-ORG" and s.tags[1] == "O"]
    assert orgs and all(o.lower().endswith(("s", "x", "z")) for o in orgs)  # the genitive before "vd" is kept (SpaceX)


def test_swaps_are_deterministic():
    assert entity_swaps(SENTENCES * 5, 0.5, seed=3) == entity_swaps(SENTENCES * 5, 0.5, seed=3)
