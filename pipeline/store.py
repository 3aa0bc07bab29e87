"""The corpus: an embedded DuckDB database (``corpus.duckdb``) in the output folder.

The four tables of SCHEMA.md live in the database, keyed by ``article_id``. While a run
processes its articles, their rows are staged in temporary Parquet files in the folder
(streamed: memory stays flat however long the run); then :meth:`Corpus.commit` changes
the database in **one transaction**: the rows of the articles the run computed replace
theirs, articles it found unchanged keep theirs (with where they were read from this
time), every other article stays (or, with ``--replace``, goes). A run killed before the
commit leaves the database as it was. After the commit the tables and the corpus-level
views are exported as Parquet (and CSV) files beside it, each written to a temporary file
and renamed, so pandas users and notebooks read them as before.

Every commit (and ``remove``) also joins the copies of a quote across the corpus (the
same speaker, the same text allowing a cut or a few edited words: :mod:`pipeline.dedup`)
under one ``quotes.quote_cluster_id``.

Views (``VIEWS``): ``entity_index`` (one row per entity id across the corpus),
``quote_clusters`` (one row per quote, its copies counted) and ``speakers`` (one row per
quoted speaker, each quote counted once; ``quotes_raw`` counts the copies), with ``gender``
estimated from the first name
(Swedish first-name lists, ``first_names_sv.tsv``): ``female``/``male`` when the first name
is given to one gender at least three times out of four, ``unknown`` otherwise or when the
speaker is not a named person. It is never guessed from ``han``/``hon``.

An output folder written by an earlier version (Parquet only) is imported into a new
database the first time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from .tables import SCHEMAS, TABLES, Rows, to_arrow

DB_NAME = "corpus.duckdb"
MEMORY_LIMIT = "256MB"
# indexed columns: the article key everywhere, and what corpus queries join on
KEYS = {"articles": ("article_id",), "mentions": ("article_id", "entity_id"),
        "entities": ("article_id", "entity_id"), "quotes": ("article_id", "quote_id", "speaker_entity_id")}
ORDER = {"articles": "article_id", "mentions": "article_id, start_char, end_char",
         "entities": "article_id, first_char, entity_id", "quotes": "article_id, start_char"}

# an article's outlet: its outlet column (the record's, the sidecar's, run --outlet or the
# url's host); for rows of earlier versions the web host of its url; "unknown" without either
OUTLET = ("coalesce(a.outlet, nullif(lower(regexp_extract(a.url, '^[a-z]+://(www\\.)?([^/:]+)', 2)), ''), "
          "'unknown')")

VIEWS = {
    # one row per entity id over the whole corpus
    "entity_index": """
        SELECT e.entity_id,
               mode(e.name) AS name,
               mode(e.label) AS label,
               count(DISTINCT e.article_id) AS articles,
               sum(e.n_mentions)::BIGINT AS mentions,
               sum(e.n_quotes)::BIGINT AS quotes,
               min(a.published) AS first_published,
               max(a.published) AS last_published,
               mode(e.lexicon_id) AS lexicon_id
        FROM entities e JOIN articles a USING (article_id)
        GROUP BY e.entity_id""",
    # one row per quote across the corpus: its copies in other articles (wire copy) counted
    "quote_clusters": f"""
        SELECT q.quote_cluster_id,
               arg_min(q.text, coalesce(a.published, '9999') || q.quote_id) AS text,
               arg_min(q.kind, coalesce(a.published, '9999') || q.quote_id) AS kind,
               mode(q.speaker_name) AS speaker_name,
               any_value(q.speaker_entity_id) AS speaker_entity_id,
               min(a.published) AS first_seen,
               arg_min(q.article_id, coalesce(a.published, '9999') || q.quote_id) AS first_article_id,
               count(*) AS copies,
               count(DISTINCT q.article_id) AS articles,
               list_sort(list(DISTINCT {OUTLET})) AS outlets
        FROM quotes q JOIN articles a USING (article_id)
        GROUP BY q.quote_cluster_id""",
    # one row per quoted speaker (a recognised entity, or an unnamed source as written); each
    # quote counted once however many articles carry it, quotes_raw counting every copy
    "speakers": f"""
        WITH q AS (
            SELECT q.*, coalesce(q.speaker_entity_id, 'SOURCE:' || lower(q.speaker_name)) AS speaker_id,
                   {OUTLET} AS outlet
            FROM quotes q JOIN articles a USING (article_id)
            WHERE q.speaker_name IS NOT NULL),
        s AS (
            SELECT speaker_id,
                   mode(speaker_name) AS name,
                   count(DISTINCT coalesce(quote_cluster_id, quote_id)) FILTER (WHERE kind = 'direct') AS quotes_direct,
                   count(DISTINCT coalesce(quote_cluster_id, quote_id)) FILTER (WHERE kind = 'indirect') AS quotes_indirect,
                   count(*) AS quotes_raw,
                   count(DISTINCT article_id) AS articles,
                   coalesce(list_sort(list(DISTINCT speaker_role) FILTER (WHERE speaker_role IS NOT NULL)), []) AS roles,
                   list_sort(list(DISTINCT outlet)) AS outlets
            FROM q GROUP BY speaker_id)
        SELECT s.*,
               CASE WHEN s.speaker_id LIKE 'PER:%' AND f.gender IN ('female', 'male') THEN f.gender
                    ELSE 'unknown' END AS gender
        FROM s LEFT JOIN first_names f ON f.name = split_part(s.name, ' ', 1)""",
}


def _duck_type(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return _duck_type(t.value_type) + "[]"
    return {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.float64(): "DOUBLE"}[t]


def connect(out: Path, read_only: bool = False) -> Any:
    import duckdb

    return duckdb.connect(str(Path(out) / DB_NAME), read_only=read_only)


class Corpus:
    """The output folder's database, opened for one run (the run holds the folder's lock)."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self._open()
        for name in TABLES:
            cols = ", ".join(f'"{f.name}" {_duck_type(f.type)}' for f in SCHEMAS[name])
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
            for f in SCHEMAS[name]:  # a column added to the schema since the table was made
                self.con.execute(f'ALTER TABLE {name} ADD COLUMN IF NOT EXISTS "{f.name}" {_duck_type(f.type)}')
            for key in KEYS[name]:
                self.con.execute(f"CREATE INDEX IF NOT EXISTS {name}_{key} ON {name} ({key})")
        self._first_names()
        for view, sql in VIEWS.items():
            self.con.execute(f"CREATE OR REPLACE VIEW {view} AS {sql}")
        if not self.con.execute("SELECT count(*) FROM articles").fetchone()[0]:
            self._import_parquet()  # also when an earlier import was killed: nothing of it was committed
        if self.con.execute("SELECT EXISTS (SELECT 1 FROM quotes WHERE quote_cluster_id IS NULL)").fetchone()[0]:
            self.recluster()  # a run killed between its commit and the clustering after it

    def _open(self) -> None:
        self.con = connect(self.out)
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")  # beyond it DuckDB spills to a temp file

    def _first_names(self) -> None:
        from .lexicon import rows

        names = pa.table({"name": [r[0] for r in rows("first_names_sv.tsv", 3)],
                          "gender": [r[1] for r in rows("first_names_sv.tsv", 3)]})
        self.con.register("first_names_new", names)
        self.con.execute("CREATE OR REPLACE TABLE first_names AS SELECT * FROM first_names_new")
        self.con.unregister("first_names_new")

    def _import_parquet(self) -> None:
        """Tables of a Parquet-only output folder (an earlier version) become the corpus,
        in one transaction, when the database holds no article yet."""
        files = {name: self.out / f"{name}.parquet" for name in TABLES}
        if not all(p.exists() for p in files.values()):
            return
        import pyarrow.parquet as pq

        try:
            tables = {name: pq.read_table(p) for name, p in files.items()}
        except Exception as exc:  # noqa: BLE001  unreadable old tables: start empty, say so
            import sys

            print(f"warning: {self.out}: earlier tables unreadable ({exc}); starting a new corpus", file=sys.stderr)
            return
        self.con.begin()
        for name, table in tables.items():
            self._insert(name, table.select([c for c in table.column_names if c in SCHEMAS[name].names]))
        self.con.commit()

    # -- what the run needs to know --------------------------------------------------

    def state(self) -> dict[str, tuple[str, str]]:
        """article_id -> (content_sha256, pipeline_version) of every article stored as ok."""
        rows = self.con.execute(
            "SELECT article_id, content_sha256, pipeline_version FROM articles WHERE status = 'ok'").fetchall()
        return {aid: (sha, version) for aid, sha, version in rows}

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT article_id FROM articles").fetchall()]

    # -- one run, one transaction ------------------------------------------------------
    # While the articles are processed their rows are staged in temporary Parquet files in
    # the folder (streamed, so memory stays flat however long the run); the database is
    # changed only in :meth:`commit`, in one transaction that loads them.

    def begin(self, replace: bool = False) -> None:
        import pyarrow.parquet as pq

        self.replace = replace
        self.stage = {name: self.out / f".stage-{name}.{os.getpid()}.parquet.tmp" for name in TABLES}
        self.writers = {name: pq.ParquetWriter(self.stage[name], SCHEMAS[name]) for name in TABLES}
        self.touched: list[tuple[Any, ...]] = []
        # the database is not needed until the commit: closed meanwhile, so `sql` and
        # `report` can read the corpus while a long run works
        self.con.close()
        self.con = None

    def put(self, rows: Rows) -> None:
        """This run's rows of some articles: they replace whatever those articles had."""
        for name in TABLES:
            if rows[name]:
                self.writers[name].write_table(to_arrow(name, rows[name]))

    def touch(self, articles: Sequence[Any]) -> None:
        """Unchanged articles seen again: their rows stay; where they were read from is updated."""
        self.touched += [(a.source, a.url, a.published, a.warning, a.title, a.outlet, a.article_id) for a in articles]

    def commit(self) -> None:
        """Load the staged rows in one transaction: this run's articles replace their old
        rows, touched ones get their new source, and with ``replace`` every other goes."""
        for w in self.writers.values():
            w.close()
        self.writers = {}
        stage = {name: str(path).replace("'", "''") for name, path in self.stage.items()}
        if self.con is None:
            self._open()
        self.con.begin()
        self.con.execute("CREATE OR REPLACE TEMP TABLE run_ids (article_id VARCHAR)")
        self.con.execute(f"INSERT INTO run_ids SELECT article_id FROM read_parquet('{stage['articles']}')")
        if self.touched:  # one UPDATE … FROM, not one statement per article
            cols = ("source", "url", "published", "warning", "title", "outlet", "article_id")
            touched = pa.table({c: pa.array([t[i] for t in self.touched], pa.string()) for i, c in enumerate(cols)})
            self.con.register("touched_new", touched)
            self.con.execute(
                "UPDATE articles SET source = t.source, url = t.url, published = t.published, warning = t.warning, "
                "title = coalesce(t.title, articles.title), outlet = t.outlet "
                "FROM touched_new t WHERE articles.article_id = t.article_id")
            self.con.unregister("touched_new")
        for name in TABLES:
            self.con.execute(f"DELETE FROM {name} WHERE article_id IN "
                             f"(SELECT article_id FROM read_parquet('{stage['articles']}'))")
            cols = ", ".join(f'"{c}"' for c in SCHEMAS[name].names)
            self.con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM read_parquet('{stage[name]}')")
        if self.touched:
            self._remember(t[-1] for t in self.touched)
        if self.replace:
            for name in TABLES:
                self.con.execute(f"DELETE FROM {name} WHERE article_id NOT IN (SELECT article_id FROM run_ids)")
        self.con.commit()
        self._drop_stage()
        self.recluster()

    def rollback(self) -> None:
        """Forget the run: nothing of it reaches the database."""
        try:
            if self.con is not None:
                self.con.rollback()
        except Exception:  # noqa: BLE001, S110  no transaction was open: nothing to undo
            pass
        self._drop_stage()

    def _drop_stage(self) -> None:
        for w in getattr(self, "writers", {}).values():
            w.close()
        self.writers = {}
        for path in getattr(self, "stage", {}).values():
            path.unlink(missing_ok=True)

    def remove(self, article_ids: Iterable[str]) -> list[str]:
        """Delete these articles (all four tables, one transaction); returns the ids that were there."""
        ids = sorted(set(article_ids))
        self.con.begin()
        present = [r[0] for r in self.con.execute(
            "SELECT article_id FROM articles WHERE list_contains(?, article_id)", [ids]).fetchall()]
        for name in TABLES:
            self.con.execute(f"DELETE FROM {name} WHERE list_contains(?, article_id)", [ids])
        self._cluster_quotes()
        self.con.commit()
        return sorted(present)

    def recluster(self) -> None:
        """The quote clusters recomputed in their own transaction, right after a run's rows
        are committed: inside the loading transaction the same update costs about six times
        as much (DuckDB updating rows it has just appended; benchmarks/bench_commit.py: +42%
        of a 20,000-article commit, against +8% so). Cluster ids are derived data: a run
        killed between the two leaves its new quotes without one (the views then count each
        copy), and the next opening of the corpus clusters them."""
        self.con.begin()
        try:
            self._cluster_quotes()
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def _cluster_quotes(self) -> None:
        """``quote_cluster_id`` of every quote in the corpus, the copies of one quote joined
        (:func:`pipeline.dedup.quote_clusters`), inside the caller's transaction. Exact
        repeats (the same speaker, the same lower-case words) are grouped by the database
        first, so Python compares each distinct quote once."""
        from .dedup import QuoteRef, quote_clusters

        self.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE quote_keys AS
            SELECT q.article_id, q.quote_id,
                   coalesce(q.speaker_entity_id, 'SOURCE:' || lower(q.speaker_name)) AS speaker,
                   trim(regexp_replace(lower(q.text), '[^\\p{{L}}\\p{{N}}]+', ' ', 'g')) AS words,
                   coalesce(a.published, '9999') || ' ' || q.quote_id AS seen
            FROM quotes q JOIN articles a USING (article_id)""")
        reps = self.con.execute("""
            SELECT speaker, words, arg_min(article_id, seen), arg_min(quote_id, seen), min(seen)
            FROM quote_keys WHERE speaker IS NOT NULL GROUP BY speaker, words""").fetchall()
        clusters = quote_clusters(QuoteRef(aid, qid, speaker, words, seen) for speaker, words, aid, qid, seen in reps)
        self.con.register("clusters_new", pa.table({
            "speaker": [r[0] for r in reps], "words": [r[1] for r in reps],
            "cid": [clusters[(r[2], r[3])] for r in reps]}))
        self.con.execute("""
            UPDATE quotes SET quote_cluster_id = coalesce(c.cid, 'Q:' || quotes.quote_id)
            FROM quote_keys k LEFT JOIN clusters_new c ON c.speaker = k.speaker AND c.words = k.words
            WHERE quotes.article_id = k.article_id AND quotes.quote_id = k.quote_id
              AND quotes.quote_cluster_id IS DISTINCT FROM coalesce(c.cid, 'Q:' || quotes.quote_id)""")
        self.con.unregister("clusters_new")
        self.con.execute("DROP TABLE quote_keys")

    def run_counts(self) -> tuple[int, int]:
        """(entities, quotes) of the articles this run saw, reused ones included."""
        return tuple(self.con.execute(  # type: ignore[return-value]
            f"SELECT count(*) FROM {name} WHERE article_id IN (SELECT article_id FROM run_ids)").fetchone()[0]
            for name in ("entities", "quotes"))

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def _remember(self, ids: Iterable[str]) -> None:
        self.con.register("ids_new", pa.table({"article_id": list(ids)}))
        self.con.execute("INSERT INTO run_ids SELECT article_id FROM ids_new")
        self.con.unregister("ids_new")

    def _insert(self, name: str, table: pa.Table) -> None:
        self.con.register("rows_new", table)
        cols = ", ".join(f'"{c}"' for c in table.column_names)
        self.con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM rows_new")
        self.con.unregister("rows_new")

    # -- files for pandas users -----------------------------------------------------------

    def export(self, formats: Iterable[str] = ("parquet",)) -> list[Path]:
        """Every table and view as ``NAME.parquet`` (and ``NAME.csv``), each replaced atomically.

        ``articles`` is written last: a reader that sees it new sees the others new too.
        """
        csv = "csv" in set(formats)
        written = []
        for name in (*TABLES[1:], *VIEWS, TABLES[0]):
            order = f" ORDER BY {ORDER[name]}" if name in ORDER else " ORDER BY 1"
            query = f"SELECT * FROM {name}{order}"
            written.append(self._copy(query, self.out / f"{name}.parquet", "(FORMAT parquet)"))
            if csv:
                cols = self.con.execute(f"SELECT * FROM {name} LIMIT 0").description
                flat = ", ".join(
                    f"array_to_string(\"{c[0]}\", '|') AS \"{c[0]}\"" if str(c[1]).endswith("[]") else f'"{c[0]}"'
                    for c in cols)
                written.append(self._copy(f"SELECT {flat} FROM {name}{order}", self.out / f"{name}.csv",
                                          "(FORMAT csv, HEADER)"))
        return written

    def _copy(self, query: str, path: Path, options: str) -> Path:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self.con.execute(f"COPY ({query}) TO '{tmp}' {options}")
        os.replace(tmp, path)
        return path


def remove_stale_files(out: Path) -> None:
    """Staged rows and export files left by a run that was killed (only this module's names)."""
    ours = {*TABLES, *VIEWS} | {f"stage-{name}" for name in TABLES}
    for stale in Path(out).glob(".*.tmp"):
        if stale.name.split(".")[1] in ours:
            stale.unlink(missing_ok=True)
