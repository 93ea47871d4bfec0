"""The one build step: every source module loads into a new database file beside the target, the
result is validated, and only then renamed over the target. A failed or interrupted load removes
its own file and leaves the served database untouched.

Sources missing from the input folder (for example when loading a bare police.uk zip) are carried
over from the embedded default, and provenance says so. The loader writes the database and nothing
else: the refresh command (lancs_dash.refresh) publishes page models, extracts and plain pages from the
finished file before it is swapped in (`before_swap`).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb

from lancs_dash.config import EMBEDDED_DEFAULT
from lancs_dash.files import swap_file, swap_folder
from lancs_dash.load import (
    area,
    boundaries,
    forces,
    geography,
    groups,
    homeoffice,
    national,
    official,
    policeuk,
    population,
    postcodes,
    stats19,
)
from lancs_dash.load.context import LoadContext, LoadError

# Sources of every force (national geography, populations, comparison groups) read from a folder laid out
# like shared/national (`national_dir`), loaded first; without one, their tables come from the embedded default.
NATIONAL_SOURCES: tuple = (boundaries, groups)
# The force's own sources, in dependency order.
SOURCES = (geography, population, official, policeuk, national, stats19, homeoffice, forces, postcodes)
# For a force other than Lancashire: its areas come from the national geography (load/area.py) as its police.uk
# files are read; the national sources may come from the folder or the default; Lancashire's own sources
# (official figures, STATS19, postcodes, finance) are left empty, so the app shows only what the force has.
OTHER_FORCE_SOURCES = (policeuk, national, homeoffice, forces)
BOOK_KEEPING = ("provenance", "rejection", "coverage", "meta", "release_note")
ALL_TABLES = tuple(t for s in (*NATIONAL_SOURCES, *SOURCES) for t in s.TABLES) + BOOK_KEEPING
SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
LOADER_VERSION = "1"


@dataclass
class BuildReport:
    db_path: Path
    seconds: float
    table_rows: dict[str, int]
    policeuk: tuple[int, int, int]  # rows read, kept, rejected
    loaded_seconds: float = 0.0  # the load alone, before anything run by `before_swap`


def build(db_path: Path, source_dir: Path | None = None, *, default_dir: Path = EMBEDDED_DEFAULT,
          export_default: Path | None = None, today: date | None = None, quiet: bool = False,
          carried_from: str = "the embedded default", merge: Callable[[LoadContext], None] | None = None,
          before_swap: Callable[[Path], None] | None = None, national_dir: Path | None = None,
          force: str | None = None) -> BuildReport:
    """Build the database at `db_path` from raw files in `source_dir` (or the embedded default).

    `default_dir` (named `carried_from` in provenance) supplies the sources `source_dir` lacks; `merge`
    runs after every source has loaded and before validation (a refresh adds the months it did not fetch).
    `before_swap(file)` runs on the finished, closed file just before it replaces `db_path`: if it raises,
    nothing is swapped and the served database is untouched. `national_dir` (laid out like shared/national)
    supplies NATIONAL_SOURCES; without it they are carried over from `default_dir`. `force` is police.uk's slug of
    the force to load (default: Lancashire); another force's files must be in `source_dir`.
    """
    started = time.perf_counter()
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.building-{os.getpid()}")
    _remove(tmp)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(SCHEMA)
        ctx = LoadContext(con, Path(source_dir) if source_dir else None, today=today or date.today(), quiet=quiet)
        national_ctx = LoadContext(con, Path(national_dir) if national_dir else None, today=ctx.today,
                                   loaded_at=ctx.loaded_at, quiet=quiet)
        for source in NATIONAL_SOURCES:
            if national_dir is not None and source.present(Path(national_dir)):
                national_ctx.progress(f"{source.NAME}: loading from {Path(national_dir).name}")
                source.load(national_ctx)
            else:
                _copy_from_default(ctx, source, default_dir, carried_over=national_dir is not None,
                                   carried_from=carried_from)
        spec = area.resolve(con, force)
        if not spec.is_lancashire and source_dir is None:
            raise LoadError(f"--force {spec.slug}: expected --from DIR with {spec.slug}'s police.uk files "
                            "(the embedded default holds Lancashire's records)")
        for source in SOURCES if spec.is_lancashire else OTHER_FORCE_SOURCES:
            if source_dir is not None and source.present(Path(source_dir)):
                ctx.progress(f"{source.NAME}: loading from {Path(source_dir).name}")
                if source is policeuk and not spec.is_lancashire:
                    spec = _load_other_force(ctx, spec, default_dir)
                else:
                    source.load(ctx)
            elif source_dir is not None and source is policeuk:
                raise LoadError(f"{Path(source_dir).name}: no police.uk street files found "
                                "(expected policeuk/*street*.csv.gz, YYYY-MM/YYYY-MM-<force>-street.csv or a zip)")
            else:
                _copy_from_default(ctx, source, default_dir, carried_over=source_dir is not None,
                                   carried_from=carried_from)
        if source_dir is None:
            _copy_tables(con, default_dir, ("meta",))
        if not spec.is_lancashire:
            spec = replace(spec, homeoffice_name=area.homeoffice_name(con, spec.slug))
        _write_meta(ctx, source_dir, spec)
        if merge is not None:
            merge(ctx)
        _validate(con)
        report = BuildReport(db_path, 0.0, _row_counts(con), _policeuk_totals(con))
        if export_default is not None:
            export(con, Path(export_default))
        con.close()
        report.loaded_seconds = time.perf_counter() - started
        if before_swap is not None:
            before_swap(tmp)
        swap_file(tmp, db_path)
    except BaseException:
        con.close()
        _remove(tmp)
        raise
    report.seconds = time.perf_counter() - started
    return report


def _load_other_force(ctx: LoadContext, spec: area.ForceSpec, default_dir: Path) -> area.ForceSpec:
    """Another force's records, placed in its districts of their time; returns the force named as its files do."""
    named = spec

    def place(c: LoadContext, name: str) -> None:
        nonlocal named
        named = replace(spec, name=name)
        area.place(c, named)

    policeuk.load(ctx, spec.slug, place)
    # Every force's population (for comparisons) is national: kept from the default.
    _copy_tables(ctx.con, default_dir, ("population",), "WHERE area_level = 'pfa'")
    return named


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)


def _copy_tables(con: duckdb.DuckDBPyConnection, default_dir: Path, tables, where: str = "", params=None) -> None:
    for table in tables:
        path = default_dir / f"{table}.parquet"
        if not path.exists():
            raise LoadError(f"embedded default: {path.name} is missing; regenerate it (see README, 'Embedded default')")
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet($p) {where}",
                    {"p": str(path), **(params or {})})


def _copy_from_default(ctx: LoadContext, source, default_dir: Path, carried_over: bool,
                       carried_from: str = "the embedded default") -> None:
    ctx.progress(f"{source.NAME}: from {carried_from}")
    _copy_tables(ctx.con, default_dir, source.TABLES)
    for table in ("provenance", "rejection", "coverage"):
        _copy_tables(ctx.con, default_dir, (table,), "WHERE source = $s", {"s": source.NAME})
    if carried_over:
        ctx.con.execute("UPDATE provenance SET note = note || $n WHERE source = $s",
                        {"s": source.NAME, "n": f" (carried over from {carried_from}: not in the folder loaded)"})


def _write_meta(ctx: LoadContext, source_dir: Path | None, force: area.ForceSpec) -> None:
    built_from = "embedded default" if source_dir is None else f"raw open data folder '{Path(source_dir).name}'"
    # data_version names this file's data: the page models published from it carry it (lancs_dash.publish).
    rows = {"built_at": ctx.loaded_at.isoformat(timespec="seconds") + "Z", "built_from": built_from,
            "loader_version": LOADER_VERSION, "data_version": uuid.uuid4().hex,
            # The force the file describes: the app names it from here (lancs_dash/read/force.py).
            "force_slug": force.slug, "force_name": force.name, "force_short_name": force.short_name,
            "pfa_code": force.pfa_code, "homeoffice_name": force.homeoffice_name}
    if source_dir is not None:
        rows["data_built_at"] = rows["built_at"]
    for key, value in rows.items():
        ctx.con.execute("INSERT OR REPLACE INTO meta VALUES ($k, $v)", {"k": key, "v": value})


def _validate(con: duckdb.DuckDBPyConnection) -> None:
    """Checks that must hold before the new file may replace the served one."""
    for table in ("area", "population", "policeuk_month", "policeuk_monthly", "provenance"):
        if not con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            raise LoadError(f"validation: table {table} is empty; expected rows")
    mismatch = con.execute(
        """SELECT strftime(m.month, '%Y-%m') FROM policeuk_month m
           JOIN (SELECT month, sum(n) n FROM policeuk_monthly WHERE area_level = 'force' GROUP BY month) f USING (month)
           WHERE f.n <> m.records LIMIT 1""").fetchone()
    if mismatch:
        raise LoadError(f"validation: force total for {mismatch[0]} differs from the records loaded")
    # A ward may lack a population (no small-area centroid falls in it): its page then shows counts only.
    no_pop = con.execute(
        """SELECT string_agg(area_name, ', ') FROM area WHERE area_level <> 'ward' AND (area_level, area_code) NOT IN
           (SELECT (area_level, area_code) FROM population)""").fetchone()[0]
    if no_pop:
        raise LoadError(f"validation: no population for {no_pop}")
    wards_off = con.execute(
        """SELECT strftime(f.month, '%Y-%m') FROM policeuk_month f
           JOIN (SELECT month, sum(n) n FROM policeuk_monthly WHERE area_level = 'ward' GROUP BY month) w USING (month)
           LEFT JOIN (SELECT month, sum(n) n FROM policeuk_ward_unplaced GROUP BY month) u USING (month)
           WHERE w.n + coalesce(u.n, 0) <> f.records LIMIT 1""").fetchone()
    if wards_off:
        raise LoadError(f"validation: ward totals and records placed in no ward for {wards_off[0]} differ from the "
                        "records loaded")


def _row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ALL_TABLES}


def _policeuk_totals(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    return con.execute(
        "SELECT coalesce(sum(rows_read), 0), coalesce(sum(rows_kept), 0), coalesce(sum(rows_rejected), 0) "
        "FROM provenance WHERE source = 'policeuk'").fetchone()


def export(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Write every table as Parquet into `target`, swapping the folder in whole."""
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for table in ALL_TABLES:
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{staging / table}.parquet' "
                    "(FORMAT parquet, COMPRESSION zstd)")
    swap_folder(staging, target)
