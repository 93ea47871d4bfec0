"""Resident populations for rates per 1,000: Census 2021 for districts (summed to divisions and the
force), the derived Census 2021 total for every police force area, and Census 2011 for small areas and, by best
fit from them, for wards (lancs_dash/load/wards.py)."""

from __future__ import annotations

from pathlib import Path

from lancs_dash.config import FORCE
from lancs_dash.load import wards
from lancs_dash.load.context import LoadContext, LoadError

NAME = "population"
TABLES = ("population",)
DISTRICTS = "official/population_census2021_lancs14.csv"
FORCES = "official/population_pfa_census2021_derived.csv"
LSOA11 = "homeoffice/lsoa11_census2011_population_ew.csv.gz"


def present(root: Path) -> bool:
    return (root / DISTRICTS).exists()


def load(ctx: LoadContext) -> None:
    con = ctx.con
    path = ctx.root / DISTRICTS
    rows = ctx.stage_csv("raw_pop", path, ["area_code", "measure", "period", "value"])
    ctx.fail_on("raw_pop", "measure = 'census_population' AND coalesce(TRY_CAST(value AS BIGINT), 0) <= 0", ctx.rel(path),
                "expected value to be a whole number of people, more than 0", "value")
    con.execute(
        """INSERT INTO population
           SELECT 'district', a.area_code, a.area_name, TRY_CAST(p.value AS BIGINT), p.period, 'ONS Census 2021'
           FROM area a JOIN raw_pop p ON p.area_code = a.area_code
           WHERE a.area_level = 'district' AND p.measure = 'census_population' AND p.period = 'Census 2021'""")
    missing = con.execute(
        """SELECT string_agg(area_name, ', ') FROM area WHERE area_level = 'district'
           AND area_code NOT IN (SELECT area_code FROM population WHERE population IS NOT NULL)""").fetchone()[0]
    if missing:
        raise LoadError(f"{DISTRICTS}: expected a census_population row for 'Census 2021' for every district; none for {missing}")
    con.execute(
        """INSERT INTO population
           SELECT a.area_level, a.area_code, a.area_name, sum(p.population), 'Census 2021',
                  'ONS Census 2021 (sum of districts)'
           FROM area a JOIN area d ON d.area_level = 'district'
                AND (d.parent_code = a.area_code OR a.area_level = 'force')
           JOIN population p ON p.area_level = 'district' AND p.area_code = d.area_code
           WHERE a.area_level IN ('division', 'force') GROUP BY ALL""")
    ctx.record(NAME, path, rows, 14, ("Census 2021", "Census 2021"), note="district populations")

    if (ctx.root / FORCES).exists():
        path = ctx.root / FORCES
        rows = ctx.stage_csv("raw_pfa", path, ["area_code", "area_name", "value"])
        con.execute(
            """INSERT INTO population SELECT 'pfa', area_code, area_name, TRY_CAST(value AS BIGINT), period,
                      'Census 2021, sum of local authorities (derived)' FROM raw_pfa""")
        ctx.record(NAME, path, rows, rows, ("Census 2021", "Census 2021"), note="police force area populations (derived)")

    if (ctx.root / LSOA11).exists():
        path = ctx.root / LSOA11
        rows = ctx.stage_csv("raw_lsoa_pop", path, ["lsoa11_code", "lsoa11_name", "usual_residents"])
        kept = con.execute(
            """INSERT INTO population
               SELECT 'lsoa', lsoa11_code, lsoa11_name, TRY_CAST(usual_residents AS BIGINT), 'Census 2011', 'ONS Census 2011'
               FROM raw_lsoa_pop WHERE lsoa11_code IN (SELECT lsoa_code FROM lsoa WHERE vintage = 2011)""").fetchone()[0]
        ctx.record(NAME, path, rows, kept, ("Census 2011", "Census 2011"),
                   note="small-area populations for the force's LSOAs (2011 codes); other areas not needed")
        wards.populations(ctx, ctx.root / FORCE.lsoa11_outlines)
