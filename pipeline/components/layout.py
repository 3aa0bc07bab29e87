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

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..layout import DASHES, MAX_HEADING_WORDS, QUOTE_MARKS, TITLE_WINDOW, analyse_layout

SENTENCE_END = {".", "!", "?", "…", "?!", "!?", "..."}

if not Doc.has_extension("title"):
    Doc.set_extension("title", default=None)
if not Doc.has_extension("warnings"):
    Doc.set_extension("warnings", default=None)  # list[str]: what a component could not read

# more words than this after a site footer are no footer links: more articles, or comments
MAX_FOOTER_WORDS = 300


@Language.factory(
    "news_layout",
    assigns=["doc.spans", "doc._.title", "doc._.warnings", "token.is_sent_start"],
    default_config={"max_heading_words": MAX_HEADING_WORDS, "title_window": TITLE_WINDOW,
                    "max_footer_words": MAX_FOOTER_WORDS},
)
def make_news_layout(nlp: Language, name: str, max_heading_words: int, title_window: int,
                     max_footer_words: int) -> "NewsLayout":
    return NewsLayout(max_heading_words, title_window, max_footer_words)


class NewsLayout:
    def __init__(self, max_heading_words: int = MAX_HEADING_WORDS, title_window: int = TITLE_WINDOW,
                 max_footer_words: int = MAX_FOOTER_WORDS):
        self.max_heading_words = max_heading_words
        self.title_window = title_window
        self.max_footer_words = max_footer_words

    def __call__(self, doc: Doc) -> Doc:
        layout = analyse_layout(doc_text(doc), self.max_heading_words, self.title_window)
        paragraphs = [s for p in layout.paragraphs if (s := _span(doc, p.start, p.end, p.kind)) is not None]
        boilerplate = [s for b in layout.boilerplate if (s := _span(doc, b[0], b[1], "boilerplate")) is not None]
        doc.spans["paragraphs"] = paragraphs
        doc.spans["boilerplate"] = boilerplate
        doc._.title = _span(doc, *layout.title, "title") if layout.title else None
        if layout.footer is not None:
            text = doc_text(doc)
            n_words = len(text[layout.footer :].split())
            if n_words >= self.max_footer_words:  # more than a footer's links: articles or comments after it
                line = text[layout.footer :].split("\n", 1)[0].strip()
                doc._.warnings = [*(doc._.warnings or []), f"{n_words} words after the site footer {line!r} at "
                                  f"character {layout.footer} were skipped as boilerplate"]
        set_sentence_starts(doc, {s.start for s in paragraphs} | {s.start for s in boilerplate})
        return doc


def set_sentence_starts(doc: Doc, block_starts: set[int]) -> None:
    """Sentence starts: every block start, and after a sentence end before a possible opener.

    Written in one ``Doc.from_array`` (setting ``token.is_sent_start`` one token at a time
    re-checks the whole Doc's annotation each time: quadratic in the article's length)."""
    values = []
    prev_end = False
    for i, token in enumerate(doc):
        text = token.text
        if token.is_space:
            values.append(1 if i == 0 else -1)
            continue
        # a closing quote mark glued to the full stop ("… pengar.”") ends that sentence
        closing = text in QUOTE_MARKS and i > 0 and not doc[i - 1].whitespace_
        starts = i == 0 or i in block_starts or prev_end and not closing and _can_start(text)
        values.append(1 if starts else -1)
        if text in SENTENCE_END:
            prev_end = True
        elif prev_end and text in QUOTE_MARKS and not starts:
            prev_end = True  # `… slut.” Nästa` : the quote mark closes the sentence
        else:
            prev_end = False
    if values:
        doc.from_array([SENT_START], numpy.asarray(values, dtype="int32").astype("uint64").reshape(-1, 1))


TEXT_KEY = ("svnews", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token each time it is asked, and
    the text never changes (retokenizing splits and merges tokens, not characters). Kept in
    ``doc.user_data``; checked against the last token's end in case the Doc was rebuilt."""
    text = doc.user_data.get(TEXT_KEY)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != end:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


TOKEN_TEXTS_KEY = ("svnews", "token_texts")


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, cut from :func:`doc_text` at the offsets of one ``Doc.to_array``
    (``doc[i].text`` builds a Token object each time) and kept while the Doc keeps its
    tokens (a split adds tokens)."""
    kept = doc.user_data.get(TOKEN_TEXTS_KEY)
    if kept is None or len(kept) != len(doc):
        text = doc_text(doc)
        kept = doc.user_data[TOKEN_TEXTS_KEY] = [text[a:a + n] for a, n in doc.to_array([IDX, LENGTH]).tolist()]
    return kept


def sentence_bounds(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(start, end, start_char, end_char) of each sentence, as ``doc.sents`` gives them, read
    from one ``Doc.to_array`` (``doc.sents`` builds a Token per token in Python: this is
    the later stages' one way to walk sentences)."""
    if not len(doc):
        return []
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc), 0, len(doc_text(doc)))]
    arr = doc.to_array([SENT_START, IDX, LENGTH]).astype("int64")
    starts = numpy.flatnonzero(arr[:, 0] == 1)
    if not len(starts) or starts[0] != 0:
        starts = numpy.insert(starts, 0, 0)
    ends = numpy.append(starts[1:], len(doc))
    return [(int(a), int(b), int(arr[a, 1]), int(arr[b - 1, 1] + arr[b - 1, 2])) for a, b in zip(starts, ends)]


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _can_start(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in DASHES or first in QUOTE_MARKS
