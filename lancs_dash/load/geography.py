"""Areas (force, divisions, districts, wards), small areas (LSOA 2011 and 2021) and simplified outlines.

The district list comes from the configured lookup file, never from code, so the force is
configuration. Outlines are simplified here (about 100 m tolerance) so the embedded default stays
small and the raw boundary geometry is never shipped unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from lancs_dash.config import FORCE
from lancs_dash.load import wards
from lancs_dash.load.context import LoadContext, LoadError

NAME = "geography"
TABLES = ("area", "lsoa", "district_outline", "ward_outline")
SIMPLIFY_DEGREES = 0.001  # ~70-110 m at Lancashire's latitude: plenty for a district map
DIVISION_CODES = {"West": "WEST", "South": "SOUTH", "East": "EAST"}


def files(root: Path) -> list[Path]:
    return [root / FORCE.district_lookup, root / FORCE.lsoa11_lookup, root / FORCE.lsoa21_lookup,
            root / FORCE.district_outlines, root / FORCE.lsoa11_outlines, root / FORCE.lsoa21_outlines]


def present(root: Path) -> bool:
    return (root / FORCE.district_lookup).exists()


def load(ctx: LoadContext) -> None:
    missing = [ctx.rel(p) for p in files(ctx.root) if not p.exists()]
    if missing:
        raise LoadError(f"geography: the folder has {FORCE.district_lookup} but lacks {', '.join(missing)}")
    _areas(ctx)
    _lsoas(ctx)
    _outlines(ctx)
    if wards.present(ctx.root):
        wards.load_areas(ctx)


def _areas(ctx: LoadContext) -> None:
    path = ctx.root / FORCE.district_lookup
    rows = ctx.stage_csv("raw_lad", path, ["lad_cd", "lad_nm", "division", "pfa_cd"])
    label = ctx.rel(path)
    ctx.fail_on("raw_lad", "NOT regexp_full_match(coalesce(lad_cd, ''), '[EW]0[6-9]\\d{6}')", label,
                "expected an ONS local authority code such as E07000117 in lad_cd", "lad_cd")
    ctx.fail_on("raw_lad", "division NOT IN ('West', 'South', 'East')", label,
                "expected division West, South or East", "division")
    ctx.fail_on("raw_lad", "pfa_cd IS DISTINCT FROM $pfa", label,
                f"expected pfa_cd {FORCE.pfa_code} (the configured force)", "pfa_cd", {"pfa": FORCE.pfa_code})
    ctx.con.execute("CREATE TEMP TABLE division_code (division VARCHAR, code VARCHAR)")
    ctx.con.executemany("INSERT INTO division_code VALUES (?, ?)", list(DIVISION_CODES.items()))
    ctx.run(
        """
        INSERT INTO area VALUES ('force', $pfa, $force, NULL);
        INSERT INTO area SELECT DISTINCT 'division', code, division || ' division', $pfa
            FROM division_code WHERE division IN (SELECT division FROM raw_lad);
        INSERT INTO area SELECT 'district', lad_cd, lad_nm, d.code
            FROM raw_lad JOIN division_code d USING (division);
        """,
        {"pfa": FORCE.pfa_code, "force": FORCE.name},
    )
    ctx.record(NAME, path, rows, rows, note="districts and divisions of the force area")


def _lsoas(ctx: LoadContext) -> None:
    for vintage, lookup, outlines in ((2011, FORCE.lsoa11_lookup, FORCE.lsoa11_outlines),
                                      (2021, FORCE.lsoa21_lookup, FORCE.lsoa21_outlines)):
        code, name = f"lsoa{vintage % 100}cd", f"lsoa{vintage % 100}nm"
        path = ctx.root / lookup
        rows = ctx.stage_csv("raw_lsoa", path, [code, name, "lad_cd"])
        ctx.fail_on("raw_lsoa", f"NOT regexp_full_match(coalesce({code}, ''), '[EW]01\\d{{6}}')", ctx.rel(path),
                    f"expected an LSOA code such as E01012345 in {code}", code)
        ctx.fail_on("raw_lsoa", "lad_cd NOT IN (SELECT area_code FROM area WHERE area_level = 'district')",
                    ctx.rel(path), f"expected lad_cd to be one of the districts in {FORCE.district_lookup}", "lad_cd")
        points = _interior_points(ctx, ctx.root / outlines, code.upper())
        ctx.con.execute("CREATE OR REPLACE TEMP TABLE lsoa_point (code VARCHAR, lon DOUBLE, lat DOUBLE)")
        ctx.con.executemany("INSERT INTO lsoa_point VALUES (?, ?, ?)", points)
        ctx.con.execute(
            f"""INSERT INTO lsoa SELECT r.{code}, $v, r.{name}, r.lad_cd, p.lon, p.lat
                FROM raw_lsoa r LEFT JOIN lsoa_point p ON p.code = r.{code}""",
            {"v": vintage},
        )
        ctx.record(NAME, path, rows, rows, note=f"LSOA {vintage} to district lookup")


def _read_features(ctx: LoadContext, path: Path) -> list[dict]:
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        for f in features:
            f["shape"] = shape(f["geometry"])
    except (ValueError, KeyError, TypeError, AttributeError, shapely.errors.GEOSException) as e:
        raise LoadError(f"{ctx.rel(path)}: expected a GeoJSON FeatureCollection of polygons ({e})") from e
    return features


def _interior_points(ctx: LoadContext, path: Path, code_property: str) -> list[tuple[str, float, float]]:
    features = _read_features(ctx, path)
    out = []
    for n, f in enumerate(features, start=1):
        code = (f.get("properties") or {}).get(code_property)
        if not isinstance(code, str) or f["shape"].is_empty:
            raise LoadError(f"{ctx.rel(path)}, feature {n}: expected a polygon with an LSOA code in property "
                            f"{code_property}, got {code!r}")
        p = f["shape"].representative_point()
        out.append((code, round(p.x, 5), round(p.y, 5)))
    ctx.record(NAME, path, len(features), len(features), note="LSOA interior points for hotspot maps")
    return out


def _outlines(ctx: LoadContext) -> None:
    path = ctx.root / FORCE.district_outlines
    features = _read_features(ctx, path)
    known = {r[0] for r in ctx.con.execute("SELECT area_code FROM area WHERE area_level = 'district'").fetchall()}
    rows = []
    for f in features:
        code = (f.get("properties") or {}).get("lad_cd")
        if code not in known:
            raise LoadError(f"{ctx.rel(path)}: feature with lad_cd {code!r} is not a district in {FORCE.district_lookup}")
        simple = shapely.set_precision(f["shape"].simplify(SIMPLIFY_DEGREES, preserve_topology=True), 1e-5)
        rows.append((code, json.dumps(mapping(simple), separators=(",", ":"))))
    if len(rows) != len(known):
        raise LoadError(f"{ctx.rel(path)}: expected one outline for each of the {len(known)} districts, found {len(rows)}")
    ctx.con.executemany("INSERT INTO district_outline VALUES (?, ?)", rows)
    ctx.record(NAME, path, len(features), len(rows), note=f"district outlines simplified to {SIMPLIFY_DEGREES} degrees")
