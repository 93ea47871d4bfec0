"""pydeck maps: the district choropleth and the small-area hotspot view, each with a text legend.

Colour is never the only cue: the tooltip, the text legend and the table beside every map carry the
same figures.
"""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk

# Light to dark blue; darker means higher.
BLUES = [[222, 235, 247], [158, 202, 225], [107, 174, 214], [49, 130, 189], [8, 69, 148]]
VIEW = pdk.ViewState(latitude=53.85, longitude=-2.6, zoom=8.2)


def _bands(values: pd.Series, n: int = len(BLUES)) -> list[float]:
    edges = sorted(set(values.quantile([i / n for i in range(n + 1)]).round(1)))
    return edges if len(edges) > 1 else [edges[0], edges[0] + 1]


def choropleth(outlines: pd.DataFrame, table: pd.DataFrame, value_col: str, value_label: str,
               selected_code: str | None) -> tuple[pdk.Deck, str]:
    """District map coloured by `value_col` of `table` (area_code, area_name, count, rate_per_1000).

    Returns the deck and its text legend.
    """
    merged = outlines.merge(table, on="area_code", how="inner")
    edges = _bands(merged[value_col].dropna())
    features = []
    for row in merged.itertuples(index=False):
        value = getattr(row, value_col)
        band = max(0, min(len(edges) - 2, sum(value >= e for e in edges[1:-1]))) if pd.notna(value) else None
        features.append({"type": "Feature", "geometry": json.loads(row.geometry), "properties": {
            "name": row.area_name, "figures": f"{value_label}: {value:,.1f}" if pd.notna(value) else "no figure",
            "detail": row.detail, "fill": BLUES[band] + [200] if band is not None else [200, 200, 200, 120],
            "line": 4 if row.area_code == selected_code else 1}})
    layer = pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, pickable=True,
                      stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=[11, 12, 12],
                      get_line_width="properties.line", line_width_units="pixels")
    deck = pdk.Deck(layers=[layer], initial_view_state=VIEW, map_style=None,
                    tooltip={"text": "{name}\n{figures}\n{detail}"})
    pairs = list(zip(edges, edges[1:], strict=False))
    bands = [f"band {i + 1} of {len(pairs)}: {lo:,.1f} to {hi:,.1f}" for i, (lo, hi) in enumerate(pairs)]
    legend = (f"**Legend** ({value_label}): lighter blue is lower, darker blue is higher; "
              + "; ".join(bands) + ". The district picked is drawn with a thick outline.")
    return deck, legend


def hotspots(points: pd.DataFrame) -> tuple[pdk.Deck, str]:
    """Small areas as circles sized by records (points: lon, lat, lsoa_name, records)."""
    data = points.assign(radius=(points["records"] / points["records"].max()).pow(0.5) * 900)
    layer = pdk.Layer("ScatterplotLayer", data, get_position=["lon", "lat"], get_radius="radius",
                      get_fill_color=[212, 53, 28, 150], pickable=True, stroked=True, get_line_color=[11, 12, 12],
                      line_width_min_pixels=1)
    deck = pdk.Deck(layers=[layer], initial_view_state=VIEW, map_style=None,
                    tooltip={"text": "{lsoa_name}\n{records} records"})
    legend = ("**Legend:** each circle is a small area (LSOA), placed at a point inside it; the bigger the circle, "
              "the more records. Hover for the area and the count; the table lists every area.")
    return deck, legend
