"""``quotes``: the spaCy component that writes ``doc.spans["quotes"]``.

One span per quote (label ``direct`` or ``indirect``) covering only the quoted words,
with ``span._.speaker_text``, ``speaker_name``, ``speaker_entity_id``, ``speaker_role``,
``cue`` and ``attribution`` (``explicit``, ``pronoun``, ``continuation``, ``colon``,
``enligt``, ``none``). A quotation mark that opens and never closes in its paragraph is
not read as a quote unless a colon introduces it (``Hon skriver: ”Vi …``: to the paragraph's
end); either way it is reported in ``doc._.warnings`` (the article's ``warning``).
The work is split by responsibility:

* :mod:`.cues`: where the text says someone speaks (Matcher patterns from
  ``pipeline/data/quote_cues.jsonl``; loaded by :meth:`Quotes.initialize`, saved with the
  model as ``cues.jsonl`` by :meth:`Quotes.to_disk`);
* :mod:`.speakers`: who the speaker phrase refers to;
* :mod:`.discourse`: the paragraph walk (dash paragraphs, continuation, colon
  introductions, quotation marks, indirect speech).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.vocab import Vocab

from ...lexicon import jsonl
from .. import layout  # noqa: F401  (registers doc._.warnings)
from ..scoring import score_quotes
from .cues import CUES_FILE, CueIndex, CueMatcher, load_rules
from .discourse import MIN_ENLIGT_END_OFFSET, QuoteFinder
from .speakers import PLURAL_LOOKBACK

QUOTE_ATTRS = ("speaker_text", "speaker_name", "speaker_entity_id", "speaker_role", "cue", "attribution")
for _attr in QUOTE_ATTRS:
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)

SAVED_CUES = "cues.jsonl"


@Language.factory(
    "quotes",
    assigns=["doc.spans", "doc._.warnings", *(f"span._.{a}" for a in QUOTE_ATTRS)],
    requires=["doc.ents", "doc._.entity_clusters", "doc.spans", "token.is_sent_start"],
    default_config={"span_key": "quotes", "min_uncued_words": 2, "min_whole_words": 3,
                    "min_enligt_end_offset": MIN_ENLIGT_END_OFFSET, "plural_lookback": PLURAL_LOOKBACK},
)
def make_quotes(nlp: Language, name: str, span_key: str, min_uncued_words: int, min_whole_words: int,
                min_enligt_end_offset: int, plural_lookback: int) -> "Quotes":
    return Quotes(nlp.vocab, span_key, min_uncued_words, min_whole_words, min_enligt_end_offset, plural_lookback)


class Quotes:
    """Direct and indirect quotes with their speakers.

    ``min_uncued_words``: a quotation-marked passage after a speech verb is speech from
    this many words (fewer: a scare quote); ``min_whole_words``: a quotation that fills
    its paragraph is speech from this many words, cue or not; ``min_enligt_end_offset``:
    ``…, enligt X.`` needs this many characters before it (``Hon gör, enligt SVT, sin sista
    match``: a parenthetical, the content follows); ``plural_lookback``: ``de``/``dem`` as a
    speaker looks this many characters back for an organisation.
    """

    def __init__(self, vocab: Vocab, span_key: str = "quotes", min_uncued_words: int = 2, min_whole_words: int = 3,
                 min_enligt_end_offset: int = MIN_ENLIGT_END_OFFSET, plural_lookback: int = PLURAL_LOOKBACK):
        self.vocab = vocab
        self.min_enligt_end_offset = min_enligt_end_offset
        self.plural_lookback = plural_lookback
        self.span_key = span_key
        self.min_uncued_words = min_uncued_words
        self.min_whole_words = min_whole_words
        self.rows: list[dict[str, Any]] = []
        self._set_rules([])

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Quotes as labelled spans (``spans_quotes_p``/``_r``/``_f``) and their speakers
        (``quotes_speaker_acc``)."""
        return score_quotes(examples, self.span_key, **kwargs)

    def _set_rules(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.rules = load_rules(rows)
        self.matcher = CueMatcher(self.vocab, self.rules)

    # -- resources: the cue patterns travel with the model, like an entity ruler's -----
    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None,
                   patterns: list[dict[str, Any]] | None = None) -> None:
        """Load the cue patterns (default: the package's ``quote_cues.jsonl``)."""
        self._set_rules(list(patterns) if patterns is not None else jsonl(CUES_FILE))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / SAVED_CUES).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.rows),
                                       encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Quotes":
        file = Path(path) / SAVED_CUES
        self._set_rules([json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()])
        return self

    # -- the component ----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if not self.rules:
            raise ValueError("quotes: no cue patterns loaded; call nlp.initialize() or load a saved pipeline")
        finder = QuoteFinder(doc, CueIndex(doc, self.matcher), self.min_uncued_words, self.min_whole_words,
                             self.min_enligt_end_offset, self.plural_lookback)
        spans = []
        for q in finder.find():
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            # two quotes inside one token (``”a””a”`` is one token) expand to the same span
            if span is None or any(s.label == span.label and s.start < span.end and span.start < s.end for s in spans):
                continue
            sp = q.speaker
            # a continuation has no attribution site of its own
            span._.speaker_text = sp.text if sp and q.attribution != "continuation" else None
            span._.speaker_name = sp.name if sp else None
            span._.speaker_entity_id = sp.entity_id if sp else None
            span._.speaker_role = sp.role if sp else None
            span._.cue = q.cue
            span._.attribution = q.attribution
            spans.append(span)
        doc.spans[self.span_key] = spans
        if finder.state.warnings:
            doc._.warnings = [*(doc._.warnings or []), *finder.state.warnings]
        return doc
