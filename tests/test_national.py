"""The national Crime and Policing Measures list: each priority's data status matches what the database holds."""

from __future__ import annotations

import duckdb
import pytest

from lancs_dash.figures import national
from lancs_dash.read import registry
from lancs_dash.read.force import LANCASHIRE


@pytest.fixture(scope="module")
def con(default_db):
    return duckdb.connect(str(default_db), read_only=True)


def test_six_priorities_each_with_data_or_what_is_needed():
    assert len(national.MEASURES) == 6
    for m in national.MEASURES:
        assert m.needed and m.summary
        assert (m.measure_id is not None) == (m.status == "proxy")
        if m.measure_id:
            assert m.measure_id in registry.MEASURES and m.proxy


def test_published_figures_exist_where_promised(con):
    for m in national.MEASURES:
        if m.published:
            rows = national.published(con, m.published, LANCASHIRE.pfa_code)
            assert not rows.empty and rows["source"].str.startswith("http").all(), m.id


def test_neighbourhood_crime_is_the_sum_of_its_four_crime_types(con):
    total = registry.series(con, "neighbourhood_crime", "force")["value"].sum()
    parts = sum(registry.series(con, registry.snake(c), "force")["value"].sum() for c in registry.NEIGHBOURHOOD_CRIME)
    assert total == parts > 0
