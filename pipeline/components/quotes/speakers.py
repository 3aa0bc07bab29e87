"""Who is speaking: a speaker phrase resolved to an entity, a pronoun's referent, a role
noun's person, or an unnamed source kept as written.

Works on character offsets into the article text and the article's entities (after
``entity_clusters``, so each carries its canonical name). Conventions:

* with a parse (``doc._.syntax``), the speech verb's subject is the speaker phrase, so an
  adverbial before a verb-second verb (``Nu bekräftar advokaten att``) is not;
* a named entity in the phrase is the speaker; a person wins over a genitive owner
  before it (``rymdstyrelsen Nasas högste chef Bill Nelson``, ``Anna Lunds ombud Per
  Hed``); a role before the name
  (``statsvetaren Niklas Swanström``) or after it (``…, säger X, statsvetare.``) goes to
  ``role``;
* ``han``/``hon``/``hen`` refer to the most recent person named outside quotes, or the
  last speaker if that is more recent, whose first name agrees in gender (``hon`` is not
  ``Johan Berg``; names not in ``first_names_sv.tsv`` agree with either); a genitive
  owner (``Sylvia Plaths dagböcker``) only when no other person precedes;
* a definite role noun alone (``säger tränaren``) is the person introduced with that
  role (``tränaren Magnus Pehrsson``, ``Anna Ek, tränare``), else the most recent person;
  a definite organisation noun (``tingsrätten``, ``bolaget``, ``SOS-operatören``) is the
  organisation of that kind the article names (``org_nouns.tsv``);
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
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from spacy.tokens import Doc

from ...entities import EntityCluster
from ...lexicon import cached, mapping, word_classes
from ...swedish import is_role, may_be_genitive, pronoun_gender, word_class
from ..layout import doc_text

SPEAKER_WORDS = "speaker_words.tsv"
# Unnamed-source cutoff: de/dem/dom look back this many characters for an organisation.
PLURAL_LOOKBACK = 300
# A name the model missed: capitalised words, with the particles of Swedish and foreign names.
CAPITALISED_NAME = re.compile(r"((?:[A-ZÅÄÖ][\w-]+)(?:\s+(?:von|van|af|de)?\s*[A-ZÅÄÖ][\w-]+)*)")
CAPITALISED_WORDS = re.compile(r"((?:[A-ZÅÄÖ][\w-]+)(?:\s+[A-ZÅÄÖ][\w-]+)*)")


def first_name_gender(name: str) -> str | None:
    """``female``, ``male``, ``both``, or None for a name not in ``first_names_sv.tsv``."""
    return mapping("first_names_sv.tsv").get(name)


@cached(maxsize=1)
def _person_pronoun() -> re.Pattern[str]:
    """``han``, ``hon``, ``hen`` (``person_pronoun``), lower case or opening a sentence."""
    forms = sorted(w for p in word_class("person_pronoun") for w in (p, p.capitalize()))
    return re.compile(r"\b(" + "|".join(forms) + r")\b")


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


class Phrase(NamedTuple):
    """A speaker phrase: its text and words, where it is, and where it is read from."""

    text: str
    tokens: list[str]
    start: int
    end: int
    pos: int


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


@dataclass
class DiscourseState:
    """What the paragraph walk of one article knows so far, in one place: the quotes found
    (``Quote``s of :mod:`.discourse`, character offsets), the last speaker (whom a dash
    paragraph without attribution continues, and whom ``han``/``hon`` may stand for), the
    speaker a colon introduced for the paragraph after it (``Hon tillägger:``), the
    quotation-marked passages of the current paragraph, and what could not be read (an
    unclosed quotation mark). The walk (:class:`.discourse.QuoteFinder`) writes it; the
    speaker resolver reads it."""

    quotes: list[Any] = field(default_factory=list)
    last_speaker: Speaker | None = None
    colon_speaker: Speaker | None = None
    marked: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def in_quote(self, pos: int) -> bool:
        """Is ``pos`` inside a quote already found (a person named there is no referent)?"""
        return any(q.start <= pos < q.end for q in self.quotes)


class SpeakerResolver:
    """Speaker phrases of one article -> :class:`Speaker`, reading the walk's
    :class:`DiscourseState` (the quotes found so far, the last speaker)."""

    def __init__(self, doc: Doc, state: DiscourseState, plural_lookback: int = PLURAL_LOOKBACK):
        self.doc = doc
        self.plural_lookback = plural_lookback
        self.text = doc_text(doc)
        self.ents = entity_refs(doc)
        self.state = state
        self.in_quote = state.in_quote
        self.syntax = doc._.syntax if Doc.has_extension("syntax") else None
        self.surnames: dict[str, list[EntityCluster]] = {}
        self.clusters = {c.entity_id: c for c in doc._.entity_clusters}
        for c in doc._.entity_clusters:
            if c.label == "PER":
                self.surnames.setdefault(c.name.split()[-1].lower(), []).append(c)
        self.roles = self._introduced_roles()

    def _introduced_roles(self) -> list[tuple[str, EntityRef]]:
        """(role, person) for each person written with a role: ``tränaren Magnus Pehrsson``,
        ``KFF-tränaren Magnus Pehrsson``, ``Magnus Pehrsson, tränare``."""
        out = []
        for e in self.ents:
            if e.label != "PER":
                continue
            before = self.text[max(0, e.start - 40) : e.start].split()
            if before and is_role(before[-1].split("-")[-1]):
                out.append((_role_base(before[-1]), e))
            after = self.text[e.end : e.end + 60]
            if after.startswith(", ") and after[2:].split() and is_role(after[2:].split()[0].strip(",.")):
                out.append((_role_base(after[2:].split()[0].strip(",.")), e))
        return out

    def entity_in(self, start: int, end: int, labels: tuple[str, ...] = ("PER", "ORG", "LOC")) -> EntityRef | None:
        """The first entity inside [start, end); a person wins over a genitive owner before it
        (``rymdstyrelsen Nasas högste chef Bill Nelson``)."""
        found = [e for e in self.ents if e.start >= start and e.end <= end and e.label in labels]
        if not found:
            return None
        # "Anna Lunds ombud Per Hed": a genitive owner before another name is not the speaker
        owners = [e for e in found[:-1] if self._genitive_owner(e)]
        if owners and len(owners) < len(found):
            found = [e for e in found if e not in owners]
        persons = [e for e in found if e.label == "PER"]
        if persons and found[0].label != "PER" and may_be_genitive(self.text[found[0].start : found[0].end]):
            return persons[0]
        return found[0]

    def entity_refs_in(self, start: int, end: int) -> list[EntityRef]:
        return [e for e in self.ents if e.start >= start and e.end <= end]

    def _genitive_owner(self, e: EntityRef) -> bool:
        surface = self.text[e.start : e.end]
        rest = self.text[e.end : e.end + 2]
        return may_be_genitive(surface) and surface != e.name and rest[:1] == " " and rest[1:2].islower()

    def person_before(self, pos: int, pronoun: str | None = None, gender: str | None = None) -> Speaker | None:
        """The most recent person named before ``pos`` outside quotes, or the last speaker,
        whose first name agrees with ``pronoun`` (``han``/``hon``) or ``gender`` in gender."""
        want = gender or pronoun_gender(pronoun or "")

        def agrees(name: str | None) -> bool:
            gender = first_name_gender(name.split()[0]) if want and name and len(name.split()) >= 2 else None
            return gender in (None, "both", want)

        best: Speaker | None = None
        owner: Speaker | None = None  # "läste Cullhed Sylvia Plaths dagböcker": the owner is less salient
        for e in self.ents:
            if e.start >= pos:
                break
            if e.label == "PER" and not self.in_quote(e.start) and agrees(e.name):
                found = Speaker(self.text[e.start : e.end], e.name, e.entity_id, None, e.start)
                if self._genitive_owner(e):
                    owner = found
                else:
                    best = found
        best = best or owner
        last = self.state.last_speaker
        if last is not None and last.entity_id and last.entity_id.startswith("PER") and agrees(last.name):
            if best is None or last.pos >= best.pos:
                best = last
        return best

    def role_person(self, word: str, pos: int) -> Speaker | None:
        """The person introduced with the role ``word`` names (``tränaren`` -> ``tränare``)."""
        base = _role_base(word)
        found = [e for role, e in self.roles if role == base or base.endswith(role) or role.endswith(base)]
        if not found:
            return None
        before = [e for e in found if e.start < pos]
        e = before[-1] if before else found[0]  # "Det uppger hans advokat." before "advokat Hanna Lindblom"
        return Speaker(self.text[e.start : e.end], e.name, e.entity_id, None, e.start)

    def organisation(self, word: str, pos: int) -> EntityRef | None:
        """The organisation a definite noun stands for (``tingsrätten``, ``bolaget``,
        ``SOS-operatören``), among those named before ``pos``."""
        named = [e for e in self.ents if e.label == "ORG" and e.name.lower() != word.lower()]
        orgs = [e for e in named if e.start < pos] or named
        if "-" in word:  # "SOS-operatören": the organisation is the first part
            prefix = word.split("-")[0].lower()
            same = [e for e in orgs if e.name.lower() == prefix]
            if same:
                return same[-1]
        hint = mapping("org_nouns.tsv").get(word.lower())
        if hint is None or not orgs:
            return None
        if hint == "*":
            counts: dict[str, int] = {}
            for e in orgs:
                counts[e.entity_id] = counts.get(e.entity_id, 0) + 1
            top = max(counts.values())
            return next(e for e in reversed(orgs) if counts[e.entity_id] == top)
        matching = [e for e in orgs if hint.lower() in e.name.lower()]
        return matching[-1] if matching else None

    def subject(self, verb_char: int) -> Speaker | None:
        """The parsed subject of the speech verb at ``verb_char``, resolved; None without a parse."""
        if self.syntax is None:
            return None
        i = self._token_at(verb_char)
        if i is None or not self.syntax.parsed(i):
            return None
        subj = self.syntax.subject(i)
        if subj is None:
            return None
        if self.doc[subj].lower_ == "som" and self.syntax.dep.get(i) == "acl:relcl" and i in self.syntax.head:
            # "Ericsson, som säger att …": the relative pronoun stands for the noun it follows
            subj = self.syntax.head[i]
        toks = sorted(self.syntax.subtree(subj))
        # the subject phrase up to a relative clause (its "som" included) or a comma after its head
        clause = {k for c in self.syntax.kids.get(subj, []) if self.syntax.dep.get(c) in ("acl:relcl", "acl")
                  for k in self.syntax.subtree(c)}
        end_i = subj
        for k in toks:
            if k > subj and (self.doc[k].text in (",", "(") or k in clause):
                break
            end_i = max(end_i, k)
        # without the preposition of a noun that became the subject ("med en granne som säger")
        start_i = min(k for k in toks if k <= subj and (k == subj or self.syntax.dep.get(k) != "case"))
        start, end = self.doc[start_i].idx, self.doc[end_i].idx + len(self.doc[end_i])
        for e in self.ents:  # a name the subject's head lies in is all of the subject ("Timrå kommun")
            if e.start < end and start < e.end:
                start, end = min(start, e.start), max(end, e.end)
        return self.from_phrase(start, end, start)

    def _token_at(self, char: int) -> int | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None and len(span) else None

    def from_phrase(self, start: int, end: int, pos: int) -> Speaker | None:
        """Resolve the speaker phrase ``text[start:end]``: the first sieve that answers wins
        (the order is :meth:`sieves`, most precise first; the last always answers)."""
        phrase = self.text[start:end].strip(" ,.!?\n\t")
        if not phrase.split():
            return None
        p = Phrase(phrase, phrase.split(), start, end, pos)
        return next(found for sieve in self.sieves() if (found := sieve(p)) is not None)

    def sieves(self) -> tuple[Callable[[Phrase], Speaker | None], ...]:
        return (self.role_noun, self.pronoun, self.organisation_noun, self.epithet, self.owned_role,
                self.place_epithet, self.name_after_owner, self.named_entity, self.missed_name,
                self.plural_pronoun, self.unnamed_source)

    def role_noun(self, p: Phrase) -> Speaker | None:
        """``säger tränaren``, ``säger 24-åringen``, ``säger Edsbynspelaren`` (a compound whose
        head is a role: capitalised after its club or place): the person introduced with that
        role; else, for a description by age or nationality (``person_epithet``) or such a
        compound, the article's main person, and for a plain role the last person named."""
        word = p.tokens[0]
        if len(p.tokens) != 1 or not word.endswith(("n", "en", "et")) or not is_role(word) \
                or not word.islower() and self.entity_in(p.start, p.end) is not None:
            return None
        described = word[:1].isupper() or _role_base(word) in word_class("person_epithet")
        ref = self.role_person(word, p.pos) or (self.main_person(p.pos) if described else self.person_before(p.pos))
        if ref is None:
            return Speaker(p.text, p.text, None, None, p.start)
        return Speaker(word, ref.name, ref.entity_id, ref.role, ref.pos)

    def main_person(self, pos: int) -> Speaker | None:
        """The person the article names most before ``pos`` (the latest of equals): whom a
        description that no one was introduced with (``24-åringen``, ``schweizaren``,
        ``Edsbynspelaren``) most likely stands for."""
        counts: dict[str, int] = {}
        last: dict[str, EntityRef] = {}
        for e in self.ents:
            if e.start >= pos:
                break
            if e.label == "PER" and len(e.name.split()) >= 2 and not self.in_quote(e.start):
                counts[e.entity_id] = counts.get(e.entity_id, 0) + 1
                last[e.entity_id] = e
        if not counts:
            return None
        e = max(last.values(), key=lambda r: (counts[r.entity_id], r.start))
        return Speaker(self.text[e.start : e.end], e.name, e.entity_id, None, e.start)

    def pronoun(self, p: Phrase) -> Speaker | None:
        """``han``/``hon``/``hen``: the last person named whose first name agrees."""
        if p.tokens[0].lower() not in words("pronoun") or len(p.tokens) > 2:
            return None
        ref = self.person_before(p.pos, pronoun=p.tokens[0])
        if ref is None:
            return Speaker(p.text, None, None, None, p.start)
        return Speaker(p.tokens[0], ref.name, ref.entity_id, ref.role, ref.pos)

    def organisation_noun(self, p: Phrase) -> Speaker | None:
        """``Tingsrätten`` (even when tagged as a name), ``bankens experter``, ``SOS-operatören``."""
        word = p.tokens[0] if len(p.tokens) == 1 else _genitive_noun(p.tokens)
        org = self.organisation(word, p.pos) if word is not None else None
        return Speaker(p.text, org.name, org.entity_id, None, org.start) if org is not None else None

    def epithet(self, p: Phrase) -> Speaker | None:
        """``den elvafaldiga europatour-vinnaren``: a definite description of the last person."""
        t = p.tokens
        if t[0] not in ("Den", "den") or not 3 <= len(t) <= 5 or not t[-1].islower() or not t[-1].endswith("n") \
                or self.entity_in(p.start, p.end) is not None:
            return None
        return self._as(p, self.person_before(p.pos))

    def owned_role(self, p: Phrase) -> Speaker | None:
        """``hans advokat``, ``26-åringens försvarsadvokat``: the person introduced with the role."""
        if not 2 <= len(p.tokens) <= 3 or not is_role(p.tokens[-1]) or self.entity_in(p.start, p.end) is not None:
            return None
        return self._as(p, self.role_person(p.tokens[-1], p.pos))

    def place_epithet(self, p: Phrase) -> Speaker | None:
        """``Upplands första medaljör i detta SM``: a place's genitive in a description of a person."""
        ent = self.entity_in(p.start, p.end)
        if ent is None or ent.label != "LOC" or not self._genitive_owner(ent) \
                or len(self.entity_refs_in(p.start, p.end)) != 1 or CAPITALISED_WORDS.search(self.text, ent.end, p.end):
            return None
        return self._as(p, self.person_before(p.pos))

    def name_after_owner(self, p: Phrase) -> Speaker | None:
        """``Klarnas nordiska presschef Filippa Bolz``: a name the model missed after the owner."""
        ent = self.entity_in(p.start, p.end)
        if ent is None or not self._genitive_owner(ent):
            return None
        later = CAPITALISED_WORDS.search(self.text, ent.end, p.end)
        if not later or len(later.group(1).split()) < 2:
            return None
        name = later.group(1)
        return Speaker(name, name, None, self.text[p.start : later.start()].strip() or None, later.start())

    def named_entity(self, p: Phrase) -> Speaker | None:
        """A name in the phrase; a role before it (``statsvetaren X``) or after it (``X, statsvetare``)."""
        ent = self.entity_in(p.start, p.end)
        if ent is None:
            return None
        before = self.text[p.start : ent.start].strip()
        role = before if before and any(is_role(w) for w in before.split()) else None
        after = self.text[ent.end : p.end].strip(" ,.")
        if after and after.split()[0].lower() not in words("stop") and self.text[ent.end : p.end].lstrip().startswith(","):
            role = after
        return Speaker(self.text[ent.start : ent.end], ent.name, ent.entity_id, role, ent.start)

    def missed_name(self, p: Phrase) -> Speaker | None:
        """Capitalised words the model missed, matched to a person of the article by surname."""
        caps = CAPITALISED_NAME.match(p.text)
        lead_role = None
        if not caps and len(p.tokens) >= 2 and is_role(p.tokens[0]):
            lead_role = p.tokens[0]
            caps = CAPITALISED_WORDS.match(" ".join(p.tokens[1:]))
        if not caps or len(caps.group(1).split()) < 2 and caps.group(1).lower() not in self.surnames:
            return None
        name = caps.group(1)
        known = self.surnames.get(name.split()[-1].lower(), [])
        if len(known) == 1:
            return Speaker(name, known[0].name, known[0].entity_id, lead_role, p.start)
        return Speaker(name, name, None, lead_role, p.start)

    def plural_pronoun(self, p: Phrase) -> Speaker | None:
        """``Folkhälsomyndigheten kom med nya råd. De sa att …``: the organisation just named."""
        if p.tokens[0].lower() not in words("plural_pronoun"):
            return None
        near = [e for e in self.ents if e.label == "ORG" and p.pos - self.plural_lookback < e.start < p.pos]
        if near:
            return Speaker(p.tokens[0], near[-1].name, near[-1].entity_id, None, near[-1].start)
        return Speaker(p.tokens[0], None, None, None, p.start)

    @staticmethod
    def unnamed_source(p: Phrase) -> Speaker:
        """An unnamed source, kept as written: ``en granne``, ``Forskare``, ``polisen``."""
        return Speaker(p.text, p.text, None, None, p.start)

    @staticmethod
    def _as(p: Phrase, ref: Speaker | None) -> Speaker | None:
        return Speaker(p.text, ref.name, ref.entity_id, ref.role, ref.pos) if ref is not None else None

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
        for m in _person_pronoun().finditer(self.text[start:end]):
            cands.append((start + m.start(), start + m.end(), True))
        persons = [c for c in cands if c[2]]
        if cands:
            s, e, _ = max(persons or cands)
            return self.from_phrase(s, e, s)
        tokens = self.text[start:end].split()
        if not tokens:  # the verb opens the sentence ("säger:")
            return None
        # a short subject, or an unnamed group: "Två av rättens fem ledamöter ansåg att"
        if len(tokens) <= 3 or len(tokens) <= 6 and tokens[0].lower() in words("determiner"):
            return self.from_phrase(start, end, start)
        return None

    def possessor(self, start: int, end: int) -> Speaker | None:
        """Who holds the opinion named by a noun at ``end`` (``Hans bedömning är att``,
        ``Riksbankens prognos är att``, ``… besökte Sverige var budskapet att``): a possessive
        pronoun's person, else the subject before it."""
        for m in re.finditer(r"\w+", self.text[start:end]):
            word = m.group().lower()
            for gender in ("male", "female"):
                if word in words(f"possessive_{gender}"):
                    ref = self.person_before(start, gender=gender)
                    at = start + m.start()
                    if ref is None:
                        return Speaker(m.group(), None, None, None, at)
                    return Speaker(m.group(), ref.name, ref.entity_id, ref.role, ref.pos)
        return self.subject_before(start, end)

    def plausible(self, start: int, end: int) -> bool:
        """Does ``text[start:end]`` open with a speaker (name, pronoun, role, organisation noun
        such as ``bolaget``, "en granne")?

        Guards the sentence-final ``…, säger X`` pattern against ``…, förklarar varför …``.
        """
        tokens = self.text[start:end].split()
        if not tokens or len(tokens) > 12:
            return False
        first = tokens[0].strip(",.")
        if self.entity_in(start, min(end, start + 60)) is not None:
            return True
        return (first[:1].isupper() or first.lower() in words("pronoun") or first.lower() in words("determiner")
                or is_role(first) or first.lower() in mapping("org_nouns.tsv"))


def _genitive_noun(tokens: list[str]) -> str | None:
    """``bankens experter`` -> ``banken``: a genitive definite noun owning the phrase."""
    first = tokens[0].lower()
    if len(tokens) <= 3 and first.endswith(("ens", "ets", "ns")) and first[:-1] in mapping("org_nouns.tsv"):
        return first[:-1]
    return None


def _role_base(word: str) -> str:
    """``tränaren`` -> ``tränare``, ``KFF-tränaren`` -> ``tränare``, ``försvarsadvokaten`` -> ``försvarsadvokat``."""
    w = word.lower().strip(",.").split("-")[-1]
    for suffix in ("en", "n", "et"):
        if w.endswith(suffix) and is_role(w) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            if is_role(stem) and stem != w:
                return stem
    return w


def attribution(speaker: Speaker | None, default: str) -> str:
    """``pronoun`` when the speaker was only a pronoun, else ``default`` (``none`` without one)."""
    if speaker is None:
        return "none"
    if speaker.text and speaker.text.lower() in words("pronoun"):
        return "pronoun"
    return default
