"""Scoring, in one place: P/R/F, name normalisation, quote matching, NER scores.

Article-level definitions (the project's published ones, and those of
``../shared/eval/score.py``, which reads the same output tables):

* entities: per article, the set of predicted (label, name) over PER/ORG/LOC; one counts
  as correct when the name equals the gold name or one of its aliases (normalised:
  NFKC, lower case, dashes unified, quote marks and edge punctuation dropped), each gold
  entity matched at most once.
* quotes: a prediction matches a gold quote of the same article when the token-set Dice
  overlap of their lower-cased word tokens is >= 0.5; one-to-one, greedy by overlap.
  Gold ``heading``/``fragment`` quotes are ignored. Speaker accuracy: among matched
  quotes with a gold speaker, the share whose ``speaker_name`` equals it (normalised).
  End-to-end: a true positive is a matched quote with the correct speaker.

NER on the test corpora (:func:`ner_scores`): exact span + label, by spaCy's own
``get_ner_prf`` per label and micro-averaged over PER/ORG/LOC.

The dev set is split in two (:func:`is_held_out`, a fixed hash of the article id): rules
are developed on one part and the other is reported beside it, so a change that helps
only the articles looked at shows up as a gap between the two.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example

IGNORED_QUOTE_TYPES = {"heading", "fragment"}
SCORED_LABELS = ("PER", "ORG", "LOC")


def norm(s: object) -> str:
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    s = s.replace("\u2011", "-").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"[\"”“«»'’]", "", s)
    return re.sub(r"\s+", " ", s).strip(" -–—.,:;")


def dice(a: str, b: str) -> float:
    ta, tb = set(re.findall(r"\w+", norm(a))), set(re.findall(r"\w+", norm(b)))
    return 2 * len(ta & tb) / (len(ta) + len(tb)) if ta and tb else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, f1(p, r)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class PRF:
    """Precision, recall, F1 and the number of gold items they were measured on."""

    p: float
    r: float
    f: float
    n_gold: int


@dataclass
class Counts:
    e_tp: int = 0
    e_pred: int = 0
    e_gold: int = 0
    q_tp: int = 0
    q_pred: int = 0
    q_gold: int = 0
    d_gold: int = 0
    d_found: int = 0
    d_pred: int = 0
    d_pred_ok: int = 0
    i_gold: int = 0
    i_found: int = 0
    spk_n: int = 0
    spk_ok: int = 0
    e2e_tp: int = 0
    per_label: dict[str, list[int]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)


def score_entities(gold: dict, predicted: list[tuple[str, str]], c: Counts, aid: str) -> None:
    gold_forms = {
        (e["type"], norm(e["name"])): {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
        for e in gold["entities"]
    }
    pred = {(lab, norm(name)) for lab, name in predicted if lab in SCORED_LABELS}
    hit: set[tuple[str, str]] = set()
    for lab, name in sorted(pred):
        match = [k for k, forms in gold_forms.items() if k[0] == lab and name in forms and k not in hit]
        pl = c.per_label.setdefault(lab, [0, 0, 0])
        pl[1] += 1
        if match:
            hit.add(match[0])
            c.e_tp += 1
            pl[0] += 1
        else:
            c.errors.append({"article_id": aid, "kind": "extra entity", "label": lab, "text": name})
    for k in gold_forms:
        c.per_label.setdefault(k[0], [0, 0, 0])[2] += 1
        if k not in hit:
            c.errors.append({"article_id": aid, "kind": "missing entity", "label": k[0], "text": k[1]})
    c.e_pred += len(pred)
    c.e_gold += len(gold_forms)


def match_quotes(predicted: list[str], gold: list[str]) -> dict[int, int]:
    """Predicted quote index -> gold quote index: greedy by word overlap (Dice >= 0.5),
    best pairs first, each quote used once (score.py's matching)."""
    pairs = sorted(((dice(p, q), i, j) for i, p in enumerate(predicted) for j, q in enumerate(gold)), reverse=True)
    used_g: set[int] = set()
    match: dict[int, int] = {}
    for sc, i, j in pairs:
        if sc < 0.5:
            break
        if i not in match and j not in used_g:
            used_g.add(j)
            match[i] = j
    return match


def score_quotes(gold: dict, preds: list[dict[str, Any]], c: Counts, aid: str) -> None:
    gq = gold["quotes"]
    match = match_quotes([p["text"] for p in preds], [q["text"] for q in gq])
    used_g = set(match.values())
    scored_preds = [i for i in range(len(preds)) if not (i in match and gq[match[i]]["type"] in IGNORED_QUOTE_TYPES)]
    scored_gold = [j for j, q in enumerate(gq) if q["type"] not in IGNORED_QUOTE_TYPES]
    c.q_pred += len(scored_preds)
    c.q_gold += len(scored_gold)
    for i in scored_preds:
        if preds[i]["kind"] == "direct":
            c.d_pred += 1
            c.d_pred_ok += i in match
        if i not in match:
            c.errors.append({"article_id": aid, "kind": "extra quote", "label": preds[i]["kind"], "text": preds[i]["text"]})
    for j in scored_gold:
        if gq[j]["type"] == "direct":
            c.d_gold += 1
        else:
            c.i_gold += 1
        if j not in used_g:
            c.errors.append({"article_id": aid, "kind": "missed quote", "label": gq[j]["type"], "text": gq[j]["text"],
                             "gold_speaker": gq[j].get("speaker")})
    for i, j in match.items():
        q = gq[j]
        if q["type"] in IGNORED_QUOTE_TYPES:
            continue
        c.q_tp += 1
        if q["type"] == "direct":
            c.d_found += 1
        else:
            c.i_found += 1
        ok = True
        if q.get("speaker"):
            c.spk_n += 1
            ok = norm(preds[i].get("speaker_name") or "") == norm(q["speaker"])
            c.spk_ok += ok
            if not ok:
                c.errors.append({"article_id": aid, "kind": "wrong speaker", "label": q["type"], "text": q["text"],
                                 "gold_speaker": q["speaker"], "speaker": preds[i].get("speaker_name")})
        c.e2e_tp += ok


def is_held_out(article_id: str) -> bool:
    """The held-out quarter of a gold folder: a fixed hash of the id, not a choice."""
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 4 == 0


def score_tables(gold_dir: Path, entities: Any, quotes: Any, part: str = "all",
                 only: set[str] | None = None) -> tuple[dict[str, float], Counts]:
    """Score pandas tables (as written by ``run``) against ``gold_dir``'s JSON files.

    ``part``: ``all`` articles, the ``develop`` part or the ``held-out`` part; ``only``:
    these article ids alone.
    """
    c = Counts()
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "entities" not in gold:
            continue
        aid = path.stem
        if part != "all" and is_held_out(aid) != (part == "held-out") or only is not None and aid not in only:
            continue
        pe = entities[entities["article_id"].astype(str) == aid]
        pq = quotes[quotes["article_id"].astype(str) == aid]
        score_entities(gold, list(zip(pe["label"].astype(str), pe["name"].astype(str))), c, aid)
        preds = [{"text": r.text, "kind": str(r.kind), "speaker_name": r.speaker_name} for r in pq.itertuples()]
        score_quotes(gold, preds, c, aid)
    res: dict[str, float] = {}
    res["entity_p"], res["entity_r"], res["entity_f1"] = prf(c.e_tp, c.e_pred, c.e_gold)
    for lab, (tp, n_pred, n_gold) in sorted(c.per_label.items()):
        res[f"entity_f1_{lab}"] = prf(tp, n_pred, n_gold)[2]
    res["quote_p"], res["quote_r"], res["quote_f1"] = prf(c.q_tp, c.q_pred, c.q_gold)
    dp = c.d_pred_ok / c.d_pred if c.d_pred else 0.0
    dr = c.d_found / c.d_gold if c.d_gold else 0.0
    res["direct_p"], res["direct_r"], res["direct_f1"] = dp, dr, f1(dp, dr)
    res["indirect_r"] = c.i_found / c.i_gold if c.i_gold else 0.0
    res["speaker_acc"] = c.spk_ok / c.spk_n if c.spk_n else 0.0
    res["e2e_p"], res["e2e_r"], res["e2e_f1"] = prf(c.e2e_tp, c.q_pred, c.q_gold)
    return res, c


# -- NER on token-level gold corpora --------------------------------------------------


def ner_scores(pairs: Iterable[tuple[Doc, Doc]], labels: Sequence[str] = SCORED_LABELS) -> dict[str, PRF]:
    """Exact span + label scores of (predicted, gold) Docs on the same tokens: one entry
    per label, and ``overall``, micro-averaged over ``labels``."""
    pairs = list(pairs)
    all_labels = sorted({e.label_ for pred, gold in pairs for doc in (pred, gold) for e in doc.ents})
    scores = {label: _ner_prf(pairs, {label}) for label in all_labels}
    scores["overall"] = _ner_prf(pairs, set(labels))
    return scores


def _ner_prf(pairs: list[tuple[Doc, Doc]], keep: set[str]) -> PRF:
    examples = [Example(_only(pred, keep), _only(gold, keep)) for pred, gold in pairs]
    res = get_ner_prf(examples)
    n_gold = sum(1 for _, gold in pairs for e in gold.ents if e.label_ in keep)
    return PRF(res["ents_p"] or 0.0, res["ents_r"] or 0.0, res["ents_f"] or 0.0, n_gold)


def _only(doc: Doc, keep: set[str]) -> Doc:
    out = doc.copy()
    out.set_ents([e for e in doc.ents if e.label_ in keep], default="outside")
    return out
