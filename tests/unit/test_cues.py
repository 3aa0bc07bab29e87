"""Each quote cue rule on its own: the case table tests/cases/cues.tsv, no model."""

from __future__ import annotations

import pytest

from conftest import case_params


def parts(cue) -> dict[str, str]:
    return {name: cue.group(name) for name in cue.groups} if cue is not None else {}


@pytest.mark.parametrize(("rule", "text", "expected"), case_params("cues.tsv", "rule", "text", "expected"))
def test_cue_rule(rules_nlp, rule, text, expected):
    from pipeline.components.quotes.cues import CueIndex

    quotes = rules_nlp.get_pipe("quotes")
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc(text))
    cue = CueIndex(doc, quotes.matcher, quotes.rules).find(rule, 0, len(text))
    if expected == "-":
        assert cue is None, parts(cue)
        return
    want = dict(p.split("=", 1) for p in expected.split(";"))
    assert {k: parts(cue).get(k) for k in want} == want


def test_every_rule_has_a_positive_and_a_negative_case(rules_nlp):
    from conftest import read_cases

    rows = read_cases("cues.tsv")
    rules = {r.label for r in rules_nlp.get_pipe("quotes").rules}
    positive = {r["rule"] for r in rows if r["expected"] != "-"}
    negative = {r["rule"] for r in rows if r["expected"] == "-"}
    assert rules <= positive, rules - positive
    assert rules <= negative, rules - negative
