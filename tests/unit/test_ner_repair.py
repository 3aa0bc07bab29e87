"""ner_repair on hand-built Docs (tests/cases/ner_repair.tsv), no statistical model."""

from __future__ import annotations

import pytest

from conftest import case_params


@pytest.mark.parametrize(("text", "expected"), case_params("ner_repair.tsv", "text", "expected"))
def test_ner_repair_convention(annotate, text, expected):
    doc = annotate(text, through=("ner_repair",))
    got = " ;; ".join(f"{e.text}/{e.label_}" for e in doc.ents) or "-"
    assert got == expected


def test_sentence_initial_common_word_is_not_a_name(rules_nlp, annotate):
    repair = rules_nlp.get_pipe("ner_repair")
    before = repair.common_words
    repair.initialize(common_words=["skolorna"])
    try:
        doc = annotate("Det var lugnt. [Skolorna](ORG) öppnar i dag.", through=("ner_repair",))
        assert list(doc.ents) == []
        doc = annotate("[Skolorna](ORG) är en ny restaurang.", through=("ner_repair",))
        assert list(doc.ents) == []
        doc = annotate("Hon bor i [Skolorna](LOC) nu.", through=("ner_repair",))  # not at a sentence start
        assert [e.text for e in doc.ents] == ["Skolorna"]
    finally:
        repair.common_words = before


def test_common_words_travel_with_the_component(tmp_path):
    from pipeline.components.ner_repair import NerRepair

    repair = NerRepair()
    repair.initialize(common_words=["längs", "skolorna"])
    repair.to_disk(tmp_path)
    assert NerRepair().from_disk(tmp_path).common_words == {"längs", "skolorna"}


def test_an_ordinary_word_before_a_name_goes_but_a_first_name_stays(rules_nlp, annotate):
    repair = rules_nlp.get_pipe("ner_repair")
    before = repair.common_words
    repair.initialize(common_words=["nyfödda", "björn"])  # "björn" is also the word for bear
    try:
        doc = annotate("[Nyfödda Mirjam](PER) vårdas på sjukhus.", through=("ner_repair",))
        assert [e.text for e in doc.ents] == ["Mirjam"]
        doc = annotate("[Björn Ulvaeus](PER) skrev låten. Björn Ulvaeus var nöjd.", through=("ner_repair",))
        assert [e.text for e in doc.ents] == ["Björn Ulvaeus", "Björn Ulvaeus"]  # the second found again
    finally:
        repair.common_words = before


def test_steps_are_named_in_the_config_and_each_can_be_turned_off():
    import spacy

    import pipeline.components  # noqa: F401
    from pipeline.components.ner_repair import STEPS

    def ents(steps):
        nlp = spacy.blank("sv")
        nlp.add_pipe("news_layout")
        nlp.add_pipe("ner_repair", config={"steps": steps})
        nlp.initialize()
        doc = nlp.make_doc("Förslaget fick stöd av Anna Ek (S) och Per Berg (M) i går.")
        doc = nlp.get_pipe("news_layout")(doc)
        doc.ents = [doc.char_span(23, 30, label="PER"), doc.char_span(39, 47, label="PER")]
        return [(e.text, e.label_) for e in nlp.get_pipe("ner_repair")(doc).ents]

    assert ("S", "ORG") in ents(STEPS) and ("M", "ORG") in ents(STEPS)
    assert ents([s for s in STEPS if s != "party_abbreviations"]) == [("Anna Ek", "PER"), ("Per Berg", "PER")]
    with pytest.raises(ValueError, match="unknown steps"):
        ents(["trim", "guess_everything"])


def test_a_split_token_keeps_its_token_vector_row_in_every_part(rules_nlp):
    """A joint model's parser reads ``doc.tensor`` after the repairs: a route split in three
    (``Stockholm-Göteborg``) gives each part the row of the token it came from."""
    import numpy as np

    text = "Tågen mellan Stockholm-Göteborg ställs in."
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc(text))
    doc.ents = [doc.char_span(text.index("Stockholm"), text.index(" ställs"), label="LOC")]
    rows = np.arange(len(doc), dtype="float32")[:, None] * np.ones((1, 4), dtype="float32")
    doc.tensor = rows
    doc = rules_nlp.get_pipe("ner_repair")(doc)
    assert [t.text for t in doc] == ["Tågen", "mellan", "Stockholm", "-", "Göteborg", "ställs", "in", "."]
    assert doc.tensor.shape == (len(doc), 4)
    assert doc.tensor[:, 0].tolist() == [0, 1, 2, 2, 2, 3, 4, 5]


def test_a_doc_without_token_vectors_splits_as_before(rules_nlp, annotate):
    doc = annotate("Tågen mellan [Stockholm-Göteborg](LOC) ställs in.", through=("ner_repair",))
    assert doc.tensor.size == 0 and len(doc) == 8
