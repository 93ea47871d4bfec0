"""pydeck maps: the district choropleth and the small-area hotspot view, each with a key.

Colour is never the only cue: the key gives every colour in words (a choropleth class as its limits),
and the tooltip and the table beside every map carry the same figures. Every map draws the district
outlines and names itself, so it needs no network; a tiled basemap is an optional extra (config.BASEMAP).

A deck.gl view is a centre and a zoom, a scale in absolute pixels: neither deck.gl's JSON nor
st.pydeck_chart fits bounds to the canvas in the browser. So each view is fitted here to the narrowest
card a map is drawn in (a 390 px phone's), and the map drawn just tall enough for its outlines; a wider
card shows the same view with the outlines centred.

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
from lancs_dash.figures.fmt import even_decimals
from lancs_dash.models.parts import KeyRow, Map, MapKey
from lancs_dash.read import queries
from lancs_dash.read.snapshot import Snapshot

# Light to dark blue (ColorBrewer Blues), darker means higher. Neighbouring classes are at least 10 apart in
# CIELAB lightness; the darkest is light enough for the outlines to keep 3:1 against it.
BLUES = [[222, 235, 247], [158, 202, 225], [107, 174, 214], [66, 146, 198], [33, 113, 181]]
NO_FIGURE = [200, 200, 200]
INK = [11, 12, 12]  # GOV.UK text colour
WHITE = [255, 255, 255]
# District boundaries: 3:1 or more against every fill and the white page, for between two districts of one
# class (or a district and the page) the line is the only cue.
OUTLINE = [30, 30, 30]
# The picked district: a black line on a wide yellow band (GOV.UK focus colours) shows on every blue.
PICKED_BAND, PICKED_LINE = [255, 221, 0], INK
PALE = [243, 242, 241]  # district areas under the hotspots
HOTSPOT, HOTSPOT_ALPHA = [212, 53, 28], 170
# The map's inside width in a card on a 390 px phone (the page's and the card's padding taken off), the
# narrowest the site is laid out for; the outlines fit it with a margin, and the map is as tall as they need.
PHONE_MAP_WIDTH = 326
MARGIN = 8
MIN_HEIGHT, MAX_HEIGHT = 240, 470
# Names drawn with a white halo (a signed-distance-field font): readable on any fill and over the circles.
_NAME_FONT = {"sdf": True, "fontSize": 64, "buffer": 16, "radius": 24}
_NAME_HALO = 18  # in the font atlas's pixels (64 px glyphs): about 2.5 px round 12 px text


def _literal(value: str) -> pdk.types.String:
    """A string setting deck.gl must receive as-is, not as an expression."""
    return pdk.types.String(value)


def _rounded(value, places: int = 5):
    """Coordinates to 5 decimal places (about a metre), which is finer than any outline or point we draw."""
    if isinstance(value, float):
        return round(value, places)
    if isinstance(value, list):
        return [_rounded(v, places) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v, places) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Districts:
    """District outlines, with a point inside each for its name. Every map of a snapshot draws the same ones, so
    they are made once (see `districts`), their geometry serialised once too: it is most of every map's JSON."""

    features: dict[str, str]  # area_code -> GeoJSON geometry (coordinates rounded), as Map JSON writes it
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
        features[row.area_code] = json.dumps(_rounded(geometry), sort_keys=True, separators=(",", ":"))
        points[row.area_code] = (round(point.x, 4), round(point.y, 4))
        bounds[row.area_code] = geom.bounds
    return Districts(features, dict(zip(outlines["area_code"], outlines["area_name"], strict=True)), points, bounds)


def snapshot_districts(snap: Snapshot) -> Districts:
    """The districts every map of the snapshot draws (use as `snap.derived(snapshot_districts)`)."""
    return districts(queries.district_outlines(snap.cursor()))


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _fit(bounds: tuple[float, float, float, float]) -> tuple[pdk.ViewState, int]:
    """The view that fits the bounds, with a margin, in a phone-width map at most MAX_HEIGHT tall, and the
    height of map that holds them (deck.gl's world is 512 px wide at zoom 0)."""
    west, south, east, north = bounds
    width_at_zoom0 = (east - west) / 360 * 512
    height_at_zoom0 = (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi) * 512
    zoom = min(math.log2((PHONE_MAP_WIDTH - 2 * MARGIN) / width_at_zoom0),
               math.log2((MAX_HEIGHT - 2 * MARGIN) / height_at_zoom0), 12)
    zoom = math.floor(zoom * 100) / 100  # rounded down, so the outlines still fit
    height = min(MAX_HEIGHT, max(MIN_HEIGHT, math.ceil(height_at_zoom0 * 2 ** zoom) + 2 * MARGIN))
    centre_lat = math.degrees(math.atan(math.sinh((_mercator_y(north) + _mercator_y(south)) / 2)))
    return pdk.ViewState(latitude=round(centre_lat, 4), longitude=round((west + east) / 2, 4), zoom=zoom), height


def _all_bounds(d: Districts) -> tuple[float, float, float, float]:
    b = list(d.bounds.values())
    return min(x[0] for x in b), min(x[1] for x in b), max(x[2] for x in b), max(x[3] for x in b)


def _geometry(code: str) -> str:
    """What a layer holds in place of a district's geometry, until `_map` puts the geometry's JSON there (no
    text drawn or shown can hold a NUL)."""
    return f"\0outline:{code}\0"


def _map(deck: pdk.Deck, d: Districts, key: MapKey, height: int) -> Map:
    return Map.of(deck, key, height, {_geometry(code): text for code, text in d.features.items()})


def _outline_layers(d: Districts, fills: dict[str, list[int]] | None, properties: dict[str, dict],
                    picked: str | None) -> list[pdk.Layer]:
    """District areas (filled by `fills`, or a pale grey), their outlines and the picked one's thick outline."""
    features = [{"type": "Feature", "geometry": _geometry(code),
                 "properties": {"name": d.names[code], **properties.get(code, {}),
                                "fill": fills.get(code, [*NO_FIGURE, 255]) if fills else [*PALE, 255]}}
                for code in d.features]
    layers = [pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="districts",
                        pickable=fills is not None, stroked=True, filled=True, get_fill_color="properties.fill",
                        get_line_color=OUTLINE, get_line_width=1, line_width_units=_literal("pixels"))]
    if picked in d.features:
        outline = {"type": "Feature", "geometry": _geometry(picked), "properties": {}}
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
    return (lon + 180) / 360 * scale, (1 - _mercator_y(lat) / math.pi) / 2 * scale


def _label_offsets(d: Districts, labels: dict[str, str], view: pdk.ViewState, height: int,
                   picked: str | None) -> dict[str, list[int]]:
    """Pixel offsets that keep names from overlapping at the opening view: each name in turn (the picked
    district's first, then smaller districts') takes the first nearby spot clear of those placed and
    inside a phone-width map `height` px tall."""
    zoom = view.zoom
    cx, cy = _pixel(view.longitude, view.latitude, zoom)
    frame = (cx - PHONE_MAP_WIDTH / 2, cy - height / 2, cx + PHONE_MAP_WIDTH / 2, cy + height / 2)
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


def _name_layer(d: Districts, view: pdk.ViewState, height: int, picked: str | None) -> pdk.Layer:
    """District names in dark text with a white halo, readable on any fill, nudged apart where they would
    overlap. Drawn last, above everything else."""
    labels = {code: _wrap(name) for code, name in d.names.items()}
    offsets = _label_offsets(d, labels, view, height, picked)
    names = [{"name": labels[code], "lon": lon, "lat": lat, "offset": offsets[code]}
             for code, (lon, lat) in d.label_points.items()]
    return pdk.Layer("TextLayer", names, id="district-names", get_position=["lon", "lat"], get_text="name",
                     get_size=12, size_units=_literal("pixels"), get_color=INK, font_family=_literal("sans-serif"),
                     font_weight=600, get_text_anchor=_literal("middle"), get_alignment_baseline=_literal("center"),
                     get_pixel_offset="offset", font_settings=_NAME_FONT, outline_width=_NAME_HALO,
                     outline_color=WHITE, pickable=False)


def _deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: str) -> pdk.Deck:
    if BASEMAP:
        return pdk.Deck(layers=layers, initial_view_state=view, map_provider="carto", map_style=BASEMAP,
                        tooltip={"text": tooltip})
    # map_provider=None: no basemap (Streamlit would otherwise fetch Carto tiles for map_style=None).
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None, tooltip={"text": tooltip})


def _luminance(colour: list[int] | tuple[int, ...]) -> float:
    """WCAG relative luminance."""
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[int] | tuple[int, ...], b: list[int] | tuple[int, ...]) -> float:
    """WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def _key_row(colour: list[int], shade: str, meaning: str) -> KeyRow:
    text = max((INK, WHITE), key=lambda t: contrast(t, colour))
    return KeyRow(tuple(colour[:3]), tuple(text), shade, meaning)


def _picked_row(d: Districts, picked: str | None) -> list[KeyRow]:
    if picked not in d.names:
        return []
    return [_key_row(PICKED_BAND, "Yellow and black outline", f"the district picked: {d.names[picked]}")]


def classes(values: pd.Series, decimals: int, n: int = len(BLUES)) -> list[tuple[int, int]]:
    """Class limits (first, last) in units of the last decimal place shown, from quantile breaks snapped up
    to a value held, so every class holds a district; each class ends one unit below where the next begins,
    so no value falls in two."""
    units = sorted(set((values.dropna() * 10 ** decimals).round().astype("int64")))
    if not units:
        return []
    quantiles = pd.Series(units).quantile([i / n for i in range(1, n)]) if len(units) > 1 else []
    starts = sorted({units[0]} | {next(u for u in units if u >= q) for q in quantiles})
    return list(zip(starts, [s - 1 for s in starts[1:]] + [units[-1]], strict=True))


def ramp(n: int) -> list[list[int]]:
    """n colours spread across BLUES, lightest to darkest."""
    if n <= 1:
        return BLUES[len(BLUES) // 2:][:n]
    return [BLUES[round(i * (len(BLUES) - 1) / (n - 1))] for i in range(n)]


def choropleth(outlines: pd.DataFrame | Districts, table: pd.DataFrame, value_col: str, value_label: str,
               selected_code: str | None) -> Map:
    """District map coloured by `value_col` of `table` (area_code, area_name, `value_col`, detail), with names
    and a key of its classes.

    `outlines` as for `districts`, or the Districts made of them. Values are classed as the table shows them (its
    rounding), so a district's class is the one the key gives for the figure in the table.
    """
    d = outlines if isinstance(outlines, Districts) else districts(outlines)
    rows = table.set_index("area_code")
    decimals = even_decimals(rows[value_col], 2)  # as parts.column_formats rounds the table's column
    limits = classes(rows[value_col], decimals)
    colours = ramp(len(limits))

    def shown(units: int) -> str:
        return f"{units / 10 ** decimals:,.{decimals}f}"

    fills, props = {}, {}
    for code, row in rows.iterrows():
        value = row[value_col]
        if pd.notna(value):
            units = round(value * 10 ** decimals)
            fills[code] = colours[sum(units >= first for first, _ in limits[1:])] + [255]
        props[code] = {"figures": f"{value_label}: {value:,.{decimals}f}" if pd.notna(value)
                       else f"{value_label}: not published", "detail": row["detail"]}
    view, height = _fit(_all_bounds(d))
    layers = [*_outline_layers(d, fills, props, selected_code), _name_layer(d, view, height, selected_code)]
    deck = _deck(layers, view, "{name}\n{figures}\n{detail}")
    key_rows = [_key_row(colour, f"Band {i + 1}" + (" (lowest)" if i == 0 and len(limits) > 1 else
                                                   " (highest)" if i == len(limits) - 1 and i else ""),
                         shown(first) if first == last else f"{shown(first)} to {shown(last)}")
                for i, (colour, (first, last)) in enumerate(zip(colours, limits, strict=True))]
    if rows[value_col].isna().any():
        key_rows.append(_key_row(NO_FIGURE, "Grey", "no figure (see the table's notes)"))
    key = MapKey(("Shade", value_label), (*key_rows, *_picked_row(d, selected_code)),
                 "Lighter blue is lower, darker blue is higher. Tap a district for its name and figures, or open "
                 "the data table below for every district.")
    return _map(deck, d, key, height)


def hotspot_colour() -> list[int]:
    """A lone circle's colour as drawn: the translucent red over the pale district area."""
    alpha = HOTSPOT_ALPHA / 255
    return [round(c * alpha + p * (1 - alpha)) for c, p in zip(HOTSPOT, PALE, strict=True)]


def hotspots(points: pd.DataFrame, outlines: pd.DataFrame | Districts, selected_code: str | None) -> Map:
    """Small areas as circles sized by records (points: lon, lat, lsoa_name, records) over the districts
    (`outlines` as for `choropleth`).

    With a district picked, the view closes in on it and its outline is drawn thick.
    """
    d = outlines if isinstance(outlines, Districts) else districts(outlines)
    circles = _circles(points, "hotspots", 900, 1.5)
    view, height = _fit(d.bounds[selected_code] if selected_code in d.bounds else _all_bounds(d))
    layers = [*_outline_layers(d, None, {}, selected_code), circles, _name_layer(d, view, height, selected_code)]
    deck = _deck(layers, view, "{lsoa_name}\n{records} records")
    key = MapKey(("Mark", "Shows"), (
        _key_row(hotspot_colour(), "Red circle", "a small area (typically 1,000 to 3,000 residents), placed at a "
                                                 "point inside it; the bigger the circle, the more records (the most: "
                                                 f"{points['records'].max():,})"),
        _key_row(PALE, "Pale grey", "a district; dark lines are district boundaries"),
        *_picked_row(d, selected_code)),
        "Tap a circle for the area and its count, or open the data table below for every area.")
    return _map(deck, d, key, height)


def _circles(points: pd.DataFrame, layer_id: str, metres: float, min_pixels: float) -> pdk.Layer:
    """Red circles at `points` (lon, lat, records), their area proportional to records: the busiest `metres` across."""
    sized = points.assign(radius=(points["records"] / max(points["records"].max() if len(points) else 1, 1)).pow(0.5)
                          * metres)
    data = [{k: round(v, 5) if isinstance(v, float) else v for k, v in row.items()}  # as `_rounded`, for flat rows
            for row in sized.to_dict(orient="records")]
    return pdk.Layer("ScatterplotLayer", data, id=layer_id, get_position=["lon", "lat"], get_radius="radius",
                     get_fill_color=[*HOTSPOT, HOTSPOT_ALPHA], pickable=True, stroked=True, get_line_color=INK,
                     line_width_min_pixels=1, radius_min_pixels=min_pixels)


def neighbourhood(points: pd.DataFrame, wards: Districts, ward_code: str) -> Map:
    """One ward's map: the district's wards (`wards`, made by `districts` from ward outlines) in pale grey with
    their names, this ward outlined thick, and the latest month's records at police.uk's anonymised points
    (points: lon, lat, records, types) as circles sized by records. The view closes in on the ward."""
    most = int(points["records"].max()) if len(points) else 0
    circles = _circles(points, "points", 60, 3)
    view, height = _fit(wards.bounds[ward_code])
    layers = [*_outline_layers(wards, None, {}, ward_code), circles, _name_layer(wards, view, height, ward_code)]
    deck = _deck(layers, view, "{records} records: {types}")
    key = MapKey(("Mark", "Shows"), (
        _key_row(hotspot_colour(), "Red circle", "one of police.uk's anonymised map points, standing for a street or "
                                                 "place near where records happened; the bigger the circle, the more "
                                                 f"records (the most at one point: {most:,})"),
        _key_row(PALE, "Pale grey", "a ward of the district; dark lines are ward boundaries"),
        _key_row(PICKED_BAND, "Yellow and black outline", f"this ward: {wards.names[ward_code]}")),
        "Tap a circle for its records, or open the data table below for every point.")
    return _map(deck, wards, key, height)
