"""The overview page as a model: headline figures, the monthly trend, district tables, the scorecard, and
one district's figures when a visitor picks one."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lancs_dash.config import FORCE
from lancs_dash.figures import headlines, priorities, reconcile, scorecard
from lancs_dash.figures.fmt import fmt_count, fmt_rate
from lancs_dash.models import charts, tables
from lancs_dash.models.parts import Chart, Table, chart
from lancs_dash.models.priority import ranked_districts
from lancs_dash.models.site import Site
from lancs_dash.read import registry
from lancs_dash.read.snapshot import Snapshot

HEADLINE_MEASURES = ("crimes", "asb_incidents")
# District table choices: label -> whether to use the latest pair of complete 12-month windows.
DISTRICT_PERIODS = {"Latest 12 months": False, "Latest year-on-year comparison": True}


NO_CHANGE_NOTE = ("A dash (–) means no figure: the 12 months before are not all published, so no change is given. "
                  "Choose the latest year-on-year comparison above for one.")

@dataclass(frozen=True)
class Headline:
    title: str
    headline: headlines.Headline | None


@dataclass(frozen=True, eq=False)
class DistrictTable:
    measure_id: str
    title: str
    table: Table
    caption: str  # the period and source (the table draws no period column)


@dataclass(frozen=True, eq=False)
class ScorecardPart:
    """One priority's rows of the scorecard, as drawn."""

    priority: priorities.Priority
    table: Table


@dataclass(frozen=True, eq=False)
class Overview:
    site: Site
    headlines: tuple[Headline, ...]
    trend: Chart
    district_tables: dict[str, tuple[DistrictTable, ...]]  # DISTRICT_PERIODS label -> one table per measure
    scorecard: tuple[ScorecardPart, ...]  # every Appendix D measure, priority by priority, as drawn
    scorecard_table: Table  # every column, with the notes: the full view and the CSV
    official_beside: str  # the newest official total beside police.uk's count, in words


@dataclass(frozen=True)
class DistrictFigures:
    """One district's latest 12 months of each headline measure: count, rate, rank by rate."""

    name: str
    measures: tuple[tuple[str, tuple[headlines.Figure, ...]], ...]  # (subheader, figures)


def force_headline(snap: Snapshot, measure_id: str) -> headlines.Headline | None:
    """The force's latest 12 months of a measure, as the priority pages, meeting mode and the pack give it."""
    return headlines.latest(snap.series(measure_id, "force"), snap.force_population(), registry.get(measure_id))


def monthly_force(snap: Snapshot) -> pd.DataFrame:
    """Force-level monthly crimes and ASB, long format, for the trend chart and its table."""
    parts = [snap.series(m, "force").assign(series=registry.get(m).title) for m in HEADLINE_MEASURES]
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


def build(snap: Snapshot, site: Site) -> Overview:
    trend = monthly_force(snap)
    months = pd.to_datetime(trend["month"])
    card = chart(
        key="overview-monthly-crime-asb", title="Crimes and ASB each month, force area",
        period=f"{months.min():%b %Y} – {months.max():%b %Y}",
        figure=charts.trend(trend, "Records per month", series_field="series"), alt_text=trend_alt_text(trend),
        table=trend.assign(month=months.dt.strftime("%Y-%m")).rename(columns={"series": "measure", "month": "period"}),
        source=registry.POLICEUK_SOURCE, about=registry.POLICEUK_LIMITS, built=site.built)
    by_district = {label: tuple(district_table(snap, m, comparable) for m in HEADLINE_MEASURES)
                   for label, comparable in DISTRICT_PERIODS.items()}
    card_rows = scorecard.rows(lambda measure_id: snap.series(measure_id, "force"))
    return Overview(
        site=site, headlines=tuple(Headline(registry.get(m).title, force_headline(snap, m)) for m in HEADLINE_MEASURES),
        trend=card, district_tables=by_district,
        scorecard=tuple(ScorecardPart(p, tables.scorecard_part(card_rows[card_rows["priority"] == p.title]))
                        for p in priorities.PRIORITIES),
        scorecard_table=Table.of(card_rows), official_beside=official_beside(reconcile.table(snap.cursor())))


def district_table(snap: Snapshot, measure_id: str, comparable_only: bool) -> DistrictTable:
    m = registry.get(measure_id)
    frame = ranked_districts(snap, measure_id, comparable_only=comparable_only)
    return DistrictTable(measure_id, f"{m.title} by district", tables.district(frame, m.unit, NO_CHANGE_NOTE),
                         f"{tables.district_period(frame)}; change on the 12 months before · Source: {m.source}")


def official_beside(reconciliation: pd.DataFrame) -> str:
    """The newest official force-area total beside police.uk's count for the same 12 months, in words."""
    row = reconcile.force_latest(reconciliation, FORCE.pfa_code)
    if row is None:
        return "No official total in the data covers 12 months that police.uk published in full."
    basis = "derived from published figures" if row["official_basis"].startswith("derived") else "published"
    return (f"For {row['period']}, the official figure is {fmt_count(row['official_figure'])} offences ({basis}, "
            f"excluding fraud) and police.uk's count is {fmt_count(row['police_uk_count'])} crimes, "
            f"{fmt_count(abs(row['difference']))} ({abs(row['difference_pct']):.1f}%) "
            f"{'higher' if row['difference'] > 0 else 'lower'}.")


def district_figures(snap: Snapshot, site: Site, district_code: str) -> DistrictFigures:
    name = site.districts[district_code]
    measures = []
    for measure_id in HEADLINE_MEASURES:
        t = ranked_districts(snap, measure_id)
        row = t[t["District code"] == district_code].iloc[0]
        measures.append((f"{registry.get(measure_id).title} in {name}", (
            headlines.Figure(row["Period"], fmt_count(row.iloc[3])),
            headlines.Figure("Per 1,000 residents of the district", fmt_rate(row["Per 1,000 residents"])),
            headlines.Figure("Rank by rate (1 = highest)", f"{int(row['Rank (by rate)'])} of {len(t)} districts"))))
    return DistrictFigures(name, tuple(measures))
