"""The overview page in Streamlit's AppTest, on the embedded-default database."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def test_overview_shows_real_headline_figures(app_db):
    at = run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Jan 2025 – Dec 2025"] in ("130,047", "53,253")
    assert [m.value for m in at.metric if m.label == "Per 1,000 residents"] == ["84.9", "34.8"]
    text = " ".join(c.value for c in at.caption)
    assert "Nov 2021 – Oct 2022 had 141,487 crimes" in text
    assert any("52 of 86 months published" in i.value for i in at.info)


def test_district_table_ranked_by_rate_with_division(app_db):
    at = run()
    table = at.dataframe[1].value
    assert len(table) == 14
    assert table["Per 1,000 residents"].is_monotonic_decreasing
    assert set(table["Division"]) == {"West", "South", "East"}
    assert table["Change"].isna().all()  # the previous 12 months are incomplete: no change is invented


def test_period_choice_from_the_url(app_db):
    at = run({"period": "Latest year-on-year comparison"})
    assert not at.exception
    table = at.dataframe[1].value
    assert (table["Period"] == "Nov 2021 – Oct 2022").all() and table["Change"].notna().all()


def test_hostile_url_value_falls_back_to_default(app_db):
    at = run({"period": "'; DROP TABLE area; --"})
    assert not at.exception
    assert at.radio[0].value == "Latest 12 months"
