"""Docs -> table rows -> files. The only place that knows the output schema.

Tables and columns follow ``SCHEMA.md`` (articles, mentions, entities, quotes); extra
columns are appended after the contract's. Files are written atomically: to a
temporary file in the output folder, then renamed over the old one.
"""

from __future__ import annotations

import hashlib
import os
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
from spacy.tokens import Doc, Span

from . import __version__
from .components.layout import sentence_bounds
from .ingest import Article
from .linking import link

S, I = pa.string(), pa.int64()
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [("article_id", S), ("source", S), ("title", S), ("text", S), ("n_paragraphs", I), ("n_sentences", I),
         ("n_tokens", I), ("content_sha256", S), ("status", S), ("error", S),
         ("url", S), ("published", S), ("warning", S), ("pipeline_version", S)]
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
         ("speaker_role", S), ("cue", S), ("attribution", S), ("speaker_score", pa.float64())]
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
                "lexicon_id": link(cluster.label, cluster.name, cluster.aliases),
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
    }


def merge(into: Rows, rows: Rows) -> None:
    for name in TABLES:
        into[name].extend(rows[name])


def to_arrow(name: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    schema = SCHEMAS[name]
    rows = list(rows)
    return pa.table({f.name: pa.array([r.get(f.name) for r in rows], type=f.type) for f in schema}, schema=schema)


class TableWriter:
    """Append rows batch by batch; the tables appear in ``out`` only on :meth:`commit`.

    Each table is written to a temporary file in ``out`` (Parquet row group per batch,
    CSV chunk per batch) and renamed over the old table at the end, so readers never
    see a half-written table and an interrupted run leaves the old tables intact.
    """

    def __init__(self, out: Path, formats: Iterable[str] = ("parquet",)):
        self.out = Path(out)
        self.csv = "csv" in set(formats)
        self.done = False
        for stale in self.out.glob(".*.tmp"):  # left by a run that was killed
            if stale.name.split(".")[1] in SCHEMAS:
                stale.unlink(missing_ok=True)
        self.tmp = {name: self.out / f".{name}.{os.getpid()}.parquet.tmp" for name in TABLES}
        self.tmp_csv = {name: self.out / f".{name}.{os.getpid()}.csv.tmp" for name in TABLES}
        self.writers: dict[str, Any] = {}

    def write(self, rows: Rows) -> None:
        import pyarrow.parquet as pq

        for name in TABLES:
            if not rows[name]:
                continue
            table = to_arrow(name, rows[name])
            if name not in self.writers:
                self.writers[name] = pq.ParquetWriter(self.tmp[name], SCHEMAS[name])
            self.writers[name].write_table(table)
            if self.csv:
                _write_csv(table, self.tmp_csv[name], header=not self.tmp_csv[name].exists())

    def commit(self) -> list[Path]:
        import pyarrow.parquet as pq

        written = []
        # articles last: it is what a re-run trusts, so a run killed between two renames
        # leaves an articles table that still matches the rows it lets the next run reuse
        for name in (*TABLES[1:], TABLES[0]):
            if name in self.writers:
                self.writers.pop(name).close()
            else:
                pq.write_table(to_arrow(name, []), self.tmp[name])
            os.replace(self.tmp[name], self.out / f"{name}.parquet")
            written.append(self.out / f"{name}.parquet")
            if self.csv:
                if not self.tmp_csv[name].exists():
                    _write_csv(to_arrow(name, []), self.tmp_csv[name], header=True)
                os.replace(self.tmp_csv[name], self.out / f"{name}.csv")
                written.append(self.out / f"{name}.csv")
        self.done = True
        return written

    def abort(self) -> None:
        """Drop the temporary files of an unfinished run (no-op after commit)."""
        if self.done:
            return
        for w in self.writers.values():
            w.close()
        for path in list(self.tmp.values()) + list(self.tmp_csv.values()):
            path.unlink(missing_ok=True)


def _write_csv(table: pa.Table, path: Path, header: bool) -> None:
    df = table.to_pandas()
    for col in df.columns:
        if pa.types.is_list(table.schema.field(col).type):
            df[col] = df[col].map(lambda v: "|".join(v) if v is not None else "")
    df.to_csv(path, index=False, header=header, mode="w" if header else "a")


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
