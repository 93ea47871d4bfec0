"""Wards: records placed by their published point, populations by best fit, postcodes, the latest month's points,
the small-numbers rule and ward suppression, checked against counts made here straight from the raw files (a
point-in-polygon test written in this file, not the loader's)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from collections import Counter
from datetime import date

import duckdb
import pandas as pd
import pytest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.figures import noise, small_numbers
from lancs_dash.load.build import build
from lancs_dash.read import registry

MONTH = "2025-06"
# A sample across the county (ward, district): a city centre, towns, rural wards with a handful of records a month,
# coastal ones; two Ashtons.
SAMPLE = (("City Centre", "Preston"), ("Ashton", "Preston"), ("Ashton", "Fylde"), ("Bank Hall", "Burnley"),
          ("Bowland", "Ribble Valley"), ("Ribchester", "Ribble Valley"), ("Silverdale", "Lancaster"),
          ("Heysham Central", "Lancaster"), ("Claremont", "Blackpool"))


def q(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or {}).fetchall()


def rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def inside(lon: float, lat: float, ward_rings) -> bool:
    """Even-odd ray casting over every ring (holes included): the textbook point-in-polygon test."""
    hit = False
    for ring in ward_rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


@pytest.fixture(scope="module")
def raw_wards(shared_data) -> dict[str, dict]:
    features = json.loads((shared_data / "geo" / "wards2025_lancs14.geojson").read_text())["features"]
    return {f["properties"]["WD25NM"] + "|" + f["properties"]["lad_nm"]: {
        "code": f["properties"]["WD25CD"], "district": f["properties"]["lad_cd"], "rings": rings(f["geometry"])}
        for f in features}


def ward(raw_wards, name: tuple[str, str]) -> dict:
    return raw_wards["|".join(name)]


@pytest.fixture(scope="module")
def month_records(shared_data) -> list[tuple[float | None, float | None, str]]:
    """One month's Lancashire records: (lon, lat, crime type), read with csv and gzip."""
    out = []
    with gzip.open(shared_data / "policeuk" / "lancashire_street.csv.gz", "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["Month"] == MONTH and row["Reported by"] == "Lancashire Constabulary":
                lon, lat = row["Longitude"], row["Latitude"]
                out.append((float(lon) if lon else None, float(lat) if lat else None, row["Crime type"]))
    return out


def raw_count(records, w: dict) -> Counter:
    xs = [x for ring in w["rings"] for x, _ in ring]
    ys = [y for ring in w["rings"] for _, y in ring]
    return Counter(cat for lon, lat, cat in records if lon is not None and min(xs) <= lon <= max(xs)
                   and min(ys) <= lat <= max(ys) and inside(lon, lat, w["rings"]))


def extract(db, measure: str) -> dict[str, str]:
    r = subprocess.run([sys.executable, "-m", "lancs_dash.extract", measure, "--area", "ward", "--from", MONTH,
                        "--to", MONTH, "--db", str(db)], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    return {row["area_code"]: row["value"] for row in csv.DictReader(io.StringIO(r.stdout))}


def test_ward_areas_and_outlines(real_db):
    assert q(real_db, "SELECT count(*), count(DISTINCT parent_code) FROM area WHERE area_level = 'ward'") == [(253, 14)]
    assert q(real_db, """SELECT count(*) FROM area w JOIN area d ON d.area_level = 'district' AND d.area_code = w.parent_code
                         WHERE w.area_level = 'ward'""") == [(253,)]
    assert q(real_db, "SELECT count(*) FROM ward_outline JOIN area USING (area_code) WHERE area_level = 'ward'") == [(253,)]
    (geometry,) = q(real_db, "SELECT geometry FROM ward_outline LIMIT 1")[0]
    assert json.loads(geometry)["type"] in ("Polygon", "MultiPolygon")


def test_sampled_wards_count_the_records_inside_their_polygon(real_db, raw_wards, month_records):
    cats = list(registry.CATEGORIES)
    for name in SAMPLE:
        w = ward(raw_wards, name)
        expected = raw_count(month_records, w)
        got = dict(q(real_db, "SELECT category, n FROM policeuk_monthly WHERE month = $m AND area_level = 'ward' "
                              "AND area_code = $c", {"m": date.fromisoformat(MONTH + "-01"), "c": w["code"]}))
        assert sorted(got) == sorted(cats)  # dense: every type, zeros included
        assert {c: got[c] for c in cats} == {c: expected.get(c, 0) for c in cats}, name
        assert sum(expected.values()) > 0


def test_the_extract_gives_the_same_ward_figures(real_db, raw_wards, month_records):
    burglary, asb, violence = (extract(real_db, m) for m in ("burglary", "asb_incidents", "violence_and_sexual_offences"))
    assert len(burglary) == 253
    for name in SAMPLE:
        w = ward(raw_wards, name)
        expected = raw_count(month_records, w)
        assert int(burglary[w["code"]]) == expected["Burglary"]
        assert int(asb[w["code"]]) == expected["Anti-social behaviour"]
        # Sensitive: shown only from 10 up (a blank may also be the second suppression of its district).
        shown = violence[w["code"]]
        assert shown == "" or (int(shown) == expected["Violence and sexual offences"] and int(shown) >= 10)


def test_unplaced_and_wards_make_the_force_total(real_db, month_records):
    m = date.fromisoformat(MONTH + "-01")
    (wards,), (unplaced,) = (q(real_db, sql, {"m": m})[0] for sql in (
        "SELECT sum(n) FROM policeuk_monthly WHERE month = $m AND area_level = 'ward'",
        "SELECT sum(n) FROM policeuk_ward_unplaced WHERE month = $m"))
    assert wards + unplaced == len(month_records)
    no_location = sum(1 for lon, _, _ in month_records if lon is None)
    assert q(real_db, "SELECT sum(n) FROM policeuk_ward_unplaced WHERE month = $m AND district_code IS NULL",
             {"m": m})[0][0] >= no_location


def test_ward_populations_are_census_2011_by_lsoa_centroid(real_db, shared_data, raw_wards):
    from shapely.geometry import shape  # the centroid only: which ward holds it is this file's point-in-polygon

    lsoas = json.loads((shared_data / "geo" / "lsoa11_lancs14.geojson").read_text())["features"]
    centroids = {f["properties"]["LSOA11CD"]: shape(f["geometry"]).centroid for f in lsoas}
    with gzip.open(shared_data / "homeoffice" / "lsoa11_census2011_population_ew.csv.gz", "rt", encoding="utf-8") as f:
        residents = {r["lsoa11_code"]: int(r["usual_residents"]) for r in csv.DictReader(f)}
    for name in SAMPLE:
        w = ward(raw_wards, name)
        expected = sum(residents[c] for c, p in centroids.items() if inside(p.x, p.y, w["rings"]))
        got = q(real_db, "SELECT population, vintage, source FROM population WHERE area_level = 'ward' AND area_code = $c",
                {"c": w["code"]})
        assert got and got[0][0] == expected, name
        assert got[0][1] == "Census 2011" and "centroid" in got[0][2]
    # A ward no centroid falls in has no population row (the build accepts that, for wards only): the same wards
    # as found here.
    def holds_a_centroid(w: dict) -> bool:
        xs, ys = [x for ring in w["rings"] for x, _ in ring], [y for ring in w["rings"] for _, y in ring]
        return any(min(xs) <= p.x <= max(xs) and min(ys) <= p.y <= max(ys) and inside(p.x, p.y, w["rings"])
                   for p in centroids.values())

    empty = {w["code"] for w in raw_wards.values() if not holds_a_centroid(w)}
    without = q(real_db, """SELECT area_code FROM area WHERE area_level = 'ward'
                            AND area_code NOT IN (SELECT area_code FROM population WHERE area_level = 'ward')""")
    assert empty and {c for (c,) in without} == empty


def test_postcodes_carry_their_ward(real_db, raw_wards, shared_data):
    with (shared_data / "lookups" / "postcode_to_lad_lancs14.csv").open(encoding="utf-8") as f:
        sample = [r for i, r in enumerate(csv.DictReader(f)) if i % 2000 == 0]
    codes = {w["code"]: w for w in raw_wards.values()}
    for r in sample:
        (ward_code,) = q(real_db, "SELECT ward_code FROM postcode WHERE postcode = $p", {"p": r["pcd_nospace"]})[0]
        assert ward_code is not None and inside(float(r["lon"]), float(r["lat"]), codes[ward_code]["rings"]), r["pcd"]
        assert codes[ward_code]["district"] == r["lad_cd"]


def test_points_are_the_latest_month(real_db):
    (latest,) = q(real_db, "SELECT max(month) FROM policeuk_month")[0]
    assert q(real_db, "SELECT DISTINCT month FROM policeuk_point") == [(latest,)]
    (in_wards,) = q(real_db, "SELECT sum(n) FROM policeuk_monthly WHERE month = $m AND area_level = 'ward'", {"m": latest})[0]
    assert q(real_db, "SELECT sum(n) FROM policeuk_point WHERE ward_code IS NOT NULL")[0][0] == in_wards


def test_a_policeuk_only_load_places_points_in_the_stored_outlines(real_db, shared_data, tmp_path):
    """Without the ward file (a police.uk-only refresh carries the geography over), points are placed in the
    stored outlines: provenance says so, and only points within metres of a boundary can move."""
    folder = tmp_path / "policeuk-only" / "policeuk"
    folder.mkdir(parents=True)
    (folder / "lancashire_street.csv.gz").symlink_to(shared_data / "policeuk" / "lancashire_street.csv.gz")
    db = tmp_path / "policeuk-only.duckdb"
    build(db, folder.parent, quiet=True)
    notes = [n for (n,) in q(db, "SELECT note FROM provenance WHERE source = 'policeuk'")]
    assert notes and all("stored ward outlines" in n for n in notes)
    moved, total = q(db, f"""ATTACH '{real_db}' AS r (READ_ONLY);
        SELECT sum(abs(a.n - b.n)), sum(b.n) FROM policeuk_monthly a JOIN r.policeuk_monthly b
        USING (month, area_level, area_code, category) WHERE area_level = 'ward'""")[0]
    assert moved < total / 1000
    assert q(db, "SELECT count(*) FROM policeuk_monthly WHERE area_level = 'ward'") == q(
        real_db, "SELECT count(*) FROM policeuk_monthly WHERE area_level = 'ward'")


def months(values: list[int]) -> pd.Series:
    return pd.Series([float(v) for v in values], index=[date(2023 + (i // 12), i % 12 + 1, 1) for i in range(len(values))])


def test_small_counts_are_too_few_to_tell():
    steady = small_numbers.verdict(months([1, 0, 2, 1, 1, 0, 2, 1, 0, 1, 1, 2] * 2), "down")
    assert steady.status == "too few to tell" and steady.text.startswith(noise.ICONS["too few to tell"])
    # Beyond normal variation even at small counts: the verdict stands.
    assert small_numbers.verdict(months([0] * 12 + [6] * 12), "down").status == "worsening"
    # Large counts within normal variation: no clear change, as ever.
    assert small_numbers.verdict(months([100, 104, 98, 101, 99, 103] * 4), "down").status == "no clear change"
    assert small_numbers.percent(3, 19) is None and small_numbers.percent(5, 20) == 25


def test_sensitive_counts_are_hidden_with_the_next_smallest():
    counts = pd.Series([4, 12, 15, 30])
    assert small_numbers.hidden(counts).tolist() == [True, True, False, False]
    # In a table of crime types only the sensitive row is subject, and its lone suppression takes the next smallest.
    types = pd.Series([4, 12, 2, 30])
    assert small_numbers.hidden(types, pd.Series([True, False, False, False])).tolist() == [True, False, True, False]
    assert small_numbers.sensitive(registry.get("violence_and_sexual_offences"))
    assert small_numbers.sensitive(registry.get("serious_violence_proxy"))
    assert not small_numbers.sensitive(registry.get("crimes")) and not small_numbers.sensitive(registry.get("burglary"))

