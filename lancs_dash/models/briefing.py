"""What a scrutiny meeting is shown: the opening summary, the exceptions, one section per Plan priority,
the force comparison, budget and precept, and the sources.

Computed from one database connection, and optionally as the data stood at an as-of month (monthly
series and the force comparison stop there; published figures are shown as published, with their
own periods). Meeting mode and the printed pack both draw from a Briefing, using the same summaries,
district tables and chart specs as the dashboard pages, so every figure agrees with the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import altair as alt
import duckdb
import pandas as pd

from lancs_dash.figures import budget, district_table, force_comparison, headlines, noise, priorities, scorecard
from lancs_dash.figures import comparison_groups as groups
from lancs_dash.figures.fmt import built_stamp, coverage_statement
from lancs_dash.figures.periods import label_month, parse_month
from lancs_dash.models import charts, site
from lancs_dash.models.parts import Spec
from lancs_dash.read import plan, queries, registry
from lancs_dash.read.force import Force, from_meta

OVERALL = ("crimes", "asb_incidents")  # the opening summary's measures
NONE_YET = "No figures are published for the period."
NOT_COMPARED = {
    "asb": "Not compared between forces: the force comparison covers police.uk crime types, and ASB is not one.",
    "roads": "Not compared between forces: road collision records are loaded for this force area only.",
}


@dataclass(frozen=True)
class Section:
    """One Plan priority: its headline figures, key chart, district table and force-comparison flags."""

    priority: plan.Priority
    figures: tuple[headlines.Figure, ...]
    answer: str  # the plain answer the section opens with
    comparison: str  # which months are compared and why, or why there is no comparison
    verdict: noise.Verdict
    older: str  # figures too old to lead with, in words ("" when none)
    lead_title: str  # the registry measure the headline figures are for
    plotted: pd.DataFrame  # exactly what the chart draws
    chart_title: str
    chart_period: str
    chart_source: str
    alt_text: str
    districts: pd.DataFrame
    district_title: str
    force_rows: pd.DataFrame  # force_comparison.home_rows for the priority's crime types (empty if not compared)
    force_note: str
    sources: tuple[str, ...]
    plan_period: charts.Period  # the Plan's months, shaded on the chart
    spec: Spec | None = None  # the chart as drawn on screen, built once (None when nothing is plotted)

    def chart(self) -> alt.TopLevelMixin:
        unit = registry.get(self.priority.headline_measures[0]).unit
        return charts.trend(self.plotted, f"{unit.capitalize()} per month", plan=self.plan_period)


@dataclass(frozen=True)
class Briefing:
    force: Force  # the force the database describes
    as_of: date | None
    period: str  # the latest 12 months of recorded crime
    built: str  # when the data were built
    coverage: str  # which months are published
    overall: tuple[tuple[str, headlines.Headline], ...]  # (measure title, headline) for crimes and ASB
    scorecard: pd.DataFrame
    sections: tuple[Section, ...]
    comparison: force_comparison.ForceComparison | None
    force_rows: pd.DataFrame  # the home force on every crime type compared
    exceptions: pd.DataFrame  # the crime types flagged by the force comparison
    worsening: pd.DataFrame  # scorecard measures worsening beyond normal noise
    band_d: pd.DataFrame
    budget: pd.DataFrame
    provenance: pd.DataFrame
    plan: str  # the Plan's period, and whether it has ended
    is_plan: bool  # whether the force has a Plan file (else its pages follow groups of police.uk crime types)
    plan_title: str  # "Police and Crime Plan for Lancashire 2021–25", or what the open-data pages are

    @property
    def name(self) -> str:
        """The site's name, as the plain pages and the pack give it."""
        return site.site_name(self.force, self.is_plan)

    @property
    def as_of_label(self) -> str:
        if not self.as_of:
            return "latest data"
        return (f"monthly figures up to {label_month(self.as_of)} from the files loaded now (later revisions "
                "included); published figures and budgets as published")

    def status_counts(self) -> pd.Series:
        """How many Appendix D measures have each scorecard status, in a fixed order."""
        order = [noise.ICONS[k] for k in ("improving", "worsening", "no clear change", "changed", "not comparable",
                                          "no open data")]
        return self.scorecard["status"].map(lambda s: noise.ICONS[noise.status_of(s)]).value_counts().reindex(
            order).dropna().astype(int)


def parse_as_of(text: str | None) -> date | None:
    """'2024-06' -> date(2024, 6, 1); None or '' -> None. ValueError names what was expected."""
    if not text:
        return None
    try:
        return parse_month(text)
    except ValueError:
        raise ValueError(f"as-of month {text!r} is not a month: expected YYYY-MM, e.g. 2025-06") from None


def _reader(con: duckdb.DuckDBPyConnection, as_of: date | None) -> Callable[[str, str], pd.DataFrame]:
    """A memoised series reader that stops at the as-of month (published figures are never cut)."""
    cache: dict[tuple[str, str], pd.DataFrame] = {}

    def read(measure_id: str, level: str) -> pd.DataFrame:
        if (measure_id, level) not in cache:
            cache[measure_id, level] = registry.series(con, measure_id, level, end=as_of)
        return cache[measure_id, level]

    return read


def build(con: duckdb.DuckDBPyConnection, as_of: date | None = None) -> Briefing:
    read = _reader(con, as_of)
    crimes = read("crimes", "force")
    if crimes.empty:
        raise ValueError("no police.uk months are published" + (f" up to {label_month(as_of)}" if as_of else ""))
    coverage = queries.coverage(con, "policeuk")
    months = pd.to_datetime(coverage["month"]).dt.date
    latest = max(months[coverage["status"] == "present"])
    if as_of and as_of > latest:
        raise ValueError(f"as-of month {label_month(as_of)} is after the latest month loaded ({label_month(latest)})")
    meta = queries.meta(con)
    force = from_meta(meta)
    pop = float(queries.populations(con, "force")["population"].iloc[0])
    areas, pops = queries.areas(con, "district"), queries.populations(con, "district")
    comparison = force_comparison.compare(con, groups.main_group(con), as_of)
    overall = tuple((registry.get(mid).title, headlines.latest(read(mid, "force"), pop, registry.get(mid),
                                                                force.short_name))
                    for mid in OVERALL)
    force = from_meta(queries.meta(con))
    the_plan = plan.for_force(force.slug)
    shown = priorities.shown(the_plan, priorities.held(con, force))
    card = scorecard.rows(shown, lambda mid: read(mid, "force"))
    if as_of:
        coverage = coverage[months <= as_of]
    return Briefing(
        force=force, as_of=as_of, period=overall[0][1].period, built=built_stamp(meta),
        coverage=coverage_statement(coverage), overall=overall, scorecard=card,
        sections=tuple(_section(p, the_plan, force, read, pop, areas, pops, comparison, as_of) for p in shown),
        comparison=comparison,
        force_rows=force_comparison.home_rows(comparison) if comparison else pd.DataFrame(),
        exceptions=force_comparison.exceptions(comparison) if comparison else pd.DataFrame(),
        worsening=card[card["status"].map(noise.status_of) == "worsening"].reset_index(drop=True),
        band_d=budget.with_band_d_labels(budget.band_d_series(con)), budget=budget_rows(con),
        provenance=queries.provenance(con), plan=site.plan_statement(the_plan, as_of or latest),
        is_plan=the_plan.is_plan, plan_title=the_plan.title)


def budget_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The budget by year as the Budget page charts it: each measure's years, those not published said so."""
    published = budget.budget_by_year(con)
    return budget.budget_years(published, published, "gbp_million")


def no_comparison(as_of: date | None) -> str:
    upto = f" up to {label_month(as_of)}" if as_of else ""
    return f"No 12 consecutive months of national data are loaded{upto}, so forces cannot be compared."


def _section(p: plan.Priority, the_plan: plan.Plan, force: Force, read: Callable[[str, str], pd.DataFrame],
             pop: float, areas: pd.DataFrame, pops: pd.DataFrame, comparison: force_comparison.ForceComparison | None,
             as_of: date | None) -> Section:
    lead = registry.get(p.headline_measures[0])  # every priority leads with a monthly series
    frame = read(lead.id, "force")
    top = headlines.latest(frame, pop, lead, force.short_name)
    plotted = frame[["month", "value"]]
    said, answer, verdict = (top.comparison, top.answer, top.verdict) if top else (
        NONE_YET, NONE_YET, noise.Verdict("not comparable"))
    months = pd.to_datetime(plotted["month"])
    others: list[tuple[headlines.Figure, date | None]] = []
    for m in map(registry.get, p.headline_measures[1:]):
        part = read(m.id, "force")
        if m.kind == "quarterly" and len(part):
            others.append((headlines.quarterly_total(part, pop, m), headlines.quarters_end(part["month"])))
        elif m.kind == "published" and (published := headlines.published_latest(part, m)):
            others.append(published)
    figures, older = headlines.older_figures(others, max(months).date()) if top else ([], "")
    dm = registry.get(p.district_measure)
    table = district_table.ranked(read(dm.id, "district"), areas, pops, dm.unit, dm.direction)
    table = district_table.suppress(table) if p.sensitive else table
    rows = force_comparison.home_rows(comparison, list(p.force_rates)) if comparison and p.force_rates else pd.DataFrame()
    if p.force_rates and comparison is None:
        note = no_comparison(as_of)
    elif p.force_rates:
        note = (f"{comparison.window.label}, crimes per 1,000 residents; comparator group: {comparison.group.name} "
                f"({comparison.group.source}). "
                f"An exception is a crime type in the worst 10% of forces or at least "
                f"{100 * (force_comparison.CLEARLY_ABOVE - 1):.0f}% above the group.")
    else:
        note = NOT_COMPARED.get(p.id, "Not compared between forces.")
    section = Section(
        priority=p, figures=(*(top.figures if top else ()), *figures), answer=answer, comparison=said,
        verdict=verdict, older=older, lead_title=lead.title, plotted=plotted,
        chart_title=f"{lead.title} each month, {force.short_name}",
        chart_period=f"{months.min():%b %Y} – {months.max():%b %Y}" if top else "no months published",
        chart_source=lead.cited(force),
        alt_text=charts.trend_alt_text(plotted, lead.title, force.short_name) if top else NONE_YET,
        districts=table, district_title=f"{dm.title} by district" + (f", {table['Period'].iloc[0]}" if len(table) else ""),
        force_rows=rows, force_note=note,
        sources=tuple(dict.fromkeys(registry.get(mid).cited(force) for mid in (*p.headline_measures, dm.id))),
        plan_period=the_plan.period)
    return replace(section, spec=Spec.of(section.chart())) if len(plotted) else section
