"""Read articles as they come off a scraper: ``.txt``, ``.html``/``.htm``, ``.json``, ``.jsonl``.

``read_inputs(paths)`` walks files and folders (recursively, in sorted order) and yields
one :class:`Article` per article. Nothing raises for bad input: an article that cannot
be read is yielded with ``error`` set to a one-line reason naming the file, so the run
records it and goes on.

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, and otherwise the best guess
of charset-normalizer, which in Swedish sources is nearly always cp1252/latin-1.
HTML main text is extracted with trafilatura (offline; boilerplate-aware).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from .lexicon import cached, rows, word_classes

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# ID.meta.json beside ID.txt or ID.html: what the page does not say (url, outlet, published, title)
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("url", "outlet", "published", "title")
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
MAX_CHARS = 1_000_000  # spaCy's default Language.max_length; news articles are ~5-20k
MAX_BYTES = 50_000_000  # a JSON/JSONL/HTML file larger than this is not read at all

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# A page that is only a consent dialog: short, and about cookies (Swedish or English).
COOKIE_WORDS = re.compile(r"cookie|kakor|samtycke|samtyck|consent|personuppgift", re.IGNORECASE)
COOKIE_WALL_MAX_WORDS = 80


@dataclass(frozen=True)
class Article:
    article_id: str
    source: str
    text: str = ""
    title: str | None = None
    url: str | None = None
    published: str | None = None
    error: str | None = None
    warning: str | None = None
    outlet: str | None = None  # who published it: a record's or sidecar's "outlet", run --outlet, or the url's host

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class InputError(Exception):
    """Raised inside this module for an unreadable input; becomes ``Article.error``."""


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under ``paths`` in a stable order; folders are walked recursively.

    Hidden files and files of unknown type inside folders are skipped; symlinked
    folders are not followed (no loops). A path given explicitly is always yielded.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    p = Path(root) / name
                    if not name.startswith(".") and p.suffix.lower() in KNOWN_SUFFIXES - {""} \
                            and not name.endswith(SIDECAR_SUFFIX):  # ID.meta.json: metadata of ID.txt
                        found.append(p)
            yield from sorted(found)
        else:
            yield path


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, UTF-16 (BOM) or the detected legacy encoding.

    Returns (text, warning); the warning names the fallback encoding when one was used.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise InputError(f"broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "utf_8"]).best()
    if best is None:
        raise InputError("not decodable as text (binary or unknown encoding)")
    return str(best), f"decoded as {best.encoding}"


def check_text(text: str) -> str | None:
    """A reason why ``text`` is not analysable, or None."""
    if not text.strip():
        return "empty text"
    if len(text) > MAX_CHARS:
        return f"text too long ({len(text):,} characters, limit {MAX_CHARS:,})"
    controls = len(CONTROL_CHARS.findall(text, 0, 10000))
    if controls > 0.01 * min(len(text), 10000):
        return "binary content, not text"
    words = re.findall(r"[a-zåäöéüæø]+", text[:20000].lower())
    other = _other_language(words)
    if other:
        return f"not Swedish (looks like {other})"
    if len(words) >= 30:
        sv_words, en_words = _function_words()
        sv = sum(w in sv_words for w in words) / len(words)
        en = sum(w in en_words for w in words) / len(words)
        if sv < 0.08 and en > sv:
            return f"not Swedish (looks like English: {en:.0%} English function words, {sv:.0%} Swedish)"
        if sv < 0.03:
            return "not Swedish (too few Swedish function words)"
    return None


LANGUAGE_NAMES = {"no-da": "Norwegian or Danish", "en": "English"}
MIN_LANGUAGE_EVIDENCE = 2  # points the other language needs before a text is judged at all
OTHER_LANGUAGE_MARGIN = 1.5  # ... and it must outscore Swedish by this factor


LANGUAGE_MARKERS = "language_markers.tsv"


@cached(maxsize=1)
def _markers() -> dict[str, str]:
    """Marker word -> its language (sv, no-da, en), from ``language_markers.tsv``."""
    classes = word_classes(LANGUAGE_MARKERS)
    return {w: lang for lang in ("sv", "no-da", "en") for w in classes.get(lang, ())}


@cached(maxsize=1)
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    """Swedish's and English's frequent words: their markers and their ``function-`` words
    (the one word list both language tests read)."""
    classes = word_classes(LANGUAGE_MARKERS)
    return (classes["sv"] | classes["function-sv"], classes["en"] | classes["function-en"])


def _other_language(words: list[str]) -> str | None:
    """The language a (short) text is in when it is clearly not Swedish, else None.

    Counts the marker words of each language (``language_markers.tsv``) and the words
    spelt with ä/ö (Swedish) or æ/ø, hv-, gj, kj (Norwegian, Danish), half a point each.
    The text is not Swedish when another language has at least two points and more than
    1.5 times Swedish's.
    """
    markers = _markers()
    score = {"sv": 0.0, "no-da": 0.0, "en": 0.0}
    for w in words:
        lang = markers.get(w)
        if lang:
            score[lang] += 1
        elif "ä" in w or "ö" in w:
            score["sv"] += 0.5
        elif "æ" in w or "ø" in w or w.startswith("hv") or "gj" in w or "kj" in w:
            score["no-da"] += 0.5  # hv-, gj, kj: Norwegian and Danish spellings, not Swedish
    best = max(("no-da", "en"), key=lambda lang: score[lang])
    if score[best] < MIN_LANGUAGE_EVIDENCE or score[best] <= OTHER_LANGUAGE_MARGIN * score["sv"]:
        return None  # too little to go on, or Swedish holds its own (an English quote in a Swedish text)
    return LANGUAGE_NAMES[best]


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """UTF-8 read as cp1252/latin-1 somewhere upstream (``fÃ¶r`` for ``för``): fixed with
    ftfy's encoding repair (nothing else about the text is changed), with a warning."""
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    if not is_bad(text[:100_000]):
        return text, None
    fixed = fix_encoding(text)
    return (fixed, "mojibake repaired (UTF-8 decoded as cp1252/latin-1 upstream)") if fixed != text else (text, None)


def _finish(article: Article) -> Article:
    if article.error:
        return article
    text, repaired = repair_mojibake(article.text)
    if repaired:
        warning = "; ".join(w for w in (article.warning, repaired) if w)
        article = replace(article, text=text, warning=warning)
    reason = check_text(article.text)
    if reason:
        return replace(article, error=f"{article.source}: {reason}")
    if article.published is None:  # a scraped .txt (or a record without the field) may say it
        article = replace(article, published=published_in_text(article.text))
    elif iso_published(article.published) != article.published:  # a feed's or a sidecar's own format
        published = iso_published(article.published)
        note = None if published else f"published {article.published!r} not understood as a date; left empty"
        article = replace(article, published=published,
                          warning="; ".join(w for w in (article.warning, note) if w) or None)
    return article


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file too large ({size:,} bytes, limit {MAX_BYTES:,})")
    return path.read_bytes()


MONTHS_SV = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
# "Publicerad 2023-02-06", "Uppdaterad 2011-03-10 | Publicerad 2010-03-30",
# "Publicerad: 5 mars 2024 kl. 11.12": the date a Swedish news page says it was published
# (not the one it was last updated; HTML metadata often carries only that one).
PUBLISHED = re.compile(
    r"\bPublicerad(?:es)?:?\s+(?:den\s+)?"
    r"(?:(?P<iso>\d{4}-\d{2}-\d{2})(?:[ T](?:kl\.?\s*)?(?P<ih>\d{1,2})[.:](?P<im>\d{2}))?"
    r"|(?P<d>\d{1,2})\s+(?P<mon>[a-zåäö]{3})[a-zåäö]*\.?\s+(?P<y>\d{4})(?:,?\s+(?:kl\.?\s*)?(?P<h>\d{1,2})[.:](?P<m>\d{2}))?)",
    re.IGNORECASE,
)


SWEDISH_TIME = "Europe/Stockholm"


def iso_published(value: str | None, local: bool = False) -> str | None:
    """``value`` as ISO 8601: a date (``2024-03-05``), or a time to the minute with its UTC
    offset where one is known (``2024-03-05T11:12+01:00``). ``local``: a time without an
    offset is Swedish local time (a Swedish page's ``Publicerad … kl. 11.12``). Accepts ISO
    forms (``T`` or a space, seconds, ``Z``) and e-mail/RSS dates (``Tue, 05 Mar 2024
    11:12:00 +0100``); anything else is None."""
    from datetime import date, datetime
    from email.utils import parsedate_to_datetime

    text = (value or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None and local:
        from zoneinfo import ZoneInfo

        moment = moment.replace(tzinfo=ZoneInfo(SWEDISH_TIME))
    return moment.isoformat(timespec="minutes")


def published_in_text(text: str) -> str | None:
    """The ``Publicerad`` date of a page's text as ISO 8601 (``2024-03-05`` or
    ``2024-03-05T11:12+01:00``: Swedish local time), or None."""
    m = PUBLISHED.search(text[:20000])
    if not m:
        return None
    if m["iso"]:
        date, hour, minute = m["iso"], m["ih"], m["im"]
    else:
        mon = m["mon"].lower()
        if mon not in MONTHS_SV:
            return None
        date = f"{m['y']}-{MONTHS_SV.index(mon) + 1:02d}-{int(m['d']):02d}"
        hour, minute = m["h"], m["m"]
    return iso_published(f"{date}T{int(hour):02d}:{minute}" if hour else date, local=True)


def _html_article(path: Path, html: str) -> Article:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML")
    if len(text.split()) < COOKIE_WALL_MAX_WORDS and COOKIE_WORDS.search(text):
        raise InputError("the HTML holds only a cookie/consent notice, no article")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html[:500_000]))
    published = published_in_text(visible) or getattr(meta, "date", None)
    return Article(path.stem, str(path), text=text, title=title or None,
                   url=getattr(meta, "url", None), published=published)


def _record_article(record: object, default_id: str, source: str) -> Article:
    if not isinstance(record, dict):
        return Article(default_id, source, error=f"{source}: JSON record is a {type(record).__name__}, not an object")
    text = record.get("text")
    aid = str(record.get("id") or default_id)
    if not isinstance(text, str):
        return Article(aid, source, error=f"{source}: JSON record has no 'text' string")

    def opt(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return _finish(Article(aid, source, text=text, title=opt("title"), url=opt("url"), published=opt("published"),
                           outlet=opt("outlet")))


def read_file(path: Path) -> Iterator[Article]:
    """The articles in one file (one for text/HTML, any number for JSON/JSONL). Their
    ``source`` is the file's absolute path (``#N`` for a record of a feed), wherever the
    command was run from."""
    path = Path(os.path.abspath(path))
    suffix = path.suffix.lower()
    source = str(path)
    try:
        if not path.is_file():
            raise InputError("not a readable file" if path.exists() else "no such file")
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path)  # streamed: a feed may be larger than memory
            return
        data = _read_bytes(path)
        if not data.strip():
            raise InputError("empty file")
        text, warning = decode(data)
        if suffix in JSON_SUFFIXES:
            yield from _read_json(path, text)
            return
        if suffix in HTML_SUFFIXES:
            yield _finish(_with_sidecar(replace(_html_article(path, text), warning=warning), path))
            return
        yield _finish(_with_sidecar(Article(path.stem, source, text=text, warning=warning), path))
    except InputError as exc:
        yield Article(path.stem, source, error=f"{source}: {exc}")
    except OSError as exc:
        yield Article(path.stem, source, error=f"{source}: cannot read ({exc.strerror or exc})")


def _read_json(path: Path, text: str) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON (line {exc.lineno}: {exc.msg})") from exc
    if isinstance(data, dict):
        yield _record_article(data, path.stem, str(path))
    elif isinstance(data, list):
        for i, record in enumerate(data, start=1):
            yield _record_article(record, f"{path.stem}-{i}", f"{path}#{i}")
    else:
        raise InputError(f"JSON is a {type(data).__name__}, expected an object or a list of objects")


def _read_jsonl(path: Path) -> Iterator[Article]:
    """One article per line, read line by line; each line is decoded on its own."""
    n_lines = 0
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            n_lines += 1
            source = f"{path}#{lineno}"
            try:
                line, warning = decode(raw[3:] if lineno == 1 and raw.startswith(codecs.BOM_UTF8) else raw)
                record = json.loads(line)
            except InputError as exc:
                yield Article(f"{path.stem}-{lineno}", source, error=f"{source}: {exc}")
                continue
            except json.JSONDecodeError as exc:
                yield Article(f"{path.stem}-{lineno}", source, error=f"{source}: malformed JSON line ({exc.msg})")
                continue
            article = _record_article(record, f"{path.stem}-{lineno}", source)
            yield replace(article, warning=warning) if warning and not article.warning else article
    if n_lines == 0:
        raise InputError("empty file")


def _with_sidecar(article: Article, path: Path) -> Article:
    """``ID.meta.json`` beside ``ID.txt``/``ID.html`` (``{"url": …, "outlet": …, "published":
    …, "title": …}``) gives what the page itself does not say; an unreadable one is a
    warning, not an error."""
    meta_path = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not meta_path.is_file():
        return article
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        note = f"{meta_path}: sidecar not read ({exc})"
        return replace(article, warning="; ".join(w for w in (article.warning, note) if w))
    given = {k: str(meta[k]) for k in SIDECAR_FIELDS if meta.get(k) not in (None, "")}
    return replace(article, **{k: v for k, v in given.items() if getattr(article, k) is None or k != "title"})


def outlet_of_url(url: str | None) -> str | None:
    """The web host of ``url``, lower case, without ``www.``, a port or a final dot:
    ``http://www.SvT.se:80/nyheter`` -> ``svt.se``."""
    m = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]+)", url or "")
    if not m:
        return None
    host = m.group(1).rsplit("@", 1)[-1].split(":")[0].lower().rstrip(".")
    return host.removeprefix("www.") or None


@cached(maxsize=1)
def _outlet_signatures() -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((outlet, regex.compile(pattern)) for outlet, pattern in rows("outlet_signatures.tsv", columns=2))


def outlet_of_text(text: str) -> str | None:
    """The outlet a page signs in its own text (``data/outlet_signatures.tsv``: SVT's ``Så
    arbetar vi`` footer, Aftonbladet's skip link ``Hoppa till innehållAftonbladet``), or None."""
    signatures = _outlet_signatures()
    for line in text.split("\n"):
        line = line.strip()
        if line and len(line) <= 120:
            for outlet, pattern in signatures:
                if pattern.fullmatch(line):
                    return outlet
    return None


def read_inputs(paths: Iterable[str | Path], outlet: str | None = None) -> Iterator[Article]:
    """All articles under ``paths``, each ``article_id`` once. ``outlet``: the outlet of
    the articles that do not name their own (a record's or sidecar's ``outlet``); the rest
    get their url's host, or else the outlet their text signs (:func:`outlet_of_text`).

    A repeated id of a readable article is an error naming both sources (its row gets
    ``ID@SOURCE``). Unreadable inputs (error rows) come last and never take an id a
    readable article uses: ``x.json`` that is not an article beside ``x.txt`` that is
    gives the row ``x@…/x.json``, whichever file is read first.
    """
    seen: dict[str, str] = {}
    failed: list[Article] = []
    for path in iter_files(paths):
        for article in read_file(path):
            if article.outlet is None and not article.error:
                article = replace(article, outlet=outlet or outlet_of_url(article.url) or outlet_of_text(article.text))
            if article.error:
                failed.append(article)
                continue
            first = seen.get(article.article_id)
            if first is not None:
                clash = f"{article.source}: article_id {article.article_id!r} already used by {first}"
                article = replace(article, article_id=f"{article.article_id}@{article.source}", error=clash)
            else:
                seen[article.article_id] = article.source
            yield article
    for article in failed:
        if article.article_id in seen:
            article = replace(article, article_id=f"{article.article_id}@{article.source}")
        seen.setdefault(article.article_id, article.source)
        yield article
