"""Annotated news articles (``../shared/eval/train``) as NER training documents.

The gold of an article lists each entity once, with its name, type and every surface form
(aliases) the article uses; it has no offsets. :func:`project` turns it into token-level
annotation by finding those forms in the text:

* token-aligned, case-sensitive, whole words only, longest form first, no overlaps; the
  Swedish genitive of every form (``Putin`` -> ``Putins``, ``FN`` -> ``FN:s``) is added,
  because annotators list the genitives they noticed, not always all of them;
* a form that two entities of different types share is ambiguous: its tokens are left
  *missing* (spaCy learns nothing about them), as is a match that does not fall on token
  boundaries;
* the gold list covers every entity of the body, so every other token is ``O`` (outside),
  except a capitalised word that is not a sentence's first: it may be an event, a title of a
  work or an entity the annotator left out, so it is left missing rather than taught as
  ``O``; a capitalised sentence opener (``Kötiden``, ``Hej``) is taught as ``O``;
* boilerplate lines (``pipeline/data/boilerplate.tsv``: bylines, photo credits, teasers,
  footers, where gold lists no entity) are left out of the documents.

Each document is a run of consecutive content paragraphs of at most ``max_tokens``
tokens, tokenised by the pipeline's own tokenizer, so the model learns from news as the
pipeline reads it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from ..layout import analyse_layout
from .corpora import shared_dir

LABELS = ("PER", "ORG", "LOC")
MAX_TOKENS = 250
OPENERS = {"–", "—", "-", "”", "\"", "»", "“", "'"}


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    entities: tuple[dict, ...]


def shared_eval_dir(name: str) -> Path:
    """``../shared/eval/NAME``: the annotated news (``train``, ``dev``)."""
    return shared_dir("eval", name)


def read_gold_articles(folder: Path, ids: Iterable[str] | None = None) -> list[GoldArticle]:
    """Every ``ID.txt`` with its ``ID.json`` in ``folder`` (sorted by id), or only ``ids``."""
    wanted = set(ids) if ids is not None else None
    out = []
    for gold_file in sorted(Path(folder).glob("*.json")):
        text_file = gold_file.with_suffix(".txt")
        if not text_file.exists() or (wanted is not None and gold_file.stem not in wanted):
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        out.append(GoldArticle(gold_file.stem, text_file.read_text(encoding="utf-8"),
                               tuple(e for e in gold.get("entities", []) if e.get("type") in LABELS)))
    return out


def surface_forms(entities: Iterable[dict]) -> dict[str, set[str]]:
    """Every form -> the labels of the entities written so (name, aliases, genitives)."""
    forms: dict[str, set[str]] = {}
    for ent in entities:
        written = {ent["name"], *ent.get("aliases", [])}
        for form in list(written):
            if form and not form.endswith(("s", "x", "z")):
                written.add(form + "s")
            if form and (form.isupper() or form[-1:].isdigit()):
                written.add(form + ":s")  # FN:s, SVT:s, HV71:s
        for form in written:
            form = form.strip()
            if form:
                forms.setdefault(form, set()).add(ent["type"])
    return forms


def find_mentions(text: str, forms: dict[str, set[str]]) -> list[tuple[int, int, str | None]]:
    """(start, end, label or None when ambiguous) of each form in ``text``, longest first."""
    taken = [False] * len(text)
    found = []
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        labels = forms[form]
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            if any(taken[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            found.append((m.start(), m.end(), next(iter(labels)) if len(labels) == 1 else None))
    return sorted(found)


def project(article: GoldArticle, doc: Doc) -> tuple[list[Span], list[Span]]:
    """Entity spans and missing (one-token) spans of ``doc`` (the article's tokens) from its gold."""
    ents: list[Span] = []
    unsure: set[int] = set()
    taken: set[int] = set()
    for start, end, label in find_mentions(doc.text, surface_forms(article.entities)):
        span = doc.char_span(start, end, label=label or "", alignment_mode="strict")
        if span is None or label is None or taken.intersection(range(span.start, span.end)):
            loose = doc.char_span(start, end, alignment_mode="expand")
            if loose is not None:
                unsure.update(range(loose.start, loose.end))
            continue
        ents.append(span)
        taken.update(range(span.start, span.end))
    for token in doc:
        if token.i not in taken and not _opens_sentence(token) and token.text[:1].isupper():
            unsure.add(token.i)
    return ents, [doc[i : i + 1] for i in sorted(unsure - taken)]


def _opens_sentence(token) -> bool:
    """The first word of a sentence, also behind an opening dash or quote mark (``– Jag``)."""
    doc, i = token.doc, token.i
    while i > 0 and not doc[i].is_sent_start and doc[i - 1].text in OPENERS:
        i -= 1
    return doc[i].is_sent_start


def training_docs(articles: Iterable[GoldArticle], nlp, max_tokens: int = MAX_TOKENS) -> Iterator[Doc]:
    """Projected documents of content paragraphs (boilerplate left out), each at most
    ``max_tokens`` tokens (a longer paragraph is one document on its own)."""
    for article in articles:
        layout = analyse_layout(article.text)
        chunks: list[list[tuple[int, int]]] = [[]]
        size = 0
        for para in layout.paragraphs:
            n = len(article.text[para.start:para.end].split())
            if chunks[-1] and size + n > max_tokens:
                chunks.append([])
                size = 0
            chunks[-1].append((para.start, para.end))
            size += n
        for chunk in chunks:
            if not chunk:
                continue
            yield _chunk_doc(article, chunk, nlp)


def _chunk_doc(article: GoldArticle, paragraphs: list[tuple[int, int]], nlp) -> Doc:
    """One document of these paragraphs (joined by a newline), sentence starts from the
    pipeline's layout rules, entities projected from the article's gold."""
    from ..components.layout import set_sentence_starts

    text = "\n".join(article.text[s:e] for s, e in paragraphs)
    doc = nlp.make_doc(text)
    starts, pos = set(), 0
    for s, e in paragraphs:
        span = doc.char_span(pos, pos + (e - s), alignment_mode="expand")
        if span is not None:
            starts.add(span.start)
        pos += e - s + 1
    set_sentence_starts(doc, starts)
    ents, missing = project(article, doc)
    doc.set_ents(ents, missing=missing, default="outside")
    doc.user_data["article"] = article.id
    return doc


def projection_stats(docs: Iterable[Doc]) -> dict[str, int]:
    """Counts of tokens by annotation (entity, outside, missing) and of entity spans."""
    stats = {"docs": 0, "tokens": 0, "entity_tokens": 0, "outside": 0, "missing": 0, "entities": 0}
    for doc in docs:
        stats["docs"] += 1
        stats["entities"] += len(doc.ents)
        for t in doc:
            stats["tokens"] += 1
            key = "missing" if t.ent_iob == 0 else "outside" if t.ent_iob == 2 else "entity_tokens"
            stats[key] += 1
    return stats


# -- folds for cross-validation, grouped by article ---------------------------------

FOLD_SEED = 42


def fold_of(ids: list[str], folds: int, seed: int = FOLD_SEED) -> dict[str, int]:
    """Article id -> fold, by a seeded shuffle (grouped by article)."""
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    return {aid: k % folds for k, aid in enumerate(order)}


def held_out(gold_dir: Path, fold: int, folds: int) -> set[str]:
    assign = fold_of([a.id for a in read_gold_articles(gold_dir)], folds)
    return {aid for aid, k in assign.items() if k == fold}
