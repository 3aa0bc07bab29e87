"""``attribution_parser``: a dependency parse of the sentences whose speaker the quote stage
reads from syntax, or whose name may be a genitive, and only of those.

Swedish is verb-second: in ``Nu bekräftar advokaten att …`` the subject follows the
verb, and surface rules take the adverbial ``Nu`` for the speaker. The parse gives the
speech verb's subject directly. Parsing every sentence would cost most of the pipeline's
time, so a sentence is parsed only when a reporting verb (``say``/``think`` in
``speech_verbs.txt``, or a verb the ``att`` cue patterns name: ``gick … ut med att``) is
followed by ``att`` in it: the reported-speech sentences whose subject the quote stage
asks for (about one sentence in ten of a news article). Only their words up to that
``att`` are parsed (the last one, when there are two reports): the subject stands before
it, and the reported clause after it, often half the sentence, is never asked about; and
not at all when a name or ``han``/``hon`` opens it right before the verb (``Anna Ek säger
att``: that is the subject, :func:`plain_subject`). A sentence is also parsed, whole, when
a person's name in it ends in -s before a word (``Per Hellmyrs flippade in bollen`` or
``Putins besök``): a Swedish genitive is
``nmod:poss`` in the parse, and ``entity_clusters`` (after this component) keeps the -s of a
name the parse gives another relation. The tagger of the trained pipeline is not run (the
stages read heads and relations only).

The parser is the project's own (``train-parser``: UD Talbanken, mapped to UD v2, plus
synthetic news attributions; CC BY-SA 4.0), saved inside this component's folder of the
model (``attribution_parser/nlp``). It runs on separate sentence Docs, so the main Doc's
sentence boundaries (from ``news_layout``) are never changed; the result is
``doc._.syntax``, a :class:`Syntax` indexed by the main Doc's token positions.

A joint model (``train-ner --joint``: tagger and parser trained with the NER on one
tok2vec) has no parser folder here: the component then runs the pipeline's own disabled
``parser`` on the same sentence Docs, each given its rows of the main Doc's token vectors
(``doc.tensor``), so no second tok2vec runs. Measured and not shipped (README, Evaluation).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import cached, jsonl, mapping
from ..swedish import is_colon_genitive, may_be_genitive, word_class
from .layout import doc_text, sentence_bounds, token_texts

ATT = re.compile(r"\batt\b")  # a cheap test before a sentence's tokens are read (candidate)

SUBJECTS = ("nsubj", "nsubj:pass")
PARSE_BATCH = 64  # sentences per call to the parser (and Docs held back at most while they gather)
MAX_SENTENCE_TOKENS = 120

if not Doc.has_extension("syntax"):
    Doc.set_extension("syntax", default=None)


@cached(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Verb forms that can introduce an ``att`` clause of reported speech: the ``say`` and
    ``think`` and ``att`` classes of ``speech_verbs.txt`` and the verbs the ATT cue patterns name."""
    verbs = {v for v, kind in mapping("speech_verbs.txt").items() if kind in ("say", "think", "att")}
    for rule in jsonl("quote_cues.jsonl"):
        if rule["label"] != "ATT":
            continue
        for spec in rule["pattern"]:
            orth = spec.get("ORTH")
            if spec.get("GROUP") == "verb" and isinstance(orth, dict):
                verbs.update(orth.get("IN", ()))
    return frozenset(verbs)


@dataclass
class Syntax:
    """Heads and relations of the parsed sentences, by main-Doc token index."""

    head: dict[int, int] = field(default_factory=dict)
    dep: dict[int, str] = field(default_factory=dict)
    kids: dict[int, list[int]] = field(default_factory=dict)

    def add(self, i: int, head: int, dep: str, punct: bool = False) -> None:
        if punct and dep in SUBJECTS:
            # a quotation mark is never a subject (UD: punct), whatever the parser says
            # ("Hon kallar det senaste draget "ett tecken på …" och säger att …")
            dep = "punct"
        self.head[i], self.dep[i] = head, dep
        if head != i:
            self.kids.setdefault(head, []).append(i)

    def parsed(self, i: int) -> bool:
        return i in self.head

    def genitive(self, i: int) -> bool | None:
        """Is the name at token ``i`` a genitive? False only for an apposition (``Spelgeniet
        Per Hellmyrs flippade``, ``advokaten Mikael Svegfors sedan``): measured on the
        annotated news, the parse's other relations for a name before a noun (``efter Hanna
        Öbergs seger``: ``obl``) are as often wrong as right. None when the sentence was not
        parsed. A name coordinated with or run into another (``Ulf Kristerssons och Jimmie
        Åkessons regering``: ``conj``, ``flat:name``) has the relation of the name it joins."""
        if i not in self.dep:
            return None
        seen = {i}
        while self.dep[i] in ("conj", "flat:name") and self.head[i] not in seen:
            i = self.head[i]
            seen.add(i)
        return self.dep[i] != "appos"

    def children(self, i: int) -> list[int]:
        return self.kids.get(i, [])

    def subtree(self, i: int) -> Iterator[int]:
        yield i
        for k in self.children(i):
            yield from self.subtree(k)

    def subject(self, verb: int) -> int | None:
        """The subject of ``verb`` (or of the verb it is coordinated with): the one nearest
        the verb when the parse gives two (``… i Skellefteå, skriver bolaget``)."""
        for v in (verb, self.head.get(verb, verb)):
            subjects = [k for k in self.children(v) if self.dep[k] in SUBJECTS]
            if subjects:
                return min(subjects, key=lambda k: abs(k - verb))
            if self.dep.get(verb) not in ("conj", "aux", "xcomp"):
                break
        return None


@Language.factory(
    "attribution_parser",
    assigns=["doc._.syntax"],
    requires=["token.is_sent_start", "doc.ents"],
    default_config={"max_sentence_tokens": MAX_SENTENCE_TOKENS, "parse_batch": PARSE_BATCH},
)
def make_attribution_parser(nlp: Language, name: str, max_sentence_tokens: int, parse_batch: int) -> "AttributionParser":
    return AttributionParser(max_sentence_tokens, parse_batch, main=nlp)


class AttributionParser:
    def __init__(self, max_sentence_tokens: int = MAX_SENTENCE_TOKENS, parse_batch: int = PARSE_BATCH,
                 main: Language | None = None):
        self.max_sentence_tokens = max_sentence_tokens
        self.parse_batch = parse_batch
        self.nlp: Language | None = None
        self.main = main  # the pipeline this component is in: its own (disabled) "parser", if any, shares the tok2vec

    @property
    def shared(self) -> Any:
        """The main pipeline's ``parser`` (a joint model: it reads the NER's tok2vec output,
        ``doc.tensor``), when this component has no parser of its own."""
        if self.nlp is None and self.main is not None and "parser" in self.main.component_names:
            return self.main.get_pipe("parser")
        return None

    # -- resources: the trained parser travels inside the model folder ---------------
    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None,
                   parser: str | Path | None = None) -> None:
        """Load the trained parser from ``parser`` (a ``train-parser`` output folder)."""
        self.nlp = _load(parser) if parser else None

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.nlp is not None:
            self.nlp.to_disk(path / "nlp")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "AttributionParser":
        sub = Path(path) / "nlp"
        self.nlp = _load(sub) if sub.exists() else None
        return self

    # -- the component ----------------------------------------------------------------
    def candidate(self, tokens: Iterable[Any]) -> bool:
        """A reporting verb followed by ``att`` in the sentence (the quote stage's question)."""
        return self.reported_end([t.text for t in tokens]) is not None

    def reported_end(self, words: list[str]) -> int | None:
        """The position (in ``words``) after the last ``att`` that follows a reporting verb,
        or None when there is none."""
        verbs, seen_verb, end = reporting_verbs(), False, None
        for k, word in enumerate(words):
            if seen_verb and word == "att":
                end = k + 1
            seen_verb = seen_verb or word in verbs
        return end

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Parse the candidate sentences of several Docs together: a batch is cut when it
        holds ``parse_batch`` sentences (or as many Docs), not at the pipeline's batch of a
        few Docs (spaCy's ``batch_size``): the parser runs 10-15% faster on 64 sentences at a
        time than on the 15-20 of eight articles."""
        batch: list[Doc] = []
        jobs: list[tuple[Doc, Span]] = []
        for doc in docs:
            batch.append(doc)
            jobs += self._jobs(doc)
            if len(jobs) >= self.parse_batch or len(batch) >= self.parse_batch:
                self._parse(jobs)
                yield from batch
                batch, jobs = [], []
        if batch:
            self._parse(jobs)
            yield from batch

    def _jobs(self, doc: Doc) -> list[tuple[Doc, Span]]:
        """The sentences (or their words up to the reported att) of ``doc`` to parse."""
        doc._.syntax = Syntax()
        if self.nlp is None and self.shared is None:
            return []
        text, words = doc_text(doc), token_texts(doc)
        names = genitive_questions(doc)
        named = {e.start: e.end for e in doc.ents if e.label_ in ("PER", "ORG")}
        jobs = []
        for a, b, sc, ec in sentence_bounds(doc):
            if not 1 < b - a <= self.max_sentence_tokens:
                continue
            if any(a <= i < b for i in names):
                jobs.append((doc, doc[a:b]))
            elif ATT.search(text, sc, ec) and (k := self.reported_end(words[a:b])) is not None \
                    and not plain_subject(words, a, b, named):
                jobs.append((doc, doc[a:a + k]))
        return jobs

    def _parse(self, jobs: list[tuple[Doc, Span]]) -> None:
        if not jobs:
            return
        parser = self.nlp if self.nlp is not None else self.shared
        inputs = []
        for doc, s in jobs:
            sub = Doc(self.nlp.vocab if self.nlp is not None else doc.vocab,
                      words=[t.text for t in s], spaces=[bool(t.whitespace_) for t in s])
            if self.nlp is None and doc.tensor.shape[0] == len(doc):  # a joint model's parser reads these rows
                sub.tensor = doc.tensor[s.start:s.end]
            inputs.append(sub)
        for (doc, sent), parsed in zip(jobs, parser.pipe(inputs, batch_size=self.parse_batch)):
            for t in parsed:
                doc._.syntax.add(sent.start + t.i, sent.start + t.head.i, t.dep_, t.is_punct)


def plain_subject(words: list[str], start: int, end: int, names: dict[int, int]) -> bool:
    """Does the sentence ``words[start:end]`` (a Doc's token texts) open with one name (``names``: start -> end of the
    article's people and organisations) or a third-person pronoun right before a reporting
    verb, the sentence's only one (``Anna Ek säger att …``, ``Hon menar att …``)? Then it is the
    subject, Swedish putting the subject first unless something else opens the sentence
    (``Nu säger hon att``, ``Kommunens chef Anna Ek säger att``): no parse is needed."""
    first = names.get(start)
    if first is None and words[start].lower() in word_class("person_pronoun"):
        first = start + 1
    verbs = reporting_verbs()
    if first is None or first >= end or words[first] not in verbs:
        return False
    # …and it is the sentence's one reporting verb ("Han gick hem innan hon sa att …": parse)
    return not any(w in verbs for w in words[first + 1 : end])


def genitive_questions(doc: Doc) -> list[int]:
    """First tokens of the person names that end in -s before a word (``Per Hellmyrs
    flippade``, ``Putins besök``): genitive or not, the parse decides."""
    out = []
    for e in doc.ents:
        if e.label_ == "PER" and e.end < len(doc) and may_be_genitive(e[-1].text) and not is_colon_genitive(e[-1].text) \
                and doc[e.end].text[:1].isalpha() and not doc[e.end].is_sent_start:
            out.append(e.start)
    return out


def _load(path: str | Path) -> Language:
    """The trained pipeline with its tagger disabled (still saved with the model, for
    ``evaluate-parser``): the quote stage reads heads and relations only."""
    nlp = spacy.load(path)
    if "tagger" in nlp.pipe_names:
        nlp.disable_pipe("tagger")
    return nlp
