"""How tables are formatted for reading: per column, by Streamlit's column_config, never by turning numbers into text."""

from __future__ import annotations

import pandas as pd

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
