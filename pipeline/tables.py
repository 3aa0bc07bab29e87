"""Docs -> table rows: a flat view of what the components wrote on the Doc, and the only
place that knows the output schema.

Tables and columns follow ``SCHEMA.md`` (articles, mentions, entities, quotes); extra
columns are appended after the contract's. Nothing is decided here: entity ids, names and
lexicon ids come from ``doc._.entity_clusters``, quotes from ``doc.spans["quotes"]``. The
corpus store (:mod:`pipeline.store`) writes the rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any

import pyarrow as pa
from spacy.tokens import Doc, Span

from .components.layout import sentence_bounds
from .ingest import Article
from .version import pipeline_version

S, I = pa.string(), pa.int64()
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [("article_id", S), ("source", S), ("title", S), ("text", S), ("n_paragraphs", I), ("n_sentences", I),
         ("n_tokens", I), ("content_sha256", S), ("status", S), ("error", S),
         ("url", S), ("published", S), ("warning", S), ("pipeline_version", S), ("outlet", S)]
    ),
    "mentions": pa.schema(
        [("article_id", S), ("entity_id", S), ("text", S), ("label", S), ("start_char", I), ("end_char", I),
         ("paragraph", I), ("sentence", I)]
    ),
    "entities": pa.schema(
        [("article_id", S), ("entity_id", S), ("name", S), ("label", S), ("n_mentions", I),
         ("aliases", pa.list_(S)), ("first_char", I), ("n_quotes", I), ("lexicon_id", S)]
    ),
    "quotes": pa.schema(
        [("article_id", S), ("quote_id", S), ("kind", S), ("text", S), ("start_char", I), ("end_char", I),
         ("paragraph", I), ("speaker_text", S), ("speaker_name", S), ("speaker_entity_id", S),
         ("speaker_role", S), ("cue", S), ("attribution", S), ("speaker_score", pa.float64()),
         ("quote_cluster_id", S)]
    ),
}
TABLES = tuple(SCHEMAS)
Rows = dict[str, list[dict[str, Any]]]


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def article_row(article: Article, doc: Doc | None = None, error: str | None = None,
                sent_starts: list[int] | None = None) -> dict[str, Any]:
    error = error or article.error
    row: dict[str, Any] = {
        "article_id": article.article_id,
        "source": article.source,
        "title": article.title,
        "text": article.text,
        "n_paragraphs": 0,
        "n_sentences": 0,
        "n_tokens": 0,
        "content_sha256": article.content_sha256,
        "status": "error" if error else "ok",
        "error": error,
        "url": article.url,
        "published": article.published,
        "warning": article.warning,
        "pipeline_version": pipeline_version(),
        "outlet": article.outlet,
    }
    if doc is not None and not error:
        paragraphs = doc.spans["paragraphs"]
        row["n_paragraphs"] = len(paragraphs)
        row["n_sentences"] = len(sent_starts if sent_starts is not None else _body_sentence_starts(doc))
        row["n_tokens"] = sum(1 for p in paragraphs for t in p if not t.is_space)
        if row["title"] is None and doc._.title is not None:
            row["title"] = doc._.title.text
        if doc.has_extension("warnings") and doc._.warnings:
            row["warning"] = "; ".join([*([article.warning] if article.warning else []), *doc._.warnings])
    return row


def _body_sentence_starts(doc: Doc) -> list[int]:
    """Character offsets of the sentences that start inside a content paragraph."""
    bounds = [(p.start_char, p.end_char) for p in doc.spans["paragraphs"]]
    starts = [b[0] for b in bounds]
    out = []
    for first, _, start_char, _ in sentence_bounds(doc):
        k = bisect_right(starts, start_char) - 1
        if k >= 0 and start_char < bounds[k][1] and not doc[first].is_space:
            out.append(start_char)
    return out


def paragraph_locator(doc: Doc) -> Callable[[int], int]:
    """A function: character offset -> 0-based index of its content paragraph (-1 if none)."""
    bounds = [(p.start_char, p.end_char) for p in doc.spans["paragraphs"]]
    starts = [b[0] for b in bounds]

    def locate(char: int) -> int:
        k = bisect_right(starts, char) - 1
        return k if k >= 0 and char < bounds[k][1] else -1

    return locate


def doc_rows(article: Article, doc: Doc) -> Rows:
    """All table rows for one successfully processed article."""
    rows = empty_rows()
    aid = article.article_id
    sent_starts = _body_sentence_starts(doc)
    paragraph_index = paragraph_locator(doc)
    rows["articles"].append(article_row(article, doc, sent_starts=sent_starts))
    for ent in doc.ents:
        rows["mentions"].append(
            {
                "article_id": aid,
                "entity_id": ent.kb_id_,
                "text": ent.text,
                "label": ent.label_,
                "start_char": ent.start_char,
                "end_char": ent.end_char,
                "paragraph": paragraph_index(ent.start_char),
                "sentence": bisect_right(sent_starts, ent.start_char) - 1,
            }
        )
    quotes = list(doc.spans.get("quotes", []))
    for n, q in enumerate(quotes, start=1):
        rows["quotes"].append(quote_row(aid, n, q, paragraph_index(q.start_char)))
    quoted = [r["speaker_entity_id"] for r in rows["quotes"]]
    for cluster in doc._.entity_clusters:
        rows["entities"].append(
            {
                "article_id": aid,
                "entity_id": cluster.entity_id,
                "name": cluster.name,
                "label": cluster.label,
                "n_mentions": len(cluster.mentions),
                "aliases": list(cluster.aliases),
                "first_char": cluster.mentions[0].start,
                "n_quotes": quoted.count(cluster.entity_id),
                "lexicon_id": cluster.lexicon_id,
            }
        )
    return rows


LABELS = {"PER", "ORG", "LOC", "MISC"}
QUOTE_KINDS = {"direct", "indirect"}
# "model": the rules found no speaker and the trained speaker ranker chose one
ATTRIBUTIONS = {"explicit", "pronoun", "continuation", "colon", "enligt", "none", "model"}


class InvalidRows(ValueError):
    """Rows that break the schema contract: a pipeline bug, reported per article."""


def validate(rows: Rows) -> None:
    """Check one article's rows against SCHEMA.md before they are written.

    Types are enforced by the Arrow schemas; this checks what they cannot: required
    values, label sets, and that every offset pair slices its own text out of
    ``articles.text``.
    """
    texts = {r["article_id"]: r["text"] for r in rows["articles"]}
    for name in ("mentions", "quotes"):
        for r in rows[name]:
            text = texts.get(r["article_id"])
            if text is None:
                raise InvalidRows(f"{name} row for unknown article {r['article_id']!r}")
            s, e = r["start_char"], r["end_char"]
            if not (0 <= s < e <= len(text)) or text[s:e] != r["text"]:
                raise InvalidRows(f"{name} offsets {s}:{e} do not slice {r['text'][:40]!r} out of the article text")
    for r in rows["mentions"]:
        if r["label"] not in LABELS or not r["entity_id"]:
            raise InvalidRows(f"mention {r['text']!r} has label {r['label']!r} / entity_id {r['entity_id']!r}")
    for r in rows["entities"]:
        if r["label"] not in LABELS or not r["name"] or not r["entity_id"].startswith(r["label"] + ":"):
            raise InvalidRows(f"entity {r['name']!r} has label {r['label']!r} / entity_id {r['entity_id']!r}")
    for r in rows["quotes"]:
        if r["kind"] not in QUOTE_KINDS or r["attribution"] not in ATTRIBUTIONS:
            raise InvalidRows(f"quote {r['quote_id']} has kind {r['kind']!r} / attribution {r['attribution']!r}")


def quote_row(aid: str, n: int, span: Span, paragraph: int) -> dict[str, Any]:
    def get(name: str) -> Any:
        return getattr(span._, name, None)

    return {
        "article_id": aid,
        "quote_id": f"{aid}:q{n}",
        "kind": span.label_,
        "text": span.text,
        "start_char": span.start_char,
        "end_char": span.end_char,
        "paragraph": paragraph,
        "speaker_text": get("speaker_text"),
        "speaker_name": get("speaker_name"),
        "speaker_entity_id": get("speaker_entity_id"),
        "speaker_role": get("speaker_role"),
        "cue": get("cue"),
        "attribution": get("attribution") or "none",
        "speaker_score": get("speaker_score"),
        "quote_cluster_id": None,  # set by the corpus store over all its articles (pipeline.dedup)
    }


def merge(into: Rows, rows: Rows) -> None:
    for name in TABLES:
        into[name].extend(rows[name])


def to_arrow(name: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    schema = SCHEMAS[name]
    rows = list(rows)
    return pa.table({f.name: pa.array([r.get(f.name) for r in rows], type=f.type) for f in schema}, schema=schema)
