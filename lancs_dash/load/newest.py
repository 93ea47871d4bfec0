"""`python -m lancs_dash.refresh --fetch`: add police.uk's newest months to the database, and say what changed.

1. Ask police.uk which months exist and open the newest archive (lancs_dash.load.fetch).
2. If the database already holds exactly this archive's files for the force (same names and CRC-32s,
   recorded in `meta`), stop: nothing new, nothing written.
3. Extract the force's street and outcomes files and build as any load does (build.build: a new file
   beside the served one, validated, then swapped in), with every other source carried over from the
   served database, and the months held that the archive does not cover merged back in.
   A month in the archive replaces the month held: police.uk's newer publication wins.
4. Record a release note: months added, months revised (previous and new force records, and which
   crime types moved), files read. If nothing was added or revised, nothing is written.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from lancs_dash.config import DATA_DIR, EMBEDDED_DEFAULT, FORCE
from lancs_dash.load import build as builder
from lancs_dash.load import fetch, policeuk
from lancs_dash.load.context import LoadContext, LoadError, sha256

DEFAULT_CACHE = DATA_DIR / "cache" / "policeuk"
FINGERPRINT_KEY = "policeuk_archive"  # meta: the archive and force members the database holds


class NothingNew(Exception):
    """The archive adds and revises no month: the served database is left as it is."""


@dataclass
class Change:
    month: str
    previous: int | None
    new: int
    detail: str


@dataclass
class FetchReport:
    archive: str
    archive_bytes: int
    downloaded_bytes: int
    requests: int
    how: str
    members: list[str]
    added: list[Change] = field(default_factory=list)
    revised: list[Change] = field(default_factory=list)
    unchanged: int = 0
    nothing_new: str = ""  # why nothing was written, when nothing was
    build: builder.BuildReport | None = None


def fetch_and_build(db_path: Path, base_url: str = fetch.DEFAULT_URL, cache: Path = DEFAULT_CACHE, *,
                    before_swap: Callable[[Path], None] | None = None, http: fetch.Http | None = None, quiet: bool = False,
                    today: date | None = None, force: str | None = None) -> FetchReport:
    """Fetch police.uk's newest archive and merge the force's months into the database at `db_path`.

    `force` (police.uk's slug) defaults to the force the database records, or Lancashire for a new database;
    a database is never given another force's months.
    """
    held_force = _held_force(Path(db_path))
    force = force or held_force or FORCE.slug
    if held_force is not None and force != held_force:
        raise LoadError(f"--force {force}: {Path(db_path).name} holds {held_force}'s records; expected --db naming "
                        f"a database of {force} (or a new file)")
    base_url = base_url.rstrip("/")
    if urlsplit(base_url).scheme not in ("http", "https"):
        raise LoadError(f"--police-uk-url {base_url!r}: expected an http:// or https:// address")
    http = http or fetch.Http(quiet=quiet)
    month = fetch.newest_month(base_url, http)
    archive = fetch.open_archive(base_url, month, Path(cache), http)
    with archive.zip:
        members = fetch.wanted(archive, force)
        fingerprint = {"archive": archive.name, "members": {i.filename: f"{i.CRC:08x}" for i in members}}
        report = FetchReport(archive.name, archive.size, 0, 0, archive.how, [i.filename for i in members])
        if _held_fingerprint(Path(db_path)) == fingerprint:
            report.nothing_new = (f"police.uk's newest archive, {archive.name}, holds the same {len(members)} "
                                  f"files for the force as the database already has")
        else:
            with tempfile.TemporaryDirectory(prefix="lancs-fetch-") as tmp:
                source, held = Path(tmp) / archive.name.removesuffix(".zip"), Path(tmp) / "held"
                files = fetch.extract(archive, members, source)
                _export_held(Path(db_path), held)
                if held_force is None and force != FORCE.slug:
                    _drop_held_records(held)
                merge = _Merge(held, archive.name, urlsplit(base_url).netloc, fingerprint, files, report)
                try:
                    report.build = builder.build(db_path, source, default_dir=held, today=today, quiet=quiet,
                                                 before_swap=before_swap, carried_from="the database in use",
                                                 merge=merge, force=force)
                except NothingNew as e:
                    report.nothing_new = str(e)
    report.downloaded_bytes, report.requests = http.received, http.requests
    return report


def _held_force(db_path: Path) -> str | None:
    """The force slug the database in use records (a file from before the loader recorded it is Lancashire's)."""
    if not db_path.exists():
        return None
    with duckdb.connect(str(db_path), read_only=True) as con:
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'force_slug'").fetchone()
        except duckdb.Error:
            return None
    return row[0] if row else FORCE.slug


def _held_fingerprint(db_path: Path) -> dict | None:
    if not db_path.exists():
        return None
    with duckdb.connect(str(db_path), read_only=True) as con:
        try:
            row = con.execute("SELECT value FROM meta WHERE key = $k", {"k": FINGERPRINT_KEY}).fetchone()
        except duckdb.Error:
            return None
    return json.loads(row[0]) if row else None


def _export_held(db_path: Path, target: Path) -> None:
    """The tables of the database in use as Parquet (the embedded default's, when there is no database yet)."""
    target.mkdir(parents=True)
    if not db_path.exists():
        for path in EMBEDDED_DEFAULT.glob("*.parquet"):
            (target / path.name).write_bytes(path.read_bytes())
        return
    with duckdb.connect(str(db_path), read_only=True) as con:
        present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        for table in builder.ALL_TABLES:
            if table in present:  # a database from before a table existed simply has none of its rows
                con.execute(f"COPY {table} TO '{target / table}.parquet' (FORMAT parquet)")


def _drop_held_records(held: Path) -> None:
    """A new database of another force starts from the embedded default, whose police.uk months are Lancashire's:
    none of them may be merged into it."""
    with duckdb.connect() as con:
        for table, keep in [(t, "false") for t in policeuk.TABLES] + [(t, "source <> 'policeuk'")
                                                                      for t in ("provenance", "rejection")]:
            path = held / f"{table}.parquet"
            con.execute(f"CREATE TABLE t AS SELECT * FROM read_parquet('{path}') WHERE {keep}")
            con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
            con.execute("DROP TABLE t")


def _boundaries_of_their_time(ctx: LoadContext) -> None:
    """Held months counted in districts other than those now shown (the fetch crossed a boundary change) keep
    their force totals only, their district records reported as unplaced, as a fresh load of them would
    (load/area.py): a district series never mixes areas."""
    ctx.run(
        """
        CREATE TEMP TABLE shown AS SELECT area_code FROM area WHERE area_level = 'district';
        CREATE TEMP TABLE old_month AS SELECT month FROM policeuk_monthly WHERE area_level = 'district'
            GROUP BY month HAVING bool_or(area_code NOT IN (SELECT area_code FROM shown))
                OR count(DISTINCT area_code) < (SELECT count(*) FROM shown);
        INSERT INTO policeuk_unplaced
            SELECT month, category, $before, sum(n) FROM policeuk_monthly
            WHERE area_level = 'district' AND month IN (SELECT month FROM old_month) GROUP BY ALL HAVING sum(n) > 0;
        DELETE FROM policeuk_monthly WHERE area_level <> 'force' AND month IN (SELECT month FROM old_month);
        DELETE FROM policeuk_outcomes WHERE area_level <> 'force' AND month IN (SELECT month FROM old_month);
        DELETE FROM policeuk_lsoa_monthly WHERE month IN (SELECT month FROM old_month)
        """, {"before": policeuk.BEFORE_DISTRICTS})
    old = ctx.con.execute("SELECT strftime(min(month), '%Y-%m'), strftime(max(month), '%Y-%m'), count(*) "
                          "FROM old_month").fetchone()
    if old[2]:
        ctx.con.execute("UPDATE provenance SET note = note || $n WHERE source = 'geography'",
                        {"n": f"; held months {old[0]} to {old[1]} had other districts: force totals only, their "
                              f"records reported as '{policeuk.BEFORE_DISTRICTS}'"})


class _Merge:
    """Runs inside the build, once the fetched months are loaded: adds the months held that the archive does not
    cover, records what changed, and stops the build when nothing did."""

    def __init__(self, held: Path, archive: str, host: str, fingerprint: dict, files: list[Path],
                 report: FetchReport):
        self.held, self.archive, self.host, self.fingerprint = held, archive, host, fingerprint
        self.files, self.report = files, report

    def _held(self, table: str) -> str:
        return f"read_parquet('{self.held / table}.parquet')"

    def __call__(self, ctx: LoadContext) -> None:
        con = ctx.con
        con.execute(f"CREATE TEMP TABLE held_month AS SELECT month, records FROM {self._held('policeuk_month')}")
        con.execute("CREATE TEMP TABLE fetched_month AS SELECT month, records FROM policeuk_month")
        added = con.execute(
            """SELECT strftime(f.month, '%Y-%m'), f.records FROM fetched_month f
               WHERE f.month NOT IN (SELECT month FROM held_month) ORDER BY f.month""").fetchall()
        self.report.added = [Change(m, None, n, "new month") for m, n in added]
        self.report.revised = self._revisions(con)
        both = con.execute("SELECT count(*) FROM fetched_month JOIN held_month USING (month)").fetchone()[0]
        self.report.unchanged = both - len(self.report.revised)
        if not added and not self.report.revised:
            raise NothingNew(f"police.uk's newest archive, {self.archive}, adds no month and revises none of the "
                             f"{both} months the database already holds for them")
        for table in policeuk.TABLES:  # the months held that the archive does not cover
            con.execute(f"INSERT INTO {table} SELECT * FROM {self._held(table)} "
                        "WHERE month NOT IN (SELECT month FROM fetched_month)")
        _boundaries_of_their_time(ctx)
        kept = ", ".join(sorted({f.month for f in self.report.revised + self.report.added}))
        con.execute(f"""INSERT INTO provenance SELECT * REPLACE (note || $n AS note) FROM {self._held('provenance')}
                        WHERE source = 'policeuk'""",
                    {"n": f" (held from an earlier load; months in police.uk archive {self.archive} replace it)"})
        con.execute(f"INSERT INTO rejection SELECT * FROM {self._held('rejection')} WHERE source = 'policeuk'")
        con.execute("DELETE FROM coverage WHERE source = 'policeuk'")
        ctx.record_coverage(policeuk.NAME, "policeuk_month")
        self._note(ctx, kept)

    def _revisions(self, con: duckdb.DuckDBPyConnection) -> list[Change]:
        """Months in both whose figures differ: force records, and the crime types that moved. Places and
        outcomes can change with the same counts (police.uk updates outcomes every month), so they count too."""
        con.execute("CREATE TEMP TABLE overlap AS SELECT month FROM fetched_month JOIN held_month USING (month)")
        diff = " UNION ALL ".join(
            # Wards are left out: a fetch places points in the stored outlines, which may move a few records
            # across a ward boundary without police.uk revising anything.
            f"SELECT month FROM (SELECT * FROM {new} WHERE month IN (SELECT month FROM overlap) AND area_level <> "
            f"'ward' EXCEPT SELECT * FROM {old} WHERE month IN (SELECT month FROM overlap) AND area_level <> 'ward')"
            for table in ("policeuk_monthly", "policeuk_outcomes")
            for new, old in ((table, self._held(table)), (self._held(table), table)))
        rows = con.execute(f"""
            WITH changed AS (SELECT DISTINCT month FROM ({diff})),
            moved AS (
                SELECT month, category, n.n - o.n AS change
                FROM policeuk_monthly n JOIN {self._held('policeuk_monthly')} o
                     USING (month, area_level, area_code, category)
                WHERE area_level = 'force' AND n.n <> o.n)
            SELECT strftime(c.month, '%Y-%m'), h.records, f.records,
                   string_agg(m.category || ' ' || CASE WHEN m.change > 0 THEN '+' ELSE '' END || m.change, ', '
                              ORDER BY abs(m.change) DESC, m.category)
            FROM changed c JOIN held_month h USING (month) JOIN fetched_month f USING (month)
            LEFT JOIN moved m USING (month)
            GROUP BY ALL ORDER BY 1""").fetchall()
        return [Change(m, old, new, f"by crime type: {moved}" if moved else
                       "same counts by crime type; places or outcomes updated") for m, old, new, moved in rows]

    def _note(self, ctx: LoadContext, months: str) -> None:
        con, at = ctx.con, ctx.loaded_at
        held = self.held / "release_note.parquet"
        if held.exists():
            con.execute(f"INSERT INTO release_note SELECT * FROM read_parquet('{held}')")
        for c in self.report.added + self.report.revised:
            con.execute("INSERT INTO release_note VALUES ($at, $k, $m, $p, $n, $d, $t)",
                        {"at": at, "k": "added" if c.previous is None else "revised", "m": c.month,
                         "p": c.previous, "n": c.new, "d": None if c.previous is None else c.new - c.previous,
                         "t": c.detail})
        for path in self.files:
            con.execute("INSERT INTO release_note VALUES ($at, 'source', NULL, NULL, NULL, NULL, $t)",
                        {"at": at, "t": f"police.uk archive {self.archive} from {self.host}: {path.name} "
                                        f"(sha256 {sha256(path)})"})
        con.execute("INSERT OR REPLACE INTO meta VALUES ($k, $v)",
                    {"k": FINGERPRINT_KEY, "v": json.dumps(self.fingerprint, sort_keys=True)})
        con.execute("INSERT OR REPLACE INTO meta VALUES ('built_from', $v)",
                    {"v": f"police.uk archive {self.archive} ({self.host}), merged with the months held"})
        ctx.progress(f"police.uk: months added or revised: {months}")

