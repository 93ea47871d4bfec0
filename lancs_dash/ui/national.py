"""The National Crime & Policing Measures page's pieces: cached figures, the trend table and alt text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lancs_dash import national
from lancs_dash.ui import data

STATUS_TEXT = {
    "proxy": "Proxy from open data (not the national measure itself)",
    "published figures only": "Published figures only, no monthly open data",
    "no open data": "No open data published",
}


@st.cache_data(show_spinner=False)
def published(measure_id: str, db_version: int) -> pd.DataFrame:
    nm = next(m for m in national.MEASURES if m.id == measure_id)
    return national.published(data.cursor(), nm.published)


def trend_table(registry_id: str, db_version: int) -> pd.DataFrame:
    """Force-area monthly series as plotted and downloaded: month, value (published months only)."""
    f = data.series(registry_id, "force", db_version)
    return f.assign(month=pd.to_datetime(f["month"]).dt.strftime("%Y-%m"))[["area_name", "month", "value"]]


def trend_alt(table: pd.DataFrame, title: str, comparison: str) -> str:
    """Alt text: span, latest and highest month, and the latest complete 12-month comparison in words."""
    months = pd.to_datetime(table["month"])
    peak = table.loc[table["value"].idxmax()]
    last = table.loc[months.idxmax()]
    return (f"Line chart of {title[:1].lower() + title[1:]} per month for the force area, {months.min():%B %Y} to "
            f"{months.max():%B %Y}, with breaks where months were not published. Latest: {last['value']:,.0f} in "
            f"{pd.Timestamp(last['month']):%B %Y}; highest: {peak['value']:,.0f} in {pd.Timestamp(peak['month']):%B %Y}. "
            f"{comparison}")
