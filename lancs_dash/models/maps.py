"""pydeck maps: the district choropleth and the small-area hotspot view, each with a text legend.

Colour is never the only cue: the tooltip, the text legend and the table beside every map carry the
same figures. Every map draws the district outlines and names itself, so it needs no network; a
tiled basemap is an optional extra (config.BASEMAP).

pydeck turns every plain string keyword into a deck.gl expression ("@@=..."), which suits accessors
naming a data field but silently breaks settings such as units or fonts: those go through `_literal`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from shapely.geometry import shape
from shapely.ops import polylabel

from lancs_dash.config import BASEMAP

# Light to dark blue; darker means higher.
BLUES = [[222, 235, 247], [158, 202, 225], [107, 174, 214], [49, 130, 189], [8, 69, 148]]
NO_FIGURE = [200, 200, 200, 160]
INK = [11, 12, 12]  # GOV.UK text colour
OUTLINE = [80, 80, 80]
# The picked district: a black line on a wide yellow band (GOV.UK focus colours) shows on every blue.
PICKED_BAND, PICKED_LINE = [255, 221, 0], INK
PALE = [243, 242, 241]  # district areas under the hotspots
HOTSPOT, HOTSPOT_ALPHA = [212, 53, 28], 170
MAP_HEIGHT = 470
# The whole force area, names included, fits a phone-width map (about 320 px wide) as well as a desktop one.
_FIT_PX = (290, 430)
_PHONE_HALF_WIDTH = 160


def _literal(value: str) -> pdk.types.String:
    """A string setting deck.gl must receive as-is, not as an expression."""
    return pdk.types.String(value)


@dataclass(frozen=True)
class Districts:
    """District outlines as GeoJSON features, with a point inside each for its name."""

    features: dict[str, dict]  # area_code -> GeoJSON geometry
    names: dict[str, str]
    label_points: dict[str, tuple[float, float]]
    bounds: dict[str, tuple[float, float, float, float]]


def districts(outlines: pd.DataFrame) -> Districts:
    """From outlines (area_code, area_name, geometry as GeoJSON text)."""
    features, points, bounds = {}, {}, {}
    for row in outlines.itertuples(index=False):
        geometry = json.loads(row.geometry)
        geom = shape(geometry)
        largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        # The pole of inaccessibility sits well inside odd shapes, where a centroid may fall outside.
        point = polylabel(largest, tolerance=0.002)
        features[row.area_code] = geometry
        points[row.area_code] = (round(point.x, 4), round(point.y, 4))
        bounds[row.area_code] = geom.bounds
    return Districts(features, dict(zip(outlines["area_code"], outlines["area_name"], strict=True)), points, bounds)


def _view(bounds: tuple[float, float, float, float]) -> pdk.ViewState:
    """Centre on the bounds and zoom so they fit _FIT_PX (deck.gl's world is 512 px wide at zoom 0)."""
    west, south, east, north = bounds

    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    width_at_zoom0 = (east - west) / 360 * 512
    height_at_zoom0 = (y(north) - y(south)) / (2 * math.pi) * 512
    zoom = min(math.log2(_FIT_PX[0] / width_at_zoom0), math.log2(_FIT_PX[1] / height_at_zoom0), 12)
    centre_lat = math.degrees(math.atan(math.sinh((y(north) + y(south)) / 2)))
    return pdk.ViewState(latitude=round(centre_lat, 4), longitude=round((west + east) / 2, 4), zoom=round(zoom, 2))


def _all_bounds(d: Districts) -> tuple[float, float, float, float]:
    b = list(d.bounds.values())
    return min(x[0] for x in b), min(x[1] for x in b), max(x[2] for x in b), max(x[3] for x in b)


def _outline_layers(d: Districts, fills: dict[str, list[int]] | None, properties: dict[str, dict],
                    picked: str | None) -> list[pdk.Layer]:
    """District areas (filled by `fills`, or a pale grey), their outlines and the picked one's thick outline."""
    features = [{"type": "Feature", "geometry": geom,
                 "properties": {"name": d.names[code], **properties.get(code, {}),
                                "fill": fills.get(code, NO_FIGURE) if fills else [*PALE, 255]}}
                for code, geom in d.features.items()]
    layers = [pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="districts",
                        pickable=fills is not None, stroked=True, filled=True, get_fill_color="properties.fill",
                        get_line_color=OUTLINE, get_line_width=1, line_width_units=_literal("pixels"))]
    if picked in d.features:
        outline = {"type": "Feature", "geometry": d.features[picked], "properties": {}}
        for width, colour, layer_id in ((7, PICKED_BAND, "picked-band"), (3, PICKED_LINE, "picked-line")):
            layers.append(pdk.Layer("GeoJsonLayer", outline, id=layer_id, stroked=True, filled=False,
                                    get_line_color=colour, get_line_width=width, line_width_units=_literal("pixels")))
    return layers


def _wrap(name: str, width: int = 14) -> str:
    """Long names on two lines, split at the space nearest the middle."""
    if len(name) <= width or " " not in name:
        return name
    cut = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - len(name) / 2))
    return name[:cut] + "\n" + name[cut + 1:]


def _pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    scale = 512 * 2 ** zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def _label_offsets(d: Districts, labels: dict[str, str], view: pdk.ViewState,
                   picked: str | None) -> dict[str, list[int]]:
    """Pixel offsets that keep names from overlapping at the opening view: each name in turn (the picked
    district's first, then smaller districts') takes the first nearby spot clear of those placed and
    inside a phone-width map."""
    zoom = view.zoom
    cx, cy = _pixel(view.longitude, view.latitude, zoom)
    frame = (cx - _PHONE_HALF_WIDTH, cy - MAP_HEIGHT / 2, cx + _PHONE_HALF_WIDTH, cy + MAP_HEIGHT / 2)
    order = sorted(labels, key=lambda c: (c != picked, _area(d.bounds[c])))
    placed: list[tuple[float, float, float, float]] = []
    offsets = {}
    for code in order:
        lines = labels[code].split("\n")
        w, h = 7.2 * max(map(len, lines)) + 6, 15 * len(lines) + 2  # 12 px semi-bold text in its box
        x, y = _pixel(*d.label_points[code], zoom)
        spots = [(0, 0), (0, -h), (0, h), (w / 2 + 4, 0), (-w / 2 - 4, 0), (w / 2, -h), (-w / 2, h),
                 (-w / 2, -h), (w / 2, h), (0, -2 * h), (0, 2 * h)]
        for dx, dy in spots:
            box = (x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2)
            inside = frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        else:
            dx, dy = 0, 0
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        placed.append(box)
        offsets[code] = [round(dx), round(dy)]
    return offsets


def _area(bounds: tuple[float, float, float, float]) -> float:
    west, south, east, north = bounds
    return (east - west) * (north - south)


def _name_layer(d: Districts, view: pdk.ViewState, picked: str | None) -> pdk.Layer:
    """District names in dark text on a pale box, readable on any fill, nudged apart where they would overlap."""
    labels = {code: _wrap(name) for code, name in d.names.items()}
    offsets = _label_offsets(d, labels, view, picked)
    names = [{"name": labels[code], "lon": lon, "lat": lat, "offset": offsets[code]}
             for code, (lon, lat) in d.label_points.items()]
    return pdk.Layer("TextLayer", names, id="district-names", get_position=["lon", "lat"], get_text="name",
                     get_size=12, size_units=_literal("pixels"), get_color=INK, font_family=_literal("sans-serif"),
                     font_weight=600, get_text_anchor=_literal("middle"), get_alignment_baseline=_literal("center"),
                     get_pixel_offset="offset", background=True, get_background_color=[255, 255, 255, 220],
                     background_padding=[3, 1], pickable=False)


def _deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: str) -> pdk.Deck:
    if BASEMAP:
        return pdk.Deck(layers=layers, initial_view_state=view, map_provider="carto", map_style=BASEMAP,
                        tooltip={"text": tooltip})
    # map_provider=None: no basemap (Streamlit would otherwise fetch Carto tiles for map_style=None).
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None, tooltip={"text": tooltip})


def _bands(values: pd.Series, n: int = len(BLUES)) -> list[float]:
    edges = sorted(set(values.quantile([i / n for i in range(n + 1)]).round(1)))
    return edges if len(edges) > 1 else [edges[0], edges[0] + 1]


def band_colours(values: pd.Series) -> list[list[int]]:
    """The fill colour of each band the values fall into (what the legend lists)."""
    return BLUES[:len(_bands(values.dropna())) - 1]


def choropleth(outlines: pd.DataFrame, table: pd.DataFrame, value_col: str, value_label: str,
               selected_code: str | None) -> tuple[pdk.Deck, str]:
    """District map coloured by `value_col` of `table` (area_code, area_name, `value_col`, detail), with names.

    `outlines` as for `districts`. Returns the deck and its text legend.
    """
    d = districts(outlines)
    values = table.set_index("area_code")[value_col]
    edges = _bands(values.dropna())
    fills, props = {}, {}
    for code, row in table.set_index("area_code").iterrows():
        value = row[value_col]
        if pd.notna(value):
            band = max(0, min(len(edges) - 2, sum(value >= e for e in edges[1:-1])))
            fills[code] = BLUES[band] + [230]
        props[code] = {"figures": f"{value_label}: {value:,.1f}" if pd.notna(value) else f"{value_label}: not published",
                       "detail": row["detail"]}
    view = _view(_all_bounds(d))
    layers = [*_outline_layers(d, fills, props, selected_code), _name_layer(d, view, selected_code)]
    deck = _deck(layers, view, "{name}\n{figures}\n{detail}")
    pairs = list(zip(edges, edges[1:], strict=False))
    bands = [f"band {i + 1} of {len(pairs)}: {lo:,.1f} to {hi:,.1f}" for i, (lo, hi) in enumerate(pairs)]
    legend = (f"**Legend** ({value_label}): lighter blue is lower, darker blue is higher; "
              + "; ".join(bands) + ". Grey: no figure. The district picked is drawn with a thick black and "
              "yellow outline.")
    return deck, legend


def hotspots(points: pd.DataFrame, outlines: pd.DataFrame, selected_code: str | None) -> tuple[pdk.Deck, str]:
    """Small areas as circles sized by records (points: lon, lat, lsoa_name, records) over the districts.

    With a district picked, the view closes in on it and its outline is drawn thick.
    """
    d = districts(outlines)
    data = points.assign(radius=(points["records"] / points["records"].max()).pow(0.5) * 900)
    circles = pdk.Layer("ScatterplotLayer", data, id="hotspots", get_position=["lon", "lat"], get_radius="radius",
                        get_fill_color=[*HOTSPOT, HOTSPOT_ALPHA], pickable=True, stroked=True, get_line_color=INK,
                        line_width_min_pixels=1, radius_min_pixels=1.5)
    view = _view(d.bounds[selected_code] if selected_code in d.bounds else _all_bounds(d))
    layers = [*_outline_layers(d, None, {}, selected_code), _name_layer(d, view, selected_code), circles]
    deck = _deck(layers, view, "{lsoa_name}\n{records} records")
    legend = ("**Legend:** each red circle is a small area (LSOA), placed at a point inside it; the bigger the circle, "
              "the more records. Grey lines are district boundaries. Hover for the area and the count; the table "
              "lists every area.")
    return deck, legend
