"""Entity-swap augmentation for NER training (build time only).

The two training corpora name a few thousand distinct people, organisations and places;
a model trained on them partly memorises the names instead of learning the contexts
Swedish news puts names in (``enligt X``, ``X:s vd``, ``i X``). A copy of a training
sentence with each entity replaced by another name of the same label from the project's
lexicons (Swedish first names + surnames, the gazetteer's organisations and places,
country names) keeps the context and changes the name, which is the augmentation the
entity issue asks for. Genitives are kept (``Volvos vd`` -> ``Scanias vd``).

Deterministic for a given seed; the copies are added to the training data, never to the
dev or test sets.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from .. import lexicon
from .corpora import Sentence
from .gazetteer import genitive_forms


def _pools() -> dict[str, list[str]]:
    entries = lexicon.gazetteer_entries()
    places = [name for name, label in entries if label == "LOC"]
    places += [row[0] for row in lexicon.rows("countries_sv.tsv") if row]
    orgs = [name for name, label in entries if label == "ORG"]
    orgs += [row[1] for row in lexicon.rows("parties.tsv", 3)]
    return {"LOC": sorted(set(places)), "ORG": sorted(set(orgs))}


def _person(rng: random.Random, n_tokens: int, first: Sequence[str], last: Sequence[str]) -> str:
    if n_tokens == 1:
        return rng.choice(last) if rng.random() < 0.7 else rng.choice(first)
    return f"{rng.choice(first)} {rng.choice(last)}"


def _is_genitive(words: Sequence[str], names_in_s: frozenset[str]) -> bool:
    tail = words[-1]
    if tail.endswith(":s"):
        return True
    return len(tail) > 3 and tail.endswith("s") and tail[-2] not in "sxz" and " ".join(words) not in names_in_s


def _genitive(name: str) -> str:
    forms = genitive_forms(name)
    return forms[0] if forms else name


def entity_swaps(sentences: Sequence[Sentence], fraction: float = 0.3, seed: int = 0) -> list[Sentence]:
    """Copies of ``fraction`` of the sentences that hold an entity, names swapped."""
    rng = random.Random(seed)
    pools = _pools()
    first = [row[0] for row in lexicon.rows("first_names_sv.tsv", 3)]
    last = [row[0] for row in lexicon.rows("surnames_sv.tsv", 1)]
    names_in_s = frozenset(lexicon.words("names_ending_in_s.txt")) | frozenset(
        n for n in [*first, *pools["LOC"], *pools["ORG"]] if n.endswith("s"))
    out: list[Sentence] = []
    for k, sent in enumerate(sentences):
        if not any(t.startswith("B-") for t in sent.tags) or rng.random() >= fraction:
            continue
        words: list[str] = []
        tags: list[str] = []
        i = 0
        while i < len(sent.words):
            tag = sent.tags[i]
            if not tag.startswith("B-") or tag[2:] not in ("PER", "ORG", "LOC"):
                words.append(sent.words[i])
                tags.append(tag)
                i += 1
                continue
            label = tag[2:]
            j = i + 1
            while j < len(sent.words) and sent.tags[j] == f"I-{label}":
                j += 1
            original = sent.words[i:j]
            name = _person(rng, j - i, first, last) if label == "PER" else rng.choice(pools[label])
            if _is_genitive(original, names_in_s):
                name = _genitive(name)
            new = name.split(" ")
            words += new
            tags += [f"B-{label}"] + [f"I-{label}"] * (len(new) - 1)
            i = j
        out.append(Sentence(tuple(words), tuple(tags), f"swap-{k // 10}"))
    return out
