"""Quotes in Swedish news text and who said them.

Writes ``doc.spans["quotes"]``: one span per quote (label ``direct`` or ``indirect``)
covering only the quoted words, with ``span._.speaker_text``, ``speaker_name``,
``speaker_entity_id``, ``speaker_role``, ``cue`` and ``attribution``.

Conventions handled (the textacy quote extractor knows only English quotation marks):

* Dash quotes: a paragraph opening with ``–``/``—``/``-`` and a space. The attribution
  follows the quote (``…, säger Niklas Swanström, statsvetare.``, ``…, säger han.``) or
  comes before it, in the previous paragraph ending in a colon (``Han tillägger:``).
* Continuation: a dash paragraph without attribution continues the most recent speaker,
  across headings (also question headings) and ordinary paragraphs, unless an ordinary
  paragraph introduces another person as its subject (``Joakim Dillner är professor…``).
  Easy-read outlets wrap one quote over several lines; a dash paragraph followed by a
  paragraph ending in ``…, säger X.`` is one quote.
* Quotation marks ``”…”``, ``"…"``, ``«…»``, ``»…«``: speech when the sentence has a
  speech cue or a colon before the quote, or when the quote fills its paragraph. Short
  quoted words without a cue are scare quotes; quoted headings are not speech.
* Indirect speech: ``X säger/menar/uppger… att …``, ``Enligt X …``, ``…, enligt X.``, and a
  plain sentence ending in ``…, säger X.`` (reported, not marked as a quotation).
* Speakers: a named entity (resolved to its canonical name), a pronoun (``han``/``hon``/
  ``hen``) resolved to the most recent person, or an unnamed description kept as
  written (``en granne``, ``Forskare``). A role after the name or before it goes to
  ``speaker_role``.

Not handled: quotes with no cue whose speaker is only implied by the story; reporter
questions are not quotes (``TT: Planeras det…?``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span

from .entities import is_role
from .layout import DASHES, trim_whitespace

QUOTE_ATTRS = ("speaker_text", "speaker_name", "speaker_entity_id", "speaker_role", "cue", "attribution")
for _attr in QUOTE_ATTRS:
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)

PRONOUNS = {"han": "person", "hon": "person", "hen": "person", "honom": "person", "henne": "person"}
PLURAL_PRONOUNS = {"de", "dem", "dom"}
# Words that end a speaker phrase after the verb ("säger hon till SVT", "säger X i ett pressmeddelande").
SPEAKER_STOP = {"till", "i", "på", "för", "vid", "under", "och", "efter", "inför", "om", "när", "som", "från", "med", "enligt", "inom"}
# Finite verbs that end the speaker phrase in "Enligt X har/är/kommer …" (V2 word order).
FINITE_AFTER_ENLIGT = {
    "har", "hade", "är", "var", "kommer", "ska", "skulle", "kan", "kunde", "måste", "blir", "blev", "finns",
    "fanns", "får", "fick", "behöver", "bör", "borde", "väntas", "beräknas", "riskerar", "verkar", "tycks", "gick",
    "går", "saknas", "ligger", "låg", "står", "stod", "ökar", "minskar", "gäller", "handlar", "rör", "leder",
}
OPEN_CLOSE = {"”": "”", '"': '"', "“": "”", "«": "»", "»": "«", "„": "“"}
MIN_UNCUED_QUOTE_WORDS = 5


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    """verb form -> ``say`` | ``think``, from ``data/speech_verbs.txt``."""
    text = resources.files("pipeline.data").joinpath("speech_verbs.txt").read_text(encoding="utf-8")
    verbs = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            verb, kind = line.split("\t")
            verbs[verb.strip()] = kind.strip()
    return verbs


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    verbs = speech_verbs()
    def alternation(kinds: set[str]) -> str:
        return "|".join(sorted((v for v, k in verbs.items() if k in kinds), key=len, reverse=True))

    say = alternation({"say", "end"})
    att = alternation({"say", "think"})
    every = alternation({"say", "end", "think"})
    flags = re.S  # wrapped easy-read text has line breaks inside sentences
    return {
        # "…, säger Niklas Swanström, statsvetare." at the end of a sentence
        "end_attr": re.compile(rf"(?P<sep>[,?!]|\.(?=\s+(?:{say})\b))\s+(?:det\s+)?(?P<verb>{say})\s+(?P<spk>[^.!?:”\"»«]+?)\s*[.!]?\s*$", flags),
        # "… Halland säger regionens smittskyddsläkare X." (no comma)
        "end_attr_nocomma": re.compile(r"\s(?P<verb>säger|sa|sade)\s+(?P<spk>[^.!?,:”\"»«]+?)\s*[.!]?\s*$", flags),
        # "X säger att …", "Hon säger också att …", "hävdade att …"
        "att": re.compile(rf"\b(?P<verb>{att})\b(?P<mid>(?:\s+[^\s,.!?]+){{0,7}}?)\s+att\s+(?P<content>.+)$", flags),
        # "… meddelar:" / "X säger:" introducing the quote that follows
        "colon": re.compile(rf"\b(?P<verb>{say})\b[^.!?]*:\s*$", flags),
        "enligt_start": re.compile(r"^Enligt\s+"),
        "det_attr": re.compile(rf"^(?:Det|Så)\s+(?P<verb>{say})\s+"),
        "enligt_end": re.compile(r",\s+enligt\s+(?P<spk>[^.!?]+?)\s*[.!?]?\s*$", flags),
        "enligt_mid": re.compile(r"\s+enligt\s+"),
        "verb": re.compile(rf"\b(?:{every})\b"),
        "cue_verb": re.compile(rf"\b(?:{att})\b"),
    }


@dataclass(frozen=True)
class Speaker:
    text: str | None
    name: str | None
    entity_id: str | None = None
    role: str | None = None
    pos: int = 0  # where the speaker was named, for pronoun resolution


@dataclass(frozen=True)
class Quote:
    """A quote found in the text (character offsets into ``doc.text``)."""

    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: str | None
    attribution: str


class _Article:
    """Per-document state: entities, speakers so far, quotes found."""

    def __init__(self, doc: Doc):
        self.text = doc.text
        clusters = {c.entity_id: c for c in doc._.entity_clusters}
        self.ents = [(e.start_char, e.end_char, e.label_, e.kb_id_, clusters[e.kb_id_].name if e.kb_id_ in clusters else e.text) for e in doc.ents]
        self.surnames = {}
        for c in clusters.values():
            if c.label == "PER":
                self.surnames.setdefault(c.name.split()[-1].lower(), []).append(c)
        self.quotes: list[Quote] = []
        self.last_speaker: Speaker | None = None

    # -- speakers ---------------------------------------------------------------------
    def entity_in(self, start: int, end: int, labels: tuple[str, ...] = ("PER", "ORG", "LOC")) -> tuple | None:
        """The first entity inside [start, end); a person wins over a genitive modifier
        ("rymdstyrelsen Nasas högste chef Bill Nelson")."""
        found = [e for e in self.ents if e[0] >= start and e[1] <= end and e[2] in labels]
        if not found:
            return None
        persons = [e for e in found if e[2] == "PER"]
        if persons and found[0][2] != "PER" and self.text[found[0][0] : found[0][1]].endswith("s"):
            return persons[0]
        return found[0]

    def person_before(self, pos: int) -> Speaker | None:
        """The most recent person named before ``pos`` outside quotes, or the last speaker."""
        best: Speaker | None = None
        for s, e, label, eid, name in self.ents:
            if s >= pos:
                break
            if label == "PER" and not any(q.start <= s < q.end for q in self.quotes):
                best = Speaker(self.text[s:e], name, eid, None, s)
        if self.last_speaker is not None and self.last_speaker.entity_id and self.last_speaker.entity_id.startswith("PER"):
            if best is None or self.last_speaker.pos >= best.pos:
                best = self.last_speaker
        return best

    def speaker_from_phrase(self, start: int, end: int, pos: int) -> Speaker | None:
        """Resolve the speaker phrase ``text[start:end]`` (entity, pronoun or description)."""
        phrase = self.text[start:end].strip(" ,.!?")
        if not phrase:
            return None
        words = phrase.split()
        # "säger statsministern": a definite role noun refers back to a person already named
        anaphoric_role = len(words) == 1 and words[0].islower() and words[0].endswith(("n", "en", "et")) and is_role(words[0])
        if words[0].lower() in PRONOUNS and len(words) <= 2 or anaphoric_role:
            ref = self.person_before(pos)
            if ref is None:
                return Speaker(phrase, phrase if anaphoric_role else None, None, None, start)
            return Speaker(words[0], ref.name, ref.entity_id, ref.role, ref.pos)
        ent = self.entity_in(start, end)
        if ent is not None:
            s, e, label, eid, name = ent
            before = self.text[start:s].strip()
            role = before if before and any(is_role(w) for w in before.split()) else None
            after = self.text[e:end].strip(" ,.")
            if after and (after.split()[0].lower() not in SPEAKER_STOP) and self.text[e:end].lstrip().startswith(","):
                role = after
            return Speaker(self.text[s:e], name, eid, role, s)
        # A name the model missed: capitalised words, matched to a person by surname.
        caps = re.match(r"((?:[A-ZÅÄÖ][\w-]+)(?:\s+(?:von|van|af|de)?\s*[A-ZÅÄÖ][\w-]+)*)", phrase)
        lead_role = None
        if not caps and len(words) >= 2 and is_role(words[0]):
            lead_role = words[0]
            caps = re.match(r"((?:[A-ZÅÄÖ][\w-]+)(?:\s+[A-ZÅÄÖ][\w-]+)*)", " ".join(words[1:]))
        if caps and (len(caps.group(1).split()) >= 2 or caps.group(1).lower() in self.surnames):
            name = caps.group(1)
            known = self.surnames.get(name.split()[-1].lower(), [])
            if len(known) == 1:
                return Speaker(name, known[0].name, known[0].entity_id, lead_role, start)
            return Speaker(name, name, None, lead_role, start)
        if words[0].lower() in PLURAL_PRONOUNS:
            # "Folkhälsomyndigheten kom med nya råd. De sa att …": the organisation just named
            org = [e for e in self.ents if e[2] == "ORG" and pos - 300 < e[0] < pos]
            if org:
                return Speaker(words[0], org[-1][4], org[-1][3], None, org[-1][0])
            return Speaker(words[0], None, None, None, start)
        # An unnamed source, kept as written: "en granne", "Forskare", "polisen".
        return Speaker(phrase, phrase, None, None, start)

    def speaker_after_verb(self, start: int, end: int) -> Speaker | None:
        """The speaker phrase that follows a speech verb, up to ``till``/``i``/sentence end."""
        segment = self.text[start:end]
        # Entity first: "säger statsepidemiolog Anders Tegnell till TT", "säger Tobbe Lundell, presschef på SJ".
        words = list(re.finditer(r"\S+", segment))
        stop = len(segment)
        for i, m in enumerate(words):
            w = m.group().strip(",.").lower()
            if i > 0 and w in SPEAKER_STOP:
                stop = m.start()
                break
        ent = self.entity_in(start, start + stop, ("PER", "ORG", "LOC"))
        if ent is not None:
            # the role after the name runs to the end of the attribution: ", statsvetare."
            return self.speaker_from_phrase(start, end if segment[ent[1] - start :].lstrip().startswith(",") else start + stop, start)
        first_comma = segment.find(",")
        cut = min(stop, first_comma) if first_comma > 0 else stop
        speaker = self.speaker_from_phrase(start, start + cut, start)
        if speaker and first_comma > 0 and first_comma < stop and speaker.role is None:
            role = segment[first_comma + 1 :].strip(" .")
            if role and is_role(role.split()[0]):
                speaker = Speaker(speaker.text, speaker.name, speaker.entity_id, role, speaker.pos)
        return speaker

    def subject_before(self, start: int, end: int) -> Speaker | None:
        """The subject of a speech verb at ``end``: nearest entity or pronoun, or a short phrase."""
        segment = self.text[start:end]
        cands = []
        for s, e, label, eid, name in self.ents:
            if start <= s and e <= end and label in ("PER", "ORG", "LOC"):
                cands.append((s, e, label == "PER"))
        for m in re.finditer(r"\b(han|hon|hen|Han|Hon|Hen)\b", segment):
            cands.append((start + m.start(), start + m.end(), True))
        persons = [c for c in cands if c[2]]
        if persons or cands:
            s, e, _ = max(persons or cands)
            return self.speaker_from_phrase(s, e, s)
        words = segment.split()
        if 1 <= len(words) <= 3:
            return self.speaker_from_phrase(start, end, start)
        return None

    # -- quotes -----------------------------------------------------------------------
    def add(self, start: int, end: int, kind: str, speaker: Speaker | None, cue: str | None, attribution: str) -> None:
        start, end = _trim_quote(self.text, start, end, final_stop=kind == "indirect")
        if end <= start or any(q.start == start and q.end == end for q in self.quotes):
            return
        if speaker is None or not (speaker.name or speaker.text):
            speaker, attribution = None, "none"
        self.quotes.append(Quote(start, end, kind, speaker, cue, attribution))
        if speaker is not None and speaker.name is not None and attribution != "none":
            self.last_speaker = speaker


def _trim_quote(text: str, start: int, end: int, final_stop: bool = False) -> tuple[int, int]:
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


def _sentences(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences overlapping ``[start, end)``, clipped and trimmed."""
    bounds = doc.user_data.get("_sentence_bounds")
    if bounds is None:  # computed once per Doc: Span.sents walks the whole Doc each time
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
        doc.user_data["_sentence_bounds"] = bounds
    out = []
    for k in range(max(0, bisect_right(bounds, (start, len(doc.text) + 1)) - 1), len(bounds)):
        s0, e0 = bounds[k]
        if s0 >= end:
            break
        s, e = trim_whitespace(doc.text, max(s0, start), min(e0, end))
        if e > s:
            out.append((s, e))
    return out


def _is_dash_paragraph(text: str) -> bool:
    return text[:1] in DASHES and text[1:2].isspace()


def _quoted_segments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of each quotation-marked passage in ``text[start:end]``."""
    i = start
    while i < end:
        ch = text[i]
        close = OPEN_CLOSE.get(ch)
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1, end)
        if j < 0:
            break
        if j > i + 1:
            yield i + 1, j
        i = j + 1


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotes of a Doc processed by ``news_layout`` and ``entity_clusters``."""
    art = _Article(doc)
    pat = _patterns()
    text = doc.text
    paragraphs = list(doc.spans["paragraphs"])
    consumed: set[int] = set()
    colon_speaker: Speaker | None = None

    for k, para in enumerate(paragraphs):
        if k in consumed:
            continue
        p_start, p_end = para.start_char, para.end_char
        ptext = text[p_start:p_end]
        if para.label_ in ("heading", "question"):
            continue  # headings neither speak nor interrupt a speaker
        if _is_dash_paragraph(ptext):
            _dash_paragraph(art, doc, paragraphs, k, consumed, colon_speaker)
            colon_speaker = None
            continue
        colon_speaker = None
        if ptext.startswith("TT:") or re.match(r"^[A-ZÅÄÖ]{2,}:\s", ptext):
            continue  # a reporter's question ("TT: Planeras det …?")
        _ordinary_paragraph(art, doc, p_start, p_end)
        if ptext.rstrip().endswith(":"):
            last = _sentences(doc, p_start, p_end)[-1]
            m = pat["colon"].search(text[last[0] : last[1]])
            if m:
                colon_speaker = art.subject_before(last[0], last[0] + m.start("verb"))
                if colon_speaker is None:
                    colon_speaker = art.speaker_after_verb(last[0] + m.end("verb"), last[1] - 1)
            else:
                ent = art.entity_in(last[0], last[1], ("PER", "ORG"))
                if ent:
                    colon_speaker = art.speaker_from_phrase(ent[0], ent[1], ent[0])
    art.quotes.sort(key=lambda q: q.start)
    return art.quotes


def _dash_paragraph(art: _Article, doc: Doc, paragraphs: list[Span], k: int, consumed: set[int],
                    colon_speaker: Speaker | None) -> None:
    pat = _patterns()
    text = art.text
    para = paragraphs[k]
    q_start = para.start_char + 2
    sents = _sentences(doc, q_start, para.end_char)
    for n, (s, e) in enumerate(sents):
        m = pat["end_attr"].search(text[s:e])
        if not m:
            continue
        speaker = art.speaker_after_verb(s + m.start("spk"), e)
        extra = None
        spk_text = m.group("spk")
        # "…, säger Magdalena Andersson och tillägger att hon …": a second, indirect quote
        more = re.search(r"\boch\s+(?P<verb>\w+)\s+att\s+(?P<content>.+)$", spk_text)
        if more and more.group("verb") in speech_verbs():
            extra = (s + m.start("spk") + more.start("content"), e, more.group("verb"))
            speaker = art.speaker_after_verb(s + m.start("spk"), s + m.start("spk") + more.start())
        if speaker is None or speaker.name is None and speaker.text is None:
            continue
        attribution = _attr(speaker, "explicit")
        art.add(q_start, s + m.start("sep") + (1 if m.group("sep") in "?!" else 0), "direct", speaker, m.group("verb"), attribution)
        if extra:
            art.add(extra[0], extra[1], "indirect", speaker, extra[2], attribution)
        if n + 1 < len(sents) and text[sents[n + 1][0]] in DASHES:  # "…, säger X. – Och mer."
            art.add(sents[n + 1][0], para.end_char, "direct", speaker, m.group("verb"), "continuation")
        return
    # No attribution inside: a wrapped quote whose attribution is in the next paragraph,
    # a colon introduction, or a continuation of the last speaker.
    if k + 1 < len(paragraphs):
        nxt = paragraphs[k + 1]
        ntext = text[nxt.start_char : nxt.end_char]
        m = pat["end_attr"].search(ntext)
        # only in hard-wrapped text (8 Sidor): elsewhere "…, säger X." after a dash
        # paragraph is reported speech of its own
        wrapped = "\n" in ntext or "\n" in text[para.start_char : para.end_char]
        if wrapped and nxt.label_ == "paragraph" and not _is_dash_paragraph(ntext) and m \
                and len(_sentences(doc, nxt.start_char, nxt.end_char)) == 1:
            speaker = art.speaker_after_verb(nxt.start_char + m.start("spk"), nxt.end_char)
            if speaker is not None:
                attribution = _attr(speaker, "explicit")
                art.add(q_start, nxt.start_char + m.start("sep"), "direct", speaker, m.group("verb"), attribution)
                consumed.add(k + 1)
                return
        # "– Vi är oroliga.\n\nDet säger Anna Ek, …": the attribution opens the next paragraph
        m = pat["det_attr"].match(ntext)
        if m and not _is_dash_paragraph(ntext):
            first_sent = _sentences(doc, nxt.start_char, nxt.end_char)[0]
            speaker = art.speaker_after_verb(nxt.start_char + m.end(), first_sent[1])
            if speaker is not None and speaker.name is not None:
                art.add(q_start, para.end_char, "direct", speaker, m.group("verb"), _attr(speaker, "explicit"))
                return
    if colon_speaker is not None:
        art.add(q_start, para.end_char, "direct", colon_speaker, ":", "colon")
    elif art.last_speaker is not None:
        art.add(q_start, para.end_char, "direct", art.last_speaker, None, "continuation")
    else:
        art.add(q_start, para.end_char, "direct", None, None, "none")


def _ordinary_paragraph(art: _Article, doc: Doc, p_start: int, p_end: int) -> None:
    pat = _patterns()
    text = art.text
    for s, e in _sentences(doc, p_start, p_end):
        sent = text[s:e]
        found_indirect = False
        # "Enligt X har …" / "Enligt honom …"
        if pat["enligt_start"].match(sent):
            spk_start = s + len("Enligt ")
            ent = art.entity_in(spk_start, min(e, spk_start + 80))
            words = list(re.finditer(r"[^\s,]+", text[spk_start:e]))
            if ent is not None and ent[0] == spk_start:
                spk_end = ent[1]
            else:
                spk_end = spk_start
                for m in words:
                    if m.group().lower() in FINITE_AFTER_ENLIGT:
                        break
                    spk_end = spk_start + m.end()
            speaker = art.speaker_from_phrase(spk_start, spk_end, spk_start)
            # the content starts at the finite verb after the source ("… Syrien är de …")
            rest = text[spk_end:e]
            fin = re.search(r"\b(" + "|".join(FINITE_AFTER_ENLIGT) + r")\b", rest)
            c_start = spk_end + fin.start() if fin and ("," in rest[: fin.start()] or "som" in rest[: fin.start()].split()) else spk_end
            art.add(c_start, e, "indirect", speaker, "enligt", _attr(speaker, "enligt"))
            found_indirect = True
        elif (m := pat["enligt_end"].search(sent)) and m.start() > 10:
            speaker = art.speaker_from_phrase(s + m.start("spk"), s + m.end("spk"), s)
            art.add(s, s + m.start(), "indirect", speaker, "enligt", _attr(speaker, "enligt"))
            found_indirect = True
        elif (m := pat["enligt_mid"].search(sent)) and m.start() > 0:
            # "Sveriges klimat har enligt Kjellström blivit varmare …": the content follows the source
            ent = art.entity_in(s + m.end(), e)
            if ent is not None and ent[0] == s + m.end():
                speaker = art.speaker_from_phrase(ent[0], ent[1], ent[0])
                art.add(ent[1], e, "indirect", speaker, "enligt", _attr(speaker, "enligt"))
                found_indirect = True
        if not found_indirect:
            m = pat["att"].search(sent)
            if m:
                verb_at = s + m.start("verb")
                mid = m.group("mid").strip()
                speaker = None
                if mid:  # inverted word order: "I dag säger hon att", "hävdar Anna Ekström att"
                    mid_start = s + len(sent[: m.end("verb")]) + (len(m.group("mid")) - len(m.group("mid").lstrip()))
                    first = mid.split()[0]
                    # …but "säger till SVT att", "uppger för TT att": the addressee, not the subject
                    if first.lower() not in SPEAKER_STOP:
                        cand = art.entity_in(mid_start, s + m.end("mid"), ("PER", "ORG"))
                        if cand is not None and cand[0] == mid_start or first.lower() in PRONOUNS:
                            end = cand[1] if cand is not None and cand[0] == mid_start else mid_start + len(first)
                            speaker = art.speaker_from_phrase(mid_start, end, mid_start)
                if speaker is None:
                    speaker = art.subject_before(s, verb_at)
                if speaker is not None:
                    art.add(s + m.start("content"), e, "indirect", speaker, m.group("verb"), _attr(speaker, "explicit"))
                    found_indirect = True
        if not found_indirect:
            m = pat["end_attr"].search(sent) or pat["end_attr_nocomma"].search(sent)
            # "”Vi är oroliga”, säger X." is a direct quote: left to _quotation_marks
            opens_quoted = sent[:1] in OPEN_CLOSE and sent[: m.start()].rstrip(" ,").endswith(tuple(OPEN_CLOSE.values())) if m else False
            if m and not opens_quoted and len(sent[: m.start()].split()) >= 3 \
                    and not pat["cue_verb"].search(sent[: m.start()]) and _plausible_speaker(art, s + m.start("spk"), e):
                speaker = art.speaker_after_verb(s + m.start("spk"), e)
                if speaker is not None and speaker.name is not None:
                    art.add(s, s + m.start(), "indirect", speaker, m.group("verb"), _attr(speaker, "explicit"))
                    found_indirect = True
        _quotation_marks(art, s, e, p_start, p_end, found_indirect)
        _note_introduction(art, s, e)


def _quotation_marks(art: _Article, s: int, e: int, p_start: int, p_end: int, cued: bool) -> None:
    """Direct quotes in quotation marks within sentence ``[s, e)``."""
    pat = _patterns()
    text = art.text
    for qs, qe in _quoted_segments(text, s, e):
        n_words = len(text[qs:qe].split())
        before = text[s : qs - 1]
        after = text[qe + 1 : e]
        colon_intro = before.rstrip().endswith(":")
        whole = (qs - 1 <= p_start + 1) and n_words >= 3
        verb_after = pat["end_attr"].search(after) if after.strip() else None
        if not (cued or colon_intro or verb_after or whole or (pat["verb"].search(before) and n_words >= 2)):
            continue  # scare quotes: "”närmsta vän”"
        speaker = None
        cue = None
        attribution = "none"
        if verb_after:
            speaker = art.speaker_after_verb(qe + 1 + verb_after.start("spk"), e)
            cue, attribution = verb_after.group("verb"), "explicit"
        elif colon_intro:
            head = before.rstrip()[:-1]
            ent = art.entity_in(s, s + len(head), ("PER", "ORG"))
            speaker = art.speaker_from_phrase(ent[0], ent[1], ent[0]) if ent else None
            cue, attribution = ":", "colon"
        elif art.quotes and art.quotes[-1].start >= s and art.quotes[-1].end <= e:
            last = art.quotes[-1]  # the quoted words inside an indirect quote share its speaker
            speaker, cue, attribution = last.speaker, last.cue, last.attribution
        elif pat["verb"].search(before):
            m = pat["verb"].search(before)
            speaker = art.subject_before(s, s + m.start())
            cue, attribution = m.group(), "explicit"
        elif whole:
            # "”Vi måste spara.” Det säger Lena Berg, …": attribution in the next sentence
            rest = text[e:p_end]
            m = pat["det_attr"].match(rest.lstrip())
            if m:
                at = e + len(rest) - len(rest.lstrip())
                end = text.find(".", at + m.end(), p_end)
                speaker = art.speaker_after_verb(at + m.end(), end if end > 0 else p_end)
                cue, attribution = m.group("verb"), "explicit"
        art.add(qs, qe, "direct", speaker, cue, _attr(speaker, attribution))


def _note_introduction(art: _Article, s: int, e: int) -> None:
    """A sentence that opens with a person's name introduces the next likely speaker."""
    ent = art.entity_in(s, e, ("PER",))
    if ent is not None and ent[0] - s <= 2 and not any(q.start <= ent[0] < q.end for q in art.quotes):
        art.last_speaker = Speaker(art.text[ent[0] : ent[1]], ent[4], ent[3], None, ent[0])


DETERMINERS = {"en", "ett", "flera", "många", "några", "två", "tre", "den", "det", "de", "alla", "vissa"}


def _plausible_speaker(art: _Article, start: int, end: int) -> bool:
    """Does ``text[start:end]`` open with a speaker (name, pronoun, role, "en granne")?

    Guards the sentence-final ``…, säger X`` pattern against ``…, förklarar varför …``.
    """
    words = art.text[start:end].split()
    if not words or len(words) > 12:
        return False
    first = words[0].strip(",.")
    if art.entity_in(start, min(end, start + 60)) is not None:
        return True
    return first[:1].isupper() or first.lower() in PRONOUNS or first.lower() in DETERMINERS or is_role(first)


def _attr(speaker: Speaker | None, default: str) -> str:
    if speaker is None:
        return "none"
    if speaker.text and speaker.text.lower() in PRONOUNS:
        return "pronoun"
    return default


@Language.component("quotes")
def quotes_component(doc: Doc) -> Doc:
    """``doc.spans["quotes"]``: direct and indirect quotes with their speakers."""
    spans = []
    for q in find_quotes(doc):
        span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
        if span is None:
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
    doc.spans["quotes"] = spans
    doc.user_data.pop("_sentence_bounds", None)
    return doc
