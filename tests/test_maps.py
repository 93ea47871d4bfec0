"""The map specs as deck.gl receives them (Deck.to_json), built from the embedded default's outlines, and
their keys as the page models hold them."""

from __future__ import annotations

import json
import math
import re

import duckdb
import pandas as pd
import pytest
from shapely.geometry import shape

from lancs_dash.models import maps, priority, site
from lancs_dash.models.parts import Map
from lancs_dash.read import queries
from lancs_dash.read.plan import for_force
from lancs_dash.read.snapshot import Snapshot

PRIORITIES = for_force("lancashire").priorities  # Lancashire's Plan, as the embedded default is shown against

PICKED = "E07000123"  # Preston


@pytest.fixture(scope="module")
def outlines(default_db) -> pd.DataFrame:
    with duckdb.connect(str(default_db), read_only=True) as con:
        return queries.district_outlines(con)


@pytest.fixture(scope="module")
def page_maps(default_db) -> list[tuple[str, priority.Chart]]:
    """Every map card of every priority page, with no district and with one picked: (value column, card)."""
    snap = Snapshot.open(default_db)
    shared = site.build(snap)
    cards = []
    for code in (None, PICKED):
        for p in PRIORITIES:
            for block in priority.build(snap, shared, p.id, code).blocks:
                if isinstance(block, priority.DistrictMap):
                    for show, card in block.shows.items():
                        count_col = card.table.frame.columns[3]
                        cards.append(("Per 1,000 residents" if show.startswith("Rate") else count_col, card))
                elif isinstance(block, priority.Card) and isinstance(block.chart.figure, Map):
                    cards.append(("", block.chart))
    snap.close()
    return cards


def _values(outlines: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"area_code": outlines["area_code"], "area_name": outlines["area_name"],
                         "value": [float(i) for i in range(len(outlines))], "detail": "figures"})


def _maps(outlines: pd.DataFrame, picked: str | None) -> list[Map]:
    points = pd.DataFrame({"lon": [-2.7], "lat": [53.76], "lsoa_name": ["Preston 001A"], "records": [5]})
    return [maps.choropleth(outlines, _values(outlines), "value", "Rate", picked), maps.hotspots(points, outlines, picked)]


def _specs(outlines: pd.DataFrame, picked: str | None) -> list[dict]:
    return [m.spec for m in _maps(outlines, picked)]


def _strings(value, path: str = ""):
    """Every string in a JSON value, with where it is."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


@pytest.mark.parametrize("picked", [None, PICKED])
def test_only_accessors_are_expressions(outlines, picked):
    """pydeck makes every plain string an expression; a setting such as lineWidthUnits must stay a string, and
    every expression must name fields the layer's data holds."""
    for spec in _specs(outlines, picked):
        for layer in spec["layers"]:
            data = layer["data"]
            row = data["features"][0] if isinstance(data, dict) and "features" in data else (
                data if isinstance(data, dict) else data[0])
            for path, value in _strings({k: v for k, v in layer.items() if k != "data"}):
                if value.startswith("@@="):
                    assert re.fullmatch(r"\.get\w+", path), f"{layer['id']}{path} = {value!r} reaches deck.gl as an expression"
                    for name in re.findall(r"[A-Za-z_][\w.]*", value[3:]):
                        held = row
                        for part in name.split("."):
                            assert isinstance(held, dict) and part in held, f"{layer['id']}{path}: no field {name!r}"
                            held = held[part]
        assert not [v for p, v in _strings({k: v for k, v in spec.items() if k != "layers"}) if v.startswith("@@=")]


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
    for spec in _specs(outlines, PICKED):
        layers = {layer["id"]: layer for layer in spec["layers"]}
        assert layers["picked-band"]["getLineWidth"] > layers["picked-line"]["getLineWidth"] >= 3
        assert layers["picked-line"]["data"]["geometry"] == json.loads(
            outlines.set_index("area_code").loc[PICKED, "geometry"])


def test_names_do_not_overlap_and_fit_a_phone_width_map(outlines):
    d = maps.districts(outlines)
    view, height = maps._fit(maps._all_bounds(d))
    labels = {code: maps._wrap(name) for code, name in d.names.items()}
    offsets = maps._label_offsets(d, labels, view, height, None)
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
    half = maps.PHONE_MAP_WIDTH / 2
    assert all(cx - half <= box[1] and box[3] <= cx + half for box in boxes)


@pytest.mark.parametrize("picked", [None, PICKED])
def test_view_fits_the_outlines_in_a_phone_width_map(outlines, picked):
    """The outlines (the picked district's on the hotspot map) fit inside the map with the margin, and fill
    it in one direction: the view is fitted, not a guess."""
    geoms = {row.area_code: shape(json.loads(row.geometry)) for row in outlines.itertuples()}
    everything = pd.DataFrame([g.bounds for g in geoms.values()])
    force = (everything[0].min(), everything[1].min(), everything[2].max(), everything[3].max())
    for kind, figure in zip(("choropleth", "hotspots"), _maps(outlines, picked), strict=True):
        west, south, east, north = geoms[picked].bounds if kind == "hotspots" and picked else force
        view = figure.spec["initialViewState"]
        cx, cy = maps._pixel(view["longitude"], view["latitude"], view["zoom"])
        x0, y0 = maps._pixel(west, north, view["zoom"])
        x1, y1 = maps._pixel(east, south, view["zoom"])
        room_w, room_h = maps.PHONE_MAP_WIDTH - 2 * maps.MARGIN, figure.height - 2 * maps.MARGIN
        assert x1 - x0 <= room_w + 0.5 and y1 - y0 <= room_h + 0.5, (kind, x1 - x0, y1 - y0)
        assert max((x1 - x0) / room_w, (y1 - y0) / room_h) > 0.97, (kind, x1 - x0, y1 - y0, figure.height)
        assert abs((x0 + x1) / 2 - cx) < 1 and abs((y0 + y1) / 2 - cy) < 1
        assert maps.MIN_HEIGHT <= figure.height <= maps.MAX_HEIGHT


@pytest.mark.parametrize("picked", [None, PICKED])
def test_names_are_drawn_last_above_the_points_with_a_halo(outlines, picked):
    for spec in _specs(outlines, picked):
        ids = [layer["id"] for layer in spec["layers"]]
        assert ids[-1] == "district-names", ids
        names = spec["layers"][-1]
        assert names["fontSettings"]["sdf"] is True and names["outlineWidth"] > 0  # the halo needs an SDF font
        assert names["outlineColor"][:3] == maps.WHITE and maps.contrast(names["getColor"], maps.WHITE) >= 4.5


def test_colour_ramp_classes_differ_and_outlines_meet_3_to_1():
    def lightness(colour) -> float:  # CIELAB L*
        y = maps._luminance(colour)
        return 116 * (y ** (1 / 3) if y > 216 / 24389 else (24389 / 27 * y + 16) / 116) - 16

    steps = [lightness(a) - lightness(b) for a, b in zip(maps.BLUES, maps.BLUES[1:], strict=False)]
    assert min(steps) >= 10, steps
    for fill in [*maps.BLUES, maps.NO_FIGURE, maps.PALE, maps.WHITE]:
        assert maps.contrast(maps.OUTLINE, fill) >= 3, fill


def _shown(text: str) -> float:
    return float(text.replace(",", ""))


def test_key_classes_never_overlap_and_read_as_the_table_does(page_maps):
    """Each band's limits, to the table's decimals, start one step above the last band's end; and every
    district is filled with the swatch of the band holding its figure as the table shows it."""
    checked = 0
    for value_col, card in page_maps:
        if not value_col:
            continue
        table, key = card.table.frame, card.figure.key
        decimals = int(re.search(r"\.(\d)f", card.table.formats[value_col][1]).group(1)) \
            if "." in card.table.formats[value_col][1] else 0
        bands = [row for row in key.rows if row.shade.startswith("Band")]
        limits = []
        for row in bands:
            parts = row.meaning.split(" to ")
            assert all(re.fullmatch(r"[\d,]+" + (rf"\.\d{{{decimals}}}" if decimals else ""), x) for x in parts), row
            limits.append((_shown(parts[0]), _shown(parts[-1])))
        step = 10 ** -decimals
        for (_, last), (first, _) in zip(limits, limits[1:], strict=False):
            assert math.isclose(first - last, step), (card.key, limits)
        fills = {f["properties"]["name"]: f["properties"]["fill"]
                 for f in card.figure.spec["layers"][0]["data"]["features"]}
        for name, value in zip(table["District"], table[value_col], strict=True):
            if pd.isna(value):
                assert fills[name][:3] == maps.NO_FIGURE
                assert any(r.colour == tuple(maps.NO_FIGURE) for r in key.rows)
                continue
            shown = round(float(value), decimals)
            band = next(r for r, (lo, hi) in zip(bands, limits, strict=True) if lo - 1e-9 <= shown <= hi + 1e-9)
            assert tuple(fills[name]) == (*band.colour, 255), (card.key, name, value)  # opaque: as the swatch
        checked += 1
    assert checked >= 14  # seven pages, two views each, with and without a district picked


def test_key_swatches_are_the_colours_drawn(page_maps):
    for _, card in page_maps:
        key, spec = card.figure.key, card.figure.spec
        layers = {layer["id"]: layer for layer in spec["layers"]}
        drawn = {tuple(f["properties"]["fill"][:3]) for f in layers["districts"]["data"]["features"]}
        swatches = {row.colour for row in key.rows}
        if "hotspots" in layers:
            alpha = layers["hotspots"]["getFillColor"][3] / 255
            lone = tuple(round(c * alpha + p * (1 - alpha)) for c, p in zip(layers["hotspots"]["getFillColor"],
                                                                            maps.PALE, strict=False))
            drawn |= {lone}
        assert drawn <= swatches, (card.key, drawn - swatches)
        if "picked-band" in layers:
            assert tuple(layers["picked-band"]["getLineColor"]) in swatches
        for row in key.rows:
            assert maps.contrast(row.text_colour, row.colour) >= 4.5, row
        assert "Tap" in key.note and "hover" not in key.note.lower()


def test_basemap_is_an_opt_in_setting(outlines, monkeypatch):
    monkeypatch.setattr(maps, "BASEMAP", "light")
    spec = _specs(outlines, None)[0]
    assert spec["mapProvider"] == "carto" and "cartocdn" in spec["mapStyle"]
