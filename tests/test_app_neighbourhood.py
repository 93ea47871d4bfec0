"""The neighbourhood page and the 'by crime type' tables: the answer first, every police.uk crime type, small numbers
said honestly, the ward's counts equal to records counted here straight from the raw police.uk file inside the raw
ward polygon (shapely, not the loader), a postcode reaching its ward, and the plain pages of districts and wards."""

from __future__ import annotations

import json
import re

import duckdb
import pytest
import shapely
from shapely.geometry import shape
from streamlit.testing.v1 import AppTest

from lancs_dash import html
from lancs_dash.config import ASB, CATEGORIES, PROJECT_ROOT
from lancs_dash.html import content
from tests.apptest import shown_text, switch, with_tables
from tests.plain import tables

# (code, name, district): a city centre, a suburb, a coastal ward sharing its name with another district's, a rural
# ward with very few records, and a ward with no Census 2011 small area's centre inside it (no population).
CADLEY = ("E05012195", "Cadley", "Preston")
SAMPLE = (CADLEY, ("E05012196", "City Centre", "Preston"), ("E05014539", "Ashton", "Fylde"),
          ("E05012012", "Hurst Green & Whitewell", "Ribble Valley"), ("E05014907", "University", "Lancaster"))
SMALL = SAMPLE[3]
NO_POPULATION = SAMPLE[4]
# The months the embedded default's change compares (the one comparison rule: Jan-Apr 2025 against Jan-Apr 2024).
CURRENT, PREVIOUS = ("2025-01", "2025-04"), ("2024-01", "2024-04")
LATEST = "2025-12"


def run(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.switch_page(page).run()


@pytest.fixture(scope="module")
def raw_polygons(shared_data) -> dict[str, shapely.Geometry]:
    features = json.loads((shared_data / "geo" / "wards2025_lancs14.geojson").read_text())["features"]
    return {f["properties"]["WD25CD"]: shape(f["geometry"]) for f in features}


@pytest.fixture(scope="module")
def raw_records(shared_data):
    """Every located Lancashire record: month, crime type, point (read by DuckDB from the raw file)."""
    frame = duckdb.sql(
        """SELECT Month AS month, "Crime type" AS category, Longitude::DOUBLE AS lon, Latitude::DOUBLE AS lat
           FROM read_csv($p, all_varchar = true)
           WHERE "Reported by" = 'Lancashire Constabulary' AND Longitude <> '' AND Latitude <> ''""",
        params={"p": str(shared_data / "policeuk" / "lancashire_street.csv.gz")}).df()
    return frame.assign(point=shapely.points(frame["lon"], frame["lat"]))


def raw_counts(records, polygon, first: str, last: str) -> dict[str, int]:
    """Records per crime type from `first` to `last` whose point is inside `polygon`."""
    part = records[(records["month"] >= first) & (records["month"] <= last)]
    inside = part[shapely.contains_xy(polygon, part["lon"], part["lat"])]
    return inside["category"].value_counts().to_dict()


def counts_of(at: AppTest) -> dict[str, tuple[str, str, str]]:
    """The first table of the page: crime type -> (current, previous, status) as drawn."""
    frame = shown_text(at.table[0])
    return {row.iloc[0]: (row.iloc[1], row.iloc[2], row.iloc[-1]) for _, row in frame.iterrows()}


@pytest.mark.parametrize(("code", "name", "district"), SAMPLE, ids=[s[1] for s in SAMPLE])
def test_the_page_answers_first_and_counts_every_crime_type_as_the_raw_file_does(app_db, raw_polygons, raw_records,
                                                                                  code, name, district):
    at = run("pages/neighbourhood.py", {"ward": code})
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == f"Is crime going up in {name}?"
    first = at.markdown[0].value  # the first element under the title, above the postcode box
    assert first.startswith(f"In {name} ({district}), ") and "January to April 2025" in first
    shown = counts_of(at)
    assert list(shown) == [*(c for c in CATEGORIES if c != ASB), ASB]  # all 14 police.uk types, crimes first
    cur = raw_counts(raw_records, raw_polygons[code], *CURRENT)
    prev = raw_counts(raw_records, raw_polygons[code], *PREVIOUS)
    for category, (now, before, status) in shown.items():
        if now == "–":  # hidden: a sensitive count under 10, or the one that would reveal it
            assert status.startswith("hidden")
            continue
        assert (now, before) == (f"{cur.get(category, 0):,}", f"{prev.get(category, 0):,}"), category
    crimes_now = sum(n for c, n in cur.items() if c != ASB)
    assert f"{crimes_now:,} crimes were recorded in January to April 2025" in first


def test_small_numbers_are_too_few_to_tell_and_hide_the_sensitive_count(app_db):
    code, name, _ = SMALL
    at = run("pages/neighbourhood.py", {"ward": code})
    assert not at.exception
    assert "too small to tell whether crime is going up or down" in at.markdown[0].value
    assert "%" not in at.markdown[0].value  # no percentage on a base under 20
    shown = counts_of(at)
    assert shown["Violence and sexual offences"][0] == "–"
    hidden = [c for c, (now, _, _) in shown.items() if now == "–"]
    assert len(hidden) >= 2, hidden  # never one alone: the ward's total would give it away
    assert any("too few to tell" in status for _, _, status in shown.values())
    assert not any("%" in change for change in shown_text(at.table[0]).iloc[:, 3])


def test_a_ward_without_a_population_shows_counts_only_and_says_why(app_db):
    code, name, _ = NO_POPULATION
    at = run("pages/neighbourhood.py", {"ward": code})
    assert not at.exception
    assert len(at.table) == 1  # the counts; no table of rates
    assert any(f"No population can be given for {name}" in c.value for c in at.caption)


def test_the_ward_map_holds_the_latest_months_points_as_the_raw_file_does(app_db, raw_polygons, raw_records):
    from lancs_dash.models import neighbourhood, site
    from lancs_dash.read.snapshot import Snapshot

    snap = Snapshot.open(app_db)
    try:
        page = neighbourhood.build(snap, site.build(snap), CADLEY[0])
    finally:
        snap.close()
    raw = raw_counts(raw_records, raw_polygons[CADLEY[0]], LATEST, LATEST)
    mapped = page.map.table.frame
    assert int(mapped["records"].sum()) == sum(n for c, n in raw.items() if c != "Violence and sexual offences")
    assert "violence and sexual offences" not in " ".join(mapped["types"])  # not mapped for a ward


def test_a_crime_type_picked_gets_its_own_trend_but_not_the_sensitive_one(app_db):
    at = run("pages/neighbourhood.py", {"ward": CADLEY[0]})
    picker = at.selectbox(key="neighbourhood-type")
    assert "Violence and sexual offences" not in picker.options and len(picker.options) == 13
    before = len(at.get("vega_lite_chart"))
    picker.select("Vehicle crime").run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == before + 1
    assert any(m.value.startswith("### Vehicle crime each month, Cadley") for m in at.markdown)


@pytest.mark.parametrize("page", ["pages/overview.py", "asb"])
def test_a_district_links_to_its_wards(app_db, page):
    at = run(page, {"district": "Preston"}) if page.endswith(".py") else \
        switch(AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120), page)
    if not page.endswith(".py"):
        at.query_params["district"] = "Preston"
        at.run()
    assert not at.exception
    box = next(e for e in at.expander if e.label == "Preston's 16 wards: see your neighbourhood")
    at.session_state[box.proto.id.split("-", 2)[2]] = True
    at.run()
    links = [e for e in at.get("page_link") if e.proto.query_string == "ward=E05012195"]
    assert links and links[0].proto.label == "Cadley"


def test_an_unknown_ward_gets_a_notice_and_the_question(app_db):
    at = run("pages/neighbourhood.py", {"ward": "E05999999"})
    assert not at.exception
    assert at.title[0].value == "Is crime going up in your neighbourhood?"
    assert any("does not recognise" in i.value for i in at.info)


def test_a_postcode_reaches_its_ward(app_db, shared_data, raw_polygons):
    lookup = duckdb.sql("SELECT pcd, lon::DOUBLE AS lon, lat::DOUBLE AS lat FROM read_csv($p, all_varchar = true) "
                        "WHERE lad_nm = 'Preston' ORDER BY pcd LIMIT 40",
                        params={"p": str(shared_data / "lookups" / "postcode_to_lad_lancs14.csv")}).fetchall()
    postcode, lon, lat = lookup[-1]
    expected = next(code for code, polygon in raw_polygons.items() if shapely.contains_xy(polygon, lon, lat))
    at = run("pages/neighbourhood.py")
    at.text_input(key="postcode").input(postcode)
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["ward"] == expected and at.query_params["ward"] in (expected, [expected])
    assert at.title[0].value.startswith("Is crime going up in ") and at.markdown[0].value.startswith("In ")


@pytest.mark.parametrize(("query", "area"), [({}, "Lancashire"), ({"district": "Preston"}, "Preston")])
def test_the_overview_has_every_crime_type_for_the_area_picked(app_db, query, area):
    at = with_tables(run("pages/overview.py", query))
    assert not at.exception
    heading = next(m.value for m in at.markdown if m.value.startswith("## By crime type"))
    assert heading.startswith(f"## By crime type: {area}, Jan – Apr 2025 vs Jan – Apr 2024")
    table = next(shown_text(t) for t in at.table if list(shown_text(t).columns)[0] == "Crime type")
    assert len(table) == 14 and not table.isin(["–"]).any().any()  # nothing hidden above ward level


def test_plain_pages_list_the_districts_their_wards_and_each_wards_figures(static_files):
    plain = static_files[0]
    index = (plain / "neighbourhood.html").read_text()
    districts = re.findall(r'<a href="([^"]+neighbourhood-E0[67]\d+\.html)">', index)
    assert len(districts) == 14
    preston = (plain / html.file_name(content.area_slug("E07000123"))).read_text()
    wards = re.findall(r'<a href="[^"]+neighbourhood-(E05\d+)\.html">', preston)
    assert CADLEY[0] in wards and len(wards) == 16
    page = (plain / html.file_name(content.area_slug(CADLEY[0]))).read_text()
    assert "<h1>Is crime going up in Cadley (Preston)?</h1>" in page
    assert '<a href="/neighbourhood?ward=E05012195">Open the interactive version of this page</a>' in page
    found = dict(tables(page))
    crime_types = next(rows for caption, rows in found.items() if caption.startswith("Every police.uk crime type"))
    assert len(crime_types) == 14
    assert len(list(plain.glob("neighbourhood-E05*.html"))) == 253
    overview = dict(tables((plain / "index.html").read_text()))
    assert len(overview["By crime type: Lancashire, Jan – Apr 2025 vs Jan – Apr 2024"]) == 14
