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
