"""The Compare forces page in Streamlit's AppTest, on the embedded-default database."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from lancs_dash.config import COMPARATOR_GROUP_NAME, PROJECT_ROOT
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


def test_default_group_window_missing_forces_and_exceptions(app_db):
    at = open_page()
    assert not at.exception
    assert "Jan 2025 – Dec 2025" in at.info[0].value
    assert "Greater Manchester" in at.warning[0].value and "Metropolitan Police" in at.warning[0].value
    # The exception list is a static table, so its reason wraps and is read in full on a phone.
    exceptions = at.table[0].value
    assert list(exceptions.columns) == ["Crime type", "Lancashire per 1,000", "Group per 1,000", "Why"]
    assert "Burglary" in set(exceptions["Crime type"])
    assert exceptions["Why"].str.contains("above the comparator group|worst 10% of forces").all()
    # The ranked table behind the chart is static too (it sits in the card): force, rate and flag; the rank and
    # the rest are in its CSV, which keeps every column.
    shown = at.table[1].value
    assert list(shown.columns) == ["Force", "Per 1,000", "Flag"]
    assert set(shown["Force"]) == {"Lancashire", "Cheshire", "Cumbria", "Merseyside", "North Wales"}
    assert shown.loc[shown["Force"] == "Lancashire", "Per 1,000"].iloc[0] == "84.94"  # drawn as text
    ranked = card_table(app_db, COMPARATOR_GROUP_NAME)
    assert ranked.csv == ranked.frame.to_csv(index=False).encode("utf-8")
    lancs = ranked.frame[ranked.frame["force"] == "Lancashire"].iloc[0]
    assert lancs["rate_per_1000"] == 84.94 and lancs["rank_of_all_forces"] == 10


def test_all_forces_flags_worst_ten_percent_in_text(app_db):
    at = open_page()
    at.radio(key="group").set_value("All forces of England and Wales").run()
    shown = at.table[1].value
    ranked = card_table(app_db, "All forces of England and Wales").frame
    assert len(shown) == len(ranked) == 37
    assert shown["Flag"].str.contains("worst 10%").sum() == ranked["worst_10pct"].sum() >= 4
    city = ranked[ranked["force"] == "London, City of"].iloc[0]
    assert pd.isna(city["rank_of_all_forces"]) and not city["worst_10pct"] and "not ranked" in city["flag"]
    assert "not ranked" in shown.loc[shown["Force"] == "London, City of", "Flag"].iloc[0]


def card_table(db, group: str) -> Table:
    """The all-crime card's table as the model holds it (the CSV is made from its frame)."""
    snap = Snapshot.open(db)
    try:
        page = compare.build(snap, site.build(snap), group)
    finally:
        snap.close()
    return page.crime_types[registry.FORCE_RATES["crimes_per_1000"].title].table
