"""``train-parser`` and ``evaluate-parser``: the Swedish tagger + dependency parser that the
quote stage reads attributions with.

Training data (see :mod:`pipeline.training.ud`): UD Talbanken's v1 training split mapped to
v2 labels, plus 2,000 synthetic news attributions built from its sentences; model
selection on Talbanken v2 dev. Static floret vectors trained on the Riksdag text
(:mod:`pipeline.training.vectors`) feed the tok2vec. Scores: POS accuracy, UAS and LAS (spaCy's ``Scorer``) on Talbanken v2
test and on PUD (news and Wikipedia). The trained pipeline (``tok2vec``, ``tagger``,
``parser``) is written to ``output`` and, by :func:`pipeline.training.ner.finish_model`,
into the shipped model folder as the ``attribution_parser`` component's sub-pipeline.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.vocab import Vocab

from ..lexicon import mapping, rows, words
from .corpora import pipeline_names, train_best
from .ud import Sentence, load_splits, synthetic_attributions

CONFIG = Path(__file__).with_name("parser.cfg")
N_SYNTHETIC = 2000
SENTENCES_PER_DOC = 1


def to_doc(vocab: Vocab, s: Sentence) -> Doc:
    """A gold Doc; the universal POS is also the tag (the tagger predicts UPOS as ``tag_``:
    the v1 training split has no language-specific tags worth learning)."""
    return Doc(vocab, words=s.words, spaces=s.spaces, pos=s.pos, tags=s.pos, heads=s.heads, deps=s.deps)


def _write(sentences: list[Sentence], path: Path) -> int:
    vocab = spacy.blank("sv").vocab
    db = DocBin(attrs=["ORTH", "POS", "TAG", "HEAD", "DEP", "SENT_START"], store_user_data=False)
    for s in sentences:
        db.add(to_doc(vocab, s))
    db.to_disk(path)
    return len(sentences)


def training_sentences(data_dir: Path | None = None, n_synthetic: int = N_SYNTHETIC, seed: int = 42) -> tuple[list[Sentence], list[Sentence], int]:
    """(train, dev, number of synthetic sentences in train)."""
    splits = load_splits(data_dir)
    first = [r[0] for r in rows("first_names_sv.tsv")]
    surnames = [r[0] for r in rows("surnames_sv.tsv")]
    roles = sorted(w for w in words("roles.txt", lower=True) if w.isalpha() and len(w) > 3)
    say = sorted(v for v, kind in mapping("speech_verbs.txt").items() if kind in ("say", "think"))
    synthetic = list(synthetic_attributions(splits.train, first, surnames, roles, say, n_synthetic, seed=seed))
    return splits.train + synthetic, splits.dev, len(synthetic)


def syntax_corpora(train_path: Path, dev_path: Path, data_dir: Path | None = None, limit: int | None = None) -> tuple[int, int]:
    """The parser's training and dev sentences (as ``train_parser`` reads them) written to
    two DocBin files, for a joint model's corpus folders: (train, dev) sentences."""
    train, dev, _ = training_sentences(data_dir)
    if limit:
        train, dev = train[:limit], dev[: max(limit // 4, 10)]
    return _write(train, train_path), _write(dev, dev_path)


def train_parser(output: Path, data_dir: Path | None = None, max_steps: int | None = None, limit: int | None = None,
                 config: Path = CONFIG, workdir: Path | None = None, vectors: Path | None = None,
                 n_synthetic: int = N_SYNTHETIC, overrides: dict[str, object] | None = None) -> Path:
    """Train the tagger + parser into ``output`` (a plain spaCy pipeline folder).

    ``vectors``: a spaCy vectors folder (``build-vectors``) for the config's static vectors.
    """

    train, dev, n_syn = training_sentences(data_dir, n_synthetic=n_synthetic)
    if limit:
        train, dev = train[:limit], dev[: max(limit // 4, 10)]
    tmp = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="parser-train-"))
    tmp.mkdir(parents=True, exist_ok=True)
    static = (overrides or {}).get("components.tok2vec.model.embed.include_static_vectors", True)
    if vectors is None and static:
        from .vectors import build_vectors

        vectors = build_vectors(tmp / "vectors")
    _write(train, tmp / "train.spacy")
    _write(dev, tmp / "dev.spacy")
    print(f"train: {len(train)} sentences ({n_syn} synthetic attributions); dev: {len(dev)}")
    settings: dict[str, object] = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy"),
                                   **(overrides or {})}
    if vectors is not None:
        settings["paths.vectors"] = str(vectors)
    best, minutes = train_best(config, tmp, settings, max_steps)
    nlp = spacy.load(best)
    for key in ("train", "dev", "vectors"):
        nlp.config["paths"][key] = None
    nlp.meta.update({
        "name": "news_attribution_parser", "version": "1.0.0", "license": "CC BY-SA 4.0",
        "description": "Swedish tagger (UPOS) + dependency parser (UD v2), for quote attributions",
        "sources": [{"name": "UD_Swedish-Talbanken (Nivre, Nilsson, Hall et al.)", "license": "CC BY-SA 4.0",
                     "url": "https://github.com/UniversalDependencies/UD_Swedish-Talbanken"}],
        "training": {"train_sentences": len(train), "synthetic_sentences": n_syn, "dev_sentences": len(dev),
                     "minutes": round(minutes, 1), "steps_limit": max_steps},
    })
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    if not workdir:
        shutil.rmtree(tmp, ignore_errors=True)
    return output


def score_parser(nlp: Language, sentences: list[Sentence]) -> dict[str, float]:
    """UPOS accuracy (the predicted tag), UAS and LAS (punctuation excluded, as in CoNLL)."""
    gold = [to_doc(nlp.vocab, s) for s in sentences]
    inputs = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold]
    examples = [Example(pred, g) for pred, g in zip(nlp.pipe(inputs, batch_size=64), gold)]
    pos = Scorer.score_token_attr(examples, "tag")
    # labels compared in lower case, as spaCy's parser scorer does (the parser writes ROOT, UD root)
    deps = Scorer.score_deps(examples, "dep", getter=lambda token, attr: token.dep_.lower(), head_attr="head",
                             ignore_labels=("p", "punct"))
    return {"pos": pos["tag_acc"] or 0.0, "uas": deps["dep_uas"] or 0.0, "las": deps["dep_las"] or 0.0,
            "sentences": len(sentences)}


def evaluate_parser(model: Path | str, data_dir: Path | None = None,
                    only: tuple[str, ...] | None = None) -> dict[str, dict[str, float]]:
    """POS, UAS and LAS on UD test sets; ``only``: these components of the folder (a joint
    model's ``tok2vec``, ``tagger`` and ``parser``), the rest not loaded."""
    splits = load_splits(data_dir)
    if only:
        from .. import components  # noqa: F401  (the folder's other factories, for its config)

        nlp = spacy.load(model, exclude=[n for n in pipeline_names(model) if n not in only])
    else:
        nlp = spacy.load(model)
    for name in list(nlp.disabled):  # the shipped copy keeps its tagger disabled
        nlp.enable_pipe(name)
    return {"Talbanken test": score_parser(nlp, splits.test), "PUD test": score_parser(nlp, splits.pud),
            "Talbanken dev": score_parser(nlp, splits.dev)}


def format_parser_scores(results: dict[str, dict[str, float]]) -> str:
    lines = ["| test set | sentences | POS | UAS | LAS |", "|---|---|---|---|---|"]
    for name, s in results.items():
        lines.append(f"| {name} | {int(s['sentences'])} | {s['pos']:.3f} | {s['uas']:.3f} | {s['las']:.3f} |")
    return "\n".join(lines)


def write_results(path: Path, results: dict[str, dict[str, float]]) -> None:
    path.write_text(json.dumps(results, indent=1), encoding="utf-8")
