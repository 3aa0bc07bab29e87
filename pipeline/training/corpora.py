"""Read the two Swedish NER corpora in ``../shared/data/ner/`` into spaCy ``Doc`` objects.

The corpora are not part of this repository (licences, size); the training command
reads them from the shared data folder.

* ``swedish-ner-corpus`` (Klintberg, news 2012, CC BY 4.0): one ``token<sep>tag`` per
  line, where the separator is a TAB in most lines and a space in others (the files mix
  both). Tags are IO-style (``0``, ``PER``, ``ORG``, ``LOC``, ``MISC``): adjacent tokens
  with the same tag form one entity. Some tokens carry a soft hyphen (U+00AD) and some
  letters were damaged into ``?`` when the corpus was made.
* ``uner-talbanken`` (Universal NER v1, CC BY-SA 4.0): CoNLL with ``# text`` comments and
  IOB2 tags, labels PER/ORG/LOC only.

Consecutive sentences are grouped into multi-sentence documents so the model sees
context across sentence boundaries, as it will in running news text.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

SOFT_HYPHEN = "\u00ad"
NO_SPACE_BEFORE = set(".,:;!?)]}%»”'")
NO_SPACE_AFTER = set("([{«")

# A leading "?" before a capital letter or digit is a damaged quotation mark or dash
# (e.g. "?Det", "?000"); a "?" inside a word is a damaged letter ("?ven" for "även").
DAMAGED_LEADING = re.compile(r"^\?(?=[A-ZÅÄÖ0-9])")
DAMAGED_INSIDE = re.compile(r"\w\?|\?\w")


@dataclass(frozen=True)
class Sentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]  # IOB2: "O", "B-PER", "I-PER", ...
    doc_id: str
    damaged: bool = False


def shared_dir(*parts: str) -> Path:
    """``../shared/PARTS…`` beside the repository (the project's convention)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent.joinpath("shared", *parts)
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent.joinpath("shared", *parts)


def shared_data_dir(name: str) -> Path:
    """``../shared/data/NAME``: the training corpora."""
    return shared_dir("data", name)


def shared_ner_dir() -> Path:
    return shared_data_dir("ner")


def _io_to_iob(tags: list[str]) -> list[str]:
    out: list[str] = []
    prev = "O"
    for tag in tags:
        tag = "O" if tag in ("0", "O") else tag
        if tag == "O":
            out.append("O")
        else:
            out.append(("I-" if prev == tag else "B-") + tag)
        prev = tag
    return out


def read_news_corpus(path: Path, doc_prefix: str = "news") -> list[Sentence]:
    """Parse the Klintberg news corpus, cleaning separators and soft hyphens."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    damaged = False

    def flush() -> None:
        nonlocal words, tags, damaged
        if words:
            # No document boundaries in this corpus: each run of sentences is one
            # document id so that grouping keeps the original order.
            sentences.append(Sentence(tuple(words), tuple(_io_to_iob(tags)), doc_prefix, damaged))
        words, tags, damaged = [], [], False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        parts = re.split(r"[\t ]+", line)
        if len(parts) < 2:
            continue  # a lone token without a tag: one such line in the train file
        word, tag = " ".join(parts[:-1]), parts[-1]
        if tag not in ("0", "O", "PER", "ORG", "LOC", "MISC"):
            continue
        word = word.replace(SOFT_HYPHEN, "")
        word = DAMAGED_LEADING.sub("", word)
        if not word:
            continue
        if DAMAGED_INSIDE.search(word):
            damaged = True
        words.append(word)
        tags.append(tag)
    flush()
    return sentences


def read_uner(path: Path) -> list[Sentence]:
    """Parse a UNER CoNLL file (IOB2 tags in the third column)."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    doc_id = path.stem
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.rstrip("\n")
        if line.startswith("# newdoc id"):
            doc_id = line.split("=", 1)[1].strip()
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sentences.append(Sentence(tuple(words), tuple(tags), doc_id))
            words, tags = [], []
            continue
        cols = line.split("\t")
        if len(cols) < 3 or not cols[0].isdigit():
            continue
        tag = cols[2]
        if tag.endswith("-OTH"):
            tag = "O"
        words.append(cols[1])
        tags.append(tag)
    return sentences


def group(sentences: list[Sentence], per_doc: int) -> list[list[Sentence]]:
    """Consecutive sentences of the same source document, at most ``per_doc`` at a time."""
    groups: list[list[Sentence]] = []
    for sent in sentences:
        if groups and groups[-1][-1].doc_id == sent.doc_id and len(groups[-1]) < per_doc:
            groups[-1].append(sent)
        else:
            groups.append([sent])
    return groups


def to_doc(vocab: Vocab, sents: list[Sentence]) -> Doc:
    words: list[str] = []
    tags: list[str] = []
    starts: list[bool] = []
    for sent in sents:
        for i, (w, t) in enumerate(zip(sent.words, sent.tags)):
            words.append(w)
            tags.append(t)
            starts.append(i == 0)
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        spaces.append(bool(nxt) and nxt[0] not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER)
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    ents: list[Span] = []
    start = None
    label = None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and not tag.startswith("I-"):
            ents.append(Span(doc, start, i, label=label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    doc.ents = ents
    return doc


def docs_from(sentences: list[Sentence], vocab: Vocab, per_doc: int) -> Iterator[Doc]:
    for sents in group(sentences, per_doc):
        yield to_doc(vocab, sents)


@dataclass(frozen=True)
class Splits:
    train: list[Sentence]
    dev: list[Sentence]
    news_test: list[Sentence]
    uner_test: list[Sentence]
    pud_test: list[Sentence] = field(default_factory=list)


def load_splits(data_dir: Path, dev_fraction: float = 0.1, seed: int = 0, pud_in_train: bool = False) -> Splits:
    """Train = news train (minus a held-out slice) + UNER train (+ UNER PUD with
    ``pud_in_train``; otherwise PUD is a third test set); dev = slice + UNER dev.

    The held-out slice is a contiguous block of the news train file chosen with the seed,
    so neighbouring (often related) sentences do not leak between train and dev.
    """
    news = read_news_corpus(data_dir / "swedish-ner-corpus" / "train_corpus.txt")
    n_dev = int(len(news) * dev_fraction)
    start = random.Random(seed).randrange(0, len(news) - n_dev)
    news_dev = news[start : start + n_dev]
    news_train = [s for s in news[:start] + news[start + n_dev :] if not s.damaged]
    uner = data_dir / "uner-talbanken"
    pud_file = data_dir / "uner-pud" / "sv_pud-ud-test.iob2"
    pud = read_uner(pud_file) if pud_file.exists() else []
    return Splits(
        train=news_train + read_uner(uner / "sv_talbanken-ud-train.iob2") + (pud if pud_in_train else []),
        dev=news_dev + read_uner(uner / "sv_talbanken-ud-dev.iob2"),
        news_test=read_news_corpus(data_dir / "swedish-ner-corpus" / "test_corpus.txt", "news-test"),
        uner_test=read_uner(uner / "sv_talbanken-ud-test.iob2"),
        pud_test=[] if pud_in_train else pud,
    )


def common_lowercase_words(sentences: list[Sentence], min_count: int = 1) -> list[str]:
    """Words written in lower case outside entities at least ``min_count`` times and
    never part of an entity: ordinary Swedish words ("fackförbundet", "längs").

    A capitalised sentence-initial token that is one of these is not a name, whatever
    the model says; the list ships with the model (``common_words.txt``).
    """
    from collections import Counter

    lower: Counter[str] = Counter()
    in_entity: set[str] = set()
    for sent in sentences:
        for word, tag in zip(sent.words, sent.tags):
            if tag != "O":
                in_entity.add(word.lower())
            elif word.isalpha() and word.islower():
                lower[word] += 1
    return sorted(w for w, n in lower.items() if n >= min_count and w not in in_entity)


JOINT = ("tagger", "parser")  # train-ner --joint: the syntax heads that share the NER's tok2vec


def pipeline_names(model: Path | str) -> list[str]:
    """The components a model folder's config lists (the folder is not loaded)."""
    return list(spacy.util.load_config(Path(model) / "config.cfg")["nlp"]["pipeline"])


def is_joint(names: list[str]) -> bool:
    """Do these components make a joint model (``train-ner --joint``)?"""
    return all(n in names for n in ("ner", *JOINT))


def train_best(config: Path, workdir: Path, overrides: dict[str, object], max_steps: int | None = None) -> tuple[Path, float]:
    """spaCy's training loop on ``config`` into ``workdir/out``: (the best model, minutes).

    ``max_steps`` overrides the config's (and evaluates at least every 200 steps);
    without a ``model-best`` (no evaluation ran) the last model is returned.
    """
    from spacy.cli.train import train as spacy_train

    settings = dict(overrides)
    if max_steps is not None:
        settings["training.max_steps"] = max_steps
        settings["training.eval_frequency"] = max(1, min(200, max_steps))
    started = time.time()
    spacy_train(config, workdir / "out", overrides=settings)
    best = workdir / "out" / "model-best"
    return (best if best.exists() else workdir / "out" / "model-last"), (time.time() - started) / 60

