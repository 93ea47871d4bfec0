"""Published figures (official/*.csv): one tidy table, every row keeping its source URL."""

from __future__ import annotations

from pathlib import Path

from lancs_dash.load.context import LoadContext, LoadError

NAME = "official"
TABLES = ("official_figure",)
COLUMNS = ["area_code", "area_name", "measure", "period", "value", "unit", "source_url"]


def present(root: Path) -> bool:
    return any((root / "official").glob("*.csv"))


def load(ctx: LoadContext) -> None:
    for path in sorted((ctx.root / "official").glob("*.csv")):
        label = ctx.rel(path)
        rows = ctx.stage_csv("raw_official", path, COLUMNS)
        for col in ("area_code", "measure", "period", "value", "source_url"):
            ctx.fail_on("raw_official", f"{col} IS NULL", label, f"expected a value in {col}", col)
        ctx.fail_on("raw_official", "NOT starts_with(source_url, 'http')", label,
                    "expected source_url to be a web address", "source_url")
        ctx.con.execute(
            """INSERT INTO official_figure
               SELECT $f, area_code, coalesce(area_name, ''), measure, period, TRY_CAST(value AS DOUBLE), value,
                      coalesce(unit, ''), source_url FROM raw_official""",
            {"f": path.name},
        )
        ctx.record(NAME, path, rows, rows, note="published figures, one row per figure")
    if not ctx.con.execute("SELECT count(*) FROM official_figure").fetchone()[0]:
        raise LoadError("official/: expected at least one CSV of published figures")
