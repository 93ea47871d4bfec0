"""The one comparison rule (lancs_dash/figures/comparison.py): on made-up series for each branch, and on the real
police.uk files, whose totals are counted here independently of the loader."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from datetime import date

import pandas as pd
import pytest

from lancs_dash.figures import comparison, headlines
from lancs_dash.read import registry
from lancs_dash.read.db import connect


def series(*years_months: tuple[int, range], value: float = 10.0) -> pd.Series:
    return pd.Series({date(y, m, 1): value for y, months in years_months for m in months})


def test_latest_12_months_when_all_24_are_published():
    c = comparison.choose(series((2024, range(1, 13)), (2025, range(1, 13))))
    assert c.basis == "latest 12 months" and c.label == "Jan – Dec 2025 vs Jan – Dec 2024"
    assert (c.current.total, c.previous.total) == (120, 120)


def test_same_months_a_year_earlier_when_the_year_before_has_a_gap():
    # 2024 published only January to April: the newest months with their year-earlier months are Jan – Apr 2025.
    c = comparison.choose(series((2024, range(1, 5)), (2025, range(1, 13))))
    assert c.basis == "same months a year earlier" and c.label == "Jan – Apr 2025 vs Jan – Apr 2024"
    assert c.against == "the same months of 2024" and c.current.months == 4


def test_a_gap_in_the_middle_of_the_latest_year():
    # July 2025 not published: the latest run is August to December 2025, compared with the same months of 2024.
    s = series((2024, range(1, 13)), (2025, [*range(1, 7), *range(8, 13)]))
    c = comparison.choose(s)
    assert c.basis == "same months a year earlier" and c.label == "Aug – Dec 2025 vs Aug – Dec 2024"


def test_fewer_than_three_matched_months_fall_back_to_the_newest_complete_years():
    s = series((2020, range(1, 13)), (2021, range(1, 13)), (2023, range(1, 13)), (2024, range(11, 13)),
               (2025, range(1, 13)))
    c = comparison.choose(s)  # only Nov – Dec 2025 have their year-earlier months: too few
    assert c.basis == "newest complete years" and c.label == "Jan – Dec 2021 vs Jan – Dec 2020"
    assert "newest two complete years" in c.why


def test_a_series_with_only_one_complete_year_has_no_comparison():
    s = series((2023, range(1, 13)))
    assert comparison.choose(s) is None
    frame = pd.DataFrame({"area_code": "X", "month": list(s.index), "value": list(s)})
    head = headlines.latest(frame, 1000.0, registry.get("ksi_collisions"), "Lancashire")
    assert head.verdict.status == "not comparable"
    assert head.answer.startswith("In Lancashire, 120 collisions were recorded in 2023")
    assert "no change can be given" in head.answer
    assert all(f.value not in ("–", "") for f in head.figures)


def test_long_view_names_the_earliest_year_with_the_same_months():
    s = pd.concat([series((2020, range(1, 5)), value=20.0), series((2024, range(1, 5)), (2025, range(1, 13)))])
    c = comparison.choose(s)
    view = comparison.long_view(s, c)
    assert view.span.label == "Jan – Apr 2020" and view.words(c.current) == "about half the level of the same " \
                                                                             "months of 2020"


def raw_force_counts(shared_data) -> Counter:
    """Lancashire's police.uk records per (month, is ASB), counted straight from the raw file."""
    counts: Counter = Counter()
    with gzip.open(shared_data / "policeuk" / "lancashire_street.csv.gz", "rt", newline="") as f:
        for row in csv.DictReader(f):
            counts[row["Month"], row["Crime type"] == "Anti-social behaviour"] += 1
    return counts


@pytest.fixture(scope="module")
def raw(shared_data) -> Counter:
    return raw_force_counts(shared_data)


def test_real_data_compare_jan_apr_2025_with_jan_apr_2024(real_db, raw):
    with connect(real_db) as con:
        frame = registry.series(con, "crimes", "force")
    c = comparison.choose(frame.set_index(pd.to_datetime(frame["month"]).dt.date)["value"].astype(float))
    assert c.label == "Jan – Apr 2025 vs Jan – Apr 2024"
    crimes = {y: sum(raw[f"{y}-{m:02d}", False] for m in range(1, 5)) for y in (2024, 2025)}
    assert (c.current.total, c.previous.total) == (crimes[2025], crimes[2024])
