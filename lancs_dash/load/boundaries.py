"""National geography of England and Wales, so any police force area can be loaded from police.uk files alone.

From a folder laid out like shared/national: local authority districts of each lookup vintage (LAD19, LAD22,
LAD24) with their police force area, start and end years and simplified outlines (decoded from the ONS
TopoJSON); every LSOA (2011 and 2021 codes) -> district of each vintage; Census 2021 population per district
(a district created after 2021 gets the sum of its predecessors, labelled derived); and the police force
areas with their police.uk slugs. Kept compact: these tables ship in the embedded default.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

from lancs_dash.load.context import LoadContext, LoadError
from lancs_dash.load.forces import name_key
from lancs_dash.load.geography import SIMPLIFY_DEGREES

NAME = "boundaries"
TABLES = ("nat_district", "nat_outline", "nat_lsoa", "nat_population", "nat_pfa")
TOPOJSON = "geo/ltla_uk_2014-2025.topo.json"
LSOA11_LAD19 = "lookups/lsoa11_ward19_lad19_ew.csv.gz"
LSOA11_LAD22 = "lookups/lsoa11_lsoa21_lad22_ew.csv.gz"
LSOA21_LAD24 = "lookups/lsoa21_ward24_lad24_ew.csv.gz"
LAD24_PFA = "lookups/lad24_csp24_pfa24_ew.csv"
POPULATION = "official/population_census2021_lad_ew.csv"
# A lookup's districts are those in force in its year (ONS vintages describe the April-to-March year).
VINTAGES = (2019, 2022, 2024)
FIRST_YEAR, LAST_YEAR = 2014, 2025  # the TopoJSON's span: an area without start/end existed throughout


def files(root: Path) -> list[Path]:
    return [root / p for p in (TOPOJSON, LSOA11_LAD19, LSOA11_LAD22, LSOA21_LAD24, LAD24_PFA, POPULATION)]


def present(root: Path) -> bool:
    return (root / TOPOJSON).exists()


def load(ctx: LoadContext) -> None:
    missing = [ctx.rel(p) for p in files(ctx.root) if not p.exists()]
    if missing:
        raise LoadError(f"{NAME}: the folder has {TOPOJSON} but lacks {', '.join(missing)}")
    districts = _topojson(ctx)
    _lookups(ctx)
    _districts(ctx, districts)
    _population(ctx)


def _arc_points(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are delta-encoded integers: cumulative sums, then scale and translate."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]  # ~i: arc i walked backwards
        ring.extend(points if not ring else points[1:])  # consecutive arcs share their end point
    return ring


def _shape(arcs, geometry: dict) -> MultiPolygon:
    polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry.get("type"))
    if not polygons:
        raise ValueError(f"expected a Polygon or MultiPolygon, got {geometry.get('type')!r}")
    parts = [Polygon(_ring(arcs, p[0]), [_ring(arcs, h) for h in p[1:]]) for p in polygons]
    return MultiPolygon(parts)


def _polygonal(geometry) -> Polygon | MultiPolygon:
    """The areas of a geometry: repairing a self-touching ring can leave a line beside them, which a map cannot fill."""
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, Polygon | MultiPolygon) and not p.is_empty]
    if not parts:
        raise ValueError("no area left")
    return parts[0] if len(parts) == 1 else MultiPolygon([q for p in parts for q in shapely.get_parts(p)])


def _topojson(ctx: LoadContext) -> list[tuple]:
    """(code, name, start year, end year, GeoJSON text) of every E&W district in the `ltla` layer."""
    path = ctx.root / TOPOJSON
    try:
        topo = json.loads(path.read_text(encoding="utf-8"))
        arcs = _arc_points(topo)
        layer = topo["objects"]["ltla"]["geometries"]
    except (ValueError, KeyError, TypeError) as e:
        raise LoadError(f"{ctx.rel(path)}: expected a TopoJSON Topology with a transform and an 'ltla' layer ({e})") from e
    out = []
    for n, g in enumerate(layer, start=1):
        props = g.get("properties") or {}
        code = props.get("areacd")
        if not isinstance(code, str) or not props.get("areanm"):
            raise LoadError(f"{ctx.rel(path)}, ltla geometry {n}: expected properties areacd and areanm, got {props!r}")
        if code[0] not in "EW":  # Scotland and Northern Ireland have no police.uk force here
            continue
        try:
            # Generalised coastlines can touch themselves: repaired first, so simplifying cannot fail on them.
            shape = shapely.make_valid(_shape(arcs, g))
            simple = _polygonal(shapely.set_precision(shape.simplify(SIMPLIFY_DEGREES, preserve_topology=True), 1e-5))
        except (ValueError, IndexError, TypeError, shapely.errors.GEOSException) as e:
            raise LoadError(f"{ctx.rel(path)}, ltla geometry {n} ({code}): not a polygon ({e})") from e
        out.append((code, props["areanm"], int(props.get("start", FIRST_YEAR)), int(props.get("end", LAST_YEAR)),
                    json.dumps(mapping(simple), separators=(",", ":"))))
    ctx.record(NAME, path, len(layer), len(out), (str(FIRST_YEAR), str(LAST_YEAR)),
               note=f"England and Wales district outlines (ltla layer), simplified to {SIMPLIFY_DEGREES} degrees")
    return out


def _lookups(ctx: LoadContext) -> None:
    """nat_lsoa: each LSOA code -> district, per district vintage; chains give the combinations ONS lacks."""
    root = ctx.root
    r19 = ctx.stage_csv("raw_l19", root / LSOA11_LAD19, ["LSOA11CD", "LSOA11NM", "LAD19CD"])
    r22 = ctx.stage_csv("raw_l22", root / LSOA11_LAD22, ["lsoa11_code", "lsoa11_name", "lsoa21_code", "lsoa21_name",
                                                         "ltla22_code"])
    r24 = ctx.stage_csv("raw_l24", root / LSOA21_LAD24, ["lsoa21_code", "lsoa21_name", "ltla24_code"])
    for table, column, path in (("raw_l19", "LSOA11CD", LSOA11_LAD19), ("raw_l22", "lsoa11_code", LSOA11_LAD22),
                                ("raw_l22", "lsoa21_code", LSOA11_LAD22), ("raw_l24", "lsoa21_code", LSOA21_LAD24)):
        ctx.fail_on(table, f"NOT regexp_full_match(coalesce({column}, ''), '[EW]01\\d{{6}}')", ctx.rel(root / path),
                    f"expected an LSOA code such as E01012345 in {column}", column)
    ctx.run(
        """
        CREATE TEMP TABLE lsoa_all AS
        SELECT DISTINCT LSOA11CD code, 2011 lv, LSOA11NM name, 2019 dv, LAD19CD district FROM raw_l19
        UNION SELECT DISTINCT lsoa11_code, 2011, lsoa11_name, 2022, ltla22_code FROM raw_l22
        UNION SELECT DISTINCT lsoa21_code, 2021, lsoa21_name, 2022, ltla22_code FROM raw_l22
        UNION SELECT DISTINCT lsoa21_code, 2021, lsoa21_name, 2024, ltla24_code FROM raw_l24
        -- police.uk used 2011 codes until 2023: 2011 codes -> 2024 districts through their 2021 successors
        UNION SELECT DISTINCT l.lsoa11_code, 2011, l.lsoa11_name, 2024, r.ltla24_code
              FROM raw_l22 l JOIN raw_l24 r USING (lsoa21_code);
        -- An LSOA split across two districts of a vintage cannot place a record: dropped, and counted below.
        CREATE TEMP TABLE lsoa_split AS
            SELECT code, lv, dv FROM lsoa_all GROUP BY ALL HAVING count(DISTINCT district) > 1;
        INSERT INTO nat_lsoa SELECT code, lv, any_value(name), dv, any_value(district) FROM lsoa_all
            WHERE (code, lv, dv) NOT IN (SELECT (code, lv, dv) FROM lsoa_split) GROUP BY code, lv, dv
        """)
    split = ctx.con.execute("SELECT count(*) FROM lsoa_split").fetchone()[0]
    for path, rows in ((LSOA11_LAD19, r19), (LSOA11_LAD22, r22), (LSOA21_LAD24, r24)):
        ctx.record(NAME, root / path, rows, rows, note="LSOA to district lookup of England and Wales")
    ctx.con.execute("UPDATE provenance SET note = note || $n WHERE file = $f",
                    {"f": ctx.rel(root / LSOA21_LAD24), "n": f"; 2011 codes reach 2024 districts through their 2021 "
                     f"successors; {split} LSOA(s) whose successors lie in two districts are left out"})


def _districts(ctx: LoadContext, districts: list[tuple]) -> None:
    root = ctx.root
    path = root / LAD24_PFA
    rows = ctx.stage_csv("raw_pfa", path, ["ltla24_code", "ltla24_name", "pfa24_code", "pfa24_name"])
    ctx.fail_on("raw_pfa", "NOT regexp_full_match(coalesce(pfa24_code, ''), '[EW]23\\d{6}|W15\\d{6}')", ctx.rel(path),
                "expected a police force area code such as E23000003 in pfa24_code", "pfa24_code")
    ctx.con.execute("CREATE TEMP TABLE topo (code VARCHAR, name VARCHAR, start_year INT, end_year INT, geometry VARCHAR)")
    ctx.con.executemany("INSERT INTO topo VALUES (?, ?, ?, ?, ?)", districts)
    # A district's force: through its LSOAs to the 2024 districts, whose force ONS lists (a LAD may be in two CSPs,
    # so de-duplicated). Small later boundary moves carry a few LSOAs into a neighbour (West Northamptonshire's
    # E01027305 is in Cherwell by 2024): the force most of the district's LSOAs reach is its force.
    ctx.run(
        """
        CREATE TEMP TABLE lad_pfa AS SELECT DISTINCT ltla24_code lad, pfa24_code pfa FROM raw_pfa;
        CREATE TEMP TABLE district_pfa AS
            SELECT dv, district, arg_max(pfa, n) pfa FROM (
                SELECT l.dv, l.district, p.pfa, count(*) n
                FROM nat_lsoa l JOIN nat_lsoa m ON m.code = l.code AND m.lv = l.lv AND m.dv = 2024
                JOIN lad_pfa p ON p.lad = m.district GROUP BY ALL) GROUP BY ALL;
        INSERT INTO nat_district
            SELECT d.dv, d.district, t.name, d.pfa, t.start_year, t.end_year
            FROM district_pfa d JOIN topo t ON t.code = d.district;
        INSERT INTO nat_outline SELECT code, geometry FROM topo WHERE code IN (SELECT area_code FROM nat_district);
        INSERT INTO nat_pfa SELECT DISTINCT pfa24_code, pfa24_name, '' FROM raw_pfa
        """)
    for vintage in VINTAGES:
        # The lookup's districts must be the TopoJSON's districts of that year, or outlines and counts disagree.
        diff = ctx.con.execute(
            """SELECT string_agg(code, ', ') FROM (
                 (SELECT district code FROM district_pfa WHERE dv = $v
                  EXCEPT SELECT code FROM topo WHERE $v BETWEEN start_year AND end_year)
                 UNION ALL (SELECT code FROM topo WHERE $v BETWEEN start_year AND end_year
                  EXCEPT SELECT district FROM district_pfa WHERE dv = $v))""", {"v": vintage}).fetchone()[0]
        if diff:
            raise LoadError(f"{TOPOJSON} and the LSOA lookups: the districts of {vintage} differ ({diff}); "
                            "expected the same districts in both")
    for code, name in ctx.con.execute("SELECT pfa_code, pfa_name FROM nat_pfa").fetchall():
        ctx.con.execute("UPDATE nat_pfa SET force_slug = $s WHERE pfa_code = $c", {"s": name_key(name), "c": code})
    ctx.record(NAME, path, rows, ctx.con.execute("SELECT count(*) FROM nat_pfa").fetchone()[0],
               note="district to police force area (2024); earlier districts reach it through their LSOAs")


def _population(ctx: LoadContext) -> None:
    path = ctx.root / POPULATION
    rows = ctx.stage_csv("raw_lad_pop", path, ["area_code", "area_name", "measure", "period", "value"])
    ctx.fail_on("raw_lad_pop", "coalesce(TRY_CAST(value AS BIGINT), 0) <= 0", ctx.rel(path),
                "expected value to be a whole number of people, more than 0", "value")
    # Census 2021 counted the 2021 districts (the LAD22 set); a later district is the sum of the 2021 districts
    # its LSOAs were in. A district abolished before 2021 (LAD19 only) has no Census 2021 figure, so none here.
    ctx.run(
        """
        INSERT INTO nat_population
            SELECT area_code, area_name, value::BIGINT, 'ONS Census 2021' FROM raw_lad_pop
            WHERE measure = 'census_population' AND period = 'Census 2021';
        CREATE TEMP TABLE successor AS
            SELECT DISTINCT n.district new_code, o.district old_code
            FROM nat_lsoa n JOIN nat_lsoa o ON o.code = n.code AND o.lv = n.lv AND o.dv = 2022
            WHERE n.dv = 2024 AND n.lv = 2021 AND n.district NOT IN (SELECT area_code FROM nat_population);
        INSERT INTO nat_population
            SELECT s.new_code, d.area_name, sum(p.population),
                   'ONS Census 2021, sum of the districts it replaced (derived): '
                   || string_agg(p.area_name, ', ' ORDER BY p.area_name)
            FROM successor s JOIN nat_population p ON p.area_code = s.old_code
            JOIN nat_district d ON d.area_code = s.new_code AND d.vintage = 2024 GROUP BY s.new_code, d.area_name
        """)
    # A 2021 district split between two successors would make the sum wrong: none was, but check.
    split = ctx.con.execute("SELECT old_code FROM successor GROUP BY old_code HAVING count(*) > 1 LIMIT 1").fetchone()
    if split:
        raise LoadError(f"{POPULATION}: district {split[0]} was split between new districts; its Census 2021 "
                        "population cannot be given to either")
    derived = ctx.con.execute("SELECT count(DISTINCT new_code) FROM successor").fetchone()[0]
    ctx.record(NAME, path, rows, rows + derived, ("Census 2021", "Census 2021"),
               note=f"district populations; {derived} districts created after 2021 get the sum of their predecessors")
