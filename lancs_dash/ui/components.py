"""Shared page components: the chart card, the data statement and number formatting.

Every chart goes through `chart_card`, so each has a title, period, alt text, a table alternative,
a CSV of exactly what is plotted and an "About this data" note.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.fmt import built_stamp, coverage_statement, fmt_change, fmt_count, fmt_rate  # noqa: F401 (pages use ui.fmt_*)
from lancs_dash.ui import data
from lancs_dash.ui.maps import MAP_HEIGHT

MISSING = "–"
MISSING_NOTE = "A dash (–) means there is no figure for that cell."


def _decimals(values: pd.Series, most: int = 2) -> int:
    """The fewest decimals that show every value in the column as it is held (at most `most`)."""
    values = values.dropna().astype("float64")
    return next((d for d in range(most) if ((values - values.round(d)).abs() < 1e-9).all()), most)


_SITE = r"https?://(?:www\.)?([^/]+)"  # a long address is shown as its site, and still opens in full


def _is_links(values: pd.Series) -> bool:
    text = values.dropna()
    return (values.dtype == object or pd.api.types.is_string_dtype(values)) and len(text) > 0 \
        and text.astype(str).str.match(r"https?://").all()


def column_formats(frame: pd.DataFrame) -> dict[str, st.column_config.Column]:
    """Thousands separators and one number of decimals in each numeric column (years stay as written),
    and web addresses as links. Values keep their type, so sorting and the CSV download see plain values."""
    config = {}
    for col in frame.columns:
        values = frame[col]
        if _is_links(values):
            config[col] = st.column_config.LinkColumn(display_text=_SITE)
            continue
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        if "year" in str(col).lower() and _decimals(values) == 0:
            config[col] = st.column_config.NumberColumn(format="%d")
            continue
        decimals = _decimals(values)
        config[col] = st.column_config.NumberColumn(format=f"%,.{decimals}f" if decimals else "%,d")
    return config


def data_table(frame: pd.DataFrame, *, column_config: dict | None = None, missing_note: str = MISSING_NOTE,
          **kwargs) -> None:
    """A table as readers should see it: formatted numbers, and a dash (explained) where a figure is missing."""
    st.dataframe(frame, hide_index=True, width="stretch", placeholder=MISSING,
                 column_config={**column_formats(frame), **(column_config or {})}, **kwargs)
    if frame.isna().any().any():
        st.caption(missing_note)


def last_updated(db_version: int) -> str:
    return built_stamp(data.meta(db_version))


def chart_card(*, key: str, title: str, period: str, chart: alt.TopLevelMixin | pdk.Deck, alt_text: str,
               table: pd.DataFrame, source: str, about: str, db_version: int, legend: str = "") -> None:
    """A titled chart (Altair, or a pydeck map with a text `legend`) with alt text, its table, a CSV
    download of that table and notes on the data."""
    with st.container(border=True):
        st.subheader(title)
        st.caption(f"{period} · Source: {source} · Data last updated {last_updated(db_version)}")
        if isinstance(chart, pdk.Deck):
            st.pydeck_chart(chart, alt=alt_text, key=f"map-{key}", height=MAP_HEIGHT)
            st.markdown(legend)
        else:
            st.altair_chart(chart, alt=alt_text, width="stretch")
        with st.expander("Show the data as a table"):
            data_table(table)
        st.download_button(
            "Download this data (CSV)", table.to_csv(index=False).encode("utf-8"), file_name=f"{key}.csv",
            mime="text/csv", on_click="ignore", key=f"download-{key}", icon=":material/download:")
        with st.expander("About this data"):
            st.markdown(f"{about}\n\n**Source:** {source}. **Licence:** {LICENCE}. {ATTRIBUTION}")


def data_statement(db_version: int, source: str = "policeuk") -> str:
    return coverage_statement(data.coverage(source, db_version))
