"""The paragraph walk: quotes in reading order, each linked to its speaker.

Swedish news conventions followed (the textacy quote extractor knows only English
quotation marks):

* Dash quotes: a paragraph opening with ``–``/``—``/``-`` and a space. The attribution
  follows the quote (``…, säger Niklas Swanström, statsvetare.``, ``…, säger han.``), opens
  the next paragraph (``Det säger Anna Ek, …``) or comes before it, in the previous
  paragraph ending in a colon (``Han tillägger:``).
* Continuation: a dash paragraph without attribution continues the most recent speaker,
  across headings (also question headings) and ordinary paragraphs, unless an ordinary
  paragraph opens with another person's name (``Joakim Dillner är professor…``).
  Easy-read outlets wrap one quote over several lines: a dash paragraph followed by a
  paragraph ending in ``…, säger X.`` is one quote there.
* Quotation marks ``”…”``, ``"…"``, ``«…»``, ``»…«``: speech when the sentence has a
  speech cue or a colon before the quote, or when the quote fills its paragraph; short
  quoted words without a cue are scare quotes.
* Indirect speech, one rule per sentence, the first that applies: ``Enligt X …``,
  ``…, enligt X.``, ``… har enligt X …``, ``X säger/menar/uppger… att …``, and a plain
  sentence ending in ``…, säger X.`` (reported, not marked as a quotation).
* Reporter questions (``TT: Planeras det …?``) are not quotes.

Not handled: quotes with no cue whose speaker is only implied by the story.
"""

from __future__ import annotations

import re

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...swedish import is_role, may_be_genitive
from ...layout import DASHES, trim_whitespace
from ..layout import doc_text, sentence_bounds
from .cues import Cue, CueIndex, speech_verbs
from .speakers import PLURAL_LOOKBACK, DiscourseState, Speaker, SpeakerResolver, attribution, words

# Opening mark -> the marks that close it. Scraped text mixes straight and curly double
# quotes (``"ett tydligt tecken”``): either closes the other.
OPEN_CLOSE = {"”": "”\"", '"': '"”', "“": "”\"", "«": "»", "»": "«", "„": "“”"}
OPENING = re.compile("[" + re.escape("".join(OPEN_CLOSE)) + "]")
CLOSING_MARKS = tuple(dict.fromkeys("".join(OPEN_CLOSE.values())))
# "…, enligt X." needs some content before it (a sentence, not "Enligt uppgift, enligt …").
MIN_ENLIGT_END_OFFSET = 10


@dataclass(frozen=True)
class Quote:
    """A quote found in the text (character offsets into ``doc.text``)."""

    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: str | None
    attribution: str


def trim_quote(text: str, start: int, end: int, final_stop: bool = False) -> tuple[int, int]:
    """Drop surrounding spaces, dashes, quote marks and the comma before an attribution.

    Reported speech also loses its final full stop (it belongs to the whole sentence).
    """
    strip = " \n\t,–—-”\"“«»"
    tail = strip + ".!" if final_stop else strip
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in tail:
        end -= 1
    return start, end


def is_dash_paragraph(text: str) -> bool:
    return text[:1] in DASHES and text[1:2].isspace()


def quoted_segments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of each quotation-marked passage in ``text[start:end]``."""
    yield from _scan_quotation_marks(text, start, end)[0]


def unclosed_quotation(text: str, start: int, end: int) -> int | None:
    """Where a quotation mark opens in ``text[start:end]`` and is not closed before ``end``
    (no passage is read from it: the quote stage reports it as a warning)."""
    return _scan_quotation_marks(text, start, end)[1]


def _scan_quotation_marks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        opening = OPENING.search(text, i, end)
        if opening is None:
            break
        i = opening.start()
        closers = OPEN_CLOSE[text[i]]
        j = min((k for k in (text.find(c, i + 1, end) for c in closers) if k >= 0), default=-1)
        if j < 0:
            return out, i
        if j > i + 1:
            out.append((i + 1, j))
        i = j + 1
    return out, None


class QuoteFinder:
    """Walks one article's paragraphs and collects its quotes (:meth:`find`)."""

    def __init__(self, doc: Doc, cues: CueIndex, min_uncued_words: int = 2, min_whole_words: int = 3,
                 min_enligt_end_offset: int = MIN_ENLIGT_END_OFFSET, plural_lookback: int = PLURAL_LOOKBACK):
        self.doc = doc
        self.text = doc_text(doc)
        self.cues = cues
        self.state = DiscourseState()
        self.speakers = SpeakerResolver(doc, self.state, plural_lookback)
        self.min_enligt_end_offset = min_enligt_end_offset
        self.min_uncued_words = min_uncued_words
        self.min_whole_words = min_whole_words
        self._bounds = [(sc, ec) for _, _, sc, ec in sentence_bounds(doc)]

    # -- bookkeeping ------------------------------------------------------------------
    @property
    def quotes(self) -> list[Quote]:
        """The quotes found so far (the discourse state's list, not a copy)."""
        return self.state.quotes


    def add(self, start: int, end: int, kind: str, speaker: Speaker | None, cue: str | None, how: str) -> None:
        start, end = trim_quote(self.text, start, end, final_stop=kind == "indirect")
        if end <= start or any(q.start == start and q.end == end for q in self.quotes):
            return
        if speaker is None or not (speaker.name or speaker.text):
            speaker, how = None, "none"
        self.quotes.append(Quote(start, end, kind, speaker, cue, how))
        if speaker is not None and speaker.name is not None and how != "none":
            self.state.last_speaker = speaker

    def sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of the sentences overlapping ``[start, end)``, clipped and trimmed."""
        out = []
        for s0, e0 in self._bounds[max(0, bisect_right(self._bounds, (start, len(self.text) + 1)) - 1):]:
            if s0 >= end:
                break
            s, e = trim_whitespace(self.text, max(s0, start), min(e0, end))
            if e > s:
                out.append((s, e))
        return out

    # -- the walk ---------------------------------------------------------------------
    def find(self) -> list[Quote]:
        paragraphs = list(self.doc.spans["paragraphs"])
        consumed: set[int] = set()
        colon_speaker: Speaker | None = None
        dash_colon: Speaker | None = None
        for k, para in enumerate(paragraphs):
            if k in consumed or para.label_ in ("heading", "question"):
                continue  # headings neither speak nor interrupt a speaker
            p_start, p_end = para.start_char, para.end_char
            if is_dash_paragraph(self.text[p_start:p_end]):
                self.dash_paragraph(paragraphs, k, consumed, colon_speaker)
                colon_speaker = None
                # "– …, säger X och fortsätter:": X goes on in the next paragraph (when its dash is lost)
                dash_colon = self.state.last_speaker if self.text[p_start:p_end].rstrip().endswith(":") else None
                continue
            # "…, och utvecklar:" then a paragraph in quotation marks: the same introduction
            self.state.colon_speaker, colon_speaker, dash_colon = colon_speaker or dash_colon, None, None
            if self.unmarked_after_colon(p_start, p_end):
                continue
            if self.cues.find("REPORTER_QUESTION", p_start, p_end):  # "TT: Planeras det …?"
                continue
            self.state.marked, unclosed = _scan_quotation_marks(self.text, p_start, p_end)
            if unclosed is not None:
                opening = " ".join(self.text[unclosed:p_end].split()[:4])
                self.state.warnings.append(f"unclosed quotation mark at character {unclosed} ({opening} …)")
            previous: tuple[int, int] | None = None
            for s, e in self.sentences(p_start, p_end):
                if previous is not None and self.attribution_of_previous(previous, s, e):
                    previous = None
                    continue
                claimed = any(rule(s, e) for rule in self.indirect_rules())
                self.quotation_marks(s, e, p_start, p_end, claimed)
                self.note_introduction(s, e)
                quoted = any(q.start < e and s < q.end for q in self.quotes)
                previous = None if claimed or quoted else (s, e)
            self.long_quotations(p_start, p_end)
            if unclosed is not None:
                self.unclosed_after_colon(p_start, unclosed, p_end)
            if self.text[p_start:p_end].rstrip().endswith(":"):
                colon_speaker = self.colon_introduction(p_start, p_end)
        self.quotes.sort(key=lambda q: q.start)
        return self.quotes

    def attribution_of_previous(self, previous: tuple[int, int], s: int, e: int) -> bool:
        """``Domen kommer att överklagas. Det uppger hans advokat.``: a sentence that only
        attributes reports the sentence before it."""
        cue = self.cues.find("DET_ATTR", s, e)
        if cue is None:
            return False
        speaker = self.speakers.after_verb(cue.start_of("speaker"), e)
        if speaker is None or speaker.name is None:
            return False
        self.add(previous[0], previous[1], "indirect", speaker, cue.group("verb"), attribution(speaker, "explicit"))
        return True

    def attribution_after(self, cue: Cue, e: int) -> tuple[Speaker | None, Cue | None]:
        """The speaker of an END_ATTR cue ending at ``e``, and the second, reported quote of
        ``…, säger Magdalena Andersson och tillägger att hon …`` when there is one."""
        spk_start = cue.start_of("speaker")
        more = self.cues.find("AND_VERB_ATT", spk_start, cue.end_of("speaker"))
        return self.speakers.after_verb(spk_start, more.span[0] if more is not None else e), more

    def colon_introduction(self, p_start: int, p_end: int) -> Speaker | None:
        """``Han tillägger:`` / ``Anna Ek, rektor:``: who speaks in the dash paragraph that follows."""
        sentences = self.sentences(p_start, p_end)
        if not sentences:
            return None
        s, e = sentences[-1]
        cue = self.cues.find("COLON", s, e)
        if cue is not None:
            speaker = self.speakers.subject_before(s, cue.start_of("verb"))
            if speaker is None:
                speaker = self.speakers.after_verb(cue.end_of("verb"), e - 1)
            return speaker
        ent = self.speakers.entity_in(s, e, ("PER", "ORG"))
        return self.speakers.from_phrase(ent.start, ent.end, ent.start) if ent else None

    def unclosed_after_colon(self, p_start: int, mark: int, p_end: int) -> None:
        """``Hon skriver: ”Vi kan inte …`` with no closing mark in the paragraph (lost in
        scraping, or a quotation running on): after a colon introduction the quotation runs
        to the paragraph's end; elsewhere an unclosed mark quotes nothing (it is only warned of)."""
        if not self.text[p_start:mark].rstrip().endswith(":") or any(q.start <= mark < q.end for q in self.quotes):
            return
        speaker = self.colon_introduction(p_start, mark)
        self.add(mark + 1, p_end, "direct", speaker, ":", attribution(speaker, "colon"))

    def unmarked_after_colon(self, p_start: int, p_end: int) -> bool:
        """``…, säger Petter Björling och fortsätter:`` then a paragraph in the first person
        with neither dash nor quotation marks (lost in scraping): the speaker's own words."""
        speaker = self.state.colon_speaker
        paragraph = self.text[p_start:p_end]
        if speaker is None or speaker.name is None or any(m in paragraph for m in OPEN_CLOSE) \
                or not _says_self(paragraph):
            return False
        self.add(p_start, p_end, "direct", speaker, None, "colon")
        return True

    # -- dash paragraphs --------------------------------------------------------------
    def dash_paragraph(self, paragraphs: list[Span], k: int, consumed: set[int], colon_speaker: Speaker | None) -> None:
        text = self.text
        para = paragraphs[k]
        q_start = para.start_char + 2
        sents = self.sentences(q_start, para.end_char)
        for n, (s, e) in enumerate(sents):
            cue = self.cues.find("END_ATTR", s, e)
            # "…, tycker vi, men …, säger X.": the speaker speaking of themselves is no attribution
            while cue is not None and self._first_person(cue.start_of("speaker")):
                cue = self.cues.find("END_ATTR", cue.span[0] + 1, e)
            if cue is None:
                continue
            verb = cue.group("verb")
            speaker, more = self.attribution_after(cue, e)
            if speaker is None or speaker.name is None and speaker.text is None:
                continue
            how = attribution(speaker, "explicit")
            sep = cue.start_of("sep")
            self.add(q_start, sep + (1 if text[sep] in "?!" else 0), "direct", speaker, verb, how)
            if more is not None:
                self.add(more.start_of("content"), e, "indirect", speaker, more.group("verb"), how)
            if n + 1 < len(sents) and text[sents[n + 1][0]] in DASHES:  # "…, säger X. – Och mer."
                self.add(sents[n + 1][0], para.end_char, "direct", speaker, verb, "continuation")
            return
        # No attribution inside: a wrapped quote whose attribution is in the next paragraph,
        # the attribution opening the next paragraph, a colon introduction, or a
        # continuation of the last speaker.
        if k + 1 < len(paragraphs):
            nxt = paragraphs[k + 1]
            n_start, n_end = nxt.start_char, nxt.end_char
            ntext = text[n_start:n_end]
            cue = self.cues.find("END_ATTR", n_start, n_end)
            # only in hard-wrapped text (8 Sidor): elsewhere "…, säger X." after a dash
            # paragraph is reported speech of its own
            wrapped = "\n" in ntext or "\n" in text[para.start_char : para.end_char]
            if wrapped and nxt.label_ == "paragraph" and not is_dash_paragraph(ntext) and cue \
                    and len(self.sentences(n_start, n_end)) == 1:
                speaker = self.speakers.after_verb(cue.start_of("speaker"), n_end)
                if speaker is not None:
                    self.add(q_start, cue.start_of("sep"), "direct", speaker, cue.group("verb"),
                             attribution(speaker, "explicit"))
                    consumed.add(k + 1)
                    return
            # "– Vi är oroliga.\n\nDet säger Anna Ek, …": the attribution opens the next paragraph
            cue = self.cues.find("DET_ATTR", n_start, n_end)
            if cue is not None and not is_dash_paragraph(ntext):
                first_sentence_end = next(iter(self.sentences(n_start, n_end)), (n_start, n_end))[1]
                speaker = self.speakers.after_verb(cue.start_of("speaker"), first_sentence_end)
                if speaker is not None and speaker.name is not None:
                    self.add(q_start, para.end_char, "direct", speaker, cue.group("verb"), attribution(speaker, "explicit"))
                    return
        if colon_speaker is not None:
            self.add(q_start, para.end_char, "direct", colon_speaker, ":", "colon")
        elif self.state.last_speaker is not None:
            self.add(q_start, para.end_char, "direct", self.state.last_speaker, None, "continuation")
        else:
            self.add(q_start, para.end_char, "direct", None, None, "none")

    def _first_person(self, at: int) -> bool:
        word = self.text[at:].split(maxsplit=1)[0].strip(",.").lower() if self.text[at:].strip() else ""
        return word in words("first_person")

    def _inside_quotation(self, pos: int) -> bool:
        """Is ``pos`` inside quotation marks in its paragraph (speech, not the reporter's words)?"""
        return any(qs <= pos < qe for qs, qe in self.state.marked)

    # -- indirect speech in ordinary paragraphs: the first rule that claims the sentence --
    def indirect_rules(self) -> tuple[Callable[[int, int], bool], ...]:
        return (self.enligt_start, self.enligt_end, self.enligt_inside, self.att_clause, self.final_attribution)

    def enligt_start(self, s: int, e: int) -> bool:
        """``Enligt polisen har ingen skadats.``: the source, then (after its finite verb) the content."""
        cue = self.cues.find("ENLIGT_START", s, e)
        if cue is None:
            return False
        text = self.text
        spk_start = cue.start_of("speaker")
        ent = self.speakers.entity_in(spk_start, min(e, spk_start + 80))
        finite = words("finite")
        if ent is not None and ent.start == spk_start:
            spk_end = ent.end
        else:
            spk_end = spk_start
            for tok in _words(text, spk_start, e):
                if text[tok[0] : tok[1]].lower() in finite:
                    break
                spk_end = tok[1]
        speaker = self.speakers.from_phrase(spk_start, spk_end, spk_start)
        # the content starts at the finite verb after the source ("… Syrien är de …")
        c_start = spk_end
        fin = next(((a, b) for a, b in _word_spans(text, spk_end, e) if text[a:b] in finite), None)
        if fin is not None:
            between = text[spk_end : fin[0]]
            if "," in between or "som" in between.split():
                c_start = fin[0]
        self.add(c_start, e, "indirect", speaker, "enligt", attribution(speaker, "enligt"))
        return True

    def enligt_end(self, s: int, e: int) -> bool:
        """``Vägen är avstängd, enligt Trafikverket.``"""
        cue = self.cues.find("ENLIGT_END", s, e)
        if cue is None or cue.start - s <= self.min_enligt_end_offset:
            return False
        speaker = self.speakers.from_phrase(cue.start_of("speaker"), cue.end_of("speaker"), s)
        self.add(s, cue.start, "indirect", speaker, "enligt", attribution(speaker, "enligt"))
        return True

    def enligt_inside(self, s: int, e: int) -> bool:
        """``Klimatet har enligt Kjellström blivit varmare``, ``… och enligt KFF-tränaren Magnus
        Pehrsson möjligen …``, ``Det finns enligt honom inget …``: the content follows the source."""
        cue = self.cues.find("ENLIGT_MID", s, e)
        if cue is None:
            return False
        at = cue.start_of("speaker")
        word_end = cue.end_of("speaker")
        if self.text[at:word_end].lower() in words("pronoun"):
            speaker = self.speakers.from_phrase(at, word_end, at)
            self.add(word_end, e, "indirect", speaker, "enligt", attribution(speaker, "enligt"))
            return True
        ent = self.speakers.entity_in(at, e)
        lead = self.text[at : ent.start].split() if ent is not None else []
        if ent is None or len(lead) > 2 or not all(is_role(w) for w in lead):
            return False
        speaker = self.speakers.from_phrase(ent.start, ent.end, ent.start)
        self.add(ent.end, e, "indirect", speaker, "enligt", attribution(speaker, "enligt"))
        return True

    def att_clause(self, s: int, e: int) -> bool:
        """``Anna Ek säger att …``, ``I dag säger hon att …``, ``hävdar Anna Ek att …``."""
        cue = self.cues.find("ATT", s, e)
        if cue is None or self._inside_quotation(cue.start_of("verb")) or self._first_person(cue.start):
            return False
        speaker = None
        if speech_verbs().get(cue.group("verb") or "") == "noun":  # "Hans bedömning är att …"
            speaker = self.speakers.possessor(s, cue.start_of("verb"))
        elif "mid" in cue.groups:  # inverted word order: the subject follows the verb
            mid_start, mid_end = cue.groups["mid"]
            first = next(iter(self.text[mid_start:mid_end].split()), "")
            # …but "säger till SVT att", "uppger för TT att": the addressee, not the subject
            if first and first.lower() not in words("stop"):
                cand = self.speakers.entity_in(mid_start, mid_end, ("PER", "ORG"))
                if cand is not None and cand.start == mid_start:
                    speaker = self.speakers.from_phrase(mid_start, cand.end, mid_start)
                elif first.lower() in words("pronoun"):
                    speaker = self.speakers.from_phrase(mid_start, mid_start + len(first), mid_start)
        if speaker is None:  # the parsed subject: "Nu meddelar bolaget att", "Anna Lunds ombud Per Hed uppger att"
            speaker = self.speakers.subject(cue.start_of("verb"))
        if speaker is None:
            speaker = self.speakers.subject_before(s, cue.start_of("verb"))
        if speaker is None:
            return False
        # "Vi kan nu konstatera att …", "Du har sagt att ”…”": speech (so quotation marks in it
        # are cued), but the speaker's own words or the reporter's question, not a report
        if next(iter((speaker.text or "").lower().split()), "") in words("first_person"):
            return True
        how = attribution(speaker, "explicit")
        # "X bedömer att A, och skriver att B": two reports, the second a quote of its own
        # (left to the quotation marks when B is quoted)
        more = self.cues.find("AND_VERB_ATT", cue.start_of("content"), e)
        self.add(cue.start_of("content"), more.span[0] if more else e, "indirect", speaker, cue.group("verb"), how)
        if more is not None and self.text[more.start_of("content")] not in OPEN_CLOSE:
            self.add(more.start_of("content"), e, "indirect", speaker, more.group("verb"), how)
        return True

    def final_attribution(self, s: int, e: int) -> bool:
        """``Läget är under kontroll, säger han.``: a plain sentence reported with a final cue."""
        cue = self.cues.find("END_ATTR", s, e) or self.cues.find("END_ATTR_NOCOMMA", s, e)
        if cue is None:
            return False
        before = self.text[s : cue.start]
        # "”Vi är oroliga”, säger X." is a direct quote (also the last sentence of a longer
        # quotation): left to quotation_marks
        if before.rstrip(" ,").endswith(CLOSING_MARKS) or "sep" in cue.groups and self.text[cue.start_of("sep")] in CLOSING_MARKS:
            return False
        if len(before.split()) < 3 or self.cues.find("CUE_VERB", s, cue.start) \
                or not self.speakers.plausible(cue.start_of("speaker"), e):
            return False
        speaker = self.speakers.after_verb(cue.start_of("speaker"), e)
        if speaker is None or speaker.name is None:
            return False
        # "Jag är nöjd med matchen, säger Anna Ek.": first person, so the speaker's own words
        # (direct speech whose dash or quote marks were lost); otherwise reported speech
        own = _says_self(before)
        self.add(s, cue.start, "direct" if own else "indirect", speaker, cue.group("verb"), attribution(speaker, "explicit"))
        return True

    # -- quotation marks --------------------------------------------------------------
    def quotation_marks(self, s: int, e: int, p_start: int, p_end: int, cued: bool) -> None:
        """Direct quotes in quotation marks within sentence ``[s, e)``."""
        for qs, qe in quoted_segments(self.text, s, e):
            self.quotation(qs, qe, s, e, p_start, p_end, cued)

    def long_quotations(self, p_start: int, p_end: int) -> None:
        """Quotation marks around several sentences (``”… lyckats. Vi har …”, kommenterar X``):
        read like a one-sentence quotation, from the sentence it opens in to the one it closes in."""
        for qs, qe in quoted_segments(self.text, p_start, p_end):
            opening, closing = self._sentence_of(qs - 1), self._sentence_of(qe)
            if opening != closing:
                self.quotation(qs, qe, opening[0], closing[1], p_start, p_end, False)

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        k = max(0, bisect_right(self._bounds, (pos, len(self.text) + 1)) - 1)
        return trim_whitespace(self.text, *self._bounds[k])

    def quotation(self, qs: int, qe: int, s: int, e: int, p_start: int, p_end: int, cued: bool) -> None:
        """One quotation-marked passage ``[qs, qe)`` in the sentence(s) ``[s, e)``."""
        text = self.text
        n_words = len(text[qs:qe].split())
        before_end = qs - 1
        colon_intro = text[s:before_end].rstrip().endswith(":")
        whole = (qs - 1 <= p_start + 1) and n_words >= self.min_whole_words
        # "”…”, säger X." or, without the comma, "”…” säger X." (the closing mark the separator)
        after = (self.cues.find("END_ATTR", qe + 1, e) or self.cues.find("END_ATTR", qe, e)) \
            if text[qe + 1 : e].strip() else None
        verb_before = self.cues.find("SPEECH_VERB", s, before_end)
        if not (colon_intro or after or whole or (cued or verb_before) and n_words >= self.min_uncued_words):
            # scare quotes: "”närmsta vän”"; a single quoted word is a term even in reported
            # speech ("åtalades enligt Amnesty för ”spioneri”"), unless an attribution follows it
            return
        speaker, cue, how = None, None, "none"
        more = None
        if after:
            speaker, more = self.attribution_after(after, e)
            cue, how = after.group("verb"), "explicit"
        elif colon_intro:
            head_end = s + len(text[s:before_end].rstrip()) - 1
            ent = self.speakers.entity_in(s, head_end, ("PER", "ORG"))
            speaker = self.speakers.from_phrase(ent.start, ent.end, ent.start) if ent else None
            cue, how = ":", "colon"
        elif self.quotes and self.quotes[-1].start >= s and self.quotes[-1].end <= e:
            last = self.quotes[-1]  # the quoted words inside an indirect quote share its speaker
            speaker, cue, how = last.speaker, last.cue, last.attribution
        elif verb_before:
            speaker = self.speakers.subject_before(s, verb_before.start)
            cue, how = verb_before.group("verb"), "explicit"
        elif whole and self.state.colon_speaker is not None:
            speaker, cue, how = self.state.colon_speaker, ":", "colon"
        elif whole:
            # "”Vi måste spara.” Det säger Lena Berg, …": attribution in the next sentence
            at = e + len(text[e:p_end]) - len(text[e:p_end].lstrip())
            det = self.cues.find("DET_ATTR", at, p_end)
            if det is not None:
                stop = text.find(".", det.start_of("speaker"), p_end)
                speaker = self.speakers.after_verb(det.start_of("speaker"), stop if stop > 0 else p_end)
                cue, how = det.group("verb"), "explicit"
        self.add(qs, qe, "direct", speaker, cue, attribution(speaker, how))
        if more is not None and speaker is not None:
            self.add(more.start_of("content"), e, "indirect", speaker, more.group("verb"), attribution(speaker, how))

    def note_introduction(self, s: int, e: int) -> None:
        """A sentence that opens with a person's name introduces the next likely speaker,
        also behind a role and a genitive owner (``Örebros tränare Sixten Boström summerar
        matchen.``): a dash paragraph after it is that person's, not the previous speaker's."""
        ent = self.speakers.entity_in(s, e, ("PER",))
        if ent is None or self.state.in_quote(ent.start):
            return
        lead = self.text[s : ent.start].split()
        if ent.start - s <= 2 or len(lead) <= 3 and all(is_role(w) or w[:1].isupper() and may_be_genitive(w) for w in lead):
            self.state.last_speaker = Speaker(self.text[ent.start : ent.end], ent.name, ent.entity_id, None, ent.start)


def _says_self(text: str) -> bool:
    """Does ``text`` speak in the first person (``jag``, ``vi``, ``vår`` …: the speaker's own words)?"""
    return any(w.lower() in words("self") for w in re.findall(r"\w+", text))


def _word_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of word characters in ``text[start:end]``."""
    i = start
    while i < end:
        if text[i].isalnum() or text[i] == "_":
            j = i
            while j < end and (text[j].isalnum() or text[j] == "_"):
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _words(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of characters other than white space and commas."""
    i = start
    while i < end:
        if text[i].isspace() or text[i] == ",":
            i += 1
            continue
        j = i
        while j < end and not (text[j].isspace() or text[j] == ","):
            j += 1
        yield i, j
        i = j
