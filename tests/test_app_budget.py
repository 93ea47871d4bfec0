"""The Budget & precept page in Streamlit's AppTest, on the embedded-default database."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from tests.apptest import with_tables


def open_page() -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.run()
    return with_tables(at.switch_page("pages/budget.py").run())


def test_facts_flag_conflicts_and_band_d_carries_basis(app_db):
    at = open_page()
    assert not at.exception
    facts = at.dataframe[0].value
    share = facts[facts["Figure"] == "Share of funding from central government"]
    assert set(share["Value"]) == {"69%", "72%"} and (share["Status"] == "CONFLICT: sources differ").all()
    assert share["Source"].str.startswith("https://").all() and share["Source"].nunique() == 2
    values = facts.set_index("Figure")["Value"]
    assert values["Annual cost of the Constabulary"] == "£311 million"  # published as 311, unit GBP million
    assert values["Budget change: officer uplift"] == "£6.786 million"  # every published digit kept
    assert values["Band D precept increase (£ per year)"] == "£15 per year"
    assert not facts.map(lambda v: "GBP" in str(v) or "percent" in str(v)).any().any()
    band_d = at.dataframe[1].value.set_index("period")
    assert band_d.loc["2021/22", "band_d_gbp"] == 226.45 and band_d.loc["2021/22", "basis"] == "derived"
    assert band_d.loc["2025/26", "basis"] == "stated"


def test_bands_are_statutory_fractions_of_band_d(app_db):
    at = open_page()
    with_tables(at.selectbox(key="band_year").set_value("2025/26").run())
    bands = at.dataframe[2].value.set_index("band")["gbp_per_year"]
    assert bands["D"] == 277.40 and bands["A"] == 184.93 and bands["H"] == 554.80  # A matches the published £184.93


def test_cash_is_the_default_and_real_terms_are_labelled(app_db):
    at = open_page()
    assert at.radio(key="terms").value == "Cash (as published)"
    with_tables(at.radio(key="terms").set_value("Real terms (adjusted for CPI inflation)").run())
    assert not at.exception
    assert any(m.value.startswith("### ") and "2024/25 prices" in m.value for m in at.markdown)  # a card's title
    real = at.dataframe[1].value.set_index("period")
    assert real.loc["2021/22", "band_d_gbp"] == 226.45 and real.loc["2021/22", "band_d_gbp_real"] == 269.51
    assert "2025/26" not in real.index
    assert any("No real-terms figure for 2025/26" in m.value for m in at.markdown)
