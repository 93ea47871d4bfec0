"""The Compare forces page in Streamlit's AppTest, on the embedded-default database."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
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
    ranked = at.dataframe[0].value
    assert set(ranked["force"]) == {"Lancashire", "Cheshire", "Cumbria", "Merseyside", "North Wales"}
    lancs = ranked[ranked["force"] == "Lancashire"].iloc[0]
    assert lancs["rate_per_1000"] == 84.94 and lancs["rank_of_all_forces"] == 10


def test_all_forces_flags_worst_ten_percent_in_text(app_db):
    at = open_page()
    at.radio(key="group").set_value("All forces of England and Wales").run()
    ranked = at.dataframe[0].value
    assert len(ranked) == 37
    assert ranked["flag"].str.contains("worst 10%").sum() == ranked["worst_10pct"].sum() >= 4
    city = ranked[ranked["force"] == "London, City of"].iloc[0]
    assert pd.isna(city["rank_of_all_forces"]) and not city["worst_10pct"] and "not ranked" in city["flag"]
