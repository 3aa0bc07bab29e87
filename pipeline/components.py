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

import re
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .entities import Mention, cluster_mentions, gazetteer_label, trim_mention
from .gazetteer import GAZETTEER_ID
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
        # a closing quote mark glued to the full stop ("… pengar.”") ends that sentence
        closing = token.text in QUOTE_MARKS and i > 0 and not doc[i - 1].whitespace_
        starts = i == 0 or i in block_starts or prev_end and not closing and _can_start(token.text)
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


def _overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test: does ``[start, end)`` overlap any of the sorted, disjoint ``spans``?"""
    starts = [s for s, _ in spans]

    def overlaps(start: int, end: int) -> bool:
        k = bisect_right(starts, start) - 1
        return k >= 0 and spans[k][1] > start or k + 1 < len(spans) and spans[k + 1][0] < end

    return overlaps


# Swedish party abbreviations as written after a politician's name: "Magdalena Andersson (S)".
PARTY_ABBREVIATIONS = {"S", "M", "SD", "V", "C", "L", "KD", "MP"}
ROUTE = re.compile(r"^([A-ZÅÄÖ][a-zåäöé]+)-([A-ZÅÄÖ][a-zåäöé]+)$")


@Language.factory("clean_entities", default_config={"model_dir": None})
def make_clean_entities(nlp: Language, name: str, model_dir: str | None) -> "CleanEntities":
    return CleanEntities(model_dir)


class CleanEntities:
    """Repair the statistical model's entities with Swedish news conventions.

    * entities inside boilerplate spans are dropped;
    * titles and stray punctuation are trimmed (``statsepidemiolog Anders Tegnell``);
    * a capitalised ordinary word opening a sentence is not a name (``Skolorna``,
      ``Längs``): the word list is ``common_words.txt`` beside the model, built from the
      training corpora by ``train-ner``;
    * truncated compounds (``Nord- och Sydkorea``) and lower-case words are dropped;
    * routes ``Stockholm-Göteborg`` between two known places are two places;
    * a party abbreviation in parentheses after a name, ``(S)``, is an organisation;
    * a name found once is looked up again where the model missed it (surnames too).
    """

    def __init__(self, model_dir: str | None):
        self.common_words: frozenset[str] = frozenset()
        path = Path(model_dir) / "common_words.txt" if model_dir else None
        if path is not None and path.exists():
            self.common_words = frozenset(path.read_text(encoding="utf-8").split())

    def __call__(self, doc: Doc) -> Doc:
        self._split_routes(doc)
        in_boilerplate = _overlap_test(sorted((s.start_char, s.end_char) for s in doc.spans.get("boilerplate", [])))
        kept = []
        for ent in doc.ents:
            if in_boilerplate(ent.start_char, ent.end_char):
                continue
            a, b = trim_mention([t.text for t in ent], ent.label_)
            from_gazetteer = ent.ent_id_ == GAZETTEER_ID
            # A person's first name may also be a word ("Marina", "Rosa"): only a lone
            # word, or the first word of a non-person name, is checked.
            if a < b and not from_gazetteer and (b - a == 1 or ent.label_ != "PER"):
                if ent[a].is_sent_start and ent[a].text.lower() in self.common_words:
                    a += 1  # "Skolorna", "Längs"
            if a >= b or ent[b - 1].text.endswith("-"):
                continue  # nothing left, or a truncated compound ("Nord- och Sydkorea")
            span = Span(doc, ent.start + a, ent.start + b, label=ent.label_)
            if ent.label_ != "MISC" and not any(c.isupper() or c.isdigit() for c in span.text):
                continue  # "regeringen", "polisen": common nouns, not names
            kept.append(span)
        parties = self._party_abbreviations(doc, kept)
        kept = [e for e in kept if not any(p.start < e.end and e.start < p.end for p in parties)]
        found = self._repeated_names(doc, kept + parties, in_boilerplate)
        # a full name found again replaces the pieces the model made of it ("Kim" + "Jong-Un")
        kept = [e for e in kept if not any(f.start <= e.start and e.end <= f.end for f in found)]
        doc.ents = sorted(kept + parties + found, key=lambda e: e.start)
        return doc

    def _repeated_names(self, doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        """Mentions the model missed of a name it found elsewhere in the article.

        News repeats a name and then uses the surname alone (``Niklas Swanström`` …
        ``Swanström``, ``Swanströms``); the model finds some of these and misses
        others. Each full name, and each person's surname (with genitive), is looked
        up again; a sentence-initial ordinary word (``Berg``, ``Strand``) is skipped.
        """
        names: dict[tuple[str, ...], str] = {}
        for e in ents:
            words = tuple(t.text for t in e)
            names.setdefault(words, e.label_)
            if e.label_ == "PER" and len(e) >= 2 and e[-1].text[:1].isupper():
                surname = e[-1].text
                names.setdefault((surname,), "PER")
                names.setdefault((surname + "s",), "PER")
                names.setdefault((surname + ":s",), "PER")
        taken = {i for e in ents for i in range(e.start, e.end)}
        inside = {(e.start, e.end) for e in ents}
        first_words = {words[0] for words in names}
        lengths = sorted({len(words) for words in names}, reverse=True)
        found = []
        i = 0
        while i < len(doc):
            if doc[i].text not in first_words:
                i += 1
                continue
            for n in lengths:
                words = tuple(t.text for t in doc[i : i + n])
                label = names.get(words) if len(words) == n else None
                if label is None or (i, i + n) in inside:
                    continue
                # free tokens, or (for a full name) only entities lying wholly inside it
                crossing = [e for e in ents if e.start < i + n and i < e.end and not (i <= e.start and e.end <= i + n)]
                if n == 1 and any(j in taken for j in range(i, i + n)) or crossing:
                    continue
                if not words[0][:1].isupper() or doc[i].is_sent_start and words[0].lower() in self.common_words:
                    continue
                if in_boilerplate(doc[i].idx, doc[i + n - 1].idx + len(doc[i + n - 1])):
                    continue
                found.append(Span(doc, i, i + n, label=label))
                taken.update(range(i, i + n))
                i += n - 1
                break
            i += 1
        return found

    @staticmethod
    def _party_abbreviations(doc: Doc, ents: list[Span]) -> list[Span]:
        """``Magdalena Andersson (S)``, ``Anna Ekström, S.``: the party is an organisation."""
        person_ends = {e.end for e in ents if e.label_ == "PER"}
        out = []
        for i in range(1, len(doc) - 1):
            if doc[i].text not in PARTY_ABBREVIATIONS:
                continue
            before, after = doc[i - 1].text, doc[i + 1].text
            if before == "(" and after == ")" or before == "," and i - 1 in person_ends and after in {".", ",", ";"}:
                out.append(Span(doc, i, i + 1, label="ORG"))
        return out

    def _split_routes(self, doc: Doc) -> None:
        """``Stockholm-Göteborg`` (one token) -> ``Stockholm`` ``-`` ``Göteborg``, two LOCs."""
        routes = [
            e for e in doc.ents
            if len(e) == 1 and ROUTE.match(e.text) and all(gazetteer_label(p) == "LOC" for p in ROUTE.match(e.text).groups())
        ]
        if not routes:
            return
        keep = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents if e not in routes]
        places = []
        for e in routes:
            first, second = ROUTE.match(e.text).groups()
            places += [(e.start_char, e.start_char + len(first), "LOC", GAZETTEER_ID),
                       (e.end_char - len(second), e.end_char, "LOC", GAZETTEER_ID)]
        with doc.retokenize() as retokenizer:
            for e in routes:
                first, second = ROUTE.match(e.text).groups()
                token = e[0]
                retokenizer.split(token, [first, "-", second], heads=[(token, 0), (token, 1), (token, 2)])
        spans = []
        for start, end, label, ent_id in sorted(keep + places):
            span = doc.char_span(start, end, label=label, span_id=ent_id)
            if span is not None:
                spans.append(span)
        doc.ents = spans


def _next_word(doc: Doc, ent: Span) -> str | None:
    """The word after ``ent`` in its sentence, or None (end of sentence or paragraph)."""
    i = ent.end
    if i >= len(doc) or doc[i].is_space or doc[i].is_sent_start:
        return None
    return doc[i].text


@Language.component("entity_clusters")
def entity_clusters(doc: Doc) -> Doc:
    """Canonical entities of the article; each ``ent.kb_id_`` is set to its entity_id."""
    mentions = [Mention(e.text, e.label_, e.start_char, e.end_char, _next_word(doc, e)) for e in doc.ents]
    clusters = cluster_mentions(mentions)
    by_start = {m.start: c for c in clusters for m in c.mentions}
    # A mention takes its entity's label: a surname the model tagged ORG is still the person.
    doc.ents = [
        Span(doc, e.start, e.end, label=by_start[e.start_char].label, kb_id=by_start[e.start_char].entity_id)
        for e in doc.ents
    ]
    doc._.entity_clusters = tuple(clusters)
    return doc
