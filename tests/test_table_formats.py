"""How tables are formatted for reading: per column, by Streamlit's column_config, never by turning numbers into text."""

from __future__ import annotations

import pandas as pd

from lancs_dash.figures.fmt import as_published
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
