"""How tables are formatted for reading: per column, by Streamlit's column_config, never by turning numbers into text."""

from __future__ import annotations

import pandas as pd

from lancs_dash.figures.fmt import as_published
from lancs_dash.models import tables
from lancs_dash.models.parts import MISSING, printf
from lancs_dash.ui.components import column_formats


def test_numbers_get_separators_and_one_number_of_decimals_per_column():
    frame = pd.DataFrame({"count": [1234, 56], "rate": [17.8, 26.0], "share": [0.125, 0.5], "year": [2021, 2022],
                          "name": ["a", "b"], "source": ["https://www.example.org/x", None]})
    config = column_formats(frame)
    assert config["count"]["type_config"]["format"] == "%,d"
    assert config["rate"]["type_config"]["format"] == "%,.1f"
    assert config["share"]["type_config"]["format"] == "%,.2f"  # at most two decimals
    assert config["year"]["type_config"]["format"] == "%d"  # 2021, not 2,021
    assert config["source"]["type_config"]["type"] == "link"
    assert "name" not in config
    assert frame["count"].dtype.kind == "i"  # the data (and so the download) keep plain numbers


def test_published_figures_read_as_money_and_percentages_with_every_digit_kept():
    assert as_published("311", "GBP million") == "£311 million"
    assert as_published("6.786", "GBP million") == "£6.786 million"
    assert as_published("-1.25", "GBP million") == "-£1.25 million"
    assert as_published("15", "GBP per year") == "£15 per year"
    assert as_published("184.93", "GBP") == "£184.93"
    assert as_published("69", "percent") == "69%" and as_published("-21", "percent") == "-21%"
    assert as_published("0.8", "percentage points (+/-)") == "±0.8 percentage points"
    assert as_published("4732", "offences") == "4,732 offences" and as_published("85.0", "percent") == "85.0%"
    assert as_published("0050", "") == "0050"  # never re-read as a number: leading zeros stay


def _district_frame(count: str = "Crimes (12 months)", change: str = "Change", change_pct: str = "Change (%)") -> pd.DataFrame:
    """A district table in district_table.ranked's column order, with the count and change labels given."""
    return pd.DataFrame({"Rank (by rate)": [1, 2], "District": ["Blackburn with Darwen", "Preston"],
                         "Division": ["East", "South"], count: pd.array([13735, 15552], dtype="Int64"),
                         "Per 1,000 residents": [88.8, 105.2], change: pd.array([None, 552], dtype="Int64"),
                         change_pct: [None, 3.7], "Status": ["✕ too few months to compare", "⚠ worsening"],
                         "Period": ["Jan – Dec 2025"] * 2, "Change compares": ["", "Jan – Apr 2025 vs Jan – Apr 2024"],
                         "District code": ["E06000008", "E07000123"]})


def test_district_table_draws_its_key_columns_by_role_whatever_their_labels():
    for labels in ({}, {"count": "Crimes in the latest 12 months", "change": "Change on the year before",
                        "change_pct": "Change on the year before (%)"}):
        frame = _district_frame(**labels)
        shown = tables.district(frame, "crimes")
        c = tables.DistrictColumns.of(frame)
        assert shown.columns == (c.area, c.count, c.rate, c.change_pct, c.status)
        assert (shown.labels[c.count], shown.labels[c.rate], shown.labels[c.change_pct]) == ("Crimes", "Per 1,000", "Change")
        assert shown.csv == frame.to_csv(index=False).encode("utf-8")  # the download keeps every column
        assert "division" in shown.more and shown.missing_note  # what is not drawn is said, and the dash explained


def test_a_static_table_prints_numbers_as_the_grid_does():
    shown = tables.district(_district_frame(), "crimes", static=True)
    text = shown.drawn.to_pandas().to_string()
    assert "13,735" in text and "88.8" in text and "+3.7%" in text and MISSING in text
    assert list(shown.printed.columns) == ["District", "Crimes", "Per 1,000", "Change", "Status"]
    assert printf("%,.2f", 1234.5) == "1,234.50" and printf("%d", 2021) == "2021" and printf("%,d", None) == MISSING
