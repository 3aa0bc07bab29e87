"""Look at one processed article: a terminal summary and a displaCy view.

Both read the output tables only (``articles``, ``entities``, ``mentions``, ``quotes``),
so they show exactly what an analysis would load, without re-running the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

# displaCy colours per label; quotes are grey so entities inside them stay visible.
COLORS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#feca74", "MISC": "#e4e7d2"}
QUOTE_COLOR = "#dddddd"


@dataclass(frozen=True)
class ArticleTables:
    article: pd.Series
    entities: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame


def read_table(out: Path, name: str) -> pd.DataFrame:
    parquet, csv = out / f"{name}.parquet", out / f"{name}.csv"
    if parquet.exists():
        return pd.read_parquet(parquet)
    if csv.exists():
        return pd.read_csv(csv)
    raise FileNotFoundError(f"no {name}.parquet or {name}.csv in {out} (run `python -m pipeline run` first)")


def load_article(out: Path, article_id: str) -> ArticleTables:
    """The rows of one article; KeyError (with the known ids) when it is not there."""
    articles = read_table(out, "articles")
    match = articles[articles["article_id"].astype(str) == article_id]
    if match.empty:
        known = ", ".join(articles["article_id"].astype(str).head(10))
        raise KeyError(f"no article {article_id!r} in {out}/articles (some ids: {known})")

    def rows(name: str) -> pd.DataFrame:
        df = read_table(out, name)
        return df[df["article_id"].astype(str) == article_id].reset_index(drop=True)

    return ArticleTables(match.iloc[0], rows("entities"), rows("mentions"), rows("quotes"))


def format_article(t: ArticleTables) -> str:
    """Plain-text summary: title, entities with counts, quotes with speaker/role/cue."""
    a = t.article
    title = a["title"] if isinstance(a["title"], str) and a["title"] else "—"  # missing is NaN in pandas
    lines = [f"{a['article_id']}  ({a['source']})", f"Title: {title}"]
    if a["status"] != "ok":
        lines.append(f"ERROR: {a['error']}")
        return "\n".join(lines)
    lines.append(f"{a['n_paragraphs']} paragraphs, {a['n_sentences']} sentences, {a['n_tokens']} tokens")
    lines.append("")
    lines.append(f"Entities ({len(t.entities)}):")
    ents = t.entities.sort_values(["n_mentions", "first_char"], ascending=[False, True])
    for e in ents.itertuples():
        aliases = list(e.aliases) if e.aliases is not None and not isinstance(e.aliases, str) else []
        alias = f"  (also: {', '.join(aliases)})" if aliases else ""
        quoted = f", {e.n_quotes} quotes" if e.n_quotes else ""
        lines.append(f"  {e.label:<4} {e.name}  ×{e.n_mentions}{quoted}{alias}")
    lines.append("")
    lines.append(f"Quotes ({len(t.quotes)}):")
    for q in t.quotes.itertuples():
        who = q.speaker_name if isinstance(q.speaker_name, str) else "(unknown)"
        role = f", {q.speaker_role}" if isinstance(q.speaker_role, str) else ""
        cue = q.cue if isinstance(q.cue, str) else "—"
        lines.append(f"  [{q.kind}] {who}{role}  (cue: {cue}; {q.attribution})")
        lines.append(f"      “{q.text}”")
    return "\n".join(lines)


def displacy_data(t: ArticleTables) -> dict[str, Any]:
    """displaCy ``span`` data (manual mode): entity mentions and quotes, which may overlap."""
    import spacy

    text = t.article["text"]
    doc = spacy.blank("sv").make_doc(text)
    spans = []

    def add(start: int, end: int, label: str) -> None:
        span = doc.char_span(int(start), int(end), alignment_mode="expand")
        if span is not None:
            spans.append({"start_token": span.start, "end_token": span.end, "label": label})

    for m in t.mentions.itertuples():
        add(m.start_char, m.end_char, m.label)
    for q in t.quotes.itertuples():
        who = q.speaker_name if isinstance(q.speaker_name, str) else "okänd"
        add(q.start_char, q.end_char, f"{q.kind.upper()}: {who}")
    return {"text": text, "tokens": [tok.text for tok in doc], "spans": spans, "title": t.article["title"]}


def render_html(t: ArticleTables, page: bool = True, jupyter: bool = False) -> str:
    from spacy import displacy

    data = displacy_data(t)
    colors = dict(COLORS)
    colors.update({s["label"]: QUOTE_COLOR for s in data["spans"] if s["label"].startswith(("DIRECT", "INDIRECT"))})
    return displacy.render(data, style="span", manual=True, page=page, jupyter=jupyter,
                           options={"colors": colors})


def show(article_id: str, out: Path, html: Path | None = None) -> str:
    t = load_article(out, article_id)
    if html is not None:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_html(t), encoding="utf-8")
    return format_article(t)
