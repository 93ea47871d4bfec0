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
from lancs_dash.periods import label_month
from lancs_dash.ui import data


def fmt_count(x: float | None) -> str:
    return "–" if x is None or pd.isna(x) else f"{x:,.0f}"


def fmt_rate(x: float | None) -> str:
    return "–" if x is None or pd.isna(x) else f"{x:,.1f}"


def fmt_change(x: float | None, pct: float | None) -> str:
    """'▲ 1,234 (+5.2%)' with an arrow and a sign, so the direction never relies on colour."""
    if x is None or pd.isna(x):
        return "no comparison"
    arrow = "▲ up" if x > 0 else "▼ down" if x < 0 else "◆ no change"
    pct_text = "" if pct is None or pd.isna(pct) else f" ({pct:+.1f}%)"
    return f"{arrow} {abs(x):,.0f}{pct_text}"


def last_updated(db_version: int) -> str:
    """'2025-01-31 09:15 UTC': to the minute, so an analyst can see a refresh made the same day."""
    m = data.meta(db_version)
    stamp = m.get("data_built_at", m.get("built_at"))
    return f"{stamp[:10]} {stamp[11:16]} UTC" if stamp else "unknown"


def chart_card(*, key: str, title: str, period: str, chart: alt.TopLevelMixin | pdk.Deck, alt_text: str,
               table: pd.DataFrame, source: str, about: str, db_version: int, legend: str = "") -> None:
    """A titled chart (Altair, or a pydeck map with a text `legend`) with alt text, its table, a CSV
    download of that table and notes on the data."""
    with st.container(border=True):
        st.subheader(title)
        st.caption(f"{period} · Source: {source} · Data last updated {last_updated(db_version)}")
        if isinstance(chart, pdk.Deck):
            st.pydeck_chart(chart, alt=alt_text, key=f"map-{key}")
            st.markdown(legend)
        else:
            st.altair_chart(chart, alt=alt_text, width="stretch")
        with st.expander("Show the data as a table"):
            st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(
            "Download this data (CSV)", table.to_csv(index=False).encode("utf-8"), file_name=f"{key}.csv",
            mime="text/csv", on_click="ignore", key=f"download-{key}", icon=":material/download:")
        with st.expander("About this data"):
            st.markdown(f"{about}\n\n**Source:** {source}. **Licence:** {LICENCE}. {ATTRIBUTION}")


def data_statement(db_version: int, source: str = "policeuk") -> str:
    """'Data cover Nov 2018 – Dec 2025: 52 of 86 months published (missing: …).'"""
    cov = data.coverage(source, db_version)
    if cov.empty:
        return "No monthly data loaded."
    months = pd.to_datetime(cov["month"]).dt.date
    missing = cov[cov["status"] == "missing"]
    present = len(cov) - len(missing)
    text = f"Data cover {label_month(min(months))} – {label_month(max(months))}: {present} of {len(cov)} months published"
    if len(missing):
        text += f" (not published in the files available to us: {_ranges(pd.to_datetime(missing['month']).dt.date)})"
    return text + "."


def _ranges(months) -> str:
    """Collapse consecutive months: 'Mar 2019 – Nov 2019, Jun 2020'."""
    months = sorted(months)
    spans, start, prev = [], months[0], months[0]
    for m in months[1:]:
        if (m.year * 12 + m.month) - (prev.year * 12 + prev.month) != 1:
            spans.append((start, prev))
            start = m
        prev = m
    spans.append((start, prev))
    return ", ".join(label_month(a) if a == b else f"{label_month(a)} – {label_month(b)}" for a, b in spans)
