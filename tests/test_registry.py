"""The measure registry: one definition per measure, every measure runs at every level."""

from __future__ import annotations

import re

import duckdb
import pytest

from lancs_dash.read import registry
from lancs_dash.read.registry import ASB, CATEGORIES


def test_one_measure_per_police_uk_crime_type():
    for c in CATEGORIES:
        if c != ASB:
            assert registry.snake(c) in registry.MEASURES
    assert {"asb_incidents", "crimes", "ksi_collisions", "possession_of_weapons"} <= set(registry.MEASURES)


def test_definitions_are_complete():
    for m in registry.MEASURES.values():
        assert re.fullmatch(r"[a-z0-9_]+", m.id)
        assert m.title and m.definition and m.unit and m.source and m.limitations  # Plan references: data/plans
        assert m.direction in ("down", "up", "none")


@pytest.mark.parametrize("level", registry.AREA_LEVELS)
def test_every_measure_runs(default_db, level):
    con = duckdb.connect(str(default_db), read_only=True)
    for m in registry.MEASURES.values():
        frame = registry.series(con, m.id, level)
        if level == "ward" and m.sql != registry.POLICEUK_SQL:
            assert frame.empty  # wards hold police.uk records only (placed by their point)
            continue
        if m.kind == "published" and "$level" in m.sql:  # published figures for the force and its districts
            assert {"period", "value", "source"} <= set(frame.columns)
            assert frame.empty == (level == "division")
            continue
        if m.kind == "published":
            assert {"period", "value", "source_url"} <= set(frame.columns)
            assert frame.empty == (level != "force")  # published figures are for the force area only
            continue
        extra = ["base"] if m.kind == "share" else []
        assert list(frame.columns) == ["area_code", "area_name", "month", "value", *extra]
        if m.kind == "quarterly" and level != "force":
            assert frame.empty  # Home Office tables are by force only
            continue
        if m.kind == "share" and level == "division":
            assert frame.empty  # outcomes are loaded for the force and districts only
            continue
        assert not frame.empty and (frame["value"] >= 0).all()


def test_crimes_is_the_sum_of_the_crime_types(default_db):
    con = duckdb.connect(str(default_db), read_only=True)
    total = registry.series(con, "crimes", "force")["value"].sum()
    parts = sum(registry.series(con, registry.snake(c), "force")["value"].sum() for c in CATEGORIES if c != ASB)
    assert total == parts


def test_unknown_level_and_measure_are_refused(default_db):
    con = duckdb.connect(str(default_db), read_only=True)
    with pytest.raises(ValueError):
        registry.series(con, "crimes", "ward'; DROP TABLE area; --")
    with pytest.raises(KeyError):
        registry.series(con, "nope", "force")
