"""Official police recorded crime beside police.uk: the series, the reconciliation table, the pages that
show them and the extract CLI."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash import db, extract, official, reconcile
from lancs_dash.config import PROJECT_ROOT


@pytest.mark.parametrize(("period", "expected"), [
    ("2021/22", (date(2021, 4, 1), date(2022, 3, 1))),
    ("YE Mar 2022", (date(2021, 4, 1), date(2022, 3, 1))),
    ("YE Sep 2021", (date(2020, 10, 1), date(2021, 9, 1))),
    ("2021", None),  # the publisher did not say which 12 months
    ("Apr-Jun 2020", None),  # a quarter
    ("2021/23", None),
])
def test_official_periods(period, expected):
    assert official.window(period) == expected


def _row(frame: pd.DataFrame, period: str, area_code: str) -> pd.Series:
    rows = frame[frame["period"].str.startswith(period + " (") & (frame["area_code"] == area_code)]
    assert len(rows) == 1, f"{period} {area_code}: {len(rows)} rows"
    return rows.iloc[0]


def _check_figures(frame: pd.DataFrame) -> None:
    force = _row(frame, "2021/22", "E23000003")
    assert (force["police_uk_count"], force["official_figure"], force["difference"]) == (145_598, 138_853, 6_745)
    assert force["difference_pct"] == 4.9
    assert force["months"] == "2021-04 to 2022-03"
    assert force["official_basis"].startswith("derived: the published 2022/23 total of 130,378 minus its published "
                                              "change on the year of -8,475")
    blackpool = _row(frame, "YE Mar 2022", "E06000009")
    assert (blackpool["police_uk_count"], blackpool["official_figure"], blackpool["difference"]) == (
        21_838, 23_603, -1_765)
    assert blackpool["official_basis"].startswith("published at https://")
    # A period police.uk did not publish in full has the official figure and no count, saying why.
    partial = _row(frame, "2020/21", "E23000003")
    assert partial["official_figure"] == 119_796 and pd.isna(partial["police_uk_count"])
    assert "2020-06, 2020-08, 2020-09" in partial["note"]
    # Bare years are not set beside any 12 months.
    assert not frame["period"].str.match(r"^\d{4} ").any()
    assert list(frame.columns) == reconcile.COLUMNS


def test_reconciliation_on_the_embedded_default(default_db):
    _check_figures(reconcile.table(db.connect(default_db)))


def test_reconciliation_on_a_fresh_load_of_the_raw_data(real_db):
    _check_figures(reconcile.table(db.connect(real_db)))


def test_display_keeps_only_rows_with_both_figures(default_db):
    shown = reconcile.display(reconcile.table(db.connect(default_db)))
    assert shown["police.uk count"].ne("–").all()
    row = shown[(shown["Area"] == "Blackpool") & shown["Period"].str.startswith("YE Mar 2022")].iloc[0]
    assert (row["police.uk count"], row["Official figure"], row["Difference"], row["Difference %"]) == (
        "21,838", "23,603", "-1,765", "-7.5%")


def test_official_series_in_the_extract_cli(default_db):
    out = io.StringIO()
    with redirect_stdout(out):
        assert extract.main(["official_recorded_crime", "--area", "district", "--db", str(default_db)]) == 0
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    blackpool = frame[(frame["area_name"] == "Blackpool") & (frame["period"] == "YE Mar 2022")]
    assert blackpool["value"].tolist() == [23_603]
    assert blackpool["source"].iloc[0].startswith("Police recorded crime (official statistics), published at http")
    out = io.StringIO()
    with redirect_stdout(out):
        assert extract.main(["official_recorded_crime", "--area", "force", "--db", str(default_db)]) == 0
    force = pd.read_csv(io.StringIO(out.getvalue())).set_index("period")
    assert force.loc["2021/22", "value"] == 138_853 and "derived" in force.loc["2021/22", "source"]
    assert force.loc["2022/23", "value"] == 130_378 and "published" in force.loc["2022/23", "source"]


def _page(path: str | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    if path:
        at.switch_page(path)
    return at.run()


def test_overview_names_its_series_and_sets_the_official_figure_beside_it(app_db):
    at = _page()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Series: police.uk street-level records" in text
    assert "the official figure is 138,853 offences (derived from published figures" in text
    assert "police.uk's count is 145,598 crimes, 6,745 (4.9%) higher" in text


def test_data_page_reconciliation_table_and_csv(app_db):
    at = _page("pages/data.py")
    assert not at.exception
    shown = at.table[0].value
    blackpool = shown[(shown["Area"] == "Blackpool") & shown["Period"].str.startswith("YE Mar 2022")].iloc[0]
    assert (blackpool["Official figure"], blackpool["police.uk count"]) == ("23,603", "21,838")
    force = shown[shown["Period"].str.startswith("2021/22")].iloc[0]
    assert (force["Official figure"], force["police.uk count"]) == ("138,853", "145,598")
    assert "derived" in force["Official figure is"]
    assert any("Why the two counts differ" in m.value for m in at.markdown)
    assert "Download the reconciliation (CSV)" in [b.label for b in at.get("download_button")]


def test_data_page_extract_places_official_periods_by_their_last_month(app_db):
    at = _page("pages/data.py")
    at.multiselect(key="measures").set_value(["official_recorded_crime"]).run()
    at.selectbox(key="level").set_value("force").run()
    at.selectbox(key="from").set_value("2021-04").run()
    at.selectbox(key="to").set_value("2022-03").run()
    preview = at.dataframe[0].value
    assert preview["period"].tolist() == ["2021/22"] and preview["value"].tolist() == [138_853]
