"""Who is speaking: a speaker phrase resolved to an entity, a pronoun's referent, a role
noun's person, or an unnamed source kept as written.

Works on character offsets into the article text and the article's entities (after
``entity_clusters``, so each carries its canonical name). Conventions:

* a named entity in the phrase is the speaker; a person wins over a genitive owner
  before it (``rymdstyrelsen Nasas högste chef Bill Nelson``); a role before the name
  (``statsvetaren Niklas Swanström``) or after it (``…, säger X, statsvetare.``) goes to
  ``role``;
* ``han``/``hon``/``hen`` and a definite role noun alone (``säger statsministern``) refer
  to the most recent person named outside quotes, or the last speaker if that is more
  recent (no gender check yet);
* ``de``/``dem``/``dom`` refer to an organisation named in the 300 characters before;
* capitalised words the model missed are a name, matched to a person of the article by
  surname;
* anything else is an unnamed source, kept as written (``en granne``, ``Forskare``).

Word classes (pronouns, words that end a speaker phrase, finite verbs after ``Enligt
X``) are data: ``pipeline/data/speaker_words.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc

from ...entities import EntityCluster, is_role
from ...lexicon import word_classes

SPEAKER_WORDS = "speaker_words.tsv"
# Unnamed-source cutoff: de/dem/dom look back this many characters for an organisation.
PLURAL_LOOKBACK = 300
# A name the model missed: capitalised words, with the particles of Swedish and foreign names.
CAPITALISED_NAME = re.compile(r"((?:[A-ZÅÄÖ][\w-]+)(?:\s+(?:von|van|af|de)?\s*[A-ZÅÄÖ][\w-]+)*)")
CAPITALISED_WORDS = re.compile(r"((?:[A-ZÅÄÖ][\w-]+)(?:\s+[A-ZÅÄÖ][\w-]+)*)")
PERSON_PRONOUN = re.compile(r"\b(han|hon|hen|Han|Hon|Hen)\b")


def words(cls: str) -> frozenset[str]:
    """A word class of ``speaker_words.tsv``: pronoun, plural_pronoun, stop, finite, determiner."""
    return word_classes(SPEAKER_WORDS)[cls]


class EntityRef(NamedTuple):
    """An entity mention of the article, with its cluster's canonical name."""

    start: int
    end: int
    label: str
    entity_id: str
    name: str


@dataclass(frozen=True)
class Speaker:
    text: str | None
    name: str | None
    entity_id: str | None = None
    role: str | None = None
    pos: int = 0  # where the speaker was named, for pronoun resolution


def entity_refs(doc: Doc) -> list[EntityRef]:
    clusters: dict[str, EntityCluster] = {c.entity_id: c for c in doc._.entity_clusters}
    return [
        EntityRef(e.start_char, e.end_char, e.label_, e.kb_id_, clusters[e.kb_id_].name if e.kb_id_ in clusters else e.text)
        for e in doc.ents
    ]


class SpeakerResolver:
    """Speaker phrases of one article -> :class:`Speaker`.

    ``in_quote(pos)`` tells whether a character lies inside a quote already found (a
    person named inside a quote is not a candidate referent); ``last_speaker`` is kept
    up to date by the paragraph walk.
    """

    def __init__(self, doc: Doc, in_quote: Callable[[int], bool]):
        self.text = doc.text
        self.ents = entity_refs(doc)
        self.in_quote = in_quote
        self.last_speaker: Speaker | None = None
        self.surnames: dict[str, list[EntityCluster]] = {}
        for c in doc._.entity_clusters:
            if c.label == "PER":
                self.surnames.setdefault(c.name.split()[-1].lower(), []).append(c)

    def entity_in(self, start: int, end: int, labels: tuple[str, ...] = ("PER", "ORG", "LOC")) -> EntityRef | None:
        """The first entity inside [start, end); a person wins over a genitive owner before it
        (``rymdstyrelsen Nasas högste chef Bill Nelson``)."""
        found = [e for e in self.ents if e.start >= start and e.end <= end and e.label in labels]
        if not found:
            return None
        persons = [e for e in found if e.label == "PER"]
        if persons and found[0].label != "PER" and self.text[found[0].start : found[0].end].endswith("s"):
            return persons[0]
        return found[0]

    def person_before(self, pos: int) -> Speaker | None:
        """The most recent person named before ``pos`` outside quotes, or the last speaker."""
        best: Speaker | None = None
        for e in self.ents:
            if e.start >= pos:
                break
            if e.label == "PER" and not self.in_quote(e.start):
                best = Speaker(self.text[e.start : e.end], e.name, e.entity_id, None, e.start)
        last = self.last_speaker
        if last is not None and last.entity_id and last.entity_id.startswith("PER"):
            if best is None or last.pos >= best.pos:
                best = last
        return best

    def from_phrase(self, start: int, end: int, pos: int) -> Speaker | None:
        """Resolve the speaker phrase ``text[start:end]`` (entity, pronoun or description)."""
        phrase = self.text[start:end].strip(" ,.!?")
        if not phrase:
            return None
        tokens = phrase.split()
        # "säger statsministern": a definite role noun refers back to a person already named
        anaphoric_role = (len(tokens) == 1 and tokens[0].islower() and tokens[0].endswith(("n", "en", "et"))
                          and is_role(tokens[0]))
        if tokens[0].lower() in words("pronoun") and len(tokens) <= 2 or anaphoric_role:
            ref = self.person_before(pos)
            if ref is None:
                return Speaker(phrase, phrase if anaphoric_role else None, None, None, start)
            return Speaker(tokens[0], ref.name, ref.entity_id, ref.role, ref.pos)
        ent = self.entity_in(start, end)
        if ent is not None:
            before = self.text[start : ent.start].strip()
            role = before if before and any(is_role(w) for w in before.split()) else None
            after = self.text[ent.end : end].strip(" ,.")
            if after and after.split()[0].lower() not in words("stop") and self.text[ent.end : end].lstrip().startswith(","):
                role = after
            return Speaker(self.text[ent.start : ent.end], ent.name, ent.entity_id, role, ent.start)
        # A name the model missed: capitalised words, matched to a person by surname.
        caps = CAPITALISED_NAME.match(phrase)
        lead_role = None
        if not caps and len(tokens) >= 2 and is_role(tokens[0]):
            lead_role = tokens[0]
            caps = CAPITALISED_WORDS.match(" ".join(tokens[1:]))
        if caps and (len(caps.group(1).split()) >= 2 or caps.group(1).lower() in self.surnames):
            name = caps.group(1)
            known = self.surnames.get(name.split()[-1].lower(), [])
            if len(known) == 1:
                return Speaker(name, known[0].name, known[0].entity_id, lead_role, start)
            return Speaker(name, name, None, lead_role, start)
        if tokens[0].lower() in words("plural_pronoun"):
            # "Folkhälsomyndigheten kom med nya råd. De sa att …": the organisation just named
            org = [e for e in self.ents if e.label == "ORG" and pos - PLURAL_LOOKBACK < e.start < pos]
            if org:
                return Speaker(tokens[0], org[-1].name, org[-1].entity_id, None, org[-1].start)
            return Speaker(tokens[0], None, None, None, start)
        # An unnamed source, kept as written: "en granne", "Forskare", "polisen".
        return Speaker(phrase, phrase, None, None, start)

    def after_verb(self, start: int, end: int) -> Speaker | None:
        """The speaker phrase that follows a speech verb, up to ``till``/``i``/sentence end."""
        segment = self.text[start:end]
        # Entity first: "säger statsepidemiolog Anders Tegnell till TT", "säger Tobbe Lundell, presschef på SJ".
        stop = len(segment)
        for i, m in enumerate(re.finditer(r"\S+", segment)):
            if i > 0 and m.group().strip(",.").lower() in words("stop"):
                stop = m.start()
                break
        ent = self.entity_in(start, start + stop, ("PER", "ORG", "LOC"))
        if ent is not None:
            # the role after the name runs to the end of the attribution: ", statsvetare."
            with_role = segment[ent.end - start :].lstrip().startswith(",")
            return self.from_phrase(start, end if with_role else start + stop, start)
        first_comma = segment.find(",")
        cut = min(stop, first_comma) if first_comma > 0 else stop
        speaker = self.from_phrase(start, start + cut, start)
        if speaker and 0 < first_comma < stop and speaker.role is None:
            role = segment[first_comma + 1 :].strip(" .")
            if role and is_role(role.split()[0]):
                speaker = Speaker(speaker.text, speaker.name, speaker.entity_id, role, speaker.pos)
        return speaker

    def subject_before(self, start: int, end: int) -> Speaker | None:
        """The subject of a speech verb at ``end``: nearest entity or pronoun, or a short phrase."""
        cands = [(e.start, e.end, e.label == "PER") for e in self.ents
                 if start <= e.start and e.end <= end and e.label in ("PER", "ORG", "LOC")]
        for m in PERSON_PRONOUN.finditer(self.text[start:end]):
            cands.append((start + m.start(), start + m.end(), True))
        persons = [c for c in cands if c[2]]
        if cands:
            s, e, _ = max(persons or cands)
            return self.from_phrase(s, e, s)
        if 1 <= len(self.text[start:end].split()) <= 3:
            return self.from_phrase(start, end, start)
        return None

    def plausible(self, start: int, end: int) -> bool:
        """Does ``text[start:end]`` open with a speaker (name, pronoun, role, "en granne")?

        Guards the sentence-final ``…, säger X`` pattern against ``…, förklarar varför …``.
        """
        tokens = self.text[start:end].split()
        if not tokens or len(tokens) > 12:
            return False
        first = tokens[0].strip(",.")
        if self.entity_in(start, min(end, start + 60)) is not None:
            return True
        return (first[:1].isupper() or first.lower() in words("pronoun") or first.lower() in words("determiner")
                or is_role(first))


def attribution(speaker: Speaker | None, default: str) -> str:
    """``pronoun`` when the speaker was only a pronoun, else ``default`` (``none`` without one)."""
    if speaker is None:
        return "none"
    if speaker.text and speaker.text.lower() in words("pronoun"):
        return "pronoun"
    return default
