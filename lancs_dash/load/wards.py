"""Electoral wards (2025) of the force's districts: the areas, their simplified outlines, and placing points in them.

A police.uk record, a postcode and a small area (by its centroid) belong to the ward their point falls in, judged
against the ward polygons as published (the raw file) when the folder loaded has it. A load without the file (a
police.uk-only refresh, whose geography is carried over) places points in the stored outlines instead, simplified to
about 10 m, and provenance says so: a handful of points within metres of a ward boundary may then fall the other way.

Wards are optional: a folder without the ward file gives no ward areas and nothing is placed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping, shape

from lancs_dash.load.context import LoadContext, LoadError

WARDS = "geo/wards2025_lancs14.geojson"
# Finer than district outlines (a ward map is zoomed to one district, where wards can be a few hundred metres
# across), and close enough that placing points in the stored outlines moves very few records.
SIMPLIFY_DEGREES = 0.0001
RAW = "the ward polygons as published"
STORED = f"the stored ward outlines (simplified to {SIMPLIFY_DEGREES} degrees; the ward file was not in the folder)"


def present(root: Path | None) -> bool:
    return root is not None and (root / WARDS).exists()


def load_areas(ctx: LoadContext) -> None:
    """Ward areas (parent: their district) and simplified outlines, from the ward file."""
    path = ctx.root / WARDS
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (ValueError, KeyError, TypeError) as e:
        raise LoadError(f"{ctx.rel(path)}: expected a GeoJSON FeatureCollection of ward polygons ({e})") from e
    districts = {r[0] for r in ctx.con.execute("SELECT area_code FROM area WHERE area_level = 'district'").fetchall()}
    areas, outlines = [], []
    for n, f in enumerate(features, start=1):
        p = f.get("properties") or {}
        code, name, district = p.get("WD25CD"), p.get("WD25NM"), p.get("lad_cd")
        if not (isinstance(code, str) and code[:3] in ("E05", "W05") and isinstance(name, str) and name):
            raise LoadError(f"{ctx.rel(path)}, feature {n}: expected a ward code (E05.../W05...) in WD25CD and a "
                            f"name in WD25NM, got {code!r}, {name!r}")
        if district not in districts:
            raise LoadError(f"{ctx.rel(path)}, feature {n} ({code}): expected lad_cd to be one of the force's "
                            f"districts, got {district!r}")
        geometry = _shape(ctx, path, n, f)
        simple = shapely.set_precision(geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True), 1e-5)
        areas.append(("ward", code, name, district))
        outlines.append((code, json.dumps(mapping(simple), separators=(",", ":"))))
    # One insert per table (executemany runs a statement per row: seconds for a few hundred rows).
    for table, rows in (("area", areas), ("ward_outline", outlines)):
        ctx.con.register("ward_rows", pd.DataFrame(rows))
        ctx.con.execute(f"INSERT INTO {table} SELECT * FROM ward_rows")
        ctx.con.unregister("ward_rows")
    ctx.record("geography", path, len(features), len(areas),
               note=f"2025 electoral wards of the districts; outlines simplified to {SIMPLIFY_DEGREES} degrees for "
                    "maps; records, postcodes and small areas placed by point in the ward polygons as published")


def _shape(ctx: LoadContext, path: Path, n: int, feature: dict):
    try:
        geometry = shape(feature["geometry"])
    except (KeyError, TypeError, AttributeError, ValueError, shapely.errors.GEOSException) as e:
        raise LoadError(f"{ctx.rel(path)}, feature {n}: expected a polygon geometry ({e})") from e
    if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise LoadError(f"{ctx.rel(path)}, feature {n}: expected a polygon geometry, got {geometry.geom_type}")
    return geometry


@dataclass(frozen=True)
class Polygons:
    codes: np.ndarray
    tree: shapely.STRtree
    how: str  # RAW or STORED, for provenance

    def locate(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """The ward code each point falls in (None for none). A point on a shared boundary, or in an overlap of
        two simplified outlines, goes to the ward with the smaller code, so every load places it the same way."""
        out = np.full(len(lon), None, dtype=object)
        points = np.flatnonzero(~(np.isnan(lon) | np.isnan(lat)))
        if len(points):
            hit, ward = self.tree.query(shapely.points(lon[points], lat[points]), predicate="intersects")
            first = np.full(len(points), len(self.codes))
            np.minimum.at(first, hit, ward)  # codes are sorted, so the smallest index is the smallest code
            inside = first < len(self.codes)
            out[points[inside]] = self.codes[first[inside]]
        return out


def polygons(ctx: LoadContext) -> Polygons | None:
    """The ward polygons points are placed in: the raw file's when the folder has it, else the stored outlines;
    None when the database has no wards."""
    if present(ctx.root):
        features = json.loads((ctx.root / WARDS).read_text(encoding="utf-8"))["features"]
        rows = [(f["properties"]["WD25CD"], shape(f["geometry"])) for f in features]
        how = RAW
    else:
        rows = [(code, shape(json.loads(g))) for code, g in
                ctx.con.execute("SELECT area_code, geometry FROM ward_outline ORDER BY area_code").fetchall()]
        how = STORED
    if not rows:
        return None
    rows.sort(key=lambda r: r[0])
    codes = np.array([c for c, _ in rows], dtype=object)
    return Polygons(codes, shapely.STRtree([g for _, g in rows]), how)


def place_points(ctx: LoadContext, polys: Polygons | None, points_sql: str, into: str) -> None:
    """A temp table `into` (lon, lat, ward_code) for the distinct points `points_sql` selects (columns lon, lat)."""
    frame = ctx.con.execute(f"SELECT DISTINCT lon, lat FROM ({points_sql}) WHERE lon IS NOT NULL AND lat IS NOT NULL"
                            ).df()
    lon, lat = frame["lon"].to_numpy(float), frame["lat"].to_numpy(float)
    codes = polys.locate(lon, lat) if polys is not None else np.full(len(frame), None, dtype=object)
    placed = pd.DataFrame({"lon": lon, "lat": lat, "ward_code": pd.Series(codes, dtype="string")})
    ctx.con.register("placed_points_frame", placed)
    ctx.con.execute(f"CREATE OR REPLACE TEMP TABLE {into} AS SELECT lon, lat, ward_code::VARCHAR AS ward_code "
                    "FROM placed_points_frame")
    ctx.con.unregister("placed_points_frame")


def populations(ctx: LoadContext, lsoa11_outlines: Path) -> None:
    """Census 2011 usual residents of each ward, summed from the 2011 small areas whose centroid falls in it (best
    fit). Needs the small-area populations already loaded (population level 'lsoa'); a ward no centroid falls in gets
    no row, and its page shows counts only."""
    polys = polygons(ctx)
    if polys is None or not lsoa11_outlines.exists():
        return
    features = json.loads(lsoa11_outlines.read_text(encoding="utf-8"))["features"]
    centroids = [(f["properties"]["LSOA11CD"], shape(f["geometry"]).centroid) for f in features]
    frame = pd.DataFrame({"lsoa_code": [c for c, _ in centroids],
                          "lon": [p.x for _, p in centroids], "lat": [p.y for _, p in centroids]})
    frame["ward_code"] = pd.Series(polys.locate(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float)),
                                   dtype="string")
    ctx.con.register("lsoa_ward_frame", frame)
    ctx.con.execute("CREATE OR REPLACE TEMP TABLE lsoa_ward AS SELECT lsoa_code, ward_code::VARCHAR AS ward_code "
                    "FROM lsoa_ward_frame")
    ctx.con.unregister("lsoa_ward_frame")
    source = ("ONS Census 2011 usual residents: sum of the 2011 small areas (LSOA) whose centroid falls in the ward "
              "(best fit, derived)")
    kept = ctx.con.execute(
        """INSERT INTO population
           SELECT 'ward', a.area_code, a.area_name, sum(p.population), 'Census 2011', $source
           FROM lsoa_ward w JOIN population p ON p.area_level = 'lsoa' AND p.area_code = w.lsoa_code
           JOIN area a ON a.area_level = 'ward' AND a.area_code = w.ward_code
           GROUP BY ALL""", {"source": source}).fetchone()[0]
    unplaced, wards = ctx.con.execute(
        """SELECT (SELECT count(*) FROM lsoa_ward WHERE ward_code IS NULL),
                  (SELECT count(*) FROM area WHERE area_level = 'ward')""").fetchone()
    ctx.record("population", lsoa11_outlines, len(features), kept, ("Census 2011", "Census 2011"),
               note=f"ward populations: each 2011 small area's centroid placed in {polys.how}; {kept} of {wards} "
                    f"wards hold at least one centroid (the others have no population: counts only); "
                    f"{unplaced} small-area centroids fall in no ward")
