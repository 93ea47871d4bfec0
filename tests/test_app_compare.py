"""The Compare forces page in Streamlit's AppTest, on the embedded-default database."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.models import compare, site
from lancs_dash.models.parts import Table
from lancs_dash.read import registry
from lancs_dash.read.snapshot import Snapshot
from tests.apptest import with_tables


def open_page(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    return with_tables(at.switch_page("pages/compare_forces.py").run())


def test_default_group_is_the_most_similar_group_with_its_missing_force_named(app_db):
    at = open_page()
    assert not at.exception
    assert [t.value for t in at.title] == ["How does Lancashire compare with forces like it?"]
    # The page leads with the answer: the all-crime rate against the group, and the rank.
    lead = at.markdown[0].value
    assert "Lancashire recorded 84.94 crimes per 1,000 residents" in lead and "rank 10 of 36" in lead
    assert "lower than the other forces of its most similar group with data together (91.11)" in lead
    radio = at.radio(key="group")
    assert radio.value == "similar" and radio.options == [
        "Home Office most similar group (as listed June 2015)", "North West region", "All forces of England and Wales"]
    assert "23 June 2015" in at.caption[0].value and "West Yorkshire" in at.caption[0].value
    assert "Jan 2025 – Dec 2025" in at.info[0].value
    # West Yorkshire has no data for 2025: named as missing, never counted as zero.
    assert "West Yorkshire (no data in the files available for 12 of the 12 months compared)" in at.warning[0].value
    assert "No exceptions" in at.success[0].value
    shown = at.table[0].value
    assert list(shown.columns) == ["Force", "Per 1,000", "Flag"]
    assert set(shown["Force"]) == {"Lancashire", "Humberside", "Kent", "Northumbria", "Nottinghamshire", "South Wales",
                                   "South Yorkshire"}
    assert shown.loc[shown["Force"] == "Lancashire", "Per 1,000"].iloc[0] == "84.94"  # drawn as text
    ranked = card_table(app_db, "similar")
    assert ranked.csv == ranked.frame.to_csv(index=False).encode("utf-8")
    lancs = ranked.frame[ranked.frame["force"] == "Lancashire"].iloc[0]
    assert lancs["rate_per_1000"] == 84.94 and lancs["rank_of_all_forces"] == 10


def test_region_lists_exceptions_clearly_above_the_group(app_db):
    at = open_page()
    at.radio(key="group").set_value("region").run()
    assert not at.exception and "Greater Manchester" in at.warning[0].value
    # The exception list is a static table, so its reason wraps and is read in full on a phone.
    exceptions = at.table[0].value
    assert list(exceptions.columns) == ["Crime type", "Lancashire per 1,000", "Group per 1,000", "Why"]
    assert "Burglary" in set(exceptions["Crime type"])
    assert exceptions["Why"].str.contains("above the comparator group|worst 10% of forces").all()
    assert set(at.table[1].value["Force"]) == {"Lancashire", "Cheshire", "Cumbria", "Merseyside"}


def test_all_forces_flags_worst_ten_percent_in_text(app_db):
    at = open_page()
    at.radio(key="group").set_value("all").run()
    shown = at.table[1].value
    ranked = card_table(app_db, "all").frame
    assert len(shown) == len(ranked) == 37
    assert shown["Flag"].str.contains("worst 10%").sum() == ranked["worst_10pct"].sum() >= 4
    city = ranked[ranked["force"] == "London, City of"].iloc[0]
    assert pd.isna(city["rank_of_all_forces"]) and not city["worst_10pct"] and "not ranked" in city["flag"]
    assert "not ranked" in shown.loc[shown["Force"] == "London, City of", "Flag"].iloc[0]


def card_table(db, kind: str) -> Table:
    """The all-crime card's table as the model holds it (the CSV is made from its frame)."""
    snap = Snapshot.open(db)
    try:
        page = compare.build(snap, site.build(snap), kind)
    finally:
        snap.close()
    return page.crime_types[registry.FORCE_RATES["crimes_per_1000"].title].table
