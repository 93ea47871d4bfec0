"""police.uk national counts (month x force x crime type), for comparing forces, and coverage:
a force whose file was missing in a month is absent, never zero."""

from __future__ import annotations

from pathlib import Path

from lancs_dash.config import CATEGORIES
from lancs_dash.load.context import LoadContext, LoadError

NAME = "national"
TABLES = ("national_monthly", "national_coverage")
COUNTS = "policeuk/national_street_counts.csv.gz"
COVERAGE = "policeuk/national_street_coverage.csv"


def present(root: Path) -> bool:
    # Either file alone is a mistake to report, not a reason to fall back silently on the default.
    return (root / COUNTS).exists() or (root / COVERAGE).exists()


def load(ctx: LoadContext) -> None:
    con = ctx.con
    for name in (COUNTS, COVERAGE):
        if not (ctx.root / name).exists():
            raise LoadError(f"{name}: missing; expected both {COUNTS} and {COVERAGE} (a comparison needs coverage)")
    path = ctx.root / COUNTS
    label = ctx.rel(path)
    rows = ctx.stage_csv("raw_nat", path,
                         ["month", "force_file_slug", "falls_within", "crime_type", "last_outcome_category", "n"])
    ctx.fail_on("raw_nat", "NOT regexp_full_match(coalesce(month, ''), '\\d{4}-(0[1-9]|1[0-2])')", label,
                "expected month as YYYY-MM", "month")
    ctx.fail_on("raw_nat", "strptime(month, '%Y-%m')::DATE > $today", label,
                "expected a month no later than the current month", "month", {"today": ctx.today})
    ctx.fail_on("raw_nat", "crime_type IS NULL OR crime_type NOT IN (SELECT unnest($c))", label,
                "expected a police.uk crime type", "crime_type", {"c": list(CATEGORIES)})
    ctx.fail_on("raw_nat", "TRY_CAST(n AS BIGINT) IS NULL OR TRY_CAST(n AS BIGINT) < 0", label,
                "expected n to be a whole number of records, 0 or more", "n")
    # A repeated key would be added twice by the sum below.
    ctx.fail_on("raw_nat", "(month, force_file_slug, crime_type, last_outcome_category) IN (SELECT (month, force_file_slug, "
                "crime_type, last_outcome_category) FROM raw_nat GROUP BY ALL HAVING count(*) > 1)", label,
                "expected one row per month, force, crime type and outcome; this one is repeated",
                "month || ' ' || force_file_slug")
    con.execute(
        """INSERT INTO national_monthly
           SELECT strptime(month, '%Y-%m')::DATE, force_file_slug, any_value(falls_within), crime_type, sum(n::BIGINT)
           FROM raw_nat GROUP BY ALL""")
    lo, hi = con.execute("SELECT min(month), max(month) FROM raw_nat").fetchone()
    ctx.record(NAME, path, rows, rows, (lo, hi), note="counts of records by month, force, crime type and outcome")

    path = ctx.root / COVERAGE
    label = ctx.rel(path)
    rows = ctx.stage_csv("raw_cov", path, ["month", "force_file_slug", "status", "rows"])
    ctx.fail_on("raw_cov", "NOT regexp_full_match(coalesce(month, ''), '\\d{4}-(0[1-9]|1[0-2])')", label,
                "expected month as YYYY-MM", "month")
    ctx.fail_on("raw_cov", "rows IS NOT NULL AND (TRY_CAST(rows AS BIGINT) IS NULL OR TRY_CAST(rows AS BIGINT) < 0)", label,
                "expected rows to be a whole number, 0 or more, or blank", "rows")
    con.execute(
        """INSERT INTO national_coverage
           SELECT strptime(month, '%Y-%m')::DATE, force_file_slug, status, TRY_CAST(rows AS BIGINT) FROM raw_cov""")
    ctx.record(NAME, path, rows, rows, (lo, hi), note="which force files were present in which month")
