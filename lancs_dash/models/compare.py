"""The Compare forces page as a model, per comparator group: the window, forces left out, the exception
list, and for every crime type the ranked table and chart (the visitor picks one)."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from lancs_dash.config import COMPARATOR_GROUP, COMPARATOR_GROUP_NAME, FORCE
from lancs_dash.figures import force_comparison
from lancs_dash.models import charts, tables
from lancs_dash.models.parts import Chart, Table, chart
from lancs_dash.models.site import Site
from lancs_dash.read import registry
from lancs_dash.read.snapshot import Snapshot

GROUPS = {COMPARATOR_GROUP_NAME: COMPARATOR_GROUP, "All forces of England and Wales": None}


def ranked(comparison: force_comparison.ForceComparison, measure_id: str, all_forces: bool) -> pd.DataFrame:
    """The forces shown for one measure, ranked, with the flags the chart and table carry as text."""
    r = comparison.rates[comparison.rates["measure"] == measure_id]
    if not all_forces:
        r = r[r["in_group"]]
    flag = r["worst_10pct"].map({True: "worst 10%", False: ""})
    home = r["home"].map({True: f"{FORCE.short_name}", False: ""})
    status = r["worst_10pct"].map({True: "Worst 10% of forces", False: ""}).where(
        r["worst_10pct"], r["home"].map({True: "Home force", False: "Other force"}))
    return pd.DataFrame({
        "force": r["force"], "crime_type": r["crime_type"], "period": comparison.window.period,
        "crimes": r["crimes"], "population": r["population"].astype(int), "rate_per_1000": r["rate"].round(2),
        "rank_of_all_forces": r["rank"], "forces_ranked": r["forces_ranked"],
        "worst_10pct": r["worst_10pct"], "flag": (flag + " " + home.where(r["home"], "") + " " + r["note"]).str.strip()
        .replace("", "—"), "status": status}).reset_index(drop=True)


def chart_of(table: pd.DataFrame) -> alt.LayerChart:
    """Ranked forces only: an unranked small force's rate (City of London's is over 1,000 per 1,000) would
    squash every other bar; it stays in the table and the alt text with the reason."""
    table = table[table["rank_of_all_forces"].notna()]
    frame = pd.DataFrame({
        "label": table["force"].where(table["force"] != FORCE.short_name, "▶ " + table["force"]),
        "value": table["rate_per_1000"], "status": table["status"],
        "note": table.apply(lambda r: f"{r['rate_per_1000']:.2f} · rank {r['rank_of_all_forces']}"
                            + (" · WORST 10%" if r["worst_10pct"] else ""), axis=1)})
    return charts.ranked_bars(frame, "Crimes per 1,000 residents")


def alt_text(table: pd.DataFrame, crime_type: str, window_label: str) -> str:
    home = table[table["force"] == FORCE.short_name]
    top = table.iloc[0]
    flagged = ", ".join(table.loc[table["worst_10pct"], "force"]) or "none of the forces shown"
    n = int(table["rank_of_all_forces"].notna().sum())
    text = (f"Bar chart ranking {n} forces by {crime_type.lower()} per 1,000 residents, {window_label}. "
            f"Highest ranked: {top['force']} at {top['rate_per_1000']:.2f}.")
    if not home.empty:
        h = home.iloc[0]
        text += (f" {FORCE.short_name}: {h['rate_per_1000']:.2f} per 1,000, rank {h['rank_of_all_forces']} "
                 f"of {h['forces_ranked']} forces.")
    unranked = table.loc[table["rank_of_all_forces"].isna(), "force"]
    if len(unranked):
        text += (f" Not ranked and left off the chart (under {force_comparison.MIN_POPULATION:,} residents, so rates "
                 f"per resident are not comparable; in the table): {', '.join(unranked)}.")
    return text + f" In the worst 10% of all forces: {flagged}."


@dataclass(frozen=True, eq=False)
class ComparePage:
    site: Site
    comparison: force_comparison.ForceComparison | None
    exceptions: Table | None
    crime_types: dict[str, Chart]  # crime type title -> ranked chart card


def build(snap: Snapshot, site: Site, group_name: str) -> ComparePage:
    group = GROUPS[group_name]
    comparison = force_comparison.compare(snap.cursor(), None if group is None else list(group))
    if comparison is None:
        return ComparePage(site, None, None, {})
    cards = {}
    for measure in registry.FORCE_RATES.values():
        table = ranked(comparison, measure.id, all_forces=group is None)
        cards[measure.title] = chart(
            key=f"compare-{measure.id}", title=f"{measure.title} per 1,000 residents, by force",
            period=comparison.window.label, figure=chart_of(table),
            alt_text=alt_text(table, measure.title, comparison.window.label),
            table=tables.force_ranking(table.drop(columns="status")),
            source=measure.source, about=measure.limitations, built=site.built)
    return ComparePage(site, comparison, tables.exceptions(force_comparison.exceptions(comparison)), cards)
