"""The map specs as deck.gl receives them (Deck.to_json), built from the embedded default's outlines."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from lancs_dash.models import maps
from lancs_dash.read import queries


@pytest.fixture(scope="module")
def outlines(default_db) -> pd.DataFrame:
    with duckdb.connect(str(default_db), read_only=True) as con:
        return queries.district_outlines(con)


def _values(outlines: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"area_code": outlines["area_code"], "area_name": outlines["area_name"],
                         "value": [float(i) for i in range(len(outlines))], "detail": "figures"})


def _specs(outlines: pd.DataFrame, picked: str | None) -> list[dict]:
    choropleth, _ = maps.choropleth(outlines, _values(outlines), "value", "Rate", picked)
    points = pd.DataFrame({"lon": [-2.7], "lat": [53.76], "lsoa_name": ["Preston 001A"], "records": [5]})
    hotspots, _ = maps.hotspots(points, outlines, picked)
    return [json.loads(choropleth.to_json()), json.loads(hotspots.to_json())]


@pytest.mark.parametrize("picked", [None, "E07000123"])
def test_only_accessors_are_expressions(outlines, picked):
    """pydeck makes every plain string an expression; a setting such as lineWidthUnits must stay a string."""
    for spec in _specs(outlines, picked):
        for layer in spec["layers"]:
            for key, value in layer.items():
                if isinstance(value, str) and value.startswith("@@="):
                    assert key.startswith("get"), f"{layer['@@type']}.{key} = {value!r} reaches deck.gl as an expression"


def test_every_map_draws_all_districts_and_their_names_with_no_basemap(outlines):
    assert len(outlines) == 14
    for spec in _specs(outlines, None):
        layers = {layer["id"]: layer for layer in spec["layers"]}
        assert len(layers["districts"]["data"]["features"]) == 14
        assert layers["districts"]["lineWidthUnits"] == "pixels"
        assert sorted(d["name"].replace("\n", " ") for d in layers["district-names"]["data"]) == sorted(
            outlines["area_name"])
        assert "picked-line" not in layers
        assert spec.get("mapStyle") == "__MAP_STYLE__" and spec.get("mapProvider") is None  # nothing fetched


def test_picked_district_is_outlined_thick(outlines):
    for spec in _specs(outlines, "E07000123"):
        layers = {layer["id"]: layer for layer in spec["layers"]}
        assert layers["picked-band"]["getLineWidth"] > layers["picked-line"]["getLineWidth"] >= 3
        assert layers["picked-line"]["data"]["geometry"] == json.loads(
            outlines.set_index("area_code").loc["E07000123", "geometry"])


def test_names_do_not_overlap_and_fit_a_phone_width_map(outlines):
    d = maps.districts(outlines)
    view = maps._view(maps._all_bounds(d))
    labels = {code: maps._wrap(name) for code, name in d.names.items()}
    offsets = maps._label_offsets(d, labels, view, None)
    boxes = []
    for code, (dx, dy) in offsets.items():
        lines = labels[code].split("\n")
        w, h = 7.2 * max(map(len, lines)) + 6, 15 * len(lines) + 2
        x, y = maps._pixel(*d.label_points[code], view.zoom)
        boxes.append((d.names[code], x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]), f"{a[0]} overlaps {b[0]}"
    cx, _ = maps._pixel(view.longitude, view.latitude, view.zoom)
    assert all(cx - 165 <= box[1] and box[3] <= cx + 165 for box in boxes)


def test_basemap_is_an_opt_in_setting(outlines, monkeypatch):
    monkeypatch.setattr(maps, "BASEMAP", "light")
    spec = _specs(outlines, None)[0]
    assert spec["mapProvider"] == "carto" and "cartocdn" in spec["mapStyle"]
