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
    satisfaction = at.table[-1].value  # static: the figure with its area, period, value and source wrap on a phone
    lancs = satisfaction[satisfaction["Figure"] == "Victims satisfied with the whole experience (%), Lancashire "
                                                   "police force area"].iloc[0]
    assert (lancs["Value"], lancs["Period"]) == ("82.3%", "year ending June 2014")  # the period in words
    assert "." in lancs["Source"] and not lancs["Source"].startswith("http")  # the site's name; the CSV has the address
    margin = satisfaction[satisfaction["Figure"].str.endswith("England and Wales")]["Value"]
    assert "±0.2 percentage points" in set(margin)


def test_published_figures_read_in_words_not_measure_ids(app_db):
    """Headings and figure names are words: no raw measure id (snake_case) anywhere a resident reads."""
    at = open_page()
    ids = {mid for m in national.MEASURES if m.published for mid in m.published.measures}
    published = [t.value for t in at.table if "Value" in t.value.columns]
    assert len(published) == sum(m.published is not None for m in national.MEASURES)
    for frame in published:
        assert list(frame.columns) == ["Figure", "Period", "Value", "Source"]
        assert not set(frame["Figure"]) & ids and frame["Figure"].notna().all()
        assert not frame["Figure"].str.contains("_").any()
    drugs = published[1].set_index("Period")
    assert drugs.loc["April 2011 to March 2012", "Value"] == "4,732 offences"  # 4732, separated
