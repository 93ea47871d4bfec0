"""The district table people see: the districts ranked by rate per 1,000 residents, with division, 12-month
count, the change and status by the one comparison rule, and small-count suppression for sensitive categories."""

from __future__ import annotations

import pandas as pd

from lancs_dash.figures import windows
from lancs_dash.figures.small_numbers import SUPPRESS_BELOW, hidden

__all__ = ["SUPPRESS_BELOW", "count_column", "ranked", "suppress"]


def ranked(series: pd.DataFrame, areas: pd.DataFrame, populations: pd.DataFrame, unit: str,
           direction: str) -> pd.DataFrame:
    """Districts ranked by rate per 1,000 (1 = highest), from a measure's district-level series."""
    t = windows.area_table(series, areas, populations, direction)
    return pd.DataFrame({
        "Rank (by rate)": range(1, len(t) + 1),
        "District": t["area_name"],
        "Division": t["division"].str.replace(" division", ""),
        f"{unit.capitalize()} (12 months)": t["count"].round(0).astype("Int64"),
        "Per 1,000 residents": t["rate_per_1000"].round(1),
        "Change": t["change"].round(0).astype("Int64"),
        "Change (%)": t["change_pct"].round(1),
        "Status": t["status"],
        "Period": t["period"],
        "Change compares": t["compared"],
        "District code": t["area_code"],
    })


def count_column(table: pd.DataFrame) -> str:
    return table.columns[3]


def suppress(table: pd.DataFrame) -> pd.DataFrame:
    """Hide counts under SUPPRESS_BELOW (and the next smallest, so the force total cannot reveal a lone
    one), with their rates."""
    col = count_column(table)
    small = hidden(table[col])
    out = table.assign(**{col: table[col].where(~small)})
    shown = out[col].notna()
    return out.assign(**{c: out[c].where(shown) for c in ("Per 1,000 residents", "Change", "Change (%)")})
