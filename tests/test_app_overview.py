"""The overview page in Streamlit's AppTest, on the embedded-default database."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.models import overview, site
from lancs_dash.read.snapshot import Snapshot
from tests.apptest import shown_text


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def test_overview_shows_real_headline_figures(app_db, raw_street_counts):
    at = run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    crimes, incidents = raw_street_counts.year(2025)
    assert (metrics["Crimes, Jan – Dec 2025"], metrics["Incidents, Jan – Dec 2025"]) == (crimes, incidents)
    assert [m.value for m in at.metric if m.label == "Per 1,000 residents, Jan – Dec 2025"] == ["84.9", "34.8"]
    assert [m.value for m in at.metric if m.label == "Change, Jan – Apr 2025 vs Jan – Apr 2024"] == [
        "▼ down 2,046 (-4.7%)", "▲ up 2,186 (+14.4%)"]
    assert not any(m.value in ("–", "-", "") for m in at.metric)  # no headline card without a figure or words
    text = " ".join(c.value for c in at.caption)
    assert "Jan – Apr 2025: 41,629 crimes; Jan – Apr 2024: 43,675" in text
    assert any("52 of 86 months published" in i.value for i in at.info)


def test_the_answer_comes_first(app_db):
    """The first thing under the title answers 'is crime going up?' for the force area, then for a district."""
    first = run().markdown[0].value
    assert first.startswith("In Lancashire, recorded crime fell 4.7% in January to April 2025 compared with the "
                            "same months of 2024 (2,046 fewer crimes).")
    assert "In Lancashire, anti-social behaviour rose 14.4%" in first
    first = run({"district": "Preston"}).markdown[0].value
    assert first.startswith("In Preston, recorded crime fell 3.2% in January to April 2025")


def test_district_table_ranked_by_rate_with_division(app_db):
    at = run()
    drawn = shown_text(at.table[0])  # crimes by district: what a phone needs, drawn so the status wraps
    assert list(drawn.columns) == ["District", "Crimes", "Per 1,000", "Change", "Status"]
    snap = Snapshot.open(app_db)
    table = overview.build(snap, site.build(snap)).district_tables[0].table.frame  # the CSV's columns
    snap.close()
    assert len(table) == 14
    assert table["Per 1,000 residents"].is_monotonic_decreasing
    assert set(table["Division"]) == {"West", "South", "East"}
    # One comparison rule: each district's change compares the same months a year apart, with its status.
    assert (table["Period"] == "Jan – Dec 2025").all() and table["Change"].notna().all()
    assert (table["Change compares"] == "Jan – Apr 2025 vs Jan – Apr 2024").all()
    assert table.set_index("District").loc["Burnley", "Status"] == "✔ improving"
    assert drawn.set_index("District").loc["Burnley", "Status"] == "✔ improving"
    assert any("change Jan – Apr 2025 vs Jan – Apr 2024" in c.value for c in at.caption)


def test_an_old_period_link_still_opens(app_db):
    """Links made when the page had a period choice (?period=...) still open the page."""
    at = run({"period": "'; DROP TABLE area; --"})
    assert not at.exception and [s.value for s in at.subheader if s.value.endswith("by district")] == [
        "Crimes (all police.uk crime types) by district", "Anti-social behaviour incidents by district"]


def test_district_from_the_url(app_db):
    at = run({"district": "Preston"})
    assert not at.exception
    assert at.selectbox(key="district").value == "E07000123"
    assert any(s.value == "Crimes (all police.uk crime types) in Preston" for s in at.subheader)
    assert any(m.label == "Rank by rate, Jan – Dec 2025" and m.value.endswith("of 14 districts") for m in at.metric)


def test_unknown_district_in_the_url_gives_a_notice(app_db):
    for value in ("Narnia", "Preston' OR '1'='1", "x" * 5000, "E07000123; DROP TABLE area"):
        at = run({"district": value})
        assert not at.exception
        assert any("does not recognise" in i.value for i in at.info)
        assert at.selectbox(key="district").value is None


def find(at: AppTest, postcode: str) -> AppTest:
    at.text_input(key="postcode").input(postcode)
    return at.button[0].click().run()


def test_postcode_takes_you_to_your_district(app_db):
    at = find(run(), "  bb1 1aa")
    assert not at.exception
    assert any("BB1 1AA is in Blackburn with Darwen" in s.value for s in at.success)
    assert at.selectbox(key="district").value == "E06000008"
    assert any(s.value.endswith("in Blackburn with Darwen") for s in at.subheader)


def test_postcode_outside_the_area_or_malformed(app_db):
    at = find(run(), "SW1A 1AA")
    assert any("not in the Lancashire police force area" in w.value for w in at.warning)
    at = find(at, "'; DROP--")
    assert not at.exception
    assert any("is not a UK postcode" in w.value for w in at.warning)
    assert at.selectbox(key="district").value is None
