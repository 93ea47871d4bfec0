"""The five priority pages and the overview scorecard in Streamlit's AppTest, on the embedded default."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.figures import noise
from lancs_dash.read.plan import for_force
from tests.apptest import switch, with_tables

LANCASHIRE = for_force("lancashire")  # the Plan the embedded default is shown against
PRIORITIES = LANCASHIRE.priorities

PAGES = [p.url_path for p in PRIORITIES]


def run(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return switch(at, page).run()  # as a direct link: the page is the first thing that runs


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
    force = {m.label: m.value for m in run("asb").metric}
    assert force["Incidents, Jan – Dec 2025"] == "53,253" and force["Per 1,000 residents, Jan – Dec 2025"] == "34.8"
    preston = run("asb", {"district": "Preston"})
    metrics = {m.label: m.value for m in preston.metric}
    assert metrics["Incidents, Jan – Dec 2025"] == "6,993" and metrics["Per 1,000 residents, Jan – Dec 2025"] == "47.3"
    # The answer for the district picked comes first, above the picker.
    assert preston.markdown[0].value.startswith("In Preston, anti-social behaviour rose 14.6% in January to April "
                                                "2025 compared with the same months of 2024 (293 more incidents).")


def test_district_table_ranked_by_rate_with_division(app_db):
    at = with_tables(run("burglary_robbery"))
    # The district table behind the map is static (district names wrap inside the card on a phone) and draws
    # district, count, rate, change and status; the division and the rest are in the card's CSV (test_app_tables).
    table = next(t.value for t in at.table if "District" in t.value.columns)  # after the maps' keys
    assert list(table.columns) == ["District", "Crimes", "Per 1,000", "Change: status"]  # they wrap in one cell
    assert len(table) == 14 and table["Per 1,000"].is_monotonic_decreasing
    assert any("division" in c.value for c in at.caption)


def test_roads_page_says_collisions_are_not_casualties(app_db):
    at = run("roads")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Collisions, Jan – Dec 2023"] == "906"
    assert metrics["Change: only Jan – Dec 2023 published"] == "Not given"  # words, never a bare dash
    assert any("Collisions are not casualties" in i.value for i in at.info)


def test_dasv_uses_home_office_figures(app_db):
    at = run("dasv")
    # The Home Office figures are from 2017/18: more than three years old, so they are no headline card but a
    # note saying how old they are.
    assert not any("2017" in m.label or "2018" in m.label for m in at.metric)
    older = next(w.value for w in at.warning if w.value.startswith("Older figures"))
    assert "4,176" in older and "8,987" in older and "Apr 2017 – Mar 2018" in older
    assert at.markdown[0].value.startswith("In Lancashire, violence and sexual offences")


def test_scorecard_lists_every_appendix_d_measure(app_db):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    scorecard = [t.value for t in at.table if "Outcome measure (Appendix D)" in t.value.columns]
    assert sum(len(t) for t in scorecard) == len(LANCASHIRE.all_outcomes()) == 29
    statuses = {s for t in scorecard for s in t["Status"]}
    assert noise.ICONS["no open data"] in statuses
    assert noise.ICONS["improving"] + " (Jan – Apr 2025 vs Jan – Apr 2024)" in statuses  # burglary and robbery
    # Drug and weapon possession: more recorded can mean more proactive policing, so a change is not judged.
    assert noise.ICONS["changed"] + " (Jan – Apr 2025 vs Jan – Apr 2024)" in statuses
    assert len(at.get("page_link")) == 6  # a link to each priority page, and one to the reconciliation
