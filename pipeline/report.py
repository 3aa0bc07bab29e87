"""``report``: one static HTML page about the corpus in an output folder.

Read from the corpus database (``corpus.duckdb``): a summary, the most named entities per
label, the most quoted speakers, quotes per outlet, the share of women among the quoted
people (an estimate from first names: see :mod:`pipeline.store`), entities over time, and
a list of the articles linking to a view of each (``articles/ID.html``: entities coloured,
quotes underlined with their speaker).

The charts are inline SVG drawn here: no JavaScript, nothing fetched, so the page opens
offline and prints. The page lists at most ``MAX_ARTICLE_PAGES`` articles (the latest).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from .show import COLORS, PAGE_STYLE, ArticleTables, article_html
from .store import OUTLET, connect

MAX_ARTICLE_PAGES = 500
BAR = "#4c78a8"
GENDER_COLORS = {"female": "#e45756", "male": "#4c78a8", "unknown": "#bab0ac"}

STYLE = PAGE_STYLE.replace("max-width: 46rem", "max-width: 64rem") + """
h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { border: 1px solid #ddd; border-radius: 0.5rem; padding: 0.6rem 1rem; min-width: 8rem; }
.card b { display: block; font-size: 1.6rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(19rem, 1fr)); gap: 1.5rem; }
figure { margin: 0; } figcaption { font-weight: bold; margin-bottom: 0.3rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
td, th { border-bottom: 1px solid #eee; padding: 0.2rem 0.4rem; text-align: left; }
.note { color: #666; font-size: 0.85rem; }
"""


def hbar_chart(rows: list[tuple[str, list[tuple[float, str]]]], width: int = 420, title: str = "") -> str:
    """Horizontal bars, one per row; a row is (label, [(value, colour), ...]) stacked."""
    if not rows:
        return '<p class="note">Nothing to show yet.</p>'
    line, label_w = 22, 150
    total = max(sum(v for v, _ in segs) for _, segs in rows) or 1
    scale = (width - label_w - 70) / total
    height = line * len(rows) + 6
    parts = [(f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
              f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg" font-size="12">')]
    for i, (label, segs) in enumerate(rows):
        y = i * line + 3
        shown = label if len(label) <= 22 else label[:21] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(shown)}</text>')
        x = float(label_w)
        for value, color in segs:
            w = value * scale
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{max(w, 0.5):.1f}" height="{line - 6}" fill="{color}"/>')
            x += w
        value_text = "+".join(str(int(v)) for v, _ in segs) if len(segs) > 1 else str(int(segs[0][0]))
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{value_text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def month_index(month: str) -> int:
    """``2019-06`` -> months since year 0: a real time axis, with its gaps."""
    year, mon = month[:7].split("-")
    return int(year) * 12 + int(mon) - 1


def timeline_chart(series: dict[str, list[tuple[str, float]]], width: int = 640) -> str:
    """Small multiples on one real time axis: a panel per series, its name written beside
    it, one bar per month with articles (a month without any is a gap, never a line drawn
    across it); the same scale in every panel; ticks at the turn of each year (each month
    when the corpus spans less than two years)."""
    months = sorted({month_index(m) for points in series.values() for m, _ in points})
    if not months:
        return '<p class="note">No publication dates in the corpus: nothing to draw over time.</p>'
    first, last = months[0], months[-1]
    label_w, right, panel, gap, axis = 150, 10, 34, 8, 30
    plot_w = width - label_w - right
    slot = plot_w / (last - first + 1)
    top_value = max((v for points in series.values() for _, v in points), default=1) or 1
    height = len(series) * (panel + gap) + axis

    def x_of(index: int) -> float:
        return label_w + (index - first) * slot

    parts = [(f'<svg class="chart" role="img" aria-label="entities over time" viewBox="0 0 {width} {height}" '
              f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg" font-size="11">')]
    for n, (name, points) in enumerate(series.items()):
        y0 = n * (panel + gap)
        base = y0 + panel
        parts.append(f'<text x="{label_w - 8}" y="{base - 4}" text-anchor="end">{escape(name[:24])}</text>')
        parts.append(f'<line x1="{label_w}" y1="{base}" x2="{width - right}" y2="{base}" stroke="#ccc"/>')
        for month, value in points:
            h = max(panel * value / top_value, 1.5)
            parts.append(f'<rect x="{x_of(month_index(month)) + slot * 0.1:.1f}" y="{base - h:.1f}" '
                         f'width="{max(slot * 0.8, 1.5):.1f}" height="{h:.1f}" fill="{BAR}">'
                         f"<title>{escape(name)}, {escape(month)}: {int(value)}</title></rect>")
    base = len(series) * (panel + gap)
    ticks = range(first, last + 1) if last - first < 24 else [m for m in range(first, last + 1) if m % 12 == 0]
    shown = list(ticks)
    every = max(len(shown) // 10, 1)
    for k, m in enumerate(shown):
        x = x_of(m)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{base}" stroke="#eee"/>')
        if k % every == 0:
            label = f"{m // 12}" if last - first >= 24 else f"{m // 12}-{m % 12 + 1:02d}"
            parts.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle">{label}</text>')
    parts.append(f'<text x="{label_w - 8}" y="{base + 16}" text-anchor="end" fill="#666">'
                 f"articles/month, max {int(top_value)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _rows(con: Any, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return con.execute(sql, params or []).fetchall()


def _slug(article_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", article_id) or "_"


def _summary(con: Any) -> str:
    (n_ok, n_err, first, last) = _rows(con, "SELECT count(*) FILTER (WHERE status = 'ok'), "
                                            "count(*) FILTER (WHERE status <> 'ok'), min(published), max(published) "
                                            "FROM articles")[0]
    (n_ent,) = _rows(con, "SELECT count(*) FROM entity_index")[0]
    (n_direct, n_indirect, raw_direct, raw_indirect) = _rows(con, """
        SELECT count(DISTINCT coalesce(quote_cluster_id, quote_id)) FILTER (WHERE kind = 'direct'),
               count(DISTINCT coalesce(quote_cluster_id, quote_id)) FILTER (WHERE kind = 'indirect'),
               count(*) FILTER (WHERE kind = 'direct'), count(*) FILTER (WHERE kind = 'indirect')
        FROM quotes""")[0]
    (n_speakers,) = _rows(con, "SELECT count(*) FROM speakers")[0]
    span = f"{first[:10]} – {last[:10]}" if first else "no dates"

    def copies(raw: int, distinct: int) -> str:
        return f"{raw} with copies" if raw != distinct else "no copies"

    cards = [("articles", n_ok, ""), ("errors", n_err, ""), ("distinct entities", n_ent, ""),
             ("direct quotes", n_direct, copies(raw_direct, n_direct)),
             ("indirect quotes", n_indirect, copies(raw_indirect, n_indirect)), ("speakers", n_speakers, ""),
             ("published", span, "")]
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{escape(str(v))}</b>{k}' + (f'<br><span class="note">{escape(n)}</span>' if n else "")
        + "</div>" for k, v, n in cards) + "</div>" + \
        ('<p class="note">A quote carried by several articles (wire copy, a lead repeating the body) is counted '
         "once; the copies are in the quote_clusters table.</p>")


def _top_entities(con: Any) -> str:
    figures = []
    for label in ("PER", "ORG", "LOC"):
        rows = _rows(con, "SELECT name, articles FROM entity_index WHERE label = ? "
                          "ORDER BY articles DESC, mentions DESC, name LIMIT 12", [label])
        chart = hbar_chart([(n, [(float(v), COLORS[label])]) for n, v in rows], width=330, title=f"top {label}")
        figures.append(f"<figure><figcaption>{label}: in most articles</figcaption>{chart}</figure>")
    return '<div class="grid">' + "".join(figures) + "</div>"


def _speakers(con: Any) -> str:
    rows = _rows(con, "SELECT name, quotes_direct, quotes_indirect, quotes_raw FROM speakers "
                      "WHERE speaker_id LIKE 'PER:%' ORDER BY quotes_direct + quotes_indirect DESC, name LIMIT 15")
    chart = hbar_chart([(n, [(float(d), BAR), (float(i), "#9ecae9")]) for n, d, i, _ in rows], width=520,
                       title="most quoted people")
    copies = [f"{escape(n)} {raw}" for n, d, i, raw in rows if raw != d + i]
    note = (f'<p class="note">Each quote counted once; with every copy: {", ".join(copies)}.</p>' if copies else "")
    return (f"<figure><figcaption>Most quoted people (dark: direct, light: indirect quotes)</figcaption>{chart}"
            f"{note}</figure>")


def _outlets(con: Any) -> str:
    rows = _rows(con, f"""
        SELECT {OUTLET} AS outlet,
               count(*) FILTER (WHERE q.kind = 'direct'), count(*) FILTER (WHERE q.kind = 'indirect')
        FROM quotes q JOIN articles a USING (article_id) GROUP BY 1 ORDER BY count(*) DESC LIMIT 15""")
    chart = hbar_chart([(o, [(float(d), BAR), (float(i), "#9ecae9")]) for o, d, i in rows], width=520,
                       title="quotes per outlet")
    return f"<figure><figcaption>Quotes per outlet (dark: direct, light: indirect)</figcaption>{chart}</figure>"


def _gender(con: Any) -> str:
    people = dict(_rows(con, "SELECT gender, count(*) FROM speakers WHERE speaker_id LIKE 'PER:%' GROUP BY gender"))
    quotes = dict(_rows(con, "SELECT gender, sum(quotes_direct + quotes_indirect) FROM speakers "
                             "WHERE speaker_id LIKE 'PER:%' GROUP BY gender"))
    known = people.get("female", 0) + people.get("male", 0)
    share = f"{100 * people.get('female', 0) / known:.0f} %" if known else "–"
    order = ("female", "male", "unknown")
    chart = hbar_chart([
        ("quoted people", [(float(people.get(g, 0)), GENDER_COLORS[g]) for g in order]),
        ("their quotes", [(float(quotes.get(g, 0) or 0), GENDER_COLORS[g]) for g in order]),
    ], width=520, title="women and men among quoted people")
    return (f'<div class="cards"><div class="card"><b>{share}</b>women among quoted people whose gender '
            f"is estimated</div></div><figure><figcaption>Red: women, blue: men, grey: unknown</figcaption>"
            f'{chart}</figure><p class="note">Estimated from the first name (Swedish first-name lists: a name '
            "given to one gender at least three times out of four); a name not in the lists, or a person named "
            "by surname only, is unknown. Never guessed from han/hon.</p>")


def _over_time(con: Any) -> str:
    top = [r[0] for r in _rows(con, "SELECT entity_id FROM entity_index WHERE first_published IS NOT NULL "
                                    "ORDER BY articles DESC, mentions DESC LIMIT 5")]
    series: dict[str, list[tuple[str, float]]] = {}
    for entity_id in top:
        rows = _rows(con, """
            SELECT substr(a.published, 1, 7) AS month, count(DISTINCT e.article_id), any_value(e.name)
            FROM entities e JOIN articles a USING (article_id)
            WHERE e.entity_id = ? AND a.published IS NOT NULL GROUP BY month ORDER BY month""", [entity_id])
        if rows:
            series[rows[0][2]] = [(m, float(n)) for m, n, _ in rows]
    (undated, total) = _rows(con, "SELECT count(*) FILTER (WHERE published IS NULL), count(*) "
                                  "FROM articles WHERE status = 'ok'")[0]
    note = (f'<p class="note">{undated} of {total} articles have no publication date and are not in this chart.</p>'
            if undated else "")
    return ("<figure><figcaption>The five most named entities: articles per month</figcaption>"
            f"{timeline_chart(series)}{note}</figure>")


def _articles(con: Any, folder: Path) -> str:
    rows = _rows(con, f"""
        SELECT a.article_id, coalesce(a.title, a.article_id), a.published, a.status,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.article_id)
        FROM articles a ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT {MAX_ARTICLE_PAGES}""")
    (total,) = _rows(con, "SELECT count(*) FROM articles")[0]
    pages = folder / "articles"
    pages.mkdir(parents=True, exist_ok=True)
    lines = ["<table><tr><th>published</th><th>article</th><th>quotes</th></tr>"]
    for aid, title, published, status, n_quotes in rows:
        if status == "ok":
            _article_page(con, aid, pages / f"{_slug(aid)}.html")
            link = f'<a href="articles/{escape(_slug(aid))}.html">{escape(title)}</a>'
        else:
            link = f"{escape(title)} <span class=\"note\">(error)</span>"
        lines.append(f"<tr><td>{escape((published or '')[:10])}</td><td>{link}</td><td>{n_quotes}</td></tr>")
    lines.append("</table>")
    if total > len(rows):
        lines.append(f'<p class="note">The latest {len(rows)} of {total} articles.</p>')
    return "".join(lines)


def _article_page(con: Any, article_id: str, path: Path) -> None:
    article = con.execute("SELECT * FROM articles WHERE article_id = ?", [article_id]).df().iloc[0]
    frames = {name: con.execute(f"SELECT * FROM {name} WHERE article_id = ?", [article_id]).df()
              for name in ("entities", "mentions", "quotes")}
    html = article_html(ArticleTables(article, frames["entities"], frames["mentions"], frames["quotes"]))
    path.write_text(html.replace("<body>", '<body><p><a href="../index.html">← corpus report</a></p>', 1),
                    encoding="utf-8")


def write_report(out: Path, page: Path | None = None) -> Path:
    """Write the report (``OUT/report/index.html`` unless ``page``) and return its path."""
    page = page or Path(out) / "report" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    con = connect(Path(out), read_only=True)
    try:
        sections = [
            ("Corpus", _summary(con)),
            ("Who and what is named", _top_entities(con)),
            ("Who is quoted", _speakers(con)),
            ("Women among quoted sources", _gender(con)),
            ("Quotes per outlet", _outlets(con)),
            ("Entities over time", _over_time(con)),
            ("Articles", _articles(con, page.parent)),
        ]
    finally:
        con.close()
    body = "".join(f"<section><h2>{escape(title)}</h2>{html}</section>" for title, html in sections)
    page.write_text(
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Corpus report: {escape(str(out))}</title>'
        f"<style>{STYLE}</style></head><body><h1>Corpus report</h1>"
        f'<p class="note">{escape(str(out))} — written by <code>python -m pipeline report</code></p>{body}</body></html>',
        encoding="utf-8")
    return page
