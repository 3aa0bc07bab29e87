"""``news_layout``: paragraphs, headings, title, boilerplate and sentence starts.

The first component: it reads only ``doc.text`` (via :func:`pipeline.layout.analyse_layout`,
pure Python) and writes

* ``doc.spans["paragraphs"]``: content paragraphs, labelled ``paragraph``, ``heading`` or
  ``question``; ``doc.spans["boilerplate"]``: site boilerplate (later stages skip it);
* ``doc._.title``: the headline span, or None;
* ``token.is_sent_start`` for every token: sentences never cross a paragraph, heading or
  boilerplate line; inside a paragraph a sentence ends at ``.``/``!``/``?`` before a
  capital, digit, dash or quote mark (a closing quote mark glued to the full stop stays
  with its sentence).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..layout import DASHES, MAX_HEADING_WORDS, QUOTE_MARKS, TITLE_WINDOW, analyse_layout

SENTENCE_END = {".", "!", "?", "…", "?!", "!?", "..."}

if not Doc.has_extension("title"):
    Doc.set_extension("title", default=None)


@Language.factory(
    "news_layout",
    assigns=["doc.spans", "doc._.title", "token.is_sent_start"],
    default_config={"max_heading_words": MAX_HEADING_WORDS, "title_window": TITLE_WINDOW},
)
def make_news_layout(nlp: Language, name: str, max_heading_words: int, title_window: int) -> "NewsLayout":
    return NewsLayout(max_heading_words, title_window)


class NewsLayout:
    def __init__(self, max_heading_words: int = MAX_HEADING_WORDS, title_window: int = TITLE_WINDOW):
        self.max_heading_words = max_heading_words
        self.title_window = title_window

    def __call__(self, doc: Doc) -> Doc:
        layout = analyse_layout(doc.text, self.max_heading_words, self.title_window)
        paragraphs = [s for p in layout.paragraphs if (s := _span(doc, p.start, p.end, p.kind)) is not None]
        boilerplate = [s for b in layout.boilerplate if (s := _span(doc, b[0], b[1], "boilerplate")) is not None]
        doc.spans["paragraphs"] = paragraphs
        doc.spans["boilerplate"] = boilerplate
        doc._.title = _span(doc, *layout.title, "title") if layout.title else None
        set_sentence_starts(doc, {s.start for s in paragraphs} | {s.start for s in boilerplate})
        return doc


def set_sentence_starts(doc: Doc, block_starts: set[int]) -> None:
    """Sentence starts: every block start, and after a sentence end before a possible opener."""
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


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _can_start(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in DASHES or first in QUOTE_MARKS
