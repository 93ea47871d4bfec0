"""DfT STATS19 road collisions in the force area, by month, district and collision severity.

The files are collision-level: KSI here counts collisions with a fatal or serious casualty, which
is not the number of people killed or seriously injured. STATS19 is published by calendar year, so
every month of each year in a file counts as published.
"""

from __future__ import annotations

from pathlib import Path

from lancs_dash.config import FORCE
from lancs_dash.load.context import LoadContext

NAME = "stats19"
TABLES = ("stats19_month", "stats19_monthly")
REQUIRED = ["accident_index", "accident_year", "police_force", "accident_severity", "number_of_casualties",
            "date", "local_authority_ons_district"]
SEVERITY = {"1": "Fatal", "2": "Serious", "3": "Slight"}


def files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "stats19").glob("*collision*.csv*") if p.is_file())


def present(root: Path) -> bool:
    return bool(files(root))


def load(ctx: LoadContext) -> None:
    con = ctx.con
    con.execute("CREATE TEMP TABLE collision (month DATE, district VARCHAR, severity VARCHAR, casualties BIGINT)")
    con.execute("CREATE TEMP TABLE stats19_year (year INTEGER)")
    for path in files(ctx.root):
        label = ctx.rel(path)
        ctx.progress(f"STATS19: reading {label}")
        rows = ctx.stage_csv("raw_col", path, REQUIRED)
        ctx.fail_on("raw_col", "TRY_CAST(date AS DATE) IS NULL", label, "expected date as YYYY-MM-DD", "date")
        ctx.fail_on("raw_col", "accident_severity NOT IN ('1', '2', '3') OR accident_severity IS NULL", label,
                    "expected accident_severity 1 (fatal), 2 (serious) or 3 (slight)", "accident_severity")
        ctx.fail_on("raw_col", "TRY_CAST(number_of_casualties AS INTEGER) IS NULL OR number_of_casualties::INTEGER < 1",
                    label, "expected number_of_casualties to be a whole number, 1 or more", "number_of_casualties")
        ctx.fail_on("raw_col", "year(date::DATE) <> TRY_CAST(accident_year AS INTEGER)", label,
                    "expected date to fall in accident_year", "date")
        con.execute(
            """INSERT INTO collision
               SELECT date_trunc('month', date::DATE), local_authority_ons_district,
                      CASE accident_severity WHEN '1' THEN 'Fatal' WHEN '2' THEN 'Serious' ELSE 'Slight' END,
                      number_of_casualties::BIGINT
               FROM raw_col r
               WHERE police_force = $pf AND local_authority_ons_district IN
                     (SELECT area_code FROM area WHERE area_level = 'district')""",
            {"pf": str(FORCE.stats19_code)})
        con.execute("INSERT INTO stats19_year SELECT DISTINCT accident_year::INTEGER FROM raw_col")
        other_force, outside = con.execute(
            """SELECT count(*) FILTER (WHERE police_force <> $pf),
                      count(*) FILTER (WHERE police_force = $pf AND coalesce(local_authority_ons_district, '') NOT IN
                                       (SELECT area_code FROM area WHERE area_level = 'district'))
               FROM raw_col""", {"pf": str(FORCE.stats19_code)}).fetchone()
        first_outside = con.execute(
            """SELECT min(line) FROM raw_col WHERE police_force = $pf AND coalesce(local_authority_ons_district, '')
               NOT IN (SELECT area_code FROM area WHERE area_level = 'district')""",
            {"pf": str(FORCE.stats19_code)}).fetchone()[0]
        lo, hi = con.execute("SELECT min(date), max(date) FROM raw_col").fetchone()
        ctx.record(NAME, path, rows, rows - other_force - outside, (lo, hi),
                   note=f"collision records; {other_force:,} rows of other police forces not counted",
                   rejected={"district code not one of the force's districts": (outside, first_outside)})
    ctx.run(
        """
        INSERT INTO stats19_month
            SELECT m::DATE, (SELECT count(*) FROM collision c WHERE c.month = m::DATE)
            FROM (SELECT DISTINCT year FROM stats19_year) y,
                 generate_series(make_date(y.year, 1, 1), make_date(y.year, 12, 1), INTERVAL 1 MONTH) g(m);

        CREATE TEMP TABLE sev AS SELECT unnest(['Fatal', 'Serious', 'Slight']) AS severity;
        CREATE TEMP TABLE col_area AS
            SELECT c.month, a.area_level, a.area_code, c.severity, c.casualties
            FROM collision c JOIN area a ON
                 (a.area_level = 'district' AND a.area_code = c.district)
              OR (a.area_level = 'division' AND a.area_code = (SELECT parent_code FROM area d
                      WHERE d.area_level = 'district' AND d.area_code = c.district))
              OR a.area_level = 'force';

        INSERT INTO stats19_monthly
            SELECT m.month, a.area_level, a.area_code, s.severity,
                   count(c.month), coalesce(sum(c.casualties), 0)
            FROM stats19_month m CROSS JOIN (FROM area WHERE area_level <> 'ward') a CROSS JOIN sev s  -- no ward figures
            LEFT JOIN col_area c ON c.month = m.month AND c.area_level = a.area_level
                                AND c.area_code = a.area_code AND c.severity = s.severity
            GROUP BY ALL;
        """)
    ctx.record_coverage(NAME, "stats19_month")
