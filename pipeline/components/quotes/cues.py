"""Quote cues: where a text says that someone speaks.

The rules are data: spaCy ``Matcher`` patterns in ``pipeline/data/quote_cues.jsonl``
(one line per rule, see its header); a pattern names a verb class of ``speech_verbs.txt``
as ``{"_": {"speech_verb": {"IN": ["say"]}}}``, which the loader expands into the list of
verb forms (``ORTH IN``) so the Matcher tests it itself. This module runs them once per
``Doc`` and answers questions of the form "the leftmost END_ATTR cue that ends this
sentence", with character offsets for every named part of the match (``verb``,
``speaker``, ``content``…), as a regular expression's named groups would.

Every match holds a word of its rule's *trigger* (its speech verb, ``enligt``, the
colon of ``TT:``): :class:`CueMatcher` runs the Matcher only on the stretches of a Doc
around such words, from the few words a pattern has before its trigger to the end of the
trigger's sentence (a word further where a pattern may run on), not on every token: most
of a news article has no trigger, and the Matcher starts every pattern at every token it sees.

Conventions the patterns describe (each has a case table in ``tests/cases/cues.tsv``):
the attribution after a quote (``…, säger X.``), a colon introduction (``X säger:``),
``X säger att …`` with up to seven words between verb and ``att``, ``Enligt X …``,
``…, enligt X.``, ``Det säger X`` opening the next paragraph.
"""

from __future__ import annotations

import copy
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ...layout import trim_whitespace
from ..layout import doc_text, sentence_bounds, token_texts
from ...lexicon import jsonl, mapping

CUES_FILE = "quote_cues.jsonl"
SPEECH_VERBS_FILE = "speech_verbs.txt"


def speech_verbs() -> dict[str, str]:
    """verb form -> class (``say``, ``think`` or ``end``), from ``speech_verbs.txt``."""
    return mapping(SPEECH_VERBS_FILE)


@dataclass(frozen=True)
class Cue:
    """One match of a cue rule: character offsets into ``doc.text``.

    ``start``/``end`` cover the named parts of the match; ``span`` the whole match,
    unnamed context tokens included (the word before ``enligt``, a final full stop);
    ``groups`` maps each part's name to its (start, end).
    """

    label: str
    start: int
    end: int
    span: tuple[int, int]
    groups: dict[str, tuple[int, int]]
    text: str

    def start_of(self, group: str) -> int:
        return self.groups[group][0]

    def end_of(self, group: str) -> int:
        return self.groups[group][1]

    def group(self, name: str) -> str | None:
        if name not in self.groups:
            return None
        s, e = self.groups[name]
        return self.text[s:e]


@dataclass(frozen=True)
class Reach:
    """How far a rule's match reaches from its trigger word: ``before`` words before it,
    and past the end of the trigger's sentence ``after`` words (white space is free both
    ways). A token spec marked ``IS_SENT_START: false`` keeps the match in the sentence it
    is in, which is the trigger's because white space never opens a sentence (``news_layout``).
    A rule without a bound has no Reach (it runs on the whole Doc)."""

    forms: frozenset[str]
    before: int
    after: int


@dataclass(frozen=True)
class CueRule:
    label: str
    pattern: list[dict[str, Any]]
    groups: tuple[str | None, ...]
    anchor: str | None = None
    reach: Reach | None = None


def load_rules(rows: Iterable[dict[str, Any]] | None = None) -> list[CueRule]:
    """Cue rules from JSONL rows (default: the package's ``quote_cues.jsonl``)."""
    rules = []
    for row in jsonl(CUES_FILE) if rows is None else rows:
        pattern = [_expand_verb_class(spec) for spec in copy.deepcopy(row["pattern"])]
        groups = tuple(spec.pop("GROUP", None) for spec in pattern)
        rules.append(CueRule(row["label"], pattern, groups, row.get("anchor"), _reach(pattern, groups)))
    return rules


def _expand_verb_class(spec: dict[str, Any]) -> dict[str, Any]:
    """``{"_": {"speech_verb": {"IN": ["say"]}}}`` -> ``{"ORTH": {"IN": [säger, sa, …]}}``: the
    same test, run by the Matcher itself instead of a Python getter per token (3x faster)."""
    classes = spec.get("_", {}).get("speech_verb", {}).get("IN")
    if classes is None:
        return spec
    spec = {k: v for k, v in spec.items() if k != "_"}
    spec["ORTH"] = {"IN": sorted(v for v, kind in speech_verbs().items() if kind in classes)}
    return spec


# the parts that name the words a cue is about, in the order a trigger is taken from
TRIGGER_GROUPS = ("verb", "cue", "colon")
UNBOUNDED = 10_000  # a repeated token spec's reach when it has no upper bound


def _reach(pattern: list[dict[str, Any]], groups: tuple[str | None, ...]) -> Reach | None:
    """The word forms one of which every match holds (the forms of its first required token
    spec that names them, ``ORTH`` or ``ORTH IN``, a verb or ``enligt`` before any other) and
    the match's reach around them."""
    required = [k for k, spec in enumerate(pattern) if spec.get("OP", "1") in ("1", "+")]
    for k in sorted(required, key=lambda k: groups[k] not in TRIGGER_GROUPS):
        orth = pattern[k].get("ORTH")
        if isinstance(orth, str):
            forms = frozenset([orth])
        elif isinstance(orth, dict) and set(orth) == {"IN"}:
            forms = frozenset(orth["IN"])
        else:
            continue
        before = sum(_most(spec) for spec in pattern[:k] if not spec.get("IS_SPACE"))
        after, left_sentence = 0, False
        for spec in pattern[k + 1:]:
            if spec.get("IS_SPACE"):
                continue
            inside = spec.get("IS_SENT_START") is False  # cannot open a sentence: stays in the one before
            if inside and not left_sentence:
                continue
            after += _most(spec)
            left_sentence = True
        if before >= UNBOUNDED or after >= UNBOUNDED:
            return None
        return Reach(forms, before, after)
    return None


def _most(spec: dict[str, Any]) -> int:
    """The most tokens a token spec can match."""
    op = spec.get("OP", "1")
    if op in ("1", "?", "!"):
        return 1
    if op.startswith("{"):
        high = op.strip("{}").split(",")[-1]
        return int(high) if high else UNBOUNDED
    return UNBOUNDED


class CueMatcher:
    """The cue rules' Matcher, one key per rule (``LABEL/n``, so a match tells which pattern it
    is), run only on the stretches of a Doc that a rule's match can cover: around the rules'
    trigger words, as far as each rule reaches."""

    def __init__(self, vocab: Vocab, rules: list[CueRule]):
        self.rules = rules
        self.matcher = Matcher(vocab, validate=True)
        for n, rule in enumerate(rules):
            self.matcher.add(f"{rule.label}/{n}", [rule.pattern])
        self.everywhere = any(rule.reach is None for rule in rules)
        reaches = [rule.reach for rule in rules if rule.reach is not None]
        self.before = max((r.before for r in reaches), default=0)
        self.after = max((r.after for r in reaches), default=0)
        self.trigger = frozenset().union(*(r.forms for r in reaches))

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges to match in, overlapping ranges merged."""
        n = len(doc)
        if self.everywhere or not n:
            return [(0, n)] if n else []
        trigger = self.trigger
        hits = [i for i, text in enumerate(token_texts(doc)) if text in trigger]
        if not hits:
            return []
        space = doc.to_array([IS_SPACE]).astype(bool).tolist()
        ends = [b for _, b, _, _ in sentence_bounds(doc)]
        out: list[tuple[int, int]] = []
        for t in hits:
            a = _words_back(space, t, self.before)
            b = _words_on(space, ends[bisect_right(ends, t)], self.after)
            if out and a <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((a, b))
        return out

    def __call__(self, doc: Doc) -> Iterator[tuple[int, int, int, list[int]]]:
        """(match id, start, end, alignment) in the Doc's token positions."""
        for a, b in self.windows(doc):
            for match_id, start, end, alignment in self.matcher(doc[a:b], with_alignments=True):  # type: ignore[misc]
                yield match_id, start + a, end + a, alignment


def _words_back(space: list[bool], i: int, words: int) -> int:
    """The start of ``words`` non-space tokens before ``i``, with the white space around them."""
    while i > 0 and (words or space[i - 1]):
        i -= 1
        words -= not space[i]
    return i


def _words_on(space: list[bool], i: int, words: int) -> int:
    """The end of ``words`` non-space tokens from ``i``, with the white space around them."""
    n = len(space)
    while i < n and (words or space[i]):
        words -= not space[i]
        i += 1
    return i


class CueIndex:
    """All cue matches of one Doc, queried by label and character range."""

    def __init__(self, doc: Doc, matcher: CueMatcher):
        rules = matcher.rules
        self.text = doc_text(doc)
        self.anchor = {rule.label: rule.anchor for rule in rules}
        # token offsets read once (a Token object per matched token costs more than the match)
        arr = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
        begin = [a[0] for a in arr]
        finish = [a[0] + a[1] for a in arr]
        space = [bool(a[2]) for a in arr]
        rule_of = {}
        found: dict[str, list[tuple[tuple, Cue]]] = {}
        for match_id, start, end, alignment in matcher(doc):
            rule = rule_of.get(match_id)
            if rule is None:
                rule = rule_of[match_id] = rules[int(doc.vocab.strings[match_id].rsplit("/", 1)[1])]
            groups: dict[str, list[int]] = {}
            for i, k in zip(range(start, end), alignment):
                name = rule.groups[k]
                if name is not None and not space[i]:
                    span = groups.get(name)
                    if span is None:
                        groups[name] = [begin[i], finish[i]]
                    else:
                        span[1] = finish[i]
            if not groups:
                continue
            whole = (begin[start], finish[end - 1])
            cue = Cue(rule.label, min(s for s, _ in groups.values()), max(e for _, e in groups.values()), whole,
                      {k: (v[0], v[1]) for k, v in groups.items()}, self.text)
            # leftmost first, then shortest, then the earliest parts (a lazy regex's choice:
            # "säger att X sa att …" takes the first att)
            key = (whole, tuple(sorted(s for s, _ in cue.groups.values())))
            found.setdefault(rule.label, []).append((key, cue))
        self.cues = {label: [c for _, c in sorted(pairs, key=lambda p: p[0])] for label, pairs in found.items()}
        self._starts = {label: [c.span[0] for c in cues] for label, cues in self.cues.items()}

    def find(self, label: str, start: int, end: int) -> Cue | None:
        """The leftmost (then shortest) ``label`` cue inside ``text[start:end]``.

        Anchored rules must open (``start``) or close (``end``) the range, surrounding
        white space aside.
        """
        cues = self.cues.get(label)
        if not cues:
            return None
        lo, hi = trim_whitespace(self.text, start, end)
        anchor = self.anchor.get(label)
        for cue in cues[bisect_left(self._starts[label], lo):]:
            s, e = cue.span
            if s >= hi:
                break
            if e > hi or anchor == "start" and s != lo or anchor == "end" and e != hi:
                continue
            return cue
        return None
