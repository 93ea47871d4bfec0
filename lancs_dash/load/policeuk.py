"""police.uk street-level crime and ASB records for the force.

Reads either the project layout (policeuk/*street*.csv.gz, possibly several months per file) or
police.uk's own download layout (a zip, or YYYY-MM/YYYY-MM-<force>-street.csv[.gz] folders).
A multi-force file is filtered to the force. When two files hold the same month for the force
(the national January 2025 file repeats the force's own records), the month is counted from one
file only: ASB rows have no Crime ID, so de-duplicating by ID would not work.

Districts hold records by LSOA code; wards (when the database has them) by the ward their published point
(Longitude/Latitude) falls in (lancs_dash/load/wards.py).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from lancs_dash.config import ASB, CATEGORIES, FORCE
from lancs_dash.load import wards
from lancs_dash.load.context import LoadContext, LoadError
from lancs_dash.load.forces import name_key

NAME = "policeuk"
BEFORE_DISTRICTS = "before the districts shown"  # unplaced: a month of other district boundaries (load/area.py)
TABLES = ("policeuk_month", "policeuk_monthly", "policeuk_unplaced", "policeuk_lsoa_monthly", "policeuk_outcomes",
          "policeuk_ward_unplaced", "policeuk_point")


# Our grouping of police.uk outcome categories (documented on the About page).
OUTCOME_GROUPS = {
    "Charged or summonsed": (
        "Awaiting court outcome", "Court result unavailable", "Court case unable to proceed",
        "Defendant found not guilty", "Defendant sent to Crown Court", "Offender sent to prison",
        "Offender given suspended prison sentence", "Offender given community sentence", "Offender fined",
        "Offender given conditional discharge", "Offender given absolute discharge",
        "Offender ordered to pay compensation", "Offender deprived of property", "Offender otherwise dealt with",
        "Suspect charged as part of another case",
    ),
    "Out-of-court resolution": (
        "Offender given a caution", "Offender given penalty notice", "Local resolution",
        "Offender given a drugs possession warning",
    ),
    "No further action": (
        "Unable to prosecute suspect", "Investigation complete; no suspect identified",
        "Formal action is not in the public interest", "Further action is not in the public interest",
        "Further investigation is not in the public interest",
    ),
    "Passed to another organisation": ("Action to be taken by another organisation",),
    "Under investigation": ("Under investigation",),
    "Status not available": ("Status update unavailable",),
}
UNRECOGNISED_OUTCOME = "Other outcome"

REQUIRED = ["Month", "Reported by", "LSOA code", "Crime type", "Last outcome category"]
MAX_MEMBER_BYTES = 2 << 30  # a single police.uk force-month is well under 200 MB
MAX_RATIO = 200  # compression ratio beyond which a large zip member is treated as a zip bomb
MIN_BOMB_BYTES = 64 << 20  # small members may compress well (a file of blanks); only large ones are refused
# Districts place records by LSOA code, not coordinates, but points off the British Isles signal a damaged
# file, so they are counted in provenance.
UK_BOUNDS = {"lon": (-8.7, 1.8), "lat": (49.8, 60.9)}
# police.uk's own file names carry the force: 2022-03-cumbria-street.csv
POLICEUK_NAME = re.compile(r"\d{4}-\d{2}-(.+)-street\.csv(\.gz)?", re.IGNORECASE)


def _is_street(p: Path) -> bool:
    n = p.name.lower()
    return "street" in n and (n.endswith(".csv") or n.endswith(".csv.gz")) and "counts" not in n and "coverage" not in n


def _is_outcomes(p: Path) -> bool:
    n = p.name.lower()
    return n.endswith(("-outcomes.csv", "-outcomes.csv.gz"))


def discover(root: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """Street files, outcomes files and zips under `root` (or `root` itself when it is a zip)."""
    if root.is_file():
        return [], [], [root] if root.suffix.lower() == ".zip" else []
    paths = sorted(p for p in root.rglob("*") if p.is_file())
    return ([p for p in paths if _is_street(p)], [p for p in paths if _is_outcomes(p)],
            [p for p in paths if p.suffix.lower() == ".zip"])


def present(root: Path) -> bool:
    return any(discover(root))


def _extract(ctx: LoadContext, zpath: Path, into: Path) -> list[Path]:
    try:
        with zipfile.ZipFile(zpath) as z:
            out = []
            for info in z.infolist():
                member = Path(info.filename)
                if info.is_dir() or not (_is_street(member) or _is_outcomes(member)):
                    continue
                if info.file_size > MAX_MEMBER_BYTES or (info.file_size > MIN_BOMB_BYTES and
                                                         info.file_size > MAX_RATIO * info.compress_size):
                    raise _bomb(ctx, zpath, info.filename, info.file_size, info.compress_size)
                target = into / zpath.stem / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with z.open(info) as src, target.open("wb") as dst:
                    # The sizes in the header can lie: stop at the limit whatever they say.
                    while chunk := src.read(1 << 20):
                        if dst.tell() + len(chunk) > MAX_MEMBER_BYTES:
                            raise _bomb(ctx, zpath, info.filename, dst.tell() + len(chunk), info.compress_size)
                        dst.write(chunk)
                out.append(target)
    except (zipfile.BadZipFile, EOFError, OSError) as e:
        raise LoadError(f"{ctx.rel(zpath)}: not a readable zip file ({e})") from e
    if not out:
        raise LoadError(f"{ctx.rel(zpath)}: expected police.uk files named YYYY-MM-<force>-street.csv inside; found none")
    return out


def _bomb(ctx: LoadContext, zpath: Path, name: str, size: int, packed: int) -> LoadError:
    return LoadError(f"{ctx.rel(zpath)}: member {name} would expand to more than {size:,} bytes from {packed:,}; "
                     "expected a police.uk monthly file (refusing a possible zip bomb)")


def load(ctx: LoadContext, slug: str = FORCE.slug, place: Callable[[LoadContext, str], None] | None = None) -> str:
    """Load the street records of the force `slug` and return its name as the files write it ("Reported by").

    `place(ctx, name)` fills the force's areas once the months are known (another force's districts depend on
    them); without it the areas are already loaded (Lancashire's own geography).
    """
    streets, outcomes, zips = discover(ctx.root)
    with tempfile.TemporaryDirectory(prefix="lancs-zip-") as tmp:
        labels: dict[Path, str] = {p: ctx.rel(p) for p in streets + outcomes}
        for z in zips:
            for member in _extract(ctx, z, Path(tmp)):
                labels[member] = f"{ctx.rel(z)}:{member.name}"
                (streets if _is_street(member) else outcomes).append(member)
        if not streets:
            raise LoadError(f"{ctx.root.name}: no police.uk street files found (expected *-street.csv, *.csv.gz or a zip)")
        ctx.con.execute("CREATE TEMP TABLE street (file VARCHAR, multi BOOLEAN, month DATE, lsoa_code VARCHAR,"
                        " category VARCHAR, outcome VARCHAR, lon DOUBLE, lat DOUBLE)")
        ctx.con.execute("CREATE TEMP TABLE cats AS SELECT unnest($c) AS category", {"c": list(CATEGORIES)})
        for p in streets:
            named = POLICEUK_NAME.fullmatch(p.name)
            if named and named.group(1).lower() != slug:
                raise LoadError(f"{labels[p]}: a police.uk file of the force '{named.group(1)}'; expected only "
                                f"{slug}'s files (YYYY-MM-{slug}-street.csv): a folder must hold one force's files")
        names: set[str] = set()
        reads = {p: _stage_street(ctx, p, labels[p], slug, names) for p in streets}
        name = FORCE.name if slug == FORCE.slug else min(names, default=slug)
        polys = wards.polygons(ctx)
        _choose_months(ctx, reads, labels, name, polys)
        ctx.con.execute("CREATE TEMP TABLE district_month AS SELECT DISTINCT month FROM street")
        if place is not None:
            place(ctx, name)
        for p in outcomes:
            rows = ctx.stage_csv("raw_outcomes", p, ["Month", "Outcome type"], labels[p])
            ctx.record(NAME, p, rows, 0, label=labels[p],
                       note="outcomes file read but not needed: each street record carries its last outcome")
    _build_tables(ctx, f"{FORCE.lsoa11_lookup} and {FORCE.lsoa21_lookup}" if slug == FORCE.slug
                  else "the national LSOA lookups", polys)
    return name


def _stage_street(ctx: LoadContext, path: Path, label: str, slug: str,
                  names: set[str]) -> tuple[int, tuple[int, int | None]]:
    ctx.progress(f"police.uk: reading {label}")
    rows = ctx.stage_csv("raw_street", path, REQUIRED, label)
    ctx.fail_on("raw_street", "NOT regexp_full_match(coalesce(Month, ''), '\\d{4}-(0[1-9]|1[0-2])')", label,
                "expected Month as YYYY-MM", "Month")
    ctx.fail_on("raw_street", "strptime(Month, '%Y-%m')::DATE > $today", label,
                "expected a month no later than the current month", "Month", {"today": ctx.today})
    ctx.fail_on("raw_street", '"Crime type" IS NULL OR "Crime type" NOT IN (SELECT category FROM cats)', label,
                f"expected a police.uk crime type ({', '.join(CATEGORIES)})", '"Crime type"')
    ctx.fail_on("raw_street", "NOT regexp_full_match(coalesce(\"LSOA code\", 'E01000000'), '[EW]01\\d{6}')", label,
                "expected an LSOA code such as E01012345 or a blank", '"LSOA code"')
    off_map = _off_map(ctx)
    reported = [r[0] for r in ctx.con.execute('SELECT DISTINCT "Reported by" FROM raw_street').fetchall()]
    # Lancashire is matched by its configured name (as always); another force by its slug's name key, which
    # also gives the name its files write ("Cumbria Constabulary").
    ours = [FORCE.name] if slug == FORCE.slug else [r for r in reported if r and name_key(r) == slug]
    if len(reported) == 1 and reported[0] not in ours:
        raise LoadError(f"{label}: every record is reported by {reported[0]!r}; expected {slug}'s records "
                        "(a folder must hold one force's files)")
    if len(set(names) | set(ours)) > 1:
        raise LoadError(f"{label}: records reported by {', '.join(sorted(set(ours) - names))!r} while earlier files "
                        f"name {', '.join(sorted(names))!r}; expected one force's name throughout")
    names.update(ours)
    located = {"Longitude", "Latitude"} <= {r[0] for r in ctx.con.execute("DESCRIBE raw_street").fetchall()}
    point = "TRY_CAST(Longitude AS DOUBLE), TRY_CAST(Latitude AS DOUBLE)" if located else "NULL, NULL"
    ctx.con.execute(
        f"""INSERT INTO street
            SELECT $f, $multi, strptime(Month, '%Y-%m')::DATE,
                   "LSOA code", "Crime type", "Last outcome category", {point}
            FROM raw_street WHERE "Reported by" IN (SELECT unnest($force))""",
        {"f": label, "force": ours, "multi": len(reported) > 1},
    )
    return rows, off_map


def _off_map(ctx: LoadContext) -> tuple[int, int | None]:
    """Rows with coordinates that are not a point in the UK, and the first of them."""
    columns = {r[0] for r in ctx.con.execute("DESCRIBE raw_street").fetchall()}
    if not {"Longitude", "Latitude"} <= columns:
        return 0, None
    (lon0, lon1), (lat0, lat1) = UK_BOUNDS["lon"], UK_BOUNDS["lat"]
    return ctx.con.execute(
        f"""SELECT count(*), min(line) FROM raw_street
            WHERE (Longitude IS NOT NULL OR Latitude IS NOT NULL) AND NOT coalesce(
                TRY_CAST(Longitude AS DOUBLE) BETWEEN {lon0} AND {lon1}
                AND TRY_CAST(Latitude AS DOUBLE) BETWEEN {lat0} AND {lat1}, false)""").fetchone()


def _choose_months(ctx: LoadContext, reads: dict[Path, tuple[int, tuple[int, int | None]]],
                   labels: dict[Path, str], force_name: str, polys: wards.Polygons | None) -> None:
    """Count each month from one file: single-force files first, then by name."""
    con = ctx.con
    ctx.run("""
        CREATE TEMP TABLE file_month AS SELECT DISTINCT file, month FROM street;
        CREATE TEMP TABLE month_file AS
            SELECT month, arg_min(file, (multi, file)) AS file FROM street GROUP BY month;
        DELETE FROM street s USING month_file m WHERE m.month = s.month AND s.file <> m.file
        """)
    for path, (rows, (off_map, first_off_map)) in reads.items():
        label = labels[path]
        kept, lo, hi = con.execute(
            "SELECT count(*), strftime(min(month), '%Y-%m'), strftime(max(month), '%Y-%m') FROM street WHERE file = $f",
            {"f": label}).fetchone()
        dup = con.execute(
            """SELECT string_agg(strftime(f.month, '%Y-%m'), ', ' ORDER BY f.month)
               FROM file_month f JOIN month_file m USING (month) WHERE f.file = $f AND m.file <> $f""",
            {"f": label}).fetchone()[0]
        note = f"{force_name} records"
        if dup:
            note += f"; months {dup} not counted from this file (already counted from another file)"
        if rows > kept:
            note += f"; {rows - kept:,} rows not counted (other forces' records or months counted elsewhere)"
        if off_map:
            note += (f"; {off_map:,} rows (first: data row {first_off_map}) have coordinates outside the UK or not "
                     "numbers: still counted, as districts place records by LSOA code, not coordinates")
        if polys is not None:
            note += f"; wards place records by their point in {polys.how}"
        ctx.record(NAME, path, rows, kept, (lo, hi), note, label=label)


def _build_tables(ctx: LoadContext, lookups: str, polys: wards.Polygons | None) -> None:
    con = ctx.con
    ctx.progress("police.uk: aggregating")
    bad = con.execute("SELECT lsoa_code FROM lsoa GROUP BY lsoa_code HAVING count(DISTINCT district_code) > 1 LIMIT 1").fetchone()
    if bad:
        raise LoadError(f"{lookups}: {bad[0]} is in two different districts; "
                        "expected each LSOA in one district whichever its vintage")
    con.execute("CREATE TEMP TABLE outcome_group (outcome VARCHAR, outcome_group VARCHAR)")
    con.executemany("INSERT INTO outcome_group VALUES (?, ?)",
                    [(o, g) for g, outs in OUTCOME_GROUPS.items() for o in outs])
    wards.place_points(ctx, polys, "SELECT lon, lat FROM street", "street_ward")
    ctx.run(
        """
        INSERT INTO policeuk_month
            SELECT month, count(*), any_value(file) FROM street GROUP BY month;

        CREATE TEMP TABLE placed AS
        SELECT s.month, s.category, s.outcome, s.lsoa_code, CASE WHEN d.month IS NOT NULL THEN l.district_code END district_code,
               s.lon, s.lat, w.ward_code,
               CASE WHEN s.lsoa_code IS NULL THEN 'no location'
                    WHEN d.month IS NULL THEN $before
                    WHEN l.district_code IS NULL THEN 'outside the force area' END AS unplaced
        FROM street s LEFT JOIN (SELECT DISTINCT lsoa_code, district_code FROM lsoa) l USING (lsoa_code)
        LEFT JOIN district_month d USING (month)
        LEFT JOIN street_ward w USING (lon, lat);

        CREATE TEMP TABLE counted AS
            SELECT month, 'district' AS area_level, district_code AS area_code, category, count(*) AS n
            FROM placed WHERE district_code IS NOT NULL GROUP BY ALL
            UNION ALL
            SELECT p.month, 'division', a.parent_code, p.category, count(*)
            FROM placed p JOIN area a ON a.area_level = 'district' AND a.area_code = p.district_code GROUP BY ALL
            UNION ALL
            SELECT month, 'force', (SELECT area_code FROM area WHERE area_level = 'force'), category, count(*)
            FROM placed GROUP BY ALL
            UNION ALL
            SELECT month, 'ward', ward_code, category, count(*) FROM placed WHERE ward_code IS NOT NULL GROUP BY ALL;

        INSERT INTO policeuk_monthly
            SELECT m.month, a.area_level, a.area_code, c.category, coalesce(k.n, 0)
            FROM policeuk_month m CROSS JOIN area a CROSS JOIN cats c
            LEFT JOIN counted k ON k.month = m.month AND k.area_level = a.area_level
                               AND k.area_code = a.area_code AND k.category = c.category
            -- Months of other district boundaries have force rows only: never zeros for areas not then in force.
            WHERE a.area_level = 'force' OR m.month IN (SELECT month FROM district_month);

        INSERT INTO policeuk_unplaced
            SELECT month, category, unplaced, count(*) FROM placed WHERE unplaced IS NOT NULL GROUP BY ALL;

        INSERT INTO policeuk_lsoa_monthly
            SELECT month, lsoa_code, district_code, category, count(*)
            FROM placed WHERE district_code IS NOT NULL GROUP BY ALL;

        INSERT INTO policeuk_outcomes
            SELECT p.month, lvl.area_level,
                   CASE lvl.area_level WHEN 'force' THEN (SELECT area_code FROM area WHERE area_level = 'force')
                        ELSE p.district_code END,
                   p.category, coalesce(p.outcome, 'No outcome recorded'),
                   coalesce(g.outcome_group, $other), count(*)
            FROM placed p LEFT JOIN outcome_group g USING (outcome)
            CROSS JOIN (VALUES ('force'), ('district')) lvl(area_level)
            WHERE p.category <> $asb AND (lvl.area_level = 'force' OR p.district_code IS NOT NULL)
            GROUP BY ALL;

        INSERT INTO policeuk_ward_unplaced
            SELECT month, district_code, category, count(*) FROM placed
            WHERE ward_code IS NULL AND EXISTS (FROM area WHERE area_level = 'ward') GROUP BY ALL;

        INSERT INTO policeuk_point
            SELECT month, category, lon, lat, ward_code, district_code, count(*) FROM placed
            WHERE month = (SELECT max(month) FROM policeuk_month) AND lon IS NOT NULL AND lat IS NOT NULL
              AND (ward_code IS NOT NULL OR district_code IS NOT NULL)
            GROUP BY ALL;
        """,
        {"other": UNRECOGNISED_OUTCOME, "asb": ASB, "before": BEFORE_DISTRICTS},
    )
    ctx.record_coverage(NAME, "policeuk_month")
