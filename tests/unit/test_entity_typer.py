"""The entity typer on hand-built Docs: its features and what its decision does to the Doc
(own Swedish sentences; no statistical model, hand-set weights)."""

from __future__ import annotations

import pytest

from pipeline.components.entity_typer import EntityTyper, article_features, retype

TOWN_IS_A_PLACE = "[Moheda](PER) har fått en ny skola. Eleverna i [Moheda](PER) började i går.\n"


def features_of(doc, name: str) -> dict[str, float]:
    return next(f for c, f in article_features(doc) if c.name == name)


def test_features_read_every_mention_and_the_name(annotate):
    doc = annotate("[Anna Lindberg](PER) bor i [Moheda](LOC). Nu säger [Lindberg](PER) att skolan är bra.\n",
                   through=("entity_clusters",))
    anna = features_of(doc, "Anna Lindberg")
    assert anna["label=PER"] == 1.0 and anna["first_name"] == 1.0 and anna["words=2"] == 1.0
    assert anna["before=säger"] == pytest.approx(0.5) and anna["before=<s>"] == pytest.approx(0.5)
    moheda = features_of(doc, "Moheda")
    assert moheda["before=i"] == 1.0 and moheda["after=."] == 1.0 and "first_name" not in moheda


def test_features_know_the_lexicon_and_the_sports_article(annotate):
    doc = annotate("[Växjö](LOC) vann matchen mot [Luleå](ORG) med 3–1 i kväll. Målvakten räddade ett "
                   "straffslag och tränaren var nöjd efter segern i semifinalen.\n", through=("entity_clusters",))
    vaxjo = features_of(doc, "Växjö")
    assert vaxjo["lexicon=LOC"] == 1.0 and "lexicon=PER" not in vaxjo
    assert vaxjo["sports"] == 1.0 and vaxjo["sports&label=ORG"] == 1.0  # a team in a match report


def test_misc_entities_are_not_decided(annotate):
    doc = annotate("Hon vann [Melodifestivalen](MISC) i [Malmö](LOC).\n", through=("entity_clusters",))
    assert [c.name for c, _ in article_features(doc)] == ["Malmö"]


def typer_trusting(feature: str, label: str) -> EntityTyper:
    typer = EntityTyper()
    typer.set_weights({"classes": ["LOC", "O", "ORG", "PER"], "bias": [0.0, 0.0, 0.0, 0.0],
                       "weights": {feature: [5.0 if c == label else 0.0 for c in ["LOC", "O", "ORG", "PER"]],
                                   "label=PER": [0.0, 0.0, 0.0, 1.0], "label=LOC": [1.0, 0.0, 0.0, 0.0]}})
    return typer


def test_without_weights_nothing_changes(annotate):
    doc = annotate(TOWN_IS_A_PLACE, through=("entity_clusters",))
    before = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert [(e.text, e.label_, e.kb_id_) for e in EntityTyper()(doc).ents] == before


def test_a_new_type_reaches_every_mention_and_the_entity(annotate):
    doc = annotate(TOWN_IS_A_PLACE, through=("entity_clusters",))
    doc = typer_trusting("before=i", "LOC")(doc)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [("Moheda", "LOC", "LOC:moheda")] * 2
    (cluster,) = doc._.entity_clusters
    assert (cluster.label, cluster.entity_id, len(cluster.mentions)) == ("LOC", "LOC:moheda", 2)


def test_an_entity_called_no_name_leaves_the_doc(annotate):
    doc = annotate("– [Jättebra](PER) att du kom, säger [Eva Berg](PER).\n", through=("entity_clusters",))
    doc = typer_trusting("before=–", "O")(doc)
    assert [e.text for e in doc.ents] == ["Eva Berg"]
    assert [c.name for c in doc._.entity_clusters] == ["Eva Berg"]


def test_a_retyped_entity_joins_the_entity_of_that_type(rules_nlp):
    """Two entities of one name under two labels (built by hand: the clusterer itself gives
    a name one label per article): retyping one to the other's label makes one entity."""
    from spacy.tokens import Span

    from pipeline.entities import EntityCluster, Mention

    doc = rules_nlp.make_doc("Kalmar tog ledningen. Sedan kvitterade Kalmar igen.")
    doc.ents = [Span(doc, 0, 1, label="ORG", kb_id="ORG:kalmar"), Span(doc, 6, 7, label="LOC", kb_id="LOC:kalmar")]
    club = EntityCluster("ORG:kalmar", "Kalmar", "ORG", (Mention("Kalmar", "ORG", 0, 6),))
    town = EntityCluster("LOC:kalmar", "Kalmar", "LOC", (Mention("Kalmar", "LOC", 39, 45),))
    doc._.entity_clusters = (club, town)
    doc = retype(doc, [(club, "ORG"), (town, "ORG")])
    assert [(e.label_, e.kb_id_) for e in doc.ents] == [("ORG", "ORG:kalmar")] * 2
    (joined,) = doc._.entity_clusters
    assert [m.start for m in joined.mentions] == [0, 39]


def test_weights_are_saved_as_json_with_the_component(tmp_path):
    typer = typer_trusting("before=i", "LOC")
    typer.to_disk(tmp_path / "entity_typer")
    loaded = EntityTyper().from_disk(tmp_path / "entity_typer")
    assert loaded.classes == typer.classes and loaded.weights == typer.weights
    assert loaded.predict([{"before=i": 1.0}, {"label=PER": 1.0}]) == ["LOC", "PER"]
