"""Component scorers, so spaCy's ``nlp.evaluate(examples)`` (and ``spacy evaluate``) report
figures from the components themselves: entities as spaCy scores them (``ents_p``,
``ents_r``, ``ents_f``, ``ents_per_type``), quotes as labelled spans (``spans_quotes_p`` …,
``direct``/``indirect``) and, for the quotes found at the reference's offsets, the share
whose speaker is the reference's (``quotes_speaker_acc``). The reference Docs carry
``doc.ents`` and ``doc.spans["quotes"]`` with ``span._.speaker_name``.

The articles' own figures (entity names, quote texts, speakers as the gold lists give
them, without offsets) come from :mod:`pipeline.scoring` (``python -m pipeline evaluate``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.scorer import Scorer, get_ner_prf
from spacy.training import Example

QUOTES_KEY = "quotes"


def score_entities(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    return get_ner_prf(examples, **kwargs)


def score_quotes(examples: Iterable[Example], spans_key: str = QUOTES_KEY, **kwargs: Any) -> dict[str, Any]:
    examples = list(examples)
    scores = Scorer.score_spans(
        examples, f"spans_{spans_key}", getter=lambda doc, attr: doc.spans.get(attr[len("spans_"):], []),
        has_annotation=lambda doc: spans_key in doc.spans, allow_overlap=True, **kwargs,
    )
    same = total = 0
    for eg in examples:
        if spans_key not in eg.reference.spans:
            continue
        found = {(q.start_char, q.end_char): q._.speaker_name for q in eg.predicted.spans.get(spans_key, [])}
        for q in eg.reference.spans[spans_key]:
            if (q.start_char, q.end_char) in found:
                total += 1
                same += found[(q.start_char, q.end_char)] == q._.speaker_name
    scores[f"{spans_key}_speaker_acc"] = same / total if total else None
    return scores
