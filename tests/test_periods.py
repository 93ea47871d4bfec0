from datetime import date

import pandas as pd
import pytest

from lancs_dash.figures.periods import latest_comparable_windows, latest_windows, parse_month


def series(months_values):
    return pd.Series({date(y, m, 1): v for (y, m), v in months_values})


def test_parse_month():
    assert parse_month("2024-03") == date(2024, 3, 1)
    for bad in ("2024-13", "24-03", "2024-3", "", "2024-03'; --"):
        with pytest.raises(ValueError):
            parse_month(bad)


def test_incomplete_window_is_labelled_not_summed_as_complete():
    s = series([((2024, m), 10) for m in range(1, 5)] + [((2025, m), 20) for m in range(1, 13)])
    cur, prev = latest_windows(s)
    assert cur.complete and cur.total == 240
    assert not prev.complete and prev.months_present == 4 and "only 4 of 12" in prev.label


def test_latest_comparable_pair_skips_gaps():
    s = series([((2020, m), 1) for m in range(1, 13)] + [((2021, m), 2) for m in range(1, 13)]
               + [((2023, m), 3) for m in range(1, 13)])
    cur, prev = latest_comparable_windows(s)
    assert (cur.end, cur.total, prev.total) == (date(2021, 12, 1), 24, 12)
