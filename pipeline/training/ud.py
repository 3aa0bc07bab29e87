"""Swedish UD treebanks (``../shared/data/ud``) for the tagger and parser, and synthetic
news attributions.

* ``talbanken/sv_talbanken-ud1-train.conll``: the training split of an older release (UD v1
  labels, no lemmas), mapped to UD v2 conventions by :func:`to_v2` (the mapping is the
  one the data README gives);
* ``talbanken/sv_talbanken-ud-{dev,test}.conllu``: the current release (v2);
* ``pud/sv_pud-ud-test.conllu``: news and Wikipedia, test only.

Talbanken is 1970s professional prose with almost no ``– …, säger X.`` sentences, so
:func:`synthetic_attributions` builds them: treebank sentences as the quoted or reported
content, inside the attribution frames Swedish news uses, in every word order the quote
stage relies on (subject first, V2 inversion after an adverbial, the attribution after
the quote, ``enligt X``), with names from the first-name and surname lists and role
nouns from ``roles.txt``. The frames' own trees are written by hand here, following the
UD v2 guidelines (the reporting verb is ``parataxis`` of a quote it follows; an
``att``-clause is its ``ccomp``).

All corpora are CC BY-SA 4.0; a model trained on them is released under CC BY-SA 4.0.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .corpora import shared_data_dir

V1_RELATIONS = {
    "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "auxpass": "aux:pass", "dobj": "obj", "mwe": "fixed",
    "name": "flat:name", "neg": "advmod", "nmod:agent": "obl:agent",
}
NEGATIONS = {"inte", "ej", "icke"}
# v2 tags possessives PRON (v1: DET) and keeps AUX for these verbs only (v1: any aux/cop)
POSSESSIVES = {"min", "mitt", "mina", "din", "ditt", "dina", "sin", "sitt", "sina", "vår", "vårt", "våra", "er",
               "ert", "era", "hans", "hennes", "dess", "deras"}
AUXILIARIES = {"är", "vara", "var", "varit", "vore", "blir", "bli", "blev", "blivit", "har", "ha", "hade", "haft",
               "kan", "kunna", "kunde", "kunnat", "ska", "skall", "skulle", "måste", "bör", "borde", "vill", "ville",
               "velat", "får", "få", "fick", "fått", "kommer", "komma", "kom", "kommit", "må", "lär", "torde"}


@dataclass
class Sentence:
    words: list[str]
    pos: list[str]
    heads: list[int]  # 0-based index of the head; the root points at itself
    deps: list[str]
    spaces: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.spaces:
            self.spaces = [True] * len(self.words)


def shared_ud_dir() -> Path:
    """``../shared/data/ud`` beside the repository."""
    return shared_data_dir("ud")


def read_conll(path: Path) -> list[Sentence]:
    """CoNLL-U (v1 or v2): multiword ranges and empty nodes skipped, heads 0-based."""
    out: list[Sentence] = []
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if rows:
                words = [r[1] for r in rows]
                heads = [int(r[6]) - 1 if r[6] != "0" else i for i, r in enumerate(rows)]
                spaces = ["SpaceAfter=No" not in r[9] for r in rows]
                out.append(Sentence(words, [r[3] for r in rows], heads, [r[7] for r in rows], spaces))
                rows = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        rows.append(cols)
    return out


def to_v2(s: Sentence) -> Sentence:
    """UD v1 Talbanken labels -> v2: relations, CONJ, AUX (only the v2 auxiliaries),
    negation particles, possessive pronouns, verb particles, subordinating ``som``/``när``."""
    pos, deps = list(s.pos), []
    for i, (word, dep) in enumerate(zip(s.words, s.deps)):
        dep = V1_RELATIONS.get(dep, dep)
        head_pos = s.pos[s.heads[i]]
        if dep == "nmod" and head_pos in ("VERB", "ADJ", "ADV", "AUX"):
            dep = "obl"
        deps.append(dep)
        w = word.lower()
        if pos[i] == "CONJ":
            pos[i] = "SCONJ" if w in ("än", "som") else "CCONJ"
        elif pos[i] == "DT":
            pos[i] = "DET"
        if dep in ("aux", "aux:pass", "cop"):
            pos[i] = "AUX" if w in AUXILIARIES else "VERB"
        if w in NEGATIONS and dep == "advmod":
            pos[i] = "PART"
        if w in POSSESSIVES and pos[i] == "DET":
            pos[i] = "PRON"
        if w == "samma" and pos[i] == "DET":
            pos[i] = "ADJ"
        if dep == "compound:prt" and pos[i] == "ADP":
            pos[i] = "ADV"  # verb particles: "slår fast", "gick ut"
        if w == "när" and pos[i] == "ADV" and s.deps[s.heads[i]] in ("advcl", "acl", "acl:relcl"):
            pos[i] = "SCONJ"
    return replace(s, pos=pos, deps=deps)


@dataclass(frozen=True)
class Splits:
    train: list[Sentence]
    dev: list[Sentence]
    test: list[Sentence]
    pud: list[Sentence]


def load_splits(data_dir: Path | None = None) -> Splits:
    d = Path(data_dir or shared_ud_dir())
    if not d.is_dir():
        raise FileNotFoundError(f"UD treebanks not found: {d} (give --data DIR: a folder with the UD Swedish Talbanken and PUD treebanks)")
    return Splits(
        train=[to_v2(s) for s in read_conll(d / "talbanken" / "sv_talbanken-ud1-train.conll")],
        dev=read_conll(d / "talbanken" / "sv_talbanken-ud-dev.conllu"),
        test=read_conll(d / "talbanken" / "sv_talbanken-ud-test.conllu"),
        pud=read_conll(d / "pud" / "sv_pud-ud-test.conllu"),
    )


# -- synthetic attribution sentences ---------------------------------------------------

ADVERBIALS = ["Sedan", "Nu", "Då", "Vidare", "Dessutom", "Samtidigt", "Därför", "Också", "I dag", "I går",
              "Efteråt", "Senare", "Tidigare", "I förmiddags", "Under tisdagen", "I ett pressmeddelande"]
PRONOUNS = ["han", "hon", "de"]
PENDING = -99  # a head not written yet (the verb comes after its subject)
ORG_SUBJECTS = ["polisen", "kommunen", "bolaget", "regionen", "tingsrätten", "klubben", "myndigheten",
                "räddningstjänsten", "facket", "regeringen", "advokaten", "tränaren", "åklagaren"]
ADDRESSEES = ["TT", "SVT", "Expressen", "Aftonbladet", "tidningen", "Ekot", "DN"]


@dataclass
class _Builder:
    """Words with their (head, dep, pos); heads refer to builder positions."""

    words: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)

    def add(self, word: str, pos: str, head: int | None, dep: str, space: bool = True) -> int:
        self.words.append(word)
        self.pos.append(pos)
        self.heads.append(-1 if head is None else head)
        self.deps.append(dep)
        self.spaces.append(space)
        return len(self.words) - 1

    def no_space_before(self) -> None:
        if self.spaces:
            self.spaces[-1] = False

    def name(self, parts: list[str], head: int | None, dep: str) -> int:
        """A person's name: the first part heads, the rest are flat:name."""
        first = self.add(parts[0], "PROPN", head, dep)
        for p in parts[1:]:
            self.add(p, "PROPN", first, "flat:name")
        return first

    def phrase(self, words: list[str], pos: list[str], head: int | None, dep: str) -> int:
        """A short phrase whose last word heads (``I dag``, ``I förmiddags``)."""
        last = len(self.words) + len(words) - 1
        for w, p in zip(words[:-1], pos[:-1]):
            self.add(w, p, last, "case" if p == "ADP" else "det")
        return self.add(words[-1], pos[-1], head, dep)

    def clause(self, s: Sentence, head: int | None, dep: str, lower_first: bool = False) -> int:
        """A treebank sentence embedded as a clause; returns its root's position."""
        base = len(self.words)
        end = len(s.words)
        while end > 1 and s.pos[end - 1] == "PUNCT" and s.heads[end - 1] == _root(s):
            end -= 1  # its final punctuation belongs to the whole sentence now
        root = _root(s)
        for i in range(end):
            w = s.words[i]
            if i == 0 and lower_first and s.pos[0] not in ("PROPN",) and not w.isupper():
                w = w[:1].lower() + w[1:]
            if i == root:
                self.add(w, s.pos[i], head, dep, s.spaces[i])
            else:
                h = s.heads[i]
                self.add(w, s.pos[i], base + h if h < end else base + root, s.deps[i], s.spaces[i])
        return base + root

    def sentence(self) -> Sentence:
        heads = [i if h < 0 else h for i, h in enumerate(self.heads)]
        return Sentence(self.words, self.pos, heads, self.deps, self.spaces)


def _root(s: Sentence) -> int:
    return next(i for i, h in enumerate(s.heads) if h == i)


def _usable(s: Sentence) -> bool:
    """A content sentence: a finite clause of 4–25 words without quote marks of its own."""
    return 4 <= len(s.words) <= 25 and s.pos[_root(s)] in ("VERB", "AUX") and s.words[0] not in ("–", "-", "”")\
        and not any(w in ('"', "”", "“", "»", "«") for w in s.words)


def synthetic_attributions(content: list[Sentence], first_names: list[str], surnames: list[str], roles: list[str],
                           say_verbs: list[str], n: int, seed: int = 0) -> Iterator[Sentence]:
    """``n`` attribution sentences over the word orders news uses (see the module doc)."""
    rng = random.Random(seed)
    pool = [s for s in content if _usable(s)]

    def person() -> list[str]:
        return [rng.choice(first_names), rng.choice(surnames)]

    def speaker(b: _Builder, head: int, dep: str) -> int:
        """A speaker phrase: name, role + name, name + apposition role, pronoun, or a definite noun."""
        kind = rng.random()
        if kind < 0.45:
            return b.name(person(), head, dep)
        if kind < 0.6:  # "statsvetaren Anna Ek": the role heads, the name is its apposition
            role = b.add(rng.choice(roles), "NOUN", head, dep)
            b.name(person(), role, "appos")
            return role
        if kind < 0.75:
            return b.add(rng.choice(PRONOUNS), "PRON", head, dep)
        if kind < 0.87:  # "Anna Eks ombud Per Hed": the owner is nmod:poss of the subject
            b_owner_pos = len(b.words)
            owner = person()
            owner[-1] += "s"
            head_noun = b_owner_pos + len(owner)
            b.name(owner, head_noun, "nmod:poss")
            role = rng.choice(roles)
            return b.add(role + ("n" if role[-1] in "aeiouyåäö" else "en"), "NOUN", head, dep)
        return b.add(rng.choice(ORG_SUBJECTS), "NOUN", head, dep)

    def with_role_after(b: _Builder, subj: int) -> None:
        """``…, säger Anna Ek, statsvetare.``: the role is an apposition of the name."""
        if rng.random() < 0.4 and b.pos[subj] == "PROPN":
            b.no_space_before()
            comma = b.add(",", "PUNCT", None, "punct")
            b.heads[comma] = b.add(rng.choice(roles), "NOUN", subj, "appos")

    def subject_then_verb(b: _Builder, verb: str) -> int:
        """The speaker, then the verb it is the subject of (the root); returns the verb."""
        start = len(b.words)
        speaker(b, PENDING, "nsubj")
        v = b.add(verb, "VERB", None, "root")
        b.heads[start:v] = [v if h == PENDING else h for h in b.heads[start:v]]
        return v

    frames = ["dash_after", "att_subject_first", "att_inverted", "enligt_after", "det_saeger", "colon"]
    for _ in range(n):
        s = rng.choice(pool)
        verb = rng.choice(say_verbs)
        frame = rng.choice(frames)
        b = _Builder()
        if frame == "dash_after":  # – Vi är oroliga, säger Anna Ek, statsvetare.
            b.add("–", "PUNCT", None, "punct")
            root = b.clause(s, None, "root")
            b.heads[0] = root
            b.spaces[-1] = False
            b.add(",", "PUNCT", None, "punct")
            v = b.add(verb, "VERB", root, "parataxis")
            b.heads[-2] = v
            subj = speaker(b, v, "nsubj")
            with_role_after(b, subj)
            b.spaces[-1] = False
            b.add(".", "PUNCT", root, "punct")
        elif frame in ("att_subject_first", "att_inverted"):
            if frame == "att_subject_first":  # Anna Ek säger att …
                v = subject_then_verb(b, verb)
            else:  # Sedan säger hon att … / I dag säger Anna Ek att …
                adv = rng.choice(ADVERBIALS).split()
                first = len(b.words)
                if len(adv) == 1:
                    b.add(adv[0], "ADV", PENDING, "advmod")
                else:
                    b.phrase(adv, ["ADP"] + ["NOUN"] * (len(adv) - 1), PENDING, "obl")
                v = b.add(verb, "VERB", None, "root")
                b.heads[first:v] = [v if h == PENDING else h for h in b.heads[first:v]]
                speaker(b, v, "nsubj")
            if rng.random() < 0.25:  # "… säger till TT att"
                adp = b.add("till", "ADP", None, "case")
                obl = b.add(rng.choice(ADDRESSEES), "PROPN", v, "obl")
                b.heads[adp] = obl
            att = b.add("att", "SCONJ", None, "mark")
            c = b.clause(s, v, "ccomp", lower_first=True)
            b.heads[att] = c
            b.spaces[-1] = False
            b.add(".", "PUNCT", v, "punct")
        elif frame == "enligt_after":  # Vägen är avstängd, enligt Trafikverket.
            root = b.clause(s, None, "root")
            b.spaces[-1] = False
            comma = b.add(",", "PUNCT", None, "punct")
            enligt = b.add("enligt", "ADP", None, "case")
            src = speaker(b, root, "obl")
            b.heads[comma] = src
            b.heads[enligt] = src
            b.spaces[-1] = False
            b.add(".", "PUNCT", root, "punct")
        elif frame == "det_saeger":  # Det säger Anna Ek, …
            det = b.add("Det", "PRON", None, "obj")
            v = b.add(verb, "VERB", None, "root")
            b.heads[det] = v
            subj = speaker(b, v, "nsubj")
            with_role_after(b, subj)
            b.spaces[-1] = False
            b.add(".", "PUNCT", v, "punct")
        else:  # Anna Ek säger:
            v = subject_then_verb(b, verb)
            b.spaces[-1] = False
            b.add(":", "PUNCT", v, "punct")
        sent = b.sentence()
        if sent.words[0][:1].islower():
            sent.words[0] = sent.words[0][:1].upper() + sent.words[0][1:]
        if is_tree(sent):
            yield sent


def is_tree(s: Sentence) -> bool:
    """One root, every head inside the sentence, no cycles."""
    n = len(s.words)
    if sum(1 for i, h in enumerate(s.heads) if h == i) != 1 or not all(0 <= h < n for h in s.heads):
        return False
    for i in range(n):
        seen, j = set(), i
        while s.heads[j] != j:
            if j in seen:
                return False
            seen.add(j)
            j = s.heads[j]
    return True
