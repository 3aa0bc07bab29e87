"""One quote counted once: the copies of a quote across the corpus as one cluster.

Wire copy (TT, Reuters, NTB) runs in dozens of papers, so a corpus of Swedish news holds
the same quote by the same speaker in many articles, lightly edited: a word changed, the
end cut, other quotation marks. Counting each copy inflates "most quoted people" and the
share of women. Two quotes are copies when

* their speakers are the same (the entity id, else the unnamed source as written), and
* their texts, normalised (case, punctuation, quotation marks, white space), are the same,
  or both have at least ``min_words`` words and the shorter one's word trigrams lie in the
  longer one's for at least ``min_overlap`` of them (a cut or a few edited words keep most
  trigrams; a different statement by the same person shares few); of two quotes of at
  most ``SHORT_WORDS`` words, whose few trigrams one changed word breaks, all words but
  one are shared and their lengths differ by one word at most.

Copies are joined transitively (union-find). Candidate pairs come from an index of the
trigrams of each speaker's quotes, so the work grows with the quotes, not their square.
A cluster's id is ``Q:`` + the first copy's ``quote_id`` (by publication date,
then article id): stable while no earlier copy arrives.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

MIN_WORDS = 5
MIN_OVERLAP = 0.6
SHORT_WORDS = 10
WORD = re.compile(r"\w+")


class QuoteRef(NamedTuple):
    article_id: str
    quote_id: str
    speaker: str | None  # speaker_entity_id, else "SOURCE:" + the phrase; None: no speaker, never a copy
    text: str
    published: str | None = None


def normalise(text: str) -> list[str]:
    """Lower-case words of ``text``, quotation marks, dashes and punctuation dropped."""
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def trigrams(words: Sequence[str]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def quote_clusters(quotes: Iterable[QuoteRef], min_words: int = MIN_WORDS,
                   min_overlap: float = MIN_OVERLAP) -> dict[tuple[str, str], str]:
    """(article_id, quote_id) -> quote_cluster_id for every quote given."""
    refs = list(quotes)
    parent = list(range(len(refs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(refs):
        if q.speaker:
            by_speaker[q.speaker].append(i)
    for members in by_speaker.values():
        if len(members) < 2:
            continue
        words = {i: normalise(refs[i].text) for i in members}
        exact: dict[tuple[str, ...], int] = {}
        for i in members:
            key = tuple(words[i])
            if key in exact:
                union(exact[key], i)  # the same words: a copy, and only the first is compared further
            else:
                exact[key] = i
        grams = {i: trigrams(words[i]) for i in exact.values() if len(words[i]) >= min_words}
        index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, gs in grams.items():
            for g in gs:
                index[g].append(i)
        for i, gs in grams.items():
            shared: dict[int, int] = defaultdict(int)
            for g in gs:
                for j in index[g]:
                    if j > i:
                        shared[j] += 1
            for j, n in shared.items():
                if n >= min_overlap * min(len(gs), len(grams[j])):
                    union(i, j)
        # a short quote has few trigrams, and one changed word breaks three of them: its
        # words are compared instead (all but one shared, lengths within one word)
        short = {i: frozenset(words[i]) for i in grams if len(words[i]) <= SHORT_WORDS}
        by_word: dict[str, list[int]] = defaultdict(list)
        for i, ws in short.items():
            for w in ws:
                by_word[w].append(i)
        for i, ws in short.items():
            shared = defaultdict(int)
            for w in ws:
                for j in by_word[w]:
                    if j > i:
                        shared[j] += 1
            for j, n in shared.items():
                if n >= min(len(ws), len(short[j])) - 1 and abs(len(words[i]) - len(words[j])) <= 1:
                    union(i, j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(refs)):
        clusters[find(i)].append(i)
    out: dict[tuple[str, str], str] = {}
    for members in clusters.values():
        first = min(members, key=lambda i: (refs[i].published or "9999", refs[i].article_id, refs[i].quote_id))
        cid = f"Q:{refs[first].quote_id}"
        for i in members:
            out[(refs[i].article_id, refs[i].quote_id)] = cid
    return out
