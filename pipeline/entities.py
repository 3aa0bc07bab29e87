"""Entity mentions -> canonical entities within one article.

Swedish news names an entity in several surface forms: the genitive (``Putins``,
``Rysslands``, ``FN:s``), the surname alone after the first full mention
(``Swanström`` for ``Niklas Swanström``), a first name for some foreign leaders
(``Kim`` for ``Kim Jong-Un``), and spelling variants (``Kim Jong-un``). This module
maps each mention to one canonical name per article and a stable ``entity_id``.

Rules, in order:
1. Titles before a person's name are trimmed (``statsminister Magdalena Andersson``).
2. The genitive ``-s`` / ``:s`` is removed when the base form is attested: seen
   elsewhere in the article, a gazetteer name, or the ending is unambiguous for the
   label (``-ets``/``-ens`` for organisations, consonant + ``s`` after a surname).
3. Mentions whose base forms differ only in case or hyphenation are one entity.
4. A person mention that is the surname, the first name, a trailing part or a middle
   surname (``Enström`` of ``Karin Enström Berg``) of exactly one longer person name in
   the article is that person. Ambiguous short forms (two Anderssons) stay separate, and so
   does a place or organisation of the lexicon not tagged as a person (``Israel`` beside
   ``The Times of Israel``).
   Spelling variants of one person (``Claes Ljung``/``Claes Ljungh``: the same first name,
   surnames one edit apart) are one person; the spelling the article writes most (the
   surname alone counted too) is the name.
5. A party's letters join the party's name when the article uses both (``Moderaterna``
   … ``M``; ``data/parties.tsv``), and an abbreviation the article defines joins the full
   name (``Myndigheten för samhällsskydd och beredskap (MSB)`` … ``MSB``), as does an
   abbreviation made of an organisation's initials (``SR``, ``Sveriges Radio``; ``KFF``,
   ``Kalmar FF``); the full name is the entity's name. Letters alone stay the entity's name (the dev set's convention).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .lexicon import gazetteer, gazetteer_label, rows
from .swedish import strip_genitive, trim_mention, word_class

LABELS = ("PER", "ORG", "LOC", "MISC")


HYPHENS = re.compile(r"[\u2010-\u2015\-]")
SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def fold_key(name: str) -> str:
    """Case- and hyphen-insensitive key: ``Kim Jong-un`` == ``Kim Jong-Un``. (Cached: an
    article asks for the same few names hundreds of times.)"""
    name = unicodedata.normalize("NFKC", name).casefold()
    return SPACES.sub(" ", HYPHENS.sub(" ", name)).strip()


def slug(name: str) -> str:
    """ASCII slug for entity ids: ``Niklas Swanström`` -> ``niklas-swanstrom``."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "x"


def entity_id(label: str, name: str) -> str:
    return f"{label}:{slug(name)}"


@dataclass(frozen=True)
class Mention:
    """One recognised mention: surface text and character offsets into the article."""

    text: str
    label: str
    start: int
    end: int
    next_word: str | None = "x"  # the word after the mention (None at the end of a sentence)


@dataclass(frozen=True)
class EntityCluster:
    """A canonical entity of one article and the mentions that refer to it."""

    entity_id: str
    name: str
    label: str
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = field(default=())
    lexicon_id: str | None = None  # the name lexicon's entry (names.tsv), set by the entity_clusters component


def _best_surface(forms: Sequence[str]) -> str:
    """The fullest form; ties go to the spelling of the last word the article writes most
    (``Petra Schöniger`` once, ``Petra Schöninger`` and ``Schöninger``: Schöninger), then
    to the most frequent form, then to the first written."""
    counts = Counter(forms)
    last_word = {f: (f.split() or [""])[-1] for f in counts}
    spellings = Counter(last_word[f] for f in forms)
    order = {f: i for i, f in reversed(list(enumerate(forms)))}
    return max(counts, key=lambda f: (len(f.split()), spellings[last_word[f]], counts[f], -order[f]))


def cluster_mentions(mentions: Iterable[Mention], definitions: dict[str, str] | None = None) -> list[EntityCluster]:
    """Group an article's mentions into canonical entities (rules in the module doc).

    ``definitions``: abbreviations the article defines, ``MSB`` -> ``Myndigheten för
    samhällsskydd och beredskap`` (from ``Full Name (ABBR)``)."""
    mentions = list(mentions)
    surfaces = {m.text for m in mentions}
    attested = set(surfaces)
    for s in surfaces:
        words = s.split()
        attested.update(" ".join(words[i:]) for i in range(1, len(words)))
    bases = [strip_genitive(m.text, m.label, attested - {m.text}, m.next_word) for m in mentions]

    # Rule 3: same key -> same group.
    groups: dict[str, list[int]] = defaultdict(list)
    for i, base in enumerate(bases):
        groups[fold_key(base)].append(i)

    # Rule 4: short person names -> the one longer person name they are part of.
    def labels_of(key: str) -> Counter[str]:
        return Counter(mentions[i].label for i in groups[key])

    def is_person(key: str) -> bool:
        labels = labels_of(key)
        return labels.get("PER", 0) > 0 and labels.most_common(1)[0][0] == "PER"

    full_names = [k for k in groups if len(k.split()) >= 2 and labels_of(k).get("PER")]
    for key in sorted(groups, key=lambda k: len(k.split())):
        words = key.split()
        if key not in groups or not words[0][:1].isalpha() or len(words) >= 2 and not is_person(key):
            continue
        # a place or organisation of the lexicon, not tagged a person here, is no surname:
        # "Israel" is not the last word of "The Times of Israel" taken for a person
        if len(words) == 1 and not labels_of(key).get("PER") \
                and gazetteer_label(bases[groups[key][0]]) in ("LOC", "ORG"):
            continue
        owners = [f for f in full_names if f != key and f.split()[-len(words) :] == words]
        if not owners and len(words) == 1:
            owners = [f for f in full_names if f.split()[0] == words[0]]
        if not owners and len(words) == 1:  # a double surname used short: "Enström" of "Karin Enström Berg"
            owners = [f for f in full_names if len(f.split()) >= 3 and words[0] in f.split()[1:-1]]
        if len(owners) == 1 and owners[0] in groups:
            groups[owners[0]].extend(groups.pop(key))

    # Rule 4b: spelling variants of one person ("Claes Ljung" / "Claes Ljungh"): the same
    # first name and surnames one edit apart (surnames of five letters or more).
    persons = sorted((k for k in groups if len(k.split()) >= 2 and is_person(k)), key=lambda k: -len(groups[k]))
    for i, key in enumerate(persons):
        for other in persons[i + 1 :]:
            if key in groups and other in groups and _variant_names(key, other):
                groups[key].extend(groups.pop(other))

    # Rule 5: party letters -> the party's name, when both are in the article; an
    # abbreviation the article defines -> the full name.
    preferred: dict[str, str] = {}
    pairs = list(party_names().items()) + [(abbr, [full]) for abbr, full in (definitions or {}).items()]
    # … and an abbreviation made of a name's initials (SR / Sveriges Radio, KFF / Kalmar FF)
    short = [k for k in groups if mentions[groups[k][0]].text.isupper() and 2 <= len(k) <= 5 and " " not in k]
    long_ = [k for k in groups if len(k.split()) >= 2 and labels_of(k).get("ORG")]
    pairs += [(mentions[groups[a][0]].text, [bases[groups[f][0]]]) for a in short for f in long_
              if initials(bases[groups[f][0]]) == mentions[groups[a][0]].text]
    for letters, names in pairs:
        keys = {fold_key(n) for n in names}
        named = [k for k in groups if k in keys]
        if named and fold_key(letters) in groups and groups[fold_key(letters)] is not groups[named[0]]:
            groups[named[0]].extend(groups.pop(fold_key(letters)))
            preferred[named[0]] = next(bases[i] for i in groups[named[0]] if fold_key(bases[i]) == named[0])

    clusters = []
    for key, idxs in groups.items():
        idxs.sort(key=lambda i: mentions[i].start)
        group_bases = [bases[i] for i in idxs]
        name = preferred.get(key) or _best_surface(group_bases)
        label = gazetteer_label(name) or _vote_label([mentions[i] for i in idxs], name)
        ms = tuple(mentions[i] for i in idxs)
        aliases = tuple(dict.fromkeys(m.text for m in ms if m.text != name))
        clusters.append(EntityCluster(entity_id(label, name), name, label, ms, aliases))
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


def _variant_names(a: str, b: str) -> bool:
    """``claes ljung`` / ``claes ljungh``: same first names, surnames one edit apart."""
    wa, wb = a.split(), b.split()
    if wa[:-1] != wb[:-1] or min(len(wa[-1]), len(wb[-1])) < 5:
        return False
    return _edit_distance_at_most_one(wa[-1], wb[-1])


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def initials(name: str) -> str:
    """``Sveriges Radio`` -> ``SR``, ``Kalmar FF`` -> ``KFF``, ``Myndigheten för samhällsskydd
    och beredskap`` -> ``MSB``: first letters of the words (an all-capital word whole)."""
    return "".join(w if w.isupper() else w[0].upper() for w in name.split() if w.lower() not in word_class("initials_skip"))


def party_names() -> dict[str, list[str]]:
    """Party letters -> the names the party goes by (``data/parties.tsv``)."""
    return {r[0]: [r[1], *(n.strip() for n in r[2].split(",") if n.strip())] if len(r) > 2 else [r[1]]
            for r in rows("parties.tsv")}


def _vote_label(mentions: Sequence[Mention], name: str) -> str:
    counts = Counter(m.label for m in mentions)
    # A multi-word name tagged PER anywhere is a person: surnames alone are often
    # mislabelled ORG or LOC by the model.
    if counts.get("PER") and len(name.split()) >= 2:
        return "PER"
    return max(LABELS, key=lambda lab: (counts.get(lab, 0), -LABELS.index(lab)))
