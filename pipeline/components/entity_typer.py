"""``entity_typer``: a trained model re-decides each entity's type from the whole article.

The NER model types each mention from a few words around it; the rules after it
(:mod:`.ner_repair`, :mod:`.entity_clusters`) fix the conventions they know. This step
looks at an entity once, with every mention together: the labels its mentions got, the
words before and after each mention (``i``/``på`` before a place, ``säger`` after a person,
``mot`` before a team), whether the name lexicon knows it as a person, organisation or
place, whether it opens with a Swedish first name or ends with a surname, whether the
article is a sports report. A multinomial logistic regression
(:mod:`pipeline.training.typer`, learnt from the annotated news by ``train-typer``) then
picks PER, ORG, LOC or ``O`` (no name of the three kinds) for each PER/ORG/LOC entity:

* another of the three: the entity takes that label in every mention (``Växjö`` in
  ``Växjö fick …`` after a hockey final: ORG);
* ``O``: the entity leaves ``doc.ents`` (``Jättebra`` opening a quote, ``Gud``, half a
  name).

MISC entities are left as they are: typing them (``på Melodifestivalen`` -> LOC) helped the
training articles and hurt the dev articles.

The weights ship as JSON (``entity_typer/weights.json``: one weight per feature and class)
and are scored with numpy; without weights the step changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..entities import EntityCluster, entity_id, fold_key
from ..lexicon import cached, rows
from ..linking import link, name_index
from .entity_clusters import MIN_SPORT_WORDS, is_sports_article
from .scoring import score_entities
from .weights import JsonWeights

TYPED = ("PER", "ORG", "LOC")
NOT_TYPED = "O"  # the class of a name that is none of the three


@cached()
def _person_names() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(r[0] for r in rows("first_names_sv.tsv", 3)), frozenset(r[0] for r in rows("surnames_sv.tsv", 1))


def cluster_features(doc: Doc, cluster: EntityCluster, mentions: Sequence[Span], sports: bool) -> dict[str, float]:
    """The features of one entity: its mentions' labels (shares), the words right before
    and after its mentions (shares, lower case), the lexicon's labels for its name, name
    shape (words, a first name first, a surname last), the article's kind and the number
    of mentions."""
    f: dict[str, float] = {f"label={cluster.label}": 1.0}
    n = max(1, len(cluster.mentions))
    for m in cluster.mentions:
        f[f"mention_label={m.label}"] = f.get(f"mention_label={m.label}", 0.0) + 1 / n
    key = fold_key(cluster.name)
    index = name_index()
    for label in TYPED:
        if (label, key) in index:
            f[f"lexicon={label}"] = 1.0
    words = cluster.name.split()
    f[f"words={min(len(words), 3)}"] = 1.0
    first_names, surnames = _person_names()
    if words and words[0] in first_names:
        f["first_name"] = 1.0
    if words and words[-1] in surnames:
        f["surname"] = 1.0
    if sports:
        f["sports"] = 1.0
        f[f"sports&label={cluster.label}"] = 1.0
    k = max(1, len(mentions))
    for span in mentions:
        before = doc[span.start - 1].lower_ if span.start > 0 else "<s>"
        after = doc[span.end].lower_ if span.end < len(doc) else "</s>"
        f[f"before={before}"] = f.get(f"before={before}", 0.0) + 1 / k
        f[f"after={after}"] = f.get(f"after={after}", 0.0) + 1 / k
    f["log_mentions"] = math.log(1 + len(cluster.mentions))
    return f


def article_features(doc: Doc, min_sport_words: int = MIN_SPORT_WORDS) -> list[tuple[EntityCluster, dict[str, float]]]:
    """Every PER/ORG/LOC entity of the Doc (``doc._.entity_clusters``) with its features."""
    sports = is_sports_article(doc, min_sport_words)
    spans: dict[str, list[Span]] = {}
    for e in doc.ents:
        spans.setdefault(e.kb_id_, []).append(e)
    return [(c, cluster_features(doc, c, spans.get(c.entity_id, []), sports))
            for c in doc._.entity_clusters if c.label in TYPED]


@Language.factory(
    "entity_typer",
    assigns=["doc.ents", "doc._.entity_clusters", "token.ent_kb_id", "token.ent_type"],
    requires=["doc.ents", "doc._.entity_clusters"],
    default_config={"min_sport_words": MIN_SPORT_WORDS},
)
def make_entity_typer(nlp: Language, name: str, min_sport_words: int) -> "EntityTyper":
    return EntityTyper(min_sport_words)


class EntityTyper(JsonWeights):
    def __init__(self, min_sport_words: int = MIN_SPORT_WORDS):
        self.min_sport_words = min_sport_words
        self.set_weights({})

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """``ents_p``/``ents_r``/``ents_f``/``ents_per_type`` of the entities after this step."""
        return score_entities(examples, **kwargs)

    # -- weights ------------------------------------------------------------------------
    def set_weights(self, data: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(data.get("classes", ()))
        self.weights: dict[str, list[float]] = {k: [float(x) for x in v] for k, v in data.get("weights", {}).items()}
        self.bias = np.array(data.get("bias", [0.0] * len(self.classes)), dtype=np.float64)
        self.meta = dict(data.get("meta", {}))
        self._index = {name: i for i, name in enumerate(self.weights)}
        self._w = np.array(list(self.weights.values()), dtype=np.float64).reshape(len(self.weights), len(self.classes))

    def weights_data(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "weights": self.weights, "bias": self.bias.tolist(), "meta": self.meta}

    # -- deciding -----------------------------------------------------------------------
    def predict(self, features: Sequence[dict[str, float]]) -> list[str]:
        """The class of each feature dict (the highest linear score)."""
        if not features:
            return []
        x = np.zeros((len(features), len(self._index)), dtype=np.float64)
        for row, f in enumerate(features):
            for k, v in f.items():
                col = self._index.get(k)
                if col is not None:
                    x[row, col] = v
        scores = x @ self._w + self.bias
        return [self.classes[i] for i in scores.argmax(axis=1)]

    def __call__(self, doc: Doc) -> Doc:
        if not self.weights or not doc._.entity_clusters:
            return doc
        pairs = article_features(doc, self.min_sport_words)
        decided = self.predict([f for _, f in pairs])
        return retype(doc, [(c, label) for (c, _), label in zip(pairs, decided)])


def retype(doc: Doc, decisions: list[tuple[EntityCluster, str]]) -> Doc:
    """Apply one class per entity: a new PER/ORG/LOC label in every mention, ``O`` out of
    ``doc.ents``; entities without a decision stay. An entity relabelled to the id of
    another joins it."""
    decided = {c.entity_id: label for c, label in decisions}
    keep: dict[str, EntityCluster] = {}
    new_id: dict[str, str | None] = {}
    for cluster in doc._.entity_clusters:
        label = decided.get(cluster.entity_id, cluster.label)
        if label == cluster.label:
            keep.setdefault(cluster.entity_id, cluster)
            new_id[cluster.entity_id] = cluster.entity_id
        elif label == NOT_TYPED:
            new_id[cluster.entity_id] = None
        else:
            ident = entity_id(label, cluster.name)
            new_id[cluster.entity_id] = ident
            same = keep.get(ident)
            if same is None:
                keep[ident] = replace(cluster, label=label, entity_id=ident,
                                      lexicon_id=link(label, cluster.name, cluster.aliases))
            else:  # "Växjö" LOC retyped ORG beside "Växjö" ORG: one entity
                keep[ident] = replace(same, mentions=tuple(sorted(same.mentions + cluster.mentions, key=lambda m: m.start)))
    label_of = {c.entity_id: c.label for c in keep.values()}
    ents = []
    for e in doc.ents:
        ident = new_id.get(e.kb_id_, e.kb_id_)
        if ident is not None:
            ents.append(Span(doc, e.start, e.end, label=label_of.get(ident, e.label_), kb_id=ident))
    doc.ents = ents
    doc._.entity_clusters = tuple(keep.values())
    return doc
