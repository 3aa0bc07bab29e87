"""train-ner works end to end (a few steps on a tiny slice; never a full model in tests)."""

from __future__ import annotations

import pytest
import spacy

from conftest import needs_shared
from pipeline.components import PIPELINE
from pipeline.training.corpora import load_splits, read_news_corpus

pytestmark = pytest.mark.slow


def test_news_corpus_cleaning():
    data = needs_shared("data", "ner")
    sents = read_news_corpus(data / "swedish-ner-corpus" / "train_corpus.txt")
    words = [w for s in sents for w in s.words]
    assert not any("\u00ad" in w for w in words)  # soft hyphens removed
    assert not any("\t" in w or " " in w for w in words)  # mixed separators parsed
    tags = {t for s in sents for t in s.tags}
    assert tags <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}
    splits = load_splits(data)
    assert len(splits.train) > 9000 and len(splits.dev) > 1000


def test_train_ner_smoke(tmp_path):
    data = needs_shared("data", "ner")
    from pipeline.training.ner import train_ner

    out = train_ner(output=tmp_path / "model", data_dir=data, max_steps=3, limit=60, workdir=tmp_path / "work")
    nlp = spacy.load(out)
    assert nlp.pipe_names == list(PIPELINE)  # the folder is the whole pipeline
    assert set(nlp.get_pipe("ner").labels) <= {"PER", "ORG", "LOC", "MISC"}
    assert [(e.text, e.label_) for e in nlp("Hon flög till Nordkorea.").ents] == [("Nordkorea", "LOC")]


def test_train_ner_with_annotated_news_smoke(tmp_path):
    """The annotated news are projected and trained on too (a few steps, two articles)."""
    data = needs_shared("data", "ner")
    news = needs_shared("eval", "train")
    from pipeline.training.ner import train_ner

    from pipeline import MODEL_DIR

    out = train_ner(output=tmp_path / "model", data_dir=data, max_steps=2, limit=200, workdir=tmp_path / "work",
                    news=news, news_weight=2, parser=MODEL_DIR / "attribution_parser" / "nlp", vectors="parser")
    nlp = spacy.load(out)
    training = nlp.meta["training"]
    assert training["news_articles"] == 2 and training["news_weight"] == 2 and training["news_documents"] >= 2
    assert training["static_vectors"] and nlp.vocab.vectors.shape[1] == 96  # the parser's floret vectors


def test_train_ner_joint_smoke(tmp_path):
    """--joint: NER, tagger and parser on one tok2vec; the folder has no second parser, the
    attribution parser parses with the model's own (disabled) parser from the NER's vectors."""
    data = needs_shared("data", "ner")
    needs_shared("data", "ud")
    from pipeline.training.ner import train_ner

    out = train_ner(output=tmp_path / "model", data_dir=data, max_steps=3, limit=60, workdir=tmp_path / "work",
                    vectors="parser", joint=True, evaluate=False)
    assert (tmp_path / "work" / "train" / "ud.spacy").exists() and (tmp_path / "work" / "train" / "ner.spacy").exists()
    assert not (out / "attribution_parser" / "nlp").exists()
    nlp = spacy.load(out)
    assert nlp.pipe_names == list(PIPELINE) and set(nlp.disabled) == {"tagger", "parser"}
    attribution = nlp.get_pipe("attribution_parser")
    assert attribution.nlp is None and attribution.shared is nlp.get_pipe("parser")
    assert nlp.get_pipe("parser").labels  # trained on UD relations
    doc = nlp("Nu säger chefen Anna Berg att bolaget går bra.")
    # the reported sentence up to its "att" was parsed (every one of its tokens has a head), not beyond
    assert all(doc._.syntax.parsed(i) for i in range(6)) and not doc._.syntax.parsed(6)
    assert nlp.meta["training"]["joint"] and nlp.vocab.vectors.shape[1] == 96
    from pipeline.training.ner import _parser_scores

    scores = _parser_scores(out)  # the model card's parser table: the joint model's own tagger and parser
    assert scores is not None and set(scores) == {"Talbanken test", "PUD test", "Talbanken dev"}
    assert all(0.0 <= s["las"] <= s["uas"] <= 1.0 for s in scores.values())


def _annotated_news(folder, n):
    """The first ``n`` annotated train articles (text and gold), copied at test time, never kept."""
    import shutil

    train = needs_shared("eval", "train")
    folder.mkdir()
    for text in sorted(train.glob("*.txt"))[:n]:
        shutil.copy(text, folder)
        shutil.copy(text.with_suffix(".json"), folder)
    return folder


def test_train_speakers_smoke(tmp_path):
    """train-speakers learns weights from a few annotated articles and ships them as JSON."""
    import json
    import shutil

    from pipeline import MODEL_DIR
    from pipeline.training.speakers import train_speakers

    gold = _annotated_news(tmp_path / "gold", 12)
    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    data = train_speakers(model, gold, grid=(1.0,), folds=2)
    assert data["weights"] and data["meta"]["articles"] <= 12 and data["meta"]["quotes"] > 10
    cv = data["meta"]["cross_validation"]["1.0"]
    assert 0.0 <= cv["rules"] <= 1.0 and 0.0 <= cv["ranker"] <= cv["ceiling"] <= 1.0
    saved = json.loads((model / "speaker_ranker" / "weights.json").read_text())
    assert saved["weights"] == data["weights"]
    assert spacy.load(model).get_pipe("speaker_ranker").weights == data["weights"]


def test_train_typer_smoke(tmp_path):
    """train-typer learns from the entities fold models find in articles they hold out, and
    ships the weights as JSON (the shipped model stands in for both fold models)."""
    import json
    import shutil

    from pipeline import MODEL_DIR
    from pipeline.training.typer import train_typer

    gold = _annotated_news(tmp_path / "gold", 10)
    folds = tmp_path / "crossval"
    for k in range(2):
        shutil.copytree(MODEL_DIR, folds / f"fold{k}")
    (folds / "crossval.json").write_text(json.dumps({"folds": 2}))
    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    data = train_typer(model, folds, gold, grid=(0.3,))
    meta = data["meta"]
    assert set(data["classes"]) <= {"PER", "ORG", "LOC", "O"} and len(data["classes"]) >= 3
    assert meta["articles"] <= 10 and meta["entities"] > 30 and 0.0 <= meta["cross_validation"]["0.3"]["entity_f1"] <= 1.0
    saved = json.loads((model / "entity_typer" / "weights.json").read_text())
    assert saved["weights"] == data["weights"]
    assert spacy.load(model).get_pipe("entity_typer").weights == data["weights"]


def test_train_parser_smoke(tmp_path):
    """train-parser end to end on a slice (static vectors off: building them takes a minute)."""
    needs_shared("data", "ud")
    from pipeline.training.parser import score_parser, train_parser
    from pipeline.training.ud import load_splits

    out = train_parser(tmp_path / "parser", max_steps=3, limit=80, workdir=tmp_path / "work", n_synthetic=40,
                       overrides={"components.tok2vec.model.embed.include_static_vectors": False})
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser"]
    scores = score_parser(nlp, load_splits().dev[:20])
    assert 0.0 <= scores["las"] <= scores["uas"] <= 1.0


def test_synthetic_attributions_are_trees_in_every_frame():
    needs_shared("data", "ud")
    from pipeline.training.parser import training_sentences
    from pipeline.training.ud import is_tree

    train, _, n_synthetic = training_sentences(n_synthetic=200)
    synthetic = train[-n_synthetic:]
    assert n_synthetic >= 190 and all(is_tree(s) for s in synthetic)
    texts = [" ".join(s.words) for s in synthetic]
    assert any(t.startswith("–") for t in texts) and any(", enligt " in t for t in texts)
    assert any(t.endswith(":") for t in texts) and any(t.startswith("Det ") for t in texts)
    # verb-second order: an adverbial, the verb, then the subject
    assert any(s.deps[0] in ("advmod", "obl") and "nsubj" in s.deps[2:4] for s in synthetic)


def test_pretrain_then_train_ner_smoke(tmp_path):
    """pretrain-ner writes weights that train-ner --init-tok2vec loads (same tok2vec shape)."""
    data = needs_shared("data", "ner")
    text = needs_shared("data", "text")
    from pipeline.training.ner import train_ner
    from pipeline.training.pretrain import pretrain_tok2vec

    from pipeline import MODEL_DIR

    parser = MODEL_DIR / "attribution_parser" / "nlp"
    weights = pretrain_tok2vec(tmp_path / "pretrain", text, epochs=1, max_words=2000, vectors=parser)
    assert weights.name == "model-last.bin" and weights.stat().st_size > 100_000
    assert (weights.parent / "model0.bin").exists()  # one file per epoch
    # the shipped configuration (static vectors): the weights have its shape
    out = train_ner(output=tmp_path / "model", data_dir=data, max_steps=2, limit=40, workdir=tmp_path / "work",
                    init_tok2vec=weights, parser=parser, vectors="parser")
    training = spacy.load(out).meta["training"]
    assert training["pretrained_tok2vec"] is True and training["static_vectors"] is True
    # spaCy loads the weights only when the config has a [pretraining] section: the
    # training config train-ner wrote, initialised as spaCy does, starts from them exactly
    from spacy.training.initialize import init_nlp
    from spacy.util import load_config

    used = tmp_path / "work" / "config-pretrained.cfg"
    config = load_config(used, interpolate=False, overrides={
        "paths.init_tok2vec": str(weights), "paths.vectors": str(parser),
        "components.tok2vec.model.embed.include_static_vectors": True,
        "paths.train": str(tmp_path / "work" / "train.spacy"), "paths.dev": str(tmp_path / "work" / "dev.spacy")})
    assert init_nlp(config).get_pipe("tok2vec").model.to_bytes() == weights.read_bytes()


def test_build_vectors_smoke(tmp_path):
    """floret vectors from a small text: the build command's settings are ones floret takes."""
    import lzma

    pytest.importorskip("floret")
    from pipeline.training.vectors import TEXT, build_vectors

    sentences = ["Regeringen vill satsa mer pengar på skolan i hela landet.",
                 "Kommunen bygger en ny simhall vid stranden nästa år.",
                 "Polisen utreder en brand i ett flerfamiljshus i natt."]
    with lzma.open(tmp_path / TEXT, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(sentences * 40) + "\n")
    out = build_vectors(tmp_path / "vectors", tmp_path, tmp_path / "work")
    import spacy

    nlp = spacy.load(out)  # a blank pipeline holding the vectors, as `spacy init vectors` writes it
    assert nlp.vocab.vectors.shape == (20000, 96) and nlp.vocab.vectors.mode == "floret"
    wider = build_vectors(tmp_path / "vectors-50k", tmp_path, tmp_path / "work", rows=50000, dim=32)
    assert spacy.load(wider).vocab.vectors.shape == (50000, 32)
