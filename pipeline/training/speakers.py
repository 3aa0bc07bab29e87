"""``train-speakers``: learn the speaker ranker's weights from annotated news.

For every article of a gold folder (``ID.txt`` + ``ID.json``) the pipeline runs with the
ranker switched off; each quote it finds is matched to a gold quote (the scorer's
matching, :func:`pipeline.scoring.match_quotes`), and each of its candidates
(:func:`pipeline.components.speaker_ranker.candidates`) is labelled 1 when its name is the
gold speaker (the scorer's normalisation), else 0. Quotes whose gold speaker is null, or is
no candidate (the entity was never recognised under that name), teach nothing and are left
out. A logistic regression (scikit-learn, a build-time dependency) learns one weight per
feature; the weights ship as JSON (``speaker_ranker/weights.json``) and are scored with
numpy at run time.

:func:`cross_validate` measures it: 5 folds grouped by article, speaker accuracy of the
rules and of the ranker on the same matched quotes (every quote with a gold speaker
counts, reachable or not, as in the scorer).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..components.speaker_ranker import candidates, quote_contexts
from ..scoring import match_quotes, norm

SEED = 42


@dataclass
class QuoteExample:
    article_id: str
    features: list[dict[str, float]]
    labels: list[int]
    rules_ok: bool  # the rules' own answer is the gold speaker
    names: tuple[str | None, ...] = ()  # the candidates' names (for error listings)
    text: str = ""  # the quote


def quote_examples(nlp, gold_dir: Path, ids: set[str] | None = None) -> list[QuoteExample]:  # type: ignore[no-untyped-def]
    """One example per quote of the pipeline matched to a gold quote with a gold speaker."""
    from .news_gold import read_gold_articles

    out: list[QuoteExample] = []
    disabled = ["speaker_ranker"] if "speaker_ranker" in nlp.pipe_names else []
    articles = read_gold_articles(gold_dir, ids)
    with nlp.select_pipes(disable=disabled):
        docs = nlp.pipe([a.text for a in articles], batch_size=8)
        for article, doc in zip(articles, docs):
            gold = json.loads((Path(gold_dir) / f"{article.id}.json").read_text(encoding="utf-8"))
            gq = gold.get("quotes", [])
            spans = list(doc.spans.get("quotes", []))
            match = match_quotes([s.text for s in spans], [q["text"] for q in gq])
            for i, ctx in enumerate(quote_contexts(doc)):
                if i not in match or not gq[match[i]].get("speaker") or gq[match[i]]["type"] in ("heading", "fragment"):
                    continue
                want = norm(gq[match[i]]["speaker"])
                cands = candidates(doc, ctx)
                out.append(QuoteExample(article.id, [c.features for c in cands],
                                        [int(c.name is not None and norm(c.name) == want) for c in cands],
                                        norm(ctx.rule_name or "") == want, tuple(c.name for c in cands),
                                        doc.text[ctx.start:ctx.end]))
    return out


def fit(examples: list[QuoteExample], c: float = 1.0) -> dict[str, Any]:
    """Logistic regression over (quote, candidate) pairs -> {"weights", "bias"}."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [f for e in examples if any(e.labels) for f in e.features]
    ys = [y for e in examples if any(e.labels) for y in e.labels]
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(x, ys)
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if w != 0.0}
    return {"weights": weights, "bias": round(float(model.intercept_[0]), 6)}


def accuracy(examples: list[QuoteExample], data: dict[str, Any] | None) -> float:
    """Share of quotes whose best candidate (or, without ``data``, the rules' answer) is right."""
    if not examples:
        return 0.0
    if data is None:
        return sum(e.rules_ok for e in examples) / len(examples)
    from ..components.speaker_ranker import Candidate, SpeakerRanker

    ranker = SpeakerRanker()
    ranker.set_weights(data)
    ok = 0
    for e in examples:
        probs = ranker.scores([Candidate("entity", None, None, f) for f in e.features])
        ok += e.labels[int(probs.argmax())] == 1
    return ok / len(examples)


def cross_validate(examples: list[QuoteExample], folds: int = 5, c: float = 1.0,
                   assign: dict[str, int] | None = None) -> dict[str, float]:
    """Rules vs ranker speaker accuracy, ``folds``-fold grouped by article: ``assign`` maps
    each article to its fold (default: :func:`news_gold.fold_of` of the examples' articles)."""
    from .news_gold import fold_of

    assign = assign or fold_of([e.article_id for e in examples], folds)
    ok_rules = ok_model = 0
    for k in range(folds):
        train = [e for e in examples if assign[e.article_id] != k]
        test = [e for e in examples if assign[e.article_id] == k]
        data = fit(train, c)
        ok_model += round(accuracy(test, data) * len(test))
        ok_rules += sum(e.rules_ok for e in test)
    n = len(examples)
    ceiling = sum(any(e.labels) for e in examples) / n if n else 0.0
    return {"quotes": n, "rules": ok_rules / n, "ranker": ok_model / n, "ceiling": ceiling}


C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)


def load_examples(path: Path) -> list[QuoteExample]:
    """The examples ``cross-validate`` wrote (``examples.jsonl``)."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [QuoteExample(r["article_id"], r["features"], r["labels"], r["rules_ok"], tuple(r["names"]), r["text"])
            for r in rows]


def train_speakers(model: Path, gold_dir: Path | None = None, grid: tuple[float, ...] = C_GRID, folds: int = 5,
                   examples: Path | None = None) -> dict[str, Any]:
    """Choose the regularisation by ``folds``-fold cross-validation, fit on every example
    with it, write the weights into the model folder's ``speaker_ranker`` and return them
    with the cross-validation figures.

    The examples come from running ``model`` on ``gold_dir``, or from ``examples`` (written
    by ``cross-validate``: features from NER models that had not seen the article, as the
    ranker will meet them on new news)."""
    import spacy

    nlp = spacy.load(model)
    if examples is not None:
        found, source = load_examples(examples), f"{Path(examples).name} (cross-validated NER)"
    elif gold_dir is not None:
        found, source = quote_examples(nlp, gold_dir), str(Path(gold_dir).resolve().name)
    else:
        raise ValueError("train_speakers needs gold_dir or examples")
    if not found:
        raise ValueError("no quote matched a gold quote with a speaker: nothing to learn from")
    cv = {c: cross_validate(found, folds, c) for c in grid} if folds > 1 else {grid[0]: {}}
    best = max(cv, key=lambda c: (cv[c].get("ranker", 0.0), -c))
    data = fit(found, best)
    data["meta"] = {"trained_on": source, "quotes": len(found), "articles": len({e.article_id for e in found}),
                    "C": best, "cross_validation": {str(c): v for c, v in cv.items()}}
    if "speaker_ranker" not in nlp.pipe_names:
        nlp.add_pipe("speaker_ranker", after="quotes")
    ranker = nlp.get_pipe("speaker_ranker")
    ranker.set_weights(data)
    ranker.to_disk(Path(model) / "speaker_ranker")
    return data
