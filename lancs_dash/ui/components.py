"""Shared drawing: the chart card, figures and downloads. They draw what a page model holds and compute nothing.

Every chart goes through `chart_card`, so each has a title, period, alt text, a table alternative,
a CSV of exactly what is plotted and, when opened, the table with notes on the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import pandas as pd
import streamlit as st

from lancs_dash.figures.headlines import Figure
from lancs_dash.models import parts
from lancs_dash.models.maps import PHONE_MAP_WIDTH
from lancs_dash.models.parts import MISSING, Chart, Map, MapKey, Spec, Table
from lancs_dash.ui.drawn import once_per_model

DATA_AND_NOTES = "Data table and notes"
ALL_ROWS = 20  # a grid of up to this many rows is drawn in full; a longer one scrolls within ten rows' height


class _Deck:
    """A map already serialised to deck.gl JSON, handed to st.pydeck_chart as a Deck would be."""

    layers = None

    def __init__(self, figure: Map) -> None:
        self._json, self._tooltip = figure.json, figure.tooltip

    def to_json(self) -> str:
        return self._json


def vega(spec: Spec, alt_text: str, **kwargs) -> None:
    """A chart spec built once, drawn as it is: no Altair conversion on a page view."""
    st.vega_lite_chart(spec.with_arrow(), alt=alt_text, **kwargs)


def bracketed(text: str) -> str:
    """Text safe inside a Markdown directive's brackets."""
    return text.replace("[", "\\[").replace("]", "\\]")


def _css(colour: tuple[int, int, int]) -> str:
    return "rgb({}, {}, {})".format(*colour)


# The key's table lines are decoration; its text is #0b0c0c on white, and on each swatch a colour chosen for it.
_KEY_STYLE = ("<style>.map-key{border-collapse:collapse;font-size:0.875rem;color:#0b0c0c}"
              ".map-key th,.map-key td{border:1px solid #b1b4b6;padding:0.25rem 0.5rem;text-align:left;"
              "font-weight:normal}.map-key th{background:#f3f2f1}</style>")


def map_key(key: MapKey) -> None:
    """A map's key as a small table: each swatch in the map's own colour, with what it stands for in words. Drawn
    as plain HTML: a styled st.table costs Streamlit a few milliseconds on every view."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in key.headings)
    rows = "".join(f'<tr><td style="background-color:{_css(r.colour)};color:{_css(r.text_colour)}">{escape(r.shade)}'
                   f"</td><td>{escape(r.meaning)}</td></tr>" for r in key.rows)
    st.html(f'{_KEY_STYLE}<table class="map-key"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
    st.caption(key.note)


def chart_card(card: Chart, key: str | None = None) -> None:
    """A titled chart (Vega-Lite, or a map with its key) with alt text, a CSV download of its data, and the
    same data as a table with notes on it."""
    key = key or card.key
    with st.container(border=True):
        # Title (a level-3 heading) and its period and source in small type, sent as one element.
        st.markdown(f"### {card.title}\n\n:small[{bracketed(card.caption)}]")
        if isinstance(card.figure, Map):
            # The view fits the outlines in a phone-width map, so the map keeps that width everywhere: on a wide
            # screen its key sits beside it, on a phone it wraps underneath.
            with st.container(horizontal=True, gap="medium"):
                st.pydeck_chart(_Deck(card.figure), alt=card.alt_text, key=f"map-{key}", width=PHONE_MAP_WIDTH,
                                height=card.figure.height)
                with st.container(width=PHONE_MAP_WIDTH):
                    map_key(card.figure.key)
        else:
            vega(card.figure, card.alt_text, width="stretch")
        st.download_button(
            "Download this data (CSV)", card.table.csv, file_name=f"{card.key}.csv", mime="text/csv", on_click="ignore",
            key=f"download-{key}", icon=":material/download:")
        # Drawn only when opened: most visitors never open it, and the table is the costliest part of a card.
        with st.expander(DATA_AND_NOTES, key=f"table-{key}", on_change="rerun") as notes:
            if notes.open:
                table(card.table)
                st.markdown(f"**About this data**\n\n{card.about}")


def _config(formats: Mapping[str, tuple[str, str]], labels: Mapping[str, str] | None = None) -> dict[str, dict]:
    """The model's column formats and short headings as Streamlit column settings; a shortened heading keeps
    the column's full name as its tooltip."""
    config = {col: st.column_config.LinkColumn(display_text=how) if kind == "link"
              else st.column_config.NumberColumn(format=how) for col, (kind, how) in formats.items()}
    for col, label in (labels or {}).items():
        config[col] = {**config.get(col, st.column_config.Column()), "label": label, "help": col}
    return config


def column_formats(frame: pd.DataFrame) -> dict[str, dict]:
    return _config(parts.column_formats(frame))


@once_per_model
def _grid_config(shown: Table) -> dict[str, dict]:
    """A grid's column settings, made on its table's first view. Never altered: a view adds its own on a copy."""
    return _config(shown.formats, shown.labels)


def table(shown: Table, *, column_config: dict | None = None, **kwargs) -> None:
    """A table as the model holds it: the columns it chooses (a grid, already in Arrow form, with formatted
    numbers; or, for long text, a static table whose text wraps), and a dash (explained) where a figure is
    missing. What the CSV has beyond the columns drawn is said under it."""
    if shown.printed is not None:
        st.table(shown.drawn, hide_index=True)
    else:
        # A short table shows every row: a grid that scrolls inside the page traps a phone reader's swipe.
        height = "content" if len(shown.frame) <= ALL_ROWS else "auto"
        st.dataframe(shown.shown, hide_index=True, width="stretch", height=height, placeholder=MISSING,
                     column_order=shown.columns or None,
                     column_config={**_grid_config(shown), **(column_config or {})}, **kwargs)
    if shown.missing_note or shown.more:
        st.caption(" ".join(n for n in (shown.missing_note, shown.more) if n))


def table_when_opened(label: str, shown: Table, key: str, **kwargs) -> None:
    """A long reference table behind an expander, drawn only when opened (most visitors never open it)."""
    with st.expander(label, key=key, on_change="rerun") as box:
        if box.open:
            table(shown, **kwargs)


def answers(sentences: Sequence[str]) -> None:
    """The page's plain answer for the area picked, one paragraph per headline measure, sent as one element."""
    if sentences:
        st.markdown("\n\n".join(sentences))


def figures(shown: Sequence[Figure]) -> None:
    """Headline figures side by side, each with how to read it."""
    # One row that wraps on a narrow screen; half the cost of st.columns, which sends a block per column.
    with st.container(horizontal=True):
        for f in shown:
            st.metric(f.label, f.value, help=f.help, border=True)


def download(label: str, table: Table, file_name: str, key: str) -> None:
    st.download_button(label, table.csv, file_name=file_name, mime="text/csv", on_click="ignore", key=key,
                       icon=":material/download:")
