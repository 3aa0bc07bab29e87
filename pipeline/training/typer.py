"""``train-typer``: learn the entity typer's weights from annotated news.

Examples come from models that had not seen the article: each fold model of
``cross-validate`` (``WORKDIR/foldK``) runs, with the typer switched off, on the articles
of its own fold, as the shipped pipeline meets new news. Every entity it finds is one
example (PER, ORG and LOC entities: the typer leaves MISC alone): the features of
:func:`pipeline.components.entity_typer.cluster_features` and
the gold type of the gold entity whose name or alias is the entity's name or one of its
mentions (the scorer's normalisation), or ``O`` when there is none. A multinomial
logistic regression (scikit-learn, a build-time dependency) learns one weight per feature
and class; the weights ship as JSON (``entity_typer/weights.json``) and are scored with
numpy at run time.

The regularisation is chosen by cross-validation over the same folds (an article's
examples stay in its fold), on the entity F1 of the scorer
(:func:`pipeline.scoring.score_tables`) before and after the typer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..components.entity_typer import NOT_TYPED, TYPED, EntityTyper, article_features
from ..scoring import norm

SEED = 42
C_GRID = (0.1, 0.3, 1.0, 3.0)


@dataclass
class EntityExample:
    article_id: str
    name: str
    label: str  # the pipeline's label (PER, ORG, LOC)
    gold: str  # PER, ORG, LOC or O
    features: dict[str, float]


def entity_examples(nlp, gold_dir: Path, ids: set[str] | None = None) -> list[EntityExample]:  # type: ignore[no-untyped-def]
    """One example per entity the pipeline (typer off) finds in the gold articles."""
    from .news_gold import read_gold_articles

    out: list[EntityExample] = []
    disabled = ["entity_typer"] if "entity_typer" in nlp.pipe_names else []
    articles = read_gold_articles(gold_dir, ids)
    with nlp.select_pipes(disable=disabled):
        for article, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=8)):
            gold = json.loads((Path(gold_dir) / f"{article.id}.json").read_text(encoding="utf-8"))
            types: dict[str, str] = {}
            for e in gold.get("entities", []):
                for form in [e["name"], *e.get("aliases", [])]:
                    types.setdefault(norm(form), e["type"])
            for cluster, features in article_features(doc):
                forms = [cluster.name, *(m.text for m in cluster.mentions)]
                gold_type = next((types[norm(f)] for f in forms if norm(f) in types), NOT_TYPED)
                out.append(EntityExample(article.id, cluster.name, cluster.label, gold_type, features))
    return out


def fit(examples: list[EntityExample], c: float = 0.3) -> dict[str, Any]:
    """Multinomial logistic regression -> {"classes", "weights", "bias"}."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([e.features for e in examples])
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(x, [e.gold for e in examples])
    classes = [str(k) for k in model.classes_]
    coef = model.coef_ if len(classes) > 2 else [-model.coef_[0], model.coef_[0]]
    bias = model.intercept_ if len(classes) > 2 else [-model.intercept_[0], model.intercept_[0]]
    weights = {name: [round(float(coef[k][j]), 6) for k in range(len(classes))]
               for j, name in enumerate(vec.get_feature_names_out())}
    return {"classes": classes, "weights": weights, "bias": [round(float(b), 6) for b in bias]}


def decide(examples: list[EntityExample], data: dict[str, Any] | None) -> list[str]:
    """Each example's label after the typer (``data``) or, without it, the pipeline's own
    (``O``: the typer takes the entity out)."""
    if data is None:
        return [e.label for e in examples]
    typer = EntityTyper()
    typer.set_weights(data)
    return typer.predict([e.features for e in examples])


def entity_scores(examples: list[EntityExample], labels: list[str], gold_dir: Path) -> dict[str, float]:
    """The scorer's entity figures for these entities with these labels."""
    import pandas as pd

    from ..scoring import score_tables

    ids = {e.article_id for e in examples}
    table = pd.DataFrame([{"article_id": e.article_id, "name": e.name, "label": label}
                          for e, label in zip(examples, labels) if label in TYPED],
                         columns=["article_id", "name", "label"])
    no_quotes = pd.DataFrame(columns=["article_id", "text", "kind", "speaker_name"])
    res, _ = score_tables(gold_dir, table, no_quotes, only=ids)
    return {k: round(v, 4) for k, v in res.items() if k.startswith("entity_")}


def cross_validate(examples: list[EntityExample], assign: dict[str, int], c: float, gold_dir: Path) -> dict[str, float]:
    """Entity F1 with the typer fitted on the other folds, every fold in turn."""
    labels: dict[int, str] = {}
    for k in sorted(set(assign.values())):
        train = [e for e in examples if assign[e.article_id] != k]
        test = [i for i, e in enumerate(examples) if assign[e.article_id] == k]
        data = fit(train, c)
        for i, label in zip(test, decide([examples[i] for i in test], data)):
            labels[i] = label
    return entity_scores(examples, [labels[i] for i in range(len(examples))], gold_dir)


def fold_examples(folds_dir: Path, gold_dir: Path) -> tuple[list[EntityExample], dict[str, int]]:
    """The examples of every fold model of ``cross-validate`` on its own held-out articles."""
    from .. import load
    from .news_gold import fold_of
    from .news_gold import read_gold_articles

    settings = json.loads((Path(folds_dir) / "crossval.json").read_text(encoding="utf-8"))
    assign = fold_of([a.id for a in read_gold_articles(gold_dir)], settings["folds"])
    examples: list[EntityExample] = []
    for k in range(settings["folds"]):
        ids = {a for a, fold in assign.items() if fold == k}
        examples += entity_examples(load(Path(folds_dir) / f"fold{k}"), gold_dir, ids)
    return examples, assign


def train_typer(model: Path, folds_dir: Path, gold_dir: Path, grid: tuple[float, ...] = C_GRID) -> dict[str, Any]:
    """Choose C by cross-validation over the folds, fit on every example, write the weights
    into the model folder's ``entity_typer`` and return them with the figures."""
    import spacy

    examples, assign = fold_examples(folds_dir, gold_dir)
    if not examples:
        raise ValueError("the fold models found no entity in the gold articles: nothing to learn from")
    before = entity_scores(examples, decide(examples, None), gold_dir)
    cv = {c: cross_validate(examples, assign, c, gold_dir) for c in grid}
    best = max(cv, key=lambda c: (cv[c]["entity_f1"], -c))
    data = fit(examples, best)
    data["meta"] = {"trained_on": f"{Path(gold_dir).resolve().name} via the fold models of {Path(folds_dir).name}",
                    "entities": len(examples), "articles": len({e.article_id for e in examples}), "C": best,
                    "without_typer": before, "cross_validation": {str(c): v for c, v in cv.items()}}
    nlp = spacy.load(model)
    if "entity_typer" not in nlp.pipe_names:
        raise ValueError(f"{model} has no entity_typer: rebuild it with train-ner --rules-only")
    typer = nlp.get_pipe("entity_typer")
    typer.set_weights(data)
    typer.to_disk(Path(model) / "entity_typer")
    return data
