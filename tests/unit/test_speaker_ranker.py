"""The speaker ranker's candidates and features, on hand-built Docs (sentences written for
these tests); its weights here are set by hand, so the tests check the mechanism, not the
trained model."""

from __future__ import annotations

import pytest

from pipeline.components.speaker_ranker import SpeakerRanker, candidates, quote_contexts


def _cands(doc, k=0):
    ctx = quote_contexts(doc)[k]
    return {c.name: c for c in candidates(doc, ctx)}, ctx


def test_candidates_are_the_people_and_organisations_the_rules_answer_and_none(annotate):
    doc = annotate("[Anna Ek](PER) leder [Volvo](ORG) i [Göteborg](LOC).\n\n– Vi växer, säger en granne.\n")
    cands, ctx = _cands(doc)
    assert ctx.rule_name == "en granne" and ctx.rule_entity_id is None
    assert set(cands) == {"Anna Ek", "Volvo", "en granne", None}  # no place: places do not speak
    assert cands["en granne"].kind == "phrase" and cands[None].kind == "none"


def test_the_rules_answer_is_a_feature_of_its_entity(annotate):
    doc = annotate("– Det blir dyrt, säger [Karin Lind](PER), ekonom på [Swedbank](ORG).\n")
    cands, _ = _cands(doc)
    assert {"rules", "rules:explicit", "rules:direct", "rules:label:PER", "same_sentence",
            "after_in_paragraph:30"} <= set(cands["Karin Lind"].features)
    assert "rules" not in cands["Swedbank"].features
    assert "phrase" not in {c.kind for c in cands.values()}  # the rules' answer is an entity


def test_a_name_inside_the_quote_is_marked_as_such(annotate):
    doc = annotate("[Eva Berg](PER) är rektor.\n\n– Jag tror att [Olle Ek](PER) var trött, säger hon.\n")
    cands, _ = _cands(doc)
    assert "in_quote" in cands["Olle Ek"].features and "in_quote" not in cands["Eva Berg"].features
    assert cands["Eva Berg"].features.get("paragraphs_back:1") == 1.0
    assert "quote_says_jag:PER" in cands["Eva Berg"].features
    assert "last_person_named:quote_says_jag" in cands["Eva Berg"].features  # named last before a "Jag …" quote


@pytest.mark.parametrize(("pronoun", "person", "agreement"), [
    ("hon", "Anna Ek", "pronoun:agrees"),
    ("han", "Anna Ek", "pronoun:disagrees"),
    ("hon", "Quinne Ek", "pronoun:unknown"),  # a first name outside the lists: no estimate
])
def test_gender_agreement_with_a_pronoun_attribution(annotate, pronoun, person, agreement):
    doc = annotate(f"[{person}](PER) bor i byn.\n\n– Det är lugnt här, säger {pronoun}.\n")
    cands, _ = _cands(doc)
    assert agreement in cands[person].features


@pytest.mark.parametrize(("phrase", "expected", "absent"), [
    ("som", {"phrase:function_word", "phrase:words:1"}, {"phrase:capitalised"}),  # a parse gone wrong
    ("24-åringen", {"phrase:definite_noun"}, {"phrase:function_word"}),  # an epithet of a person
    ("en granne", {"phrase:words:2"}, {"phrase:definite_noun", "phrase:capitalised"}),  # an unnamed source
    ("Polisen", {"phrase:capitalised"}, {"phrase:function_word"}),
])
def test_the_rules_phrase_is_described(phrase, expected, absent):
    from pipeline.components.speaker_ranker import QuoteContext, phrase_features

    ctx = QuoteContext(0, 10, 0, 0, 20, "indirect", "explicit", phrase, None, phrase, None)  # the rest: defaults
    f = set(phrase_features(ctx))
    assert {"phrase", "phrase:explicit", "phrase:indirect"} | expected <= f and not absent & f


def test_the_previous_quote_speaker_is_marked(annotate):
    doc = annotate("– Vi är nöjda, säger [Per Holm](PER).\n\n[Lena Berg](PER) håller inte med.\n\n– Det räcker inte.\n")
    cands, ctx = _cands(doc, 1)
    assert ctx.previous_speaker_id == "PER:per-holm"
    assert "previous_speaker" in cands["Per Holm"].features and "previous_speaker" not in cands["Lena Berg"].features


def _ranker(weights, bias=0.0):
    ranker = SpeakerRanker()
    ranker.set_weights({"weights": weights, "bias": bias})
    return ranker


def test_without_weights_the_rules_answer_stands(annotate):
    doc = annotate("– Det blir dyrt, säger [Karin Lind](PER).\n")
    SpeakerRanker()(doc)
    (q,) = doc.spans["quotes"]
    assert q._.speaker_name == "Karin Lind" and q._.speaker_score is None


def test_weights_that_trust_the_previous_speaker_change_a_continuation(annotate):
    doc = annotate("– Vi är nöjda, säger [Per Holm](PER).\n\n[Lena Berg](PER) håller inte med.\n\n– Det räcker inte.\n")
    assert doc.spans["quotes"][1]._.speaker_name == "Lena Berg"  # the rules: a new person takes over
    _ranker({"previous_speaker": 5.0, "rules": 1.0, "none": -5.0})(doc)
    second = doc.spans["quotes"][1]
    assert second._.speaker_name == "Per Holm" and second._.speaker_entity_id == "PER:per-holm"
    assert 0.5 < second._.speaker_score <= 1.0
    assert doc.spans["quotes"][0]._.speaker_name == "Per Holm"  # the first quote keeps its speaker


def test_a_speaker_where_the_rules_had_none_is_attributed_to_the_model(annotate):
    doc = annotate("[Lena Berg](PER) är ordförande i föreningen.\n\n”Vi kommer att överklaga beslutet om skolan.”\n")
    (q,) = doc.spans["quotes"]
    if q._.speaker_name is not None:
        pytest.skip("the rules found a speaker here")
    _ranker({"recency:0": 4.0, "none": -1.0}, bias=-1.0)(doc)
    assert q._.speaker_name == "Lena Berg" and q._.attribution == "model"


def test_weights_are_saved_as_json_with_the_component(tmp_path):
    ranker = _ranker({"rules": 2.5, "none": -1.0}, bias=-3.0)
    ranker.to_disk(tmp_path)
    assert (tmp_path / "weights.json").read_text().startswith("{")
    again = SpeakerRanker().from_disk(tmp_path)
    assert again.weights == {"rules": 2.5, "none": -1.0} and again.bias == -3.0


def test_the_parsed_subject_of_the_cue_verb_is_marked(annotate):
    from pipeline.components.attribution_parser import Syntax

    doc = annotate("I dag bekräftar [Lena Berg](PER) på [Skolverket](ORG) att skolan stänger.\n")
    (q,) = doc.spans["quotes"]
    verb = next(t.i for t in doc if t.text == "bekräftar")
    subject = next(t.i for t in doc if t.text == "Lena")
    syntax = Syntax()
    for t in doc:  # a parse by hand: "Lena" the verb's subject, the rest hangs on the verb
        syntax.add(t.i, t.i if t.i == verb else verb, "nsubj" if t.i == subject else "dep")
    doc._.syntax = syntax
    cands, ctx = _cands(doc)
    assert ctx.subject == (doc[subject].idx, doc[subject].idx + len("Lena"))
    assert "parse_subject" in cands["Lena Berg"].features and "parse_subject" not in cands["Skolverket"].features


def test_whom_it_is_said_to_is_marked(annotate):
    doc = annotate("[Karin Lind](PER) har ringt.\n\n– Det blir dyrt, säger hon till [Dagens Nyheter](ORG).\n")
    cands, _ = _cands(doc)
    assert "addressee" in cands["Dagens Nyheter"].features
    assert "addressee" not in cands["Karin Lind"].features

