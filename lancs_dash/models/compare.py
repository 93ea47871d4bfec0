"""The Compare forces page as a model, per comparison group of the database's force (forces like it, its
region, all forces: figures.comparison_groups): a sentence answering how the force compares, the window, the
group's forces with no data, the exception list, and for every crime type the ranked table and chart."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from lancs_dash.figures import comparison_groups, force_comparison
from lancs_dash.figures.comparison_groups import Group
from lancs_dash.models import charts, tables
from lancs_dash.models.parts import Chart, Table, chart
from lancs_dash.models.site import Site
from lancs_dash.read import registry
from lancs_dash.read.snapshot import Snapshot

# The page's choices, by kind of group: forces like the force, its region, all forces (a link names the group).
KINDS = ("similar", "region", "all")


def group_of(snap: Snapshot, kind: str) -> Group | None:
    """The force's group of one kind; None if it has none (no region lists it)."""
    chosen = [g for g in comparison_groups.groups(snap.cursor()) if _kind(g) == kind]
    return chosen[0] if chosen else None


def _kind(group: Group) -> str:
    return "similar" if group.kind in ("most_similar", "similar_computed") else group.kind


def ranked(comparison: force_comparison.ForceComparison, measure_id: str, all_forces: bool) -> pd.DataFrame:
    """The forces shown for one measure, ranked, with the flags the chart and table carry as text."""
    r = comparison.rates[comparison.rates["measure"] == measure_id]
    if not all_forces:
        r = r[r["in_group"]]
    flag = r["worst_10pct"].map({True: "worst 10%", False: ""})
    home = r["home"].map({True: comparison.home.short_name, False: ""})
    status = r["worst_10pct"].map({True: "Worst 10% of forces", False: ""}).where(
        r["worst_10pct"], r["home"].map({True: "Home force", False: "Other force"}))
    return pd.DataFrame({
        "force": r["force"], "crime_type": r["crime_type"], "period": comparison.window.period,
        "crimes": r["crimes"], "population": r["population"].astype(int), "rate_per_1000": r["rate"].round(2),
        "rank_of_all_forces": r["rank"], "forces_ranked": r["forces_ranked"],
        "worst_10pct": r["worst_10pct"], "flag": (flag + " " + home.where(r["home"], "") + " " + r["note"]).str.strip()
        .replace("", "—"), "status": status, "home": r["home"]}).reset_index(drop=True)


def chart_of(table: pd.DataFrame) -> alt.LayerChart:
    """Ranked forces only: an unranked small force's rate (City of London's is over 1,000 per 1,000) would
    squash every other bar; it stays in the table and the alt text with the reason."""
    table = table[table["rank_of_all_forces"].notna()]
    frame = pd.DataFrame({
        "label": table["force"].where(~table["home"], "▶ " + table["force"]),
        "value": table["rate_per_1000"], "status": table["status"],
        "note": table.apply(lambda r: f"{r['rate_per_1000']:.2f} · rank {r['rank_of_all_forces']}"
                            + (" · WORST 10%" if r["worst_10pct"] else ""), axis=1)})
    return charts.ranked_bars(frame, "Crimes per 1,000 residents")


def alt_text(table: pd.DataFrame, crime_type: str, window_label: str, missing: pd.DataFrame | None = None) -> str:
    """`missing`: the group's forces with no data for the window (force, reason), named, never zero."""
    home = table[table["home"]]
    top = table.iloc[0]
    flagged = ", ".join(table.loc[table["worst_10pct"], "force"]) or "none of the forces shown"
    n = int(table["rank_of_all_forces"].notna().sum())
    text = (f"Bar chart ranking {n} forces by {crime_type.lower()} per 1,000 residents, {window_label}. "
            f"Highest ranked: {top['force']} at {top['rate_per_1000']:.2f}.")
    if not home.empty:
        h = home.iloc[0]
        text += (f" {h['force']}: {h['rate_per_1000']:.2f} per 1,000, rank {h['rank_of_all_forces']} "
                 f"of {h['forces_ranked']} forces.")
    unranked = table.loc[table["rank_of_all_forces"].isna(), "force"]
    if len(unranked):
        text += (f" Not ranked and left off the chart (under {force_comparison.MIN_POPULATION:,} residents, so rates "
                 f"per resident are not comparable; in the table): {', '.join(unranked)}.")
    if missing is not None and len(missing):
        text += f" No data for these months, so not shown: {', '.join(missing['force'])}."
    return text + f" In the worst 10% of all forces: {flagged}."


def lead(comparison: force_comparison.ForceComparison) -> str:
    """The plain answer to 'how does the force compare with forces like it?', for the group compared."""
    rows = force_comparison.home_rows(comparison)
    name, group = comparison.home.short_name, comparison.group
    if rows.empty:
        return f"{name} has no data for {comparison.window.label}, so it cannot be compared."
    total = rows.iloc[0]
    rate, grp = total[f"{name} per 1,000"], total["Comparator group per 1,000"]
    who = "all other forces" if group.pfa_codes is None else f"the other forces of its {_short(group)} with data"
    if grp is None or pd.isna(grp):
        against = f"no other force of its {_short(group)} has data for these months"
    else:
        change = 100 * (rate / grp - 1)
        against = (f"{abs(change):.0f}% {'higher' if change > 0 else 'lower'} than {who} together ({grp:.2f})"
                   if round(change) else f"about the same as {who} together ({grp:.2f})")
    worst = rows.loc[rows["Why it is an exception"].str.contains("worst 10%"), "Crime type"].tolist()
    above = rows.loc[rows["Why it is an exception"].str.contains("above the comparator group"), "Crime type"].tolist()
    text = (f"In {comparison.window.label}, {name} recorded {rate:.2f} crimes per 1,000 residents: {against}; "
            f"rank {total['Rank (1 = highest rate)']} forces of England and Wales (1 = highest rate).")
    text += (f" In the worst 10% of forces for: {', '.join(worst)}." if worst
             else " It is not in the worst 10% of forces for any crime type.")
    if above:
        text += (f" At least {100 * (force_comparison.CLEARLY_ABOVE - 1):.0f}% above the group for: "
                 f"{', '.join(above)}.")
    return text


def _short(group: Group) -> str:
    """The group as a sentence names it: 'most similar group', 'North West region', 'computed similar forces'."""
    return {"most_similar": "most similar group", "similar_computed": "computed group of similar forces"}.get(
        group.kind, group.name)


@dataclass(frozen=True, eq=False)
class ComparePage:
    site: Site
    group: Group | None  # None: the force has no group of this kind
    comparison: force_comparison.ForceComparison | None
    lead: str
    missing: str  # the group's forces with no data for the months compared, in words ("" if none)
    exceptions: Table | None
    crime_types: dict[str, Chart]  # crime type title -> ranked chart card


def build(snap: Snapshot, site: Site, kind: str) -> ComparePage:
    group = group_of(snap, kind)
    comparison = None if group is None else force_comparison.compare(snap.cursor(), group)
    if comparison is None:
        return ComparePage(site, group, None, "", "", None, {})
    missing = comparison.missing_members()
    cards = {}
    for measure in registry.FORCE_RATES.values():
        table = ranked(comparison, measure.id, all_forces=group.pfa_codes is None)
        cards[measure.title] = chart(
            key=f"compare-{measure.id}", title=f"{measure.title} per 1,000 residents, by force",
            period=comparison.window.label, figure=chart_of(table),
            alt_text=alt_text(table, measure.title, comparison.window.label, missing),
            table=tables.force_ranking(table.drop(columns=["status", "home"])),
            source=measure.source, about=measure.limitations, built=site.built)
    return ComparePage(site, group, comparison, lead(comparison), missing_text(missing),
                       tables.exceptions(force_comparison.exceptions(comparison)), cards)


def missing_text(missing: pd.DataFrame) -> str:
    """The group's forces left out, each with why: they are never counted as zero."""
    if missing.empty:
        return ""
    named = "; ".join(f"{r.force} ({r.reason})" for r in missing.itertuples())
    return f"Not in this comparison, because there is no data for them (never counted as zero): {named}."
