"""Look at one processed article: a terminal summary and an HTML view (entities, quotes).

Both read the output tables only (``articles``, ``entities``, ``mentions``, ``quotes``),
so they show exactly what an analysis would load, without re-running the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# Colours per label (displaCy's); quotes are underlined so entities inside them stay visible.
COLORS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#feca74", "MISC": "#e4e7d2"}


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
        lines.append(f"      “{' '.join(q.text.split())}”")  # hard-wrapped text (8 Sidor) on one line
    return "\n".join(lines)


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; line-height: 1.7; color: #222; }
mark.ent { padding: 0.1em 0.25em; border-radius: 0.3em; }
mark.ent .tag { font-size: 0.65em; font-weight: bold; margin-left: 0.3em; opacity: 0.75; }
span.quote { border-bottom: 3px solid #888; }
span.quote.indirect { border-bottom-style: dotted; }
span.who { font-size: 0.7em; background: #eee; border-radius: 0.3em; padding: 0 0.3em; margin-left: 0.2em; }
"""


def article_html(t: ArticleTables, page: bool = True) -> str:
    """The article's text as written (its spacing and paragraphs kept), entity mentions
    coloured by label and quotes underlined (dotted: indirect) with their speaker.

    Every text segment opens and closes its own elements, so overlapping mentions and
    quotes always give well-formed HTML.
    """
    from html import escape

    text = str(t.article["text"])
    marks = [(int(m.start_char), int(m.end_char), "ent", str(m.label)) for m in t.mentions.itertuples()]
    for q in t.quotes.itertuples():
        who = q.speaker_name if isinstance(q.speaker_name, str) else "okänd"
        marks.append((int(q.start_char), int(q.end_char), "quote", f"{q.kind}|{who}"))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    body: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        segment = escape(text[a:b]).replace("\n\n", "</p><p>").replace("\n", "<br>")
        for start, end, kind, label in sorted(marks, key=lambda m: (m[2] != "ent", m[0])):
            if not (start <= a and b <= end):
                continue
            if kind == "ent":
                color = COLORS.get(label, "#ddd")
                tag = f'<span class="tag">{label}</span>' if b == end else ""
                segment = f'<mark class="ent" style="background:{color}">{segment}{tag}</mark>'
            else:
                quote_kind, who = label.split("|", 1)
                tag = f'<span class="who">{escape(who)}</span>' if b == end else ""
                segment = f'<span class="quote {quote_kind}" title="{quote_kind}: {escape(who)}">{segment}{tag}</span>'
        body.append(segment)
    title = t.article["title"] if isinstance(t.article["title"], str) else str(t.article["article_id"])
    html = f'<article lang="sv"><h1>{escape(title)}</h1><p>{"".join(body)}</p></article>'
    if not page:
        return html
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{PAGE_STYLE}</style></head><body>{html}</body></html>")


def show(article_id: str, out: Path, html: Path | None = None) -> str:
    t = load_article(out, article_id)
    if html is not None:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(article_html(t), encoding="utf-8")
    return format_article(t)
