"""Each quote cue rule on its own: the case table tests/cases/cues.tsv, no model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import case_params


def parts(cue) -> dict[str, str]:
    return {name: cue.group(name) for name in cue.groups} if cue is not None else {}


@pytest.mark.parametrize(("rule", "text", "expected"), case_params("cues.tsv", "rule", "text", "expected"))
def test_cue_rule(rules_nlp, rule, text, expected):
    from pipeline.components.quotes.cues import CueIndex

    quotes = rules_nlp.get_pipe("quotes")
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc(text))
    cue = CueIndex(doc, quotes.matcher).find(rule, 0, len(text))
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


# -- the Matcher runs only around trigger words: it must find what the whole Doc holds ------

FRAGMENTS = [
    "Regeringen lägger fram budgeten i dag.", "– Det här är en bra dag, säger Anna Ek.", "\n\n",
    "”Vi är nöjda”, sa han", ".", " säger hon.", "Det säger Per Ek, ordförande i föreningen.",
    "Enligt polisen var det lugnt.", "Skolan stängs, enligt kommunen.", "Hon säger:", "\n",
    "TT: Hur går det?", "Klubben har enligt Ek inga pengar.", "Han menar att priserna stiger och tillägger att",
    "Hans bedömning är att det håller.", "Nu gick ledningen ut med att fabriken läggs ned.",
    "Rapporten slår i sin slutsats fast att vården brister.", "Vädret blir kallt i helgen.", "  ",
    "– Nej.", "… i dag. säger Eva Berg", "Enligt", "Det säger", "Maria Holm i Halland säger smittskyddsläkaren Anna Ek.",
]


def _all_matches(quotes, doc):
    whole = quotes.matcher.matcher(doc, with_alignments=True)
    return sorted((m, s, e, tuple(a)) for m, s, e, a in whole)


def _window_matches(quotes, doc):
    return sorted((m, s, e, tuple(a)) for m, s, e, a in quotes.matcher(doc))


@pytest.mark.parametrize("text", [
    "– Vi har gjort vårt bästa, säger Anna Ek.\n\n– Nu väntar vi, fortsätter hon.",
    "”Det blir svårt.” säger hon.\nDet säger Per Ek.",
    "Inget sades i dag. Vädret var fint.\n\nEnligt SMHI blir det regn, enligt prognosen.",
    "Hon säger:\n\n– Vi väntar.\n\nTT: Varför?",
    "Han bedömer att\nläget är lugnt. säger Ek",
    # a match that runs into the next sentence: the speaker after a paragraph break, the final stop
    "Hon blev kvar.\n\nEnligt\n\nSMHI blir det regn.", "Så säger\n\nAnna Ek.", "Det blir kallt, säger Anna Ek\n\n. Hon",
])
def test_cue_windows_find_every_match_of_the_whole_doc(rules_nlp, text):
    quotes = rules_nlp.get_pipe("quotes")
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc(text))
    assert _window_matches(quotes, doc) == _all_matches(quotes, doc)
    assert _all_matches(quotes, doc)


def test_cue_windows_leave_out_sentences_without_a_trigger(rules_nlp):
    quotes = rules_nlp.get_pipe("quotes")
    text = "Vädret blir kallt i helgen. Snön väntas i norr. – Vi är redo, säger Anna Ek."
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc(text))
    (a, b), = quotes.matcher.windows(doc)
    assert doc[a:b].text.startswith("redo, säger")  # two words before the verb: ", säger" and "det"
    assert b == len(doc)
    assert quotes.matcher.windows(rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc("Snön väntas i norr."))) == []


def test_cue_rule_reach_is_read_from_its_pattern():
    from pipeline.components.quotes.cues import load_rules

    end_attr = load_rules([{"label": "END_ATTR", "pattern": [
        {"ORTH": ","}, {"IS_SPACE": True, "OP": "*"}, {"ORTH": "det", "OP": "?"},
        {"ORTH": {"IN": ["säger"]}, "GROUP": "verb"}, {"IS_SENT_START": False, "OP": "+"}, {"ORTH": ".", "OP": "?"}]}])[0]
    assert end_attr.reach is not None
    assert (end_attr.reach.forms, end_attr.reach.before, end_attr.reach.after) == (frozenset(["säger"]), 2, 1)
    # a repeated word that may open a sentence after the trigger: no bound, the whole Doc is matched
    loose = load_rules([{"label": "X", "pattern": [{"ORTH": "enligt", "GROUP": "cue"}, {"IS_ALPHA": True, "OP": "+"}]}])[0]
    assert loose.reach is None


@settings(max_examples=150)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14), st.lists(st.sampled_from(["", " "]), min_size=14, max_size=14))
def test_cue_windows_on_any_mix_of_sentences(rules_nlp, parts, joins):
    quotes = rules_nlp.get_pipe("quotes")
    text = "".join(p + j for p, j in zip(parts, joins))
    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc(text))
    assert _window_matches(quotes, doc) == _all_matches(quotes, doc)
