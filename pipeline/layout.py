"""Layout of a scraped news article: paragraphs, headings, title and boilerplate.

Works on the raw text and deletes nothing: every result is a character span into the
full text, so offsets computed later still index ``articles.text``.

Conventions relied on (Swedish news sites as scraped):

* One paragraph per line or per blank-line-separated block. Easy-read outlets such as
  8 Sidor break sentences over several short lines; a block that ends without final
  punctuation and is followed by one starting in lower case continues the paragraph.
* Subheadings are short lines without final punctuation (``Kriget i Ukraina``);
  interview-style question headings end in ``?`` (``Finns det risk för krig?``).
* Boilerplate (video-player notices, timestamps, photo credits, teaser links, footers)
  is described by the patterns in ``data/boilerplate.tsv``.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .lexicon import cached, rows

QUOTE_MARKS = "\"”“»«'’"
FINAL_PUNCT = tuple(".!?:;…") + tuple(QUOTE_MARKS)
DASHES = ("–", "—", "-")
MAX_HEADING_WORDS = 12
TITLE_WINDOW = 6  # the title is among the first few content paragraphs
MIN_BODY_WORDS = 8  # a paragraph of this many words and a final stop is body text: no headline after it


@dataclass(frozen=True)
class BoilerplateRules:
    line: tuple[regex.Pattern, ...]
    tail: tuple[regex.Pattern, ...]
    suffix: tuple[regex.Pattern, ...]
    prefix: tuple[regex.Pattern, ...]
    block: tuple[regex.Pattern, ...] = ()
    byline: tuple[regex.Pattern, ...] = ()

    @functools.cached_property
    def any_line(self) -> regex.Pattern:
        """One pattern that matches where any ``line`` pattern matches (one call per line, not 24)."""
        return any_of(self.line)

    @functools.cached_property
    def any_tail(self) -> regex.Pattern:
        return any_of(self.tail)


INLINE_FLAGS = regex.compile(r"\(\?([a-zA-Z]+)\)")


def any_of(patterns: Sequence[regex.Pattern]) -> regex.Pattern:
    """The alternation of ``patterns``, each keeping its own leading inline flags (``(?i)x`` ->
    ``(?i:x)``): ``any_of(ps).fullmatch(s)`` is ``any(p.fullmatch(s) for p in ps)``."""
    parts = []
    for p in patterns:
        m = INLINE_FLAGS.match(p.pattern)
        parts.append(f"(?{m.group(1)}:{p.pattern[m.end():]})" if m else f"(?:{p.pattern})")
    return regex.compile("|".join(parts) or r"(?!)")


@cached(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    """The boilerplate lexicon from ``data/boilerplate.tsv``."""
    rules: dict[str, list[regex.Pattern]] = {"line": [], "tail": [], "suffix": [], "prefix": [], "block": [], "byline": []}
    for scope, pattern in rows("boilerplate.tsv", columns=2):
        rules[scope].append(regex.compile(pattern))
    return BoilerplateRules(**{k: tuple(v) for k, v in rules.items()})


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str  # "paragraph", "heading" or "question"


@dataclass(frozen=True)
class Layout:
    paragraphs: tuple[Paragraph, ...]  # content only, in reading order
    boilerplate: tuple[tuple[int, int], ...]
    title: tuple[int, int] | None
    footer: int | None = None  # where a site footer starts: everything after it is boilerplate


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line with surrounding whitespace trimmed; empty lines skipped."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _listings(text: str, lines: Sequence[tuple[int, int]], patterns: Sequence[regex.Pattern]) -> set[int]:
    """Starts of the lines in a listing: two or more consecutive lines that each match a
    ``block`` pattern (``Hellas Verona – Juventus 1–2`` under ``Inter – Milan 0–0``)."""
    if not patterns:
        return set()
    hits = [any(p.fullmatch(text, s, e) for p in patterns) for s, e in lines]
    return {lines[i][0] for i, hit in enumerate(hits)
            if hit and (i > 0 and hits[i - 1] or i + 1 < len(hits) and hits[i + 1])}


def _byline(text: str, end: int, line: str, patterns: Sequence[regex.Pattern]) -> bool:
    """A name alone on its line whose last word the article never writes again (and not
    the first words of a sentence wrapped onto the next line, as 8 Sidor writes)."""
    if not any(p.fullmatch(line) for p in patterns) or text[end:].lstrip()[:1].islower():
        return False
    return len(regex.findall(rf"\b{regex.escape(line.split()[-1])}", text)) == 1


def trim_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` narrowed to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _classify(text: str, max_heading_words: int = MAX_HEADING_WORDS) -> str:
    words = text.split()
    if text.startswith(DASHES) or len(words) > max_heading_words:
        return "paragraph"
    # A quoted headline (`Tegnell: ”Trängsel på flera semesterorter”`) is still a heading.
    bare = text.rstrip(QUOTE_MARKS)
    if bare.endswith("?") and len(words) >= 2:
        return "question"
    if bare and not bare.endswith(FINAL_PUNCT) and not bare.endswith(","):
        return "heading"
    return "paragraph"


def analyse_layout(text: str, max_heading_words: int = MAX_HEADING_WORDS, title_window: int = TITLE_WINDOW) -> Layout:
    """Split ``text`` into content paragraphs, headings and boilerplate spans.

    A heading has at most ``max_heading_words`` words; the title is the first heading
    among the first ``title_window`` content paragraphs.
    """
    rules = boilerplate_rules()
    boilerplate: list[tuple[int, int]] = []
    content: list[tuple[int, int]] = []
    footer = None
    lines = _lines(text)
    listed = _listings(text, lines, rules.block)
    for start, end in lines:
        line = text[start:end]
        if start in listed:
            boilerplate.append((start, end))
            continue
        if rules.any_tail.fullmatch(line):
            boilerplate.append((start, len(text.rstrip())))
            footer = start
            break
        for p in rules.prefix:
            m = p.match(line)
            if m and m.end() > 0:
                boilerplate.append((start, start + m.end()))
                start = start + m.end()
                line = text[start:end]
        if not line or rules.any_line.fullmatch(line) or _byline(text, end, line, rules.byline):
            if line:
                boilerplate.append((start, end))
            continue
        for p in rules.suffix:
            m = p.search(line)
            if m and m.start() > 0:
                boilerplate.append((start + m.start(), end))
                start, end = trim_whitespace(text, start, start + m.start())
                line = text[start:end]
                break
        content.append((start, end))

    merged: list[list[int]] = []
    for start, end in content:
        if merged:
            prev = text[merged[-1][0] : merged[-1][1]]
            line = text[start:end]
            # A hard-wrapped sentence: the previous block has no final punctuation and
            # this one starts in lower case (8 Sidor writes one phrase per line).
            if not prev.endswith(FINAL_PUNCT) and line[:1].islower():
                merged[-1][1] = end
                continue
        merged.append([start, end])

    paragraphs = tuple(Paragraph(s, e, _classify(text[s:e], max_heading_words)) for s, e in merged)
    boilerplate.sort()
    return Layout(paragraphs=paragraphs, boilerplate=tuple(boilerplate),
                  title=_title(text, paragraphs[:title_window], _captions(text, paragraphs, boilerplate)),
                  footer=footer)


CREDIT = regex.compile(r"(?i)\s*(foto|bild|bilder|grafik|illustration|montage)\s?:")
# a video player's notice after its teaser text: "Javascript är avstängt", "… för att kunna spela video"
PLAYER = regex.compile(r"(?i)\s*(javascript|för att (kunna )?(spela|se) video)")
# a caption that says what kind of picture it is: "… fabriken i Skellefteå. Arkivbild."
PICTURE_KIND = regex.compile(r"(?i)\b(arkivbild|pressbild|genrebild|illustrationsbild)\.?$")


def _captions(text: str, paragraphs: Sequence[Paragraph], boilerplate: Sequence[tuple[int, int]]) -> set[int]:
    """Starts of the paragraphs that are captions: the next thing after them is a photo
    credit (``… för diskussioner med Sverigedemokraterna. Foto: TT/SVT``, or a ``Bild: Anders
    Selnes`` line) or a video player's notice (a video's teaser), they end by naming the kind
    of picture (``Arkivbild.``), or they repeat such a caption (a page's alt text before it)."""
    out = set()
    starts = [b[0] for b in boilerplate]
    for k, p in enumerate(paragraphs):
        i = bisect_left(starts, p.end)
        nxt = paragraphs[k + 1].start if k + 1 < len(paragraphs) else len(text)
        followed = i < len(boilerplate) and boilerplate[i][0] < nxt
        if followed and (CREDIT.match(text, boilerplate[i][0]) or k < len(paragraphs) - 1 and
                         PLAYER.match(text, boilerplate[i][0])) or PICTURE_KIND.search(text[p.start : p.end]):
            out.add(p.start)
    said = {text[p.start : p.end] for p in paragraphs if p.start in out}
    return out | {p.start for p in paragraphs if text[p.start : p.end] in said}


def _title(text: str, first: Sequence[Paragraph], captions: set[int] = frozenset()) -> tuple[int, int] | None:
    """The headline: the first heading of two words or more before the article's first body
    paragraph (a photo caption, or a video's teaser followed by the player's notices, is no
    body). A one-word line is a section label or a site's
    button (``Forskning``, ``Tournytt``, ``Följer``) or an id (``5de435c3847bb``), not a
    headline; a heading after the body has begun is a subheading (``Skatten höjs också``).
    An article scraped without its headline has none."""
    for p in first:
        if p.kind != "heading":
            if p.kind == "paragraph" and p.start not in captions \
                    and len(text[p.start : p.end].split()) >= MIN_BODY_WORDS:
                return None  # the body has begun
            continue
        if len(text[p.start : p.end].split()) >= 2:
            return p.start, p.end
    return None
