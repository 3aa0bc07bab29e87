"""The pipeline's spaCy components. Each reads and writes the ``Doc`` only.

    news_layout      paragraphs, headings, title, boilerplate spans, sentence starts
    tok2vec, ner     the trained statistical model (``pipeline/models/sv_news_ner``)
    entity_ruler     well-known names (compiled into the model)
    clean_entities   drops entities in boilerplate, trims titles off person names
    entity_clusters  canonical entities: ``doc._.entity_clusters``, ``ent.kb_id_``

Span groups written: ``doc.spans["paragraphs"]`` (label ``paragraph``/``heading``/
``question``), ``doc.spans["boilerplate"]``. ``doc._.title`` is the headline span or None.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from .entities import Mention, cluster_mentions, trim_mention
from .layout import DASHES, QUOTE_MARKS, analyse_layout

SENTENCE_END = {".", "!", "?", "…", "?!", "!?", "..."}

for _name, _default in (("title", None), ("entity_clusters", ())):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


@Language.component("news_layout")
def news_layout(doc: Doc) -> Doc:
    """Mark layout from the raw text and set sentence boundaries.

    Sentences never cross a paragraph, heading or boilerplate line; inside a paragraph a
    sentence ends at ``.``/``!``/``?`` before a capital, digit, dash or quote mark.
    """
    layout = analyse_layout(doc.text)
    paragraphs = [s for p in layout.paragraphs if (s := _span(doc, p.start, p.end, p.kind)) is not None]
    boilerplate = [s for b in layout.boilerplate if (s := _span(doc, b[0], b[1], "boilerplate")) is not None]
    doc.spans["paragraphs"] = paragraphs
    doc.spans["boilerplate"] = boilerplate
    doc._.title = _span(doc, *layout.title, "title") if layout.title else None

    block_starts = {s.start for s in paragraphs} | {s.start for s in boilerplate}
    prev_end = False
    for i, token in enumerate(doc):
        if token.is_space:
            token.is_sent_start = i == 0
            continue
        starts = i == 0 or i in block_starts or prev_end and _can_start(token.text)
        token.is_sent_start = starts
        if token.text in SENTENCE_END:
            prev_end = True
        elif prev_end and token.text in QUOTE_MARKS and not starts:
            prev_end = True  # `… slut.” Nästa` : the quote mark closes the sentence
        else:
            prev_end = False
    return doc


def _can_start(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in DASHES or first in QUOTE_MARKS


@Language.component("clean_entities")
def clean_entities(doc: Doc) -> Doc:
    """Drop entities inside boilerplate and trim titles and punctuation off the rest."""
    bp = sorted((s.start_char, s.end_char) for s in doc.spans.get("boilerplate", []))
    starts = [b[0] for b in bp]
    kept = []
    for ent in doc.ents:
        k = bisect_right(starts, ent.start_char) - 1
        if k >= 0 and bp[k][1] > ent.start_char:
            continue
        if k + 1 < len(bp) and bp[k + 1][0] < ent.end_char:
            continue
        a, b = trim_mention([t.text for t in ent], ent.label_)
        if a >= b or ent[b - 1].text.endswith("-"):
            continue  # nothing left, or a truncated compound ("Nord- och Sydkorea")
        span = Span(doc, ent.start + a, ent.start + b, label=ent.label_)
        if ent.label_ != "MISC" and not any(c.isupper() or c.isdigit() for c in span.text):
            continue  # "regeringen", "polisen": common nouns, not names
        kept.append(span)
    doc.ents = kept
    return doc


@Language.component("entity_clusters")
def entity_clusters(doc: Doc) -> Doc:
    """Canonical entities of the article; each ``ent.kb_id_`` is set to its entity_id."""
    mentions = [Mention(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
    clusters = cluster_mentions(mentions)
    by_start = {m.start: c for c in clusters for m in c.mentions}
    # A mention takes its entity's label: a surname the model tagged ORG is still the person.
    doc.ents = [
        Span(doc, e.start, e.end, label=by_start[e.start_char].label, kb_id=by_start[e.start_char].entity_id)
        for e in doc.ents
    ]
    doc._.entity_clusters = tuple(clusters)
    return doc
