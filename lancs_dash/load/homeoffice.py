"""Home Office police recorded crime by police force area (homeoffice/prc_pfa_*.csv.gz): the only open
source that separates sexual offences and stalking & harassment, which police.uk merges into
'Violence and sexual offences'. Kept for every force, summed to offence subgroup."""

from __future__ import annotations

from pathlib import Path

from lancs_dash.load.context import LoadContext, LoadError

NAME = "homeoffice"
TABLES = ("homeoffice_recorded",)
PATTERN = "prc_pfa_*.csv*"
REQUIRED = ["Financial_Year", "Financial_Quarter", "Force_Name", "Offence_Group", "Offence_Subgroup",
            "Number_of_Offences"]


def present(root: Path) -> bool:
    return any((root / "homeoffice").glob(PATTERN))


def load(ctx: LoadContext) -> None:
    for path in sorted((ctx.root / "homeoffice").glob(PATTERN)):
        label = ctx.rel(path)
        rows = ctx.stage_csv("raw_prc", path, REQUIRED)
        ctx.fail_on("raw_prc", "NOT regexp_full_match(Financial_Year, '\\d{4}/\\d{2}')", label,
                    "expected Financial_Year as YYYY/YY", "Financial_Year")
        ctx.fail_on("raw_prc", "Financial_Quarter NOT IN ('1', '2', '3', '4')", label,
                    "expected Financial_Quarter 1-4", "Financial_Quarter")
        # Negative counts are published: they record offences later reclassified or cancelled.
        ctx.fail_on("raw_prc", "TRY_CAST(Number_of_Offences AS BIGINT) IS NULL", label,
                    "expected Number_of_Offences as a whole number", "Number_of_Offences")
        ctx.con.execute(
            """INSERT INTO homeoffice_recorded
               SELECT Force_Name, Financial_Year, Financial_Quarter::INTEGER,
                      make_date(Financial_Year[1:4]::INTEGER, 4, 1) + to_months(3 * (Financial_Quarter::INTEGER - 1)),
                      Offence_Group, Offence_Subgroup, sum(Number_of_Offences::BIGINT)
               FROM raw_prc GROUP BY ALL""")
        years = ctx.con.execute("SELECT min(Financial_Year), max(Financial_Year) FROM raw_prc").fetchone()
        ctx.record(NAME, path, rows, rows, years,
                   note="Home Office police recorded crime by force, financial quarter and offence subgroup")
    if not ctx.con.execute("SELECT count(*) FROM homeoffice_recorded").fetchone()[0]:
        raise LoadError(f"homeoffice/: expected at least one {PATTERN} file")
