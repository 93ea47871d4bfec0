"""The five priority pages and the overview scorecard in Streamlit's AppTest, on the embedded default."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.figures import priorities
from tests.apptest import with_tables

PAGES = [p.page for p in priorities.PRIORITIES]


def run(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.switch_page(page).run()  # as a direct link: the page is the first thing that runs


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_a_district_from_the_url(app_db, page):
    at = run(page, {"district": "Preston"})
    assert not at.exception
    assert at.selectbox(key="district").value == "E07000123"  # shown, and linked, as "Preston"
    assert not any("does not recognise" in i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_unknown_district_in_the_url_gives_a_notice(app_db, page):
    at = run(page, {"district": "'; DROP TABLE area; --"})
    assert not at.exception
    assert at.selectbox(key="district").value is None  # the whole force area
    assert any("does not recognise" in i.value for i in at.info)


def test_asb_headline_for_the_force_and_a_district(app_db):
    force = {m.label: m.value for m in run("pages/asb.py").metric}
    assert force["Jan 2025 – Dec 2025"] == "53,253" and force["Per 1,000 residents"] == "34.8"
    preston = {m.label: m.value for m in run("pages/asb.py", {"district": "Preston"}).metric}
    assert preston["Jan 2025 – Dec 2025"] == "6,993" and preston["Per 1,000 residents"] == "47.3"
    text = " ".join(m.value for m in run("pages/asb.py").markdown)
    assert "normal month-to-month noise" in text


def test_district_table_ranked_by_rate_with_division(app_db):
    at = with_tables(run("pages/burglary_robbery.py"))
    # The district table behind the map is static (district names wrap inside the card on a phone) and draws
    # district, count, rate and change; the division and the rest are in the card's CSV (test_app_tables).
    table = at.table[0].value
    assert list(table.columns) == ["District", "Crimes", "Per 1,000", "Change"]
    assert len(table) == 14 and table["Per 1,000"].is_monotonic_decreasing
    assert any("division" in c.value for c in at.caption)


def test_roads_page_says_collisions_are_not_casualties(app_db):
    at = run("pages/roads.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Jan 2023 – Dec 2023"] == "906"
    assert any("KSI collisions are not KSI casualties" in i.value for i in at.info)


def test_dasv_uses_home_office_figures(app_db):
    at = run("pages/dasv.py")
    values = [m.value for m in at.metric]
    assert values == ["4,176", "8,987"]


def test_scorecard_lists_every_appendix_d_measure(app_db):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    rows = sum(len(t.value) for t in at.table)
    assert rows == len(priorities.all_outcomes()) == 29
    statuses = {s for t in at.table for s in t.value["Status"]}
    assert "? no open data yet" in statuses and "– no clear change" in statuses
    assert len(at.get("page_link")) == 6  # a link to each priority page, and one to the reconciliation
