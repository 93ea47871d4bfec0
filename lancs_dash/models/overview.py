"""The overview page as a model: headline figures, the monthly trend, district tables, the scorecard, and
one district's figures when a visitor picks one."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lancs_dash.figures import comparison, crime_types, headlines, priorities, reconcile, scorecard, small_numbers
from lancs_dash.figures.fmt import fmt_count
from lancs_dash.models import charts, neighbourhood, tables
from lancs_dash.models.parts import Chart, Table, chart
from lancs_dash.models.priority import ranked_districts
from lancs_dash.models.site import Site
from lancs_dash.read import registry
from lancs_dash.read.plan import Priority
from lancs_dash.read.snapshot import Snapshot

HEADLINE_MEASURES = ("crimes", "asb_incidents")

@dataclass(frozen=True)
class Headline:
    title: str
    headline: headlines.Headline | None


@dataclass(frozen=True, eq=False)
class DistrictTable:
    measure_id: str
    title: str
    table: Table
    caption: str  # the period, the months the change compares, and the source (the table draws neither period)


@dataclass(frozen=True, eq=False)
class ScorecardPart:
    """One priority's rows of the scorecard, as drawn."""

    priority: Priority
    table: Table


@dataclass(frozen=True, eq=False)
class CrimeTypes:
    """Every police.uk crime type of an area: the latest comparable months against the same months a year before."""

    title: str
    caption: str  # the months compared and why, how a change is judged, and the source
    table: Table


def crime_types_of(snap: Snapshot, level: str, code: str, area: str) -> CrimeTypes | None:
    """The "by crime type" table of the force area, a district or a ward (the neighbourhood page's own)."""
    c = comparison.choose(neighbourhood.total(snap, level, code))
    if c is None:
        return None
    source = registry.cite(registry.POLICEUK_SOURCE, snap.force)
    return CrimeTypes(f"By crime type: {area}, {c.label}", f"{c.why} {small_numbers.METHOD} Source: {source}.",
                      neighbourhood.counts_table(crime_types.rows(neighbourhood.type_frame(snap, level, code), level), c, area))


@dataclass(frozen=True, eq=False)
class Overview:
    site: Site
    headlines: tuple[Headline, ...]
    trend: Chart
    district_tables: tuple[DistrictTable, ...]  # one per headline measure
    scorecard: tuple[ScorecardPart, ...]  # every Appendix D measure, priority by priority, as drawn
    scorecard_table: Table  # every column, with the notes: the full view and the CSV
    official_beside: str  # the newest official total beside police.uk's count, in words
    by_type: CrimeTypes | None  # every police.uk crime type, force area; None: too few months to compare

    @property
    def answers(self) -> tuple[str, ...]:
        """The plain answer for each headline measure, force area: what the page opens with."""
        return tuple(h.headline.answer for h in self.headlines if h.headline)


@dataclass(frozen=True)
class DistrictFigures:
    """One district's headline of each headline measure (answer, count, rate, change) and its rank by rate."""

    name: str
    measures: tuple[Headline, ...]
    ranks: tuple[headlines.Figure, ...]  # one per headline measure
    by_type: CrimeTypes | None

    @property
    def answers(self) -> tuple[str, ...]:
        return tuple(h.headline.answer for h in self.measures if h.headline)


def force_headline(snap: Snapshot, measure_id: str) -> headlines.Headline | None:
    """The force's headline of a measure, as the priority pages, meeting mode and the pack give it."""
    return headlines.latest(snap.series(measure_id, "force"), snap.force_population(), registry.get(measure_id),
                            snap.force.short_name)


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
        figure=charts.trend_spec(trend, "Records per month", series_field="series", plan=snap.plan.period),
        alt_text=trend_alt_text(trend),
        table=trend.assign(month=months.dt.strftime("%Y-%m")).rename(columns={"series": "measure", "month": "period"}),
        source=registry.cite(registry.POLICEUK_SOURCE, site.force), about=registry.POLICEUK_LIMITS, built=site.built)
    by_district = tuple(district_table(snap, m) for m in HEADLINE_MEASURES)
    shown = priorities.of(snap)
    card_rows = scorecard.rows(shown, lambda measure_id: snap.series(measure_id, "force"))
    return Overview(
        site=site, headlines=tuple(Headline(registry.get(m).title, force_headline(snap, m)) for m in HEADLINE_MEASURES),
        trend=card, district_tables=by_district,
        scorecard=tuple(ScorecardPart(p, tables.scorecard_part(card_rows[card_rows["priority"] == p.title]))
                        for p in shown if p.outcomes),
        scorecard_table=Table.of(card_rows),
        official_beside=official_beside(reconcile.table(snap.cursor()), snap.force.pfa_code),
        by_type=crime_types_of(snap, "force", snap.areas("force")["area_code"].iloc[0], snap.force.short_name))


def district_table(snap: Snapshot, measure_id: str) -> DistrictTable:
    m = registry.get(measure_id)
    frame = ranked_districts(snap, measure_id)
    return DistrictTable(measure_id, f"{m.title} by district", tables.district(frame, m.unit, static=True),
                         f"{tables.district_period(frame)}; change {tables.district_compared(frame)} · Source: "
                         f"{m.cited(snap.force)}")


def official_beside(reconciliation: pd.DataFrame, pfa_code: str) -> str:
    """The newest official total for the force area `pfa_code` beside police.uk's count for the same 12 months,
    in words."""
    row = reconcile.force_latest(reconciliation, pfa_code)
    if row is None:
        return "No official total in the data covers 12 months that police.uk published in full."
    basis = "derived from published figures" if row["official_basis"].startswith("derived") else "published"
    return (f"For {row['period']}, the official figure is {fmt_count(row['official_figure'])} offences ({basis}, "
            f"excluding fraud) and police.uk's count is {fmt_count(row['police_uk_count'])} crimes, "
            f"{fmt_count(abs(row['difference']))} ({abs(row['difference_pct']):.1f}%) "
            f"{'higher' if row['difference'] > 0 else 'lower'}.")


def district_figures(snap: Snapshot, site: Site, district_code: str) -> DistrictFigures:
    name = site.districts[district_code]
    pops = snap.populations("district")
    pop = float(pops.loc[pops["area_code"] == district_code, "population"].iloc[0])
    measures, ranks = [], []
    for measure_id in HEADLINE_MEASURES:
        m = registry.get(measure_id)
        frame = snap.series(measure_id, "district")
        measures.append(Headline(f"{m.title} in {name}",
                                 headlines.latest(frame[frame["area_code"] == district_code], pop, m, name)))
        t = ranked_districts(snap, measure_id)
        row = t[t["District code"] == district_code].iloc[0]
        ranks.append(headlines.Figure(f"Rank by rate, {row['Period']}",
                                      f"{int(row['Rank (by rate)'])} of {len(t)} districts",
                                      "1 is the highest rate per 1,000 residents."))
    return DistrictFigures(name, tuple(measures), tuple(ranks), crime_types_of(snap, "district", district_code, name))
