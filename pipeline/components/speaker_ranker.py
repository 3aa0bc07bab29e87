"""``speaker_ranker``: a trained model picks each quote's speaker among candidates.

The quote stage's rules (:mod:`.quotes`) find the quotes and propose a speaker in a fixed
order of sieves; they cannot weigh evidence that conflicts (a name inside the quote, a
person introduced a paragraph earlier, the last speaker). This component re-decides the
speaker of every quote from candidates:

* every person and organisation of the article (``doc._.entity_clusters``);
* the rules' answer when it is not one of them (an unnamed source, ``en granne``);
* no speaker.

Each candidate gets features (:func:`candidate_features`: where its mentions sit relative
to the quote and its paragraph, whether the rules chose it and how, recency and salience,
gender agreement with a ``han``/``hon`` attribution, …) and a linear score; the best
candidate wins. The weights are learnt by ``python -m pipeline train-speakers``
(:mod:`pipeline.training.speakers`, logistic regression on the annotated news in
``../shared/eval/train``) and ship as plain JSON in the model folder (``weights.json``),
scored with numpy; without weights the component changes nothing.

A quote whose speaker the model changes keeps its ``speaker_text`` (what is written at
the attribution site) and ``cue``; its ``speaker_role`` goes with the rules' speaker; a
quote the rules left without a speaker gets ``attribution = "model"``. ``span._.speaker_score``
is the chosen candidate's probability.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from .layout import doc_text, sentence_bounds, token_texts
from .scoring import score_quotes
from ..swedish import looks_definite, pronoun_gender
from .quotes.speakers import first_name_gender, words
from .weights import JsonWeights

SPEAKER_LABELS = ("PER", "ORG")
ADDRESSEE = re.compile(r"\b(?:till|för|i|på)\s+$")  # "säger hon till SVT"

if not Span.has_extension("speaker_score"):
    Span.set_extension("speaker_score", default=None)


@dataclass
class Candidate:
    kind: str  # "entity", "phrase" (the rules' non-entity answer) or "none"
    name: str | None
    entity_id: str | None
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class QuoteContext:
    """Where a quote sits: its characters, paragraph and sentence, and the rules' speaker."""

    start: int
    end: int
    paragraph: int
    sent_start: int
    sent_end: int
    kind: str
    attribution: str
    rule_name: str | None
    rule_entity_id: str | None
    rule_text: str | None
    previous_speaker_id: str | None
    first_person_quote: bool = False  # the quote says "jag"/"mig"/"min"
    subject: tuple[int, int] | None = None  # the cue verb's subject in the attribution parse
    paragraph_starts: tuple[int, ...] = (0,)  # of the Doc, shared by its quotes


def _bin(value: float, edges: Iterable[float]) -> str:
    for edge in edges:
        if value <= edge:
            return f"{edge:g}"
    return "more"


def paragraph_starts(doc: Doc) -> list[int]:
    return [p.start_char for p in doc.spans.get("paragraphs", [])] if "paragraphs" in doc.spans else [0]


def paragraph_of(starts: tuple[int, ...] | list[int], char: int) -> int:
    return max(0, bisect_right(starts, char) - 1)


def quote_contexts(doc: Doc) -> list[QuoteContext]:
    """Each quote of ``doc.spans["quotes"]`` in its context (sentences and paragraphs are
    looked up in lists made once per Doc)."""
    starts = tuple(paragraph_starts(doc) or [0])
    sents = [(a, b) for a, b, _, _ in sentence_bounds(doc)] or [(0, len(doc))]
    first_tokens = [a for a, _ in sents]

    def sentence_of(i: int) -> tuple[int, int]:
        return sents[max(0, bisect_right(first_tokens, i) - 1)]

    out = []
    previous = None
    for q in doc.spans.get("quotes", []) if "quotes" in doc.spans else []:
        first, last = sentence_of(q.start), sentence_of(max(q.start, q.end - 1))
        s_char = doc[last[0]].idx
        e_char = doc[last[1] - 1].idx + len(doc[last[1] - 1])
        out.append(QuoteContext(q.start_char, q.end_char, paragraph_of(starts, q.start_char),
                                min(s_char, q.start_char), max(e_char, q.end_char), q.label_,
                                q._.attribution or "none", q._.speaker_name, q._.speaker_entity_id,
                                q._.speaker_text, previous, _says_jag(q.text),
                                parsed_subject(doc, q, first[0], last[1]), starts))
        if q._.speaker_entity_id:
            previous = q._.speaker_entity_id
    return out


def _says_jag(text: str) -> bool:
    singular = words("self_singular")
    return any(w.lower() in singular for w in re.findall(r"\w+", text))


def parsed_subject(doc: Doc, quote: Span, start: int, end: int) -> tuple[int, int] | None:
    """Characters of the subject of the quote's cue verb (in tokens ``start``–``end``: the
    quote's sentences), when the attribution parser parsed its sentence (``Nu bekräftar
    advokaten att …``: ``advokaten``)."""
    syntax = doc._.syntax if Doc.has_extension("syntax") else None
    cue = quote._.cue
    if syntax is None or not cue:
        return None
    texts = token_texts(doc)
    for i in range(start, end):
        if texts[i] == cue and not quote.start <= i < quote.end and syntax.parsed(i):
            subject = syntax.subject(i)
            if subject is not None:
                return doc[subject].idx, doc[subject].idx + len(doc[subject])
    return None


def candidates(doc: Doc, ctx: QuoteContext) -> list[Candidate]:
    """Every person/organisation of the article, the rules' other answer, and no speaker."""
    starts = ctx.paragraph_starts
    clusters = [c for c in doc._.entity_clusters if c.label in SPEAKER_LABELS]
    # recency: persons ordered by their last mention before the quote
    last_before = {c.entity_id: max((m.start for m in c.mentions if m.end <= ctx.start), default=-1) for c in clusters}
    recent = sorted((c for c in clusters if last_before[c.entity_id] >= 0 and c.label == "PER"),
                    key=lambda c: -last_before[c.entity_id])
    rank = {c.entity_id: i for i, c in enumerate(recent)}
    first_per = min((c for c in clusters if c.label == "PER"), key=lambda c: min(m.start for m in c.mentions), default=None)
    text = doc_text(doc)  # built once per Doc (Doc.text joins the tokens anew on every call)
    out = [Candidate("entity", c.name, c.entity_id,
                     candidate_features(c, ctx, starts, rank.get(c.entity_id), first_per is c, text))
           for c in clusters]
    rule_is_entity = ctx.rule_entity_id is not None and any(c.entity_id == ctx.rule_entity_id for c in clusters)
    if ctx.rule_name and not rule_is_entity:
        out.append(Candidate("phrase", ctx.rule_name, ctx.rule_entity_id, phrase_features(ctx)))
    out.append(Candidate("none", None, None, {"none": 1.0, f"none:{ctx.attribution}": 1.0, f"none:{ctx.kind}": 1.0,
                                              "none:rules_none": float(not ctx.rule_name)}))
    return out


def phrase_features(ctx: QuoteContext) -> dict[str, float]:
    """The rules' answer when it is no entity: an unnamed source (``en granne``, ``polisen``),
    an epithet (``24-åringen``), or a fragment the rules took for a subject (``som``)."""
    tokens = (ctx.rule_name or "").split()
    f = {"phrase": 1.0, f"phrase:{ctx.attribution}": 1.0, f"phrase:{ctx.kind}": 1.0,
         "phrase:words:" + _bin(len(tokens), (1, 2, 3)): 1.0}
    first = tokens[0] if tokens else ""
    if first[:1].isupper():
        f["phrase:capitalised"] = 1.0
    if first.lower() in words("no_speaker"):
        f["phrase:function_word"] = 1.0
    if pronoun_gender(first) is not None:  # "hon apropå fabrikens tillkomst": a pronoun the rules did not resolve
        f["phrase:pronoun"] = 1.0
    if looks_definite(first) and first.lower() not in words("no_speaker"):
        f["phrase:definite_noun"] = 1.0  # "24-åringen", "Palmeåklagaren": an epithet of someone named
    return f


def candidate_features(cluster: Any, ctx: QuoteContext, starts: tuple[int, ...], recency: int | None,
                       first_person: bool, text: str = "") -> dict[str, float]:
    f: dict[str, float] = {"entity": 1.0, f"label:{cluster.label}": 1.0}
    chosen = ctx.rule_entity_id == cluster.entity_id or (ctx.rule_entity_id is None and ctx.rule_name == cluster.name)
    if chosen:
        f["rules"] = 1.0
        f[f"rules:{ctx.attribution}"] = 1.0
        f[f"rules:{ctx.kind}"] = 1.0
        f[f"rules:label:{cluster.label}"] = 1.0  # the rules taking a club or a paper for the speaker
    mentions = cluster.mentions
    inside = [m for m in mentions if ctx.start <= m.start and m.end <= ctx.end]
    before = [m for m in mentions if m.end <= ctx.start]
    after = [m for m in mentions if m.start >= ctx.end]
    if inside:
        f["in_quote"] = 1.0
    if ctx.subject and any(m.start < ctx.subject[1] and ctx.subject[0] < m.end for m in mentions):
        f["parse_subject"] = 1.0
    in_sentence = [m for m in before + after if ctx.sent_start <= m.start and m.end <= ctx.sent_end]
    if in_sentence:
        f["same_sentence"] = 1.0
        f[f"same_sentence:{ctx.kind}"] = 1.0
        if all(ADDRESSEE.search(text[max(0, m.start - 8):m.start]) for m in in_sentence):
            f["addressee"] = 1.0  # "säger hon till SVT": whom it is said to, not who says it
    same_par_after = [m for m in after if paragraph_of(starts, m.start) == ctx.paragraph]
    if same_par_after:
        f["after_in_paragraph:" + _bin(same_par_after[0].start - ctx.end, (3, 30, 100))] = 1.0
    same_par_before = [m for m in before if paragraph_of(starts, m.start) == ctx.paragraph]
    if same_par_before:
        f["before_in_paragraph:" + _bin(ctx.start - same_par_before[-1].end, (3, 30, 100))] = 1.0
    if any(paragraph_of(starts, m.start) == ctx.paragraph + 1 for m in after):
        f["next_paragraph"] = 1.0
    if before:
        gap = ctx.paragraph - paragraph_of(starts, before[-1].start)
        f["paragraphs_back:" + _bin(gap, (0, 1, 2, 4))] = 1.0
    if recency is not None:
        f["recency:" + _bin(recency, (0, 1, 2))] = 1.0
        if recency == 0 and ctx.first_person_quote:
            f["last_person_named:quote_says_jag"] = 1.0  # "Jag …" right after a person is introduced
    if ctx.previous_speaker_id == cluster.entity_id:
        f["previous_speaker"] = 1.0
        f[f"previous_speaker:{ctx.attribution}"] = 1.0
    if first_person:
        f["first_person"] = 1.0
    if ctx.first_person_quote:
        f[f"quote_says_jag:{cluster.label}"] = 1.0
    f["log_mentions"] = math.log1p(len(mentions))
    f["log_mentions_before"] = math.log1p(len(before))
    if not before and not inside and not in_sentence:
        f["not_yet_named"] = 1.0
    wanted = pronoun_gender(ctx.rule_text or "")
    if wanted and cluster.label == "PER":
        gender = first_name_gender(cluster.name.split()[0]) if len(cluster.name.split()) >= 2 else None
        f["pronoun:" + ("agrees" if gender == wanted else "unknown" if gender is None else "disagrees")] = 1.0
    elif wanted:
        f["pronoun:organisation"] = 1.0
    return f


@Language.factory(
    "speaker_ranker",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc._.entity_clusters"],
    default_config={"span_key": "quotes"},
)
def make_speaker_ranker(nlp: Language, name: str, span_key: str) -> "SpeakerRanker":
    return SpeakerRanker(span_key)


class SpeakerRanker(JsonWeights):
    def __init__(self, span_key: str = "quotes"):
        self.span_key = span_key
        self.set_weights({})

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Quotes as labelled spans and the share of them whose speaker is the reference's
        (``quotes_speaker_acc``), after the ranker's decision."""
        return score_quotes(examples, self.span_key, **kwargs)

    # -- weights ------------------------------------------------------------------------
    def set_weights(self, data: dict[str, Any]) -> None:
        self.weights = {k: float(v) for k, v in data.get("weights", {}).items()}
        self.bias = float(data.get("bias", 0.0))
        self.meta = dict(data.get("meta", {}))
        self._index = {name: i for i, name in enumerate(self.weights)}
        self._w = np.array(list(self.weights.values()), dtype=np.float64)

    def weights_data(self) -> dict[str, Any]:
        return {"weights": self.weights, "bias": self.bias, "meta": self.meta}

    # -- scoring ------------------------------------------------------------------------
    def scores(self, cands: list[Candidate]) -> np.ndarray:
        """Each candidate's probability of being the speaker (a logistic score)."""
        index = self._index
        x = np.zeros((len(cands), len(index)), dtype=np.float64)
        for row, cand in enumerate(cands):
            for k, v in cand.features.items():
                col = index.get(k)
                if col is not None:
                    x[row, col] = v
        return 1.0 / (1.0 + np.exp(-(x @ self._w + self.bias)))

    def __call__(self, doc: Doc) -> Doc:
        if not self.weights or self.span_key not in doc.spans:
            return doc
        for span, ctx in zip(doc.spans[self.span_key], quote_contexts(doc)):
            cands = candidates(doc, ctx)
            probs = self.scores(cands)
            best = cands[int(np.argmax(probs))]
            span._.speaker_score = round(float(probs.max()), 4)
            if best.kind == "phrase" or (best.kind == "entity" and best.entity_id == ctx.rule_entity_id
                                         and best.name == ctx.rule_name):
                continue  # the rules' own answer
            if best.kind == "none":
                span._.speaker_name = span._.speaker_entity_id = span._.speaker_role = None
                span._.attribution = "none"
                continue
            if ctx.rule_name is None:
                span._.attribution = "model"
            span._.speaker_name, span._.speaker_entity_id, span._.speaker_role = best.name, best.entity_id, None
        return doc
