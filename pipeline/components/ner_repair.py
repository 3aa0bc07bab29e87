"""``ner_repair``: the statistical model's entities repaired with Swedish news conventions.

Runs after ``ner`` and rewrites ``doc.ents`` in named steps (``STEPS``, each a
``_step_<name>`` method, always in that order; the ``steps`` config lists the ones that
run, so each can be measured or turned off alone):

* entities inside boilerplate spans are dropped;
* titles and stray punctuation are trimmed (``statsepidemiolog Anders Tegnell``);
* a one-word "person" opening a sentence that the article never writes again and that
  is not a first name is not a name (``Räddningstjänst``, ``Astronomer``);
* a capitalised ordinary word opening a sentence is not a name (``Skolorna``,
  ``Längs``): the word list (``common_words.txt``, lower-case words of the training
  corpora that are never part of an entity) is given to :meth:`NerRepair.initialize` by
  ``train-ner`` and saved with the model;
* truncated compounds (``Nord- och Sydkorea``) and lower-case words are dropped;
* a definite noun naming an institution by its kind (``Polisen``, ``Regeringens``) is no
  name; ``länsstyrelsen i Jönköpings län``, ``landstinget Västernorrland`` are one ORG;
* an abbreviation that names no one (``VM``, ``SM-guldet``, ``vd``, ``HR``) is no entity;
* routes ``Stockholm-Göteborg`` between two known places are two places (this
  **retokenizes**: the route token is split in three);
* arenas, stadiums, stations and roads are places (``Behrn Arena``, ``Stockholm
  central``, ``E18``; ``place_words.txt``);
* a party abbreviation in parentheses after a name, ``(S)``, or after ``Name,`` is an
  organisation;
* two names the model glued together are split: a known surname and a full name
  (``läste Cullhed Sylvia Plaths dagböcker`` after ``Elin Cullhed``) are two people; a
  club or company before a person (``Rånäs Anna Rahm``, ``Volvos vd Jim Rowan``) is an
  organisation and a person;
* a name followed by an organisation noun (``Attunda tingsrätt``, ``Timrå kommun``,
  ``Stockholms universitet``; ``org_heads.txt``) is that organisation, ORG, and so is a
  name ending in a company word (``Almi Företagspartner``; ``org_name_words.txt``);
* a name found once is looked up again where the model missed it (surnames too).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example

from ..lexicon import GAZETTEER_ID, cached, gazetteer, gazetteer_label, rows, words
from ..swedish import genitive_forms, is_role, trim_mention, with_genitives, without_colon_genitive, word_class
from .layout import token_texts
from .scoring import score_entities

COMMON_WORDS = "common_words.txt"
ORG_HEADS = "org_heads.txt"
ORG_NAME_WORDS = "org_name_words.txt"
ORG_NOUNS = "org_nouns.tsv"
FIRST_NAMES = "first_names_sv.tsv"
PARTIES = "parties.tsv"
ROUTE = re.compile(r"^([A-ZÅÄÖ][a-zåäöé]+)-([A-ZÅÄÖ][a-zåäöé]+)$")
# a coalition written with plus signs: "S+C+V+L", "M+KD" (one token for the tokenizer)
COALITION = re.compile(r"^[A-ZÅÄÖ]{1,2}(?:\+[A-ZÅÄÖ]{1,2})+$")
ROAD = re.compile(r"^E\d{1,3}$")  # European roads in Sweden: E4, E6, E18, E20, E45
PLACE_WORDS = "place_words.txt"


# The repairs, in the order they run (each a method ``_step_<name>``; the component's
# ``steps`` config lists the ones it runs, so each can be measured or turned off alone).
STEPS = ["split_routes", "split_coalitions", "boilerplate", "trim", "sentence_start_words", "institutions", "abbreviations",
         "split_glued_names",
         "organisation_heads", "organisation_appositions", "places", "party_abbreviations", "repeated_names"]


@Language.factory(
    "ner_repair",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    requires=["doc.ents", "doc.spans", "token.is_sent_start"],
    retokenizes=True,
    default_config={"steps": STEPS},
)
def make_ner_repair(nlp: Language, name: str, steps: list[str]) -> "NerRepair":
    return NerRepair(steps)


class NerRepair:
    def __init__(self, steps: Iterable[str] = STEPS):
        self.common_words: frozenset[str] = frozenset()
        unknown = [s for s in steps if s not in STEPS]
        if unknown:
            raise ValueError(f"ner_repair: unknown steps {unknown}; the steps are {STEPS}")
        self.steps = [s for s in STEPS if s in set(steps)]  # always in their own order

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """``ents_p``/``ents_r``/``ents_f``/``ents_per_type`` of the entities after this step."""
        return score_entities(examples, **kwargs)

    @property
    def party_abbreviations(self) -> frozenset[str]:
        """Swedish party letters as written after a politician's name, ``Magdalena Andersson
        (S)``: the first column of ``parties.tsv`` (their one source)."""
        return words(PARTIES)

    # -- resources: the common-word list travels with the model -----------------------
    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None,
                   common_words: Iterable[str] | None = None) -> None:
        self.common_words = frozenset(common_words or ())

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / COMMON_WORDS).write_text("".join(w + "\n" for w in sorted(self.common_words)), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "NerRepair":
        file = Path(path) / COMMON_WORDS
        self.common_words = frozenset(file.read_text(encoding="utf-8").split()) if file.exists() else frozenset()
        return self

    # -- the repairs ------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        in_boilerplate = _overlap_test(sorted((s.start_char, s.end_char) for s in doc.spans.get("boilerplate", [])))
        ents = list(doc.ents)
        for step in self.steps:
            ents = getattr(self, f"_step_{step}")(doc, ents, in_boilerplate)
        if "paragraphs" in doc.spans:  # whatever a step found, an entity is in the article's text
            in_content = _overlap_test(sorted((p.start_char, p.end_char) for p in doc.spans["paragraphs"]))
            ents = [e for e in ents if in_content(e.start_char, e.end_char)]
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc

    # Each step: (doc, entities so far, boilerplate test) -> the entities after it.
    def _step_split_routes(self, doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        doc.ents = ents
        self._split_routes(doc)  # retokenizes: the entities are re-read from the Doc
        return list(doc.ents)

    def _step_split_coalitions(self, doc: Doc, ents: list[Span],
                               in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        doc.ents = ents
        self._split_coalitions(doc)
        return list(doc.ents)

    @staticmethod
    def _step_boilerplate(doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        """Entities inside boilerplate spans are dropped."""
        return [e for e in ents if not in_boilerplate(e.start_char, e.end_char)]

    @staticmethod
    def _step_trim(doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        """Titles and stray punctuation trimmed (``statsepidemiolog Anders Tegnell``); a
        gazetteer name is exact and stays whole (``Vara kommun``)."""
        out = []
        for e in ents:
            a, b = (0, len(e)) if e.id_ == GAZETTEER_ID else trim_mention([t.text for t in e], e.label_)
            out.append(_kept(doc, e, a, b))
        return [e for e in out if e is not None]

    def _step_sentence_start_words(self, doc: Doc, ents: list[Span],
                                   in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        """A capitalised ordinary word opening a sentence is not (part of) a name
        (``Skolorna``, ``Längs``, ``Nyfödda Mirjam``; the common-word list); a one-word
        "person" opening a sentence that the article never writes again and that is not
        a first name names no one (``Räddningstjänst``, ``Astronomer``). A person's first
        name may also be a word (``Björn Ulvaeus``): a first name stays."""
        counts = Counter(token_texts(doc))
        first_names = _first_names()

        def once(word: str) -> bool:
            return sum(counts[form] for form in with_genitives(word)) == 1

        out = []
        for e in ents:
            a = 0
            first = e[0]
            if e.id_ == GAZETTEER_ID or not first.is_sent_start:
                out.append(e)
                continue
            if len(e) == 1 or e.label_ != "PER":
                if first.text.lower() in self.common_words:
                    a = 1
                elif e.label_ == "PER" and len(e) == 1 and once(first.text) and first.text not in first_names:
                    a = 1
            elif first.text.lower() in self.common_words and first.text not in first_names:
                a = 1
            out.append(_kept(doc, e, a, len(e)) if a else e)
        return [e for e in out if e is not None]

    @staticmethod
    def _step_institutions(doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        """``Polisen larmades``, ``Regeringens besked``: a definite noun that names an
        institution by its kind is no name, also capitalised (``institution_noun`` in
        ``swedish_words.tsv``; the gold convention keeps ``polisen`` as an unnamed source's
        phrase). ``länsstyrelsen i Jönköpings län``, ``landstinget Västernorrland``: the noun
        and the place after it are the body's name, one ORG (``place_institution``), and the
        place inside it is no separate entity. ``Sveriges`` before a capitalised word names a
        national body (``Sveriges Ingenjörer``, ``Sveriges Lärare``), not the country."""
        nouns = {form for n in word_class("institution_noun") for form in with_genitives(n)}
        bodies = word_class("place_institution")
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        for e in ents:
            if e.id_ != GAZETTEER_ID and e.text.lower() in nouns:
                continue
            if e.label_ == "LOC" and e.text == "Sveriges":  # "Sveriges Ingenjörer", "Sveriges Lärare"
                end = e.end
                while end < len(doc) and end not in taken and doc[end].is_title and not doc[end].is_sent_start:
                    end += 1
                if end > e.end:
                    e = Span(doc, e.start, end, label="ORG")
            if e.label_ == "LOC" and e.start > 0:
                j = e.start - 1
                if doc[j].lower_ == "i" and j > 0:
                    j -= 1
                if doc[j].lower_ in bodies and j not in taken:
                    e = Span(doc, j, e.end, label="ORG")
            out.append(e)
        return out

    @staticmethod
    def _step_abbreviations(doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        """``VM``, ``SM-guldet``, ``VM:s``: a championship is an event, not an entity (the
        annotation convention); ``ÖB``, ``RÅ``, ``HR``, ``LAS`` name a role or a thing
        (``not_a_name`` in ``swedish_words.tsv``)."""
        abbreviations = word_class("not_a_name")

        def names_no_one(text: str) -> bool:
            head, _, rest = without_colon_genitive(text).partition("-")
            return head in abbreviations and (not rest or rest[:1].islower())

        return [e for e in ents if e.id_ == GAZETTEER_ID or not names_no_one(e.text)]

    def _step_split_glued_names(self, doc: Doc, ents: list[Span],
                                in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        return self._split_glued_names(doc, ents)

    def _step_organisation_heads(self, doc: Doc, ents: list[Span],
                                 in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        return self._organisation_heads(doc, ents)

    def _step_organisation_appositions(self, doc: Doc, ents: list[Span],
                                       in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        return self._organisation_appositions(doc, ents)

    def _step_places(self, doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        return self._places(doc, ents, in_boilerplate)

    def _step_party_abbreviations(self, doc: Doc, ents: list[Span],
                                  in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        parties = self._party_abbreviations(doc, ents)
        return [e for e in ents if not any(p.start < e.end and e.start < p.end for p in parties)] + parties

    def _step_repeated_names(self, doc: Doc, ents: list[Span],
                             in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        found = self._repeated_names(doc, ents, in_boilerplate)
        # a full name found again replaces the pieces the model made of it ("Kim" + "Jong-Un")
        return [e for e in ents if not any(f.start <= e.start and e.end <= f.end for f in found)] + found

    def _repeated_names(self, doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        """Mentions the model missed of a name it found elsewhere in the article.

        News repeats a name and then uses the surname alone (``Niklas Swanström`` …
        ``Swanström``, ``Swanströms``); the model finds some of these and misses
        others. Each full name, and each person's surname (with genitive), is looked
        up again; a sentence-initial ordinary word (``Berg``, ``Strand``) is skipped.
        """
        names: dict[tuple[str, ...], str] = {}
        for e in ents:
            words = tuple(t.text for t in e)
            names.setdefault(words, e.label_)
            if e.label_ == "PER" and len(e) >= 2 and e[-1].text[:1].isupper():
                surname = e[-1].text
                for form in with_genitives(surname):
                    names.setdefault((form,), "PER")
        taken = {i for e in ents for i in range(e.start, e.end)}
        inside = {(e.start, e.end) for e in ents}
        first_names = _first_names()
        first_words = {words[0] for words in names}
        lengths = sorted({len(words) for words in names}, reverse=True)
        found = []
        texts = token_texts(doc)
        i = 0
        while i < len(doc):
            if texts[i] not in first_words:
                i += 1
                continue
            for n in lengths:
                words = tuple(texts[i : i + n])
                label = names.get(words) if len(words) == n else None
                if label is None or (i, i + n) in inside:
                    continue
                # free tokens, or (for a full name) only entities lying wholly inside it
                crossing = [e for e in ents if e.start < i + n and i < e.end and not (i <= e.start and e.end <= i + n)]
                if n == 1 and any(j in taken for j in range(i, i + n)) or crossing:
                    continue
                common_start = doc[i].is_sent_start and words[0].lower() in self.common_words
                if not words[0][:1].isupper() or common_start and (n == 1 or words[0] not in first_names):
                    continue  # "Berg" opening a sentence is a word; "Björn Ulvaeus" is a name
                if in_boilerplate(doc[i].idx, doc[i + n - 1].idx + len(doc[i + n - 1])):
                    continue
                found.append(Span(doc, i, i + n, label=label))
                taken.update(range(i, i + n))
                i += n - 1
                break
            i += 1
        return found

    def _split_glued_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Two names the model glued into one person: a known surname and a full name
        (``läste Cullhed Sylvia Plaths``), or a club or company before a person, maybe with
        a role (``Rånäs Anna Rahm``, ``Volvos vd Jim Rowan``): the person is the part from
        the first name on; the part before it is an organisation (an ordinary word there,
        ``Nyfödda Mirjam``, is dropped). A known place after a full name (``Magdalena
        Andersson Ryssland``) is a place of its own when the article names the person
        without it (``Anna Maria Falkenberg`` alone stays one name)."""
        surnames = {e[-1].text for e in ents if e.label_ == "PER" and len(e) >= 2}
        persons = {e.text for e in ents if e.label_ == "PER"}
        first_names = _first_names()
        out = []
        for e in ents:
            if e.label_ != "PER" or len(e) < 3:
                out.append(e)
            elif _known_place(e[-1].text) and e[0].text in first_names \
                    and e[-1].text not in surnames_in_lexicon() and e[:-1].text in persons:
                # "Magdalena Andersson Ryssland", "Per Ek Luleå": a place glued after a full name
                out += [Span(doc, e.start, e.end - 1, label="PER"), Span(doc, e.end - 1, e.end, label="LOC")]
            elif e[0].text in surnames and e[0].text != e[-1].text and all(t.text[:1].isupper() for t in e[1:]):
                out += [Span(doc, e.start, e.start + 1, label="PER"), Span(doc, e.start + 1, e.end, label="PER")]
            elif e[0].text not in first_names and (k := next((j for j in range(1, len(e) - 1) if e[j].text in first_names
                                                             and all(t.text[:1].isupper() for t in e[j:])), None)):
                owner_end = e.start + k
                while owner_end > e.start and (is_role(doc[owner_end - 1].text) or doc[owner_end - 1].is_lower):
                    owner_end -= 1  # "Volvos vd": the role goes
                if owner_end > e.start and doc[e.start].text.lower() not in self.common_words:
                    out.append(Span(doc, e.start, owner_end, label="ORG"))
                out.append(Span(doc, e.start + k, e.end, label="PER"))
            else:
                out.append(e)
        return out

    @staticmethod
    def _organisation_heads(doc: Doc, ents: list[Span]) -> list[Span]:
        """``Attunda tingsrätt``, ``Örebro SK``: a name and the organisation noun or club
        suffix after it are one ORG (also when the model tagged the pair MISC, ``Svea
        hovrätt``, or the suffix on its own); ``Almi Företagspartner``: a name ending in a
        company word is ORG, not a person."""
        heads = words(ORG_HEADS)
        company_words = words(ORG_NAME_WORDS)
        by_start = {e.start: e for e in ents}
        out: list[Span] = []
        absorbed: set[int] = set()
        for e in ents:
            if e.start in absorbed:
                continue
            if e.label_ in ("PER", "LOC", "MISC") and len(e) >= 2 and (e[-1].text in company_words or e[-1].text in heads):
                e = Span(doc, e.start, e.end, label="ORG")
            nxt = doc[e.end] if e.end < len(doc) else None
            if nxt is not None and nxt.text in heads and (e.label_ != "ORG" or len(e) == 1):
                other = by_start.get(e.end)
                if other is None or len(other) == 1:
                    if other is not None:
                        absorbed.add(other.start)
                    out.append(Span(doc, e.start, e.end + 1, label="ORG"))
                    continue
            out.append(e)
        return out

    @staticmethod
    def _organisation_appositions(doc: Doc, ents: list[Span]) -> list[Span]:
        """``Lundabolaget Akribian``, ``it-företaget Tietoenator``, ``batteritillverkaren
        Northvolt``: a name right after a word ending in an organisation noun
        (``org_nouns.tsv``: bolaget, företaget, tillverkaren, klubben…) is that
        organisation, not a person; a capitalised compound the model took into the name
        is left out of it."""
        # not a noun whose apposition names a place as often as the body ("i kommunen Timrå")
        nouns = tuple(n for n in words(ORG_NOUNS) if n not in word_class("apposition_not"))

        def org_word(token: Token) -> bool:
            return token.lower_.endswith(nouns)

        out: list[Span] = []
        for e in ents:
            if e.label_ == "PER" and len(e) >= 2 and e[0].text[:1].isupper() and org_word(e[0]) \
                    and e[1].text[:1].isupper():
                e = Span(doc, e.start + 1, e.end, label="ORG")
            elif e.label_ == "PER" and e.start > 0 and org_word(doc[e.start - 1]):
                e = Span(doc, e.start, e.end, label="ORG")
            out.append(e)
        # the apposition says what the name is: its other mentions are that organisation too
        named = {e.text for e, before in zip(out, ents) if e.label_ == "ORG" and before.label_ == "PER"}
        named |= {form for n in named for form in genitive_forms(n)}
        return [Span(doc, e.start, e.end, label="ORG") if e.text in named and e.label_ != "ORG" else e for e in out]

    @staticmethod
    def _places(doc: Doc, ents: list[Span], in_boilerplate: Callable[[int, int], bool]) -> list[Span]:
        """Arenas, stadiums, stations and roads are places: a name ending in a place word
        (``Behrn Arena``, ``Grimsta IP``) is LOC; a place with its station or part after it
        (``Stockholm central``, ``Stockholm södra``) is one LOC; a European road (``E18``)
        is LOC (``place_words.txt``)."""
        kinds = {r[0]: r[1] for r in rows(PLACE_WORDS)}
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        for e in ents:
            nxt = doc[e.end] if e.end < len(doc) else None
            if len(e) >= 2 and kinds.get(e[-1].text) == "last" and e.label_ != "LOC" or len(e) == 1 and ROAD.match(e.text):
                e = Span(doc, e.start, e.end, label="LOC")
            elif nxt is not None and e.end not in taken and (kinds.get(nxt.text) == "last" or
                                                              e.label_ == "LOC" and kinds.get(nxt.text) == "after"):
                e = Span(doc, e.start, e.end + 1, label="LOC")  # "Saab Arena", "Stockholm central"
            out.append(e)
        for i, text in enumerate(token_texts(doc)):  # roads: "vid E18", "på E4"
            if text[:1] == "E" and ROAD.match(text) and i not in taken \
                    and not in_boilerplate(doc[i].idx, doc[i].idx + len(text)):
                out.append(Span(doc, i, i + 1, label="LOC"))
        return sorted(out, key=lambda e: e.start)

    def _party_abbreviations(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Party letters as organisations: ``Anna Ek (S)``, ``Anna Ekström, S.``, a list
        ``(M, C, KD och L)``, and in an article about parties (one that names a party or
        writes a two-letter party: ``MP``, ``KD:s``) a letter used as a noun (``M räknar med``,
        ``med stöd av MP``). A lone single letter elsewhere is not a party (``betyget C``)."""
        letters = self.party_abbreviations
        person_ends = {e.end for e in ents if e.label_ == "PER"}
        names = {n.strip() for row in rows(PARTIES) for n in [row[1], *(row[2].split(",") if len(row) > 2 else [])]}

        texts = token_texts(doc)
        bases = [without_colon_genitive(t) for t in texts]
        found = [b if b in letters else None for b in bases]

        def letter(i: int) -> str | None:
            return found[i] if 0 <= i < len(found) else None

        party_context = any(b is not None and len(b) > 1 for b in found) or any(e.text in names for e in ents)
        out = []
        for i, base in enumerate(found):
            if base is None:
                continue
            before = texts[i - 1] if i > 0 else ""
            after = texts[i + 1] if i + 1 < len(texts) else ""
            listed = before in {",", "och", "(", "/", "+"} and letter(i - 2 if before != "(" else i - 1) is not None \
                or after in {",", "och", "/", "+"} and letter(i + 2) is not None
            in_parentheses = before == "(" and after in {")", ","}
            after_name = before == "," and i - 1 in person_ends and after in {".", ",", ";"}
            as_noun = party_context and (after[:1].islower() or after in {".", ",", ")", ":"}
                                         or before.lower() in word_class("party_preposition"))
            if in_parentheses or after_name or listed or len(base) > 1 and party_context or as_noun:
                out.append(Span(doc, i, i + 1, label="ORG"))
        return out

    def _split_coalitions(self, doc: Doc) -> None:
        """``S+C+V+L`` (one token) -> ``S`` ``+`` ``C`` ``+`` ``V`` ``+`` ``L``, so each letter
        can be read as its party (in ``_party_abbreviations``: ``+`` joins a list)."""
        texts = token_texts(doc)
        joined = [doc[i] for i, t in enumerate(texts) if "+" in t and COALITION.match(t)
                  and all(p in self.party_abbreviations for p in t.split("+"))]
        # "…, S." / "tillsammans med S." at the end of a sentence: the tokenizer glues the
        # full stop to a single capital (as to an initial); after a comma or a preposition,
        # before the next sentence, it is the party letter and the full stop
        stops = [t for t in (doc[i] for i, x in enumerate(texts)
                             if len(x) == 2 and x[1] == "." and x[0] in self.party_abbreviations)
                 if t.i > 0 and (doc[t.i - 1].text == "," or doc[t.i - 1].lower_ in word_class("party_preposition"))
                 and (t.i + 1 == len(doc) or doc[t.i + 1].is_space or doc[t.i + 1].is_sent_start)]
        if joined or stops:
            _split_tokens(doc, [(t, [t.text[0], "."]) for t in stops]
                          + [(t, [x for p in t.text.split("+") for x in (p, "+")][:-1]) for t in joined])

    @staticmethod
    def _split_routes(doc: Doc) -> None:
        """``Stockholm-Göteborg`` (one token) -> ``Stockholm`` ``-`` ``Göteborg``, two LOCs."""
        routes = [
            e for e in doc.ents
            if len(e) == 1 and (m := ROUTE.match(e.text)) and all(gazetteer_label(p) == "LOC" for p in m.groups())
        ]
        if not routes:
            return
        splits, places = [], []
        for e in routes:
            first, second = ROUTE.match(e.text).groups()  # type: ignore[union-attr]
            splits.append((e[0], [first, "-", second]))
            places += [(e.start_char, e.start_char + len(first), "LOC", GAZETTEER_ID),
                       (e.end_char - len(second), e.end_char, "LOC", GAZETTEER_ID)]
        _split_tokens(doc, splits, places)


def _split_tokens(doc: Doc, splits: list[tuple[Token, list[str]]],
                  added: list[tuple[int, int, str, str]] | None = None) -> None:
    """Split tokens into parts of their own text (``retokenize``); the entities that do
    not cover a split token stay (by character offsets), with ``added`` ones
    (start_char, end_char, label, ent_id) beside them."""
    split_at = {t.i for t, _ in splits}
    keep = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents
            if not any(i in split_at for i in range(e.start, e.end))]
    # the tok2vec rows of a split token go to each of its parts (a joint model's parser reads them)
    n_parts = {t.i: len(parts) for t, parts in splits}
    rows = [i for i in range(len(doc)) for _ in range(n_parts.get(i, 1))] \
        if doc.tensor.size and doc.tensor.shape[0] == len(doc) else None
    tensor = doc.tensor
    with doc.retokenize() as retokenizer:
        for token, parts in splits:
            retokenizer.split(token, parts, heads=[(token, k) for k in range(len(parts))])
    if rows is not None:
        doc.tensor = tensor[rows]
    doc.ents = [span for start, end, label, ent_id in sorted(keep + (added or []))
                if (span := doc.char_span(start, end, label=label, span_id=ent_id)) is not None]


def _kept(doc: Doc, e: Span, a: int, b: int) -> Span | None:
    """``e[a:b]`` as an entity of ``e``'s type (and mark), or None when nothing name-like is
    left: empty, a truncated compound (``Nord- och Sydkorea``), or lower case only
    (``regeringen``, ``polisen``: common nouns, not names) unless the gazetteer names it so
    (``riksdagen``, ``högsta domstolen``: Swedish writes those state bodies in lower case)."""
    if a >= b or e[b - 1].text.endswith("-"):
        return None
    whole = (a, b) == (0, len(e))
    span = Span(doc, e.start + a, e.start + b, label=e.label_, span_id=e.id_ if whole else 0)
    if e.label_ != "MISC" and not (whole and e.id_ == GAZETTEER_ID) \
            and not any(c.isupper() or c.isdigit() for c in span.text):
        return None
    return span


def _known_place(word: str) -> bool:
    """A one-word gazetteer place, also in the genitive (``Ryssland``, ``Rysslands``)."""
    return word in _place_forms()


@cached(maxsize=1)
def _place_forms() -> frozenset[str]:
    return frozenset(form for name, label in gazetteer().items() if label == "LOC" and " " not in name
                     for form in with_genitives(name))


@cached(maxsize=1)
def surnames_in_lexicon() -> frozenset[str]:
    """Swedish surnames (``surnames_sv.tsv``): a place name that is one too (``Berg``, ``Lund``)."""
    return frozenset(r[0] for r in rows("surnames_sv.tsv", 1))


def _first_names() -> frozenset[str]:
    return words(FIRST_NAMES)


def _overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test: does ``[start, end)`` overlap any of the sorted, disjoint ``spans``?"""
    starts = [s for s, _ in spans]

    def overlaps(start: int, end: int) -> bool:
        k = bisect_right(starts, start) - 1
        return k >= 0 and spans[k][1] > start or k + 1 < len(spans) and spans[k + 1][0] < end

    return overlaps
