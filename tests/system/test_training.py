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
