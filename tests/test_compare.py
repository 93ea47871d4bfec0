"""Force comparison on a database built by the loader from the raw open data."""

from __future__ import annotations

import math
from datetime import date

import duckdb
import pandas as pd
import pytest

from lancs_dash.figures import comparison_groups, force_comparison
from lancs_dash.read import registry


@pytest.fixture(scope="module")
def con(real_db):
    return duckdb.connect(str(real_db), read_only=True)


def test_every_territorial_force_file_maps_to_a_police_force_area(con):
    rows = dict(con.execute("SELECT force_slug, pfa_code FROM force_map").fetchall())
    assert rows["lancashire"] == "E23000003" and rows["north-wales"] == "W15000001"
    assert rows["city-of-london"] == "E23000034" and rows["devon-and-cornwall"] == "E23000035"
    assert rows["btp"] is None and rows["northern-ireland"] is None
    assert sum(v is not None for v in rows.values()) == 43


def group(con, kind: str) -> comparison_groups.Group:
    return next(g for g in comparison_groups.groups(con) if g.kind == kind)


def test_window_is_latest_twelve_months_and_missing_forces_are_excluded(con):
    c = force_comparison.compare(con, group(con, "region"))
    assert (c.window.start, c.window.end) == (date(2025, 1, 1), date(2025, 12, 1))
    assert c.window.period == "2025-01/2025-12"
    assert not c.window.group_complete  # Greater Manchester is in none of the 2025 files
    excluded = set(c.excluded["force"])
    assert {"Greater Manchester", "Metropolitan Police", "West Midlands", "West Yorkshire",
            "Avon and Somerset", "Thames Valley"} <= excluded
    assert not set(c.rates["force"]) & excluded


def test_window_prefers_one_where_the_group_is_complete():
    months = [date(2024, m, 1) for m in range(1, 13)] + [date(2025, m, 1) for m in range(1, 13)]
    cov = pd.DataFrame([(m, s, not (s == "x" and m.year == 2025 and m.month == 3)) for m in months for s in "xy"],
                       columns=["month", "force_slug", "present"])
    assert force_comparison.choose_window(cov, ["y"]).end == date(2025, 12, 1)
    w = force_comparison.choose_window(cov, ["x", "y"])  # x missing Mar 2025: the latest window without it ends Feb 2025
    assert (w.start, w.end, w.group_complete) == (date(2024, 3, 1), date(2025, 2, 1), True)


def test_worst_ten_percent_is_the_top_tenth_by_rate(con):
    rates = force_comparison.compare(con, group(con, "all")).rates
    for _, r in rates[rates["rankable"]].groupby("measure"):
        n = len(r)
        flagged = r[r["worst_10pct"]]
        assert len(flagged) >= math.ceil(0.1 * n)
        assert flagged["rate"].min() > r[~r["worst_10pct"]]["rate"].max()
    assert set(rates["measure"]) == set(registry.FORCE_RATES)


def test_lancashire_rate_and_rank(con):
    r = force_comparison.compare(con, comparison_groups.main_group(con)).rates
    lancs = r[(r["measure"] == "crimes_per_1000") & r["home"]].iloc[0]
    assert lancs["crimes"] == 130_047 and lancs["population"] == 1_531_127
    assert round(lancs["rate"], 1) == 84.9 and lancs["forces_ranked"] == 36 and lancs["rank"] == 10


def test_exception_list_names_types_clearly_above_the_group(con):
    """Against its most similar group Lancashire has no exception; against the North West region, whose rates
    are lower, burglary and vehicle crime are clearly above the group."""
    assert force_comparison.exceptions(force_comparison.compare(con, comparison_groups.main_group(con))).empty
    ex = force_comparison.exceptions(force_comparison.compare(con, group(con, "region")))
    assert {"Burglary", "Vehicle crime"} <= set(ex["Crime type"])
    assert ex["Why it is an exception"].str.contains("above the comparator group|worst 10%").all()


def test_city_of_london_is_shown_but_not_ranked_or_flagged(con):
    """Fewer than 100,000 residents: its rate is in the table but takes no rank, no flag and no share of the
    worst-10% threshold (36 ranked forces: the worst 4)."""
    rates = force_comparison.compare(con, group(con, "all")).rates
    city = rates[rates["force"] == "London, City of"]
    assert len(city) == len(registry.FORCE_RATES) and (city["population"] < force_comparison.MIN_POPULATION).all()
    assert city["rank"].isna().all() and not city["worst_10pct"].any() and not city["rankable"].any()
    assert city["note"].str.contains("not ranked").all()
    assert city[city["measure"] == "crimes_per_1000"]["rate"].iloc[0] > 1000  # would otherwise rank first
    all_crime = rates[rates["measure"] == "crimes_per_1000"]
    assert all_crime["forces_ranked"].eq(36).all() and all_crime["worst_10pct"].sum() == 4
    assert set(all_crime.loc[all_crime["rankable"], "rank"]) == set(range(1, 37))
