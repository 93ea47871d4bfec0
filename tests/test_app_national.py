"""The National Crime & Policing Measures page in Streamlit's AppTest, on the embedded-default database."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.figures import national
from tests.apptest import with_tables


def open_page() -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.run()
    return with_tables(at.switch_page("pages/national_measures.py").run())


def test_every_national_priority_is_shown_with_its_data_status(app_db):
    at = open_page()
    assert not at.exception
    assert [h.value for h in at.header] == [m.priority for m in national.MEASURES]
    markdown = " ".join(m.value for m in at.markdown)
    assert "Home Office Homicide Index" in markdown and "Action Fraud" in markdown
    assert sum("No open data published" in w.value for w in at.warning) == 2
    assert len(at.get("download_button")) == 3  # one chart card per proxy with a monthly series


def test_published_figures_carry_period_and_source(app_db):
    at = open_page()
    satisfaction = at.dataframe[-1].value
    lancs = satisfaction[satisfaction["measure"] == "victim_satisfaction_whole_experience_pct"].iloc[0]
    assert (lancs["value"], lancs["period"]) == ("82.3", "YE Jun 2014") and lancs["source"].startswith("https://")
    assert "England and Wales" in set(satisfaction["area"])
