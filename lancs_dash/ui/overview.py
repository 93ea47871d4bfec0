"""What the overview page shows, computed from the registry: kept out of the page file so the page
reads as a description and the figures can be tested without a browser."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lancs_dash import districts, reconcile, registry, scorecard, summary
from lancs_dash.config import FORCE
from lancs_dash.fmt import fmt_count
from lancs_dash.ui import data

HEADLINE_MEASURES = ("crimes", "asb_incidents")
# District table choices: label -> whether to use the latest pair of complete 12-month windows.
DISTRICT_PERIODS = {"Latest 12 months": False, "Latest year-on-year comparison": True}
# The figures below are cached per database version: recomputing them was most of a warm page run's CPU,
# which bounds how many visitors one server process can serve at once.


@st.cache_data(show_spinner=False)
def force_headline(measure_id: str, db_version: int) -> summary.Headline | None:
    """The force's latest 12 months of a measure, as the priority pages, meeting mode and the pack give it."""
    return summary.latest(data.series(measure_id, "force", db_version), force_population(db_version),
                          registry.get(measure_id))


def force_population(db_version: int) -> float:
    return float(data.populations("force", db_version)["population"].iloc[0])


@st.cache_data(show_spinner=False)
def district_table(measure_id: str, db_version: int, comparable_only: bool = False) -> pd.DataFrame:
    """Districts ranked by rate per 1,000, with division, count, change: the table people see."""
    return districts.ranked(data.series(measure_id, "district", db_version), data.areas("district", db_version),
                            data.populations("district", db_version), registry.get(measure_id).unit, comparable_only)


@st.cache_data(show_spinner=False)
def scorecard_rows(db_version: int) -> pd.DataFrame:
    """The Appendix D scorecard for the force area."""
    return scorecard.rows(lambda measure_id: data.series(measure_id, "force", db_version))


@st.cache_data(show_spinner=False)
def monthly_force(db_version: int) -> pd.DataFrame:
    """Force-level monthly crimes and ASB, long format, for the trend chart and its table."""
    parts = [data.series(m, "force", db_version).assign(series=registry.get(m).title) for m in HEADLINE_MEASURES]
    return pd.concat(parts, ignore_index=True)[["series", "month", "value"]]


def trend_alt_text(trend: pd.DataFrame) -> str:
    """Alt text stating what the chart shows and its main finding."""
    months = pd.to_datetime(trend["month"])
    parts = []
    for name, part in trend.assign(month=months).groupby("series"):
        peak = part.loc[part["value"].idxmax()]
        last = part.loc[part["month"].idxmax()]
        parts.append(f"{name}: {last['value']:,.0f} in {last['month']:%B %Y}, highest {peak['value']:,.0f} "
                     f"in {peak['month']:%B %Y}")
    return (f"Line chart of records per month for the force area, {months.min():%B %Y} to {months.max():%B %Y}, "
            f"with breaks where months were not published. " + "; ".join(parts) + ".")


def district_row(measure_id: str, district_code: str, db_version: int) -> dict:
    """One district's latest 12 months of a headline measure: count, rate, rank (1 = highest rate), period."""
    t = district_table(measure_id, db_version)
    row = t[t["District code"] == district_code].iloc[0]
    return {"count": row.iloc[3], "rate": row["Per 1,000 residents"], "rank": int(row["Rank (by rate)"]),
            "of": len(t), "period": row["Period"]}


def official_beside(db_version: int) -> str:
    """The newest official force-area total beside police.uk's count for the same 12 months, in words."""
    row = reconcile.force_latest(data.reconciliation(db_version), FORCE.pfa_code)
    if row is None:
        return "No official total in the data covers 12 months that police.uk published in full."
    basis = "derived from published figures" if row["official_basis"].startswith("derived") else "published"
    return (f"For {row['period']}, the official figure is {fmt_count(row['official_figure'])} offences ({basis}, "
            f"excluding fraud) and police.uk's count is {fmt_count(row['police_uk_count'])} crimes, "
            f"{fmt_count(abs(row['difference']))} ({abs(row['difference_pct']):.1f}%) "
            f"{'higher' if row['difference'] > 0 else 'lower'}.")
