"""The National Crime & Policing Measures page as a model: for each national priority, the proxy's
figures and trend, published figures, or what would be needed where nothing is published."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from lancs_dash.figures import comparison, fmt, national
from lancs_dash.figures.headlines import Headline
from lancs_dash.figures.periods import period_words
from lancs_dash.models import charts, tables
from lancs_dash.models.overview import force_headline
from lancs_dash.models.parts import Chart, Table, chart
from lancs_dash.models.site import Site
from lancs_dash.read import registry
from lancs_dash.read.force import Force
from lancs_dash.read.snapshot import Snapshot

STATUS_TEXT = {
    "proxy": "Proxy from open data (not the national measure itself)",
    "published figures only": "Published figures only, no monthly open data",
    "no open data": "No open data published",
}


@dataclass(frozen=True, eq=False)
class Section:
    measure: national.NationalMeasure
    proxy: registry.Measure | None
    headline: Headline | None
    trend: Chart | None
    published: Table | None


@dataclass(frozen=True, eq=False)
class NationalPage:
    site: Site
    sections: tuple[Section, ...]


def trend_table(snap: Snapshot, registry_id: str) -> pd.DataFrame:
    """Force-area monthly series as plotted and downloaded: month, value (published months only)."""
    f = snap.series(registry_id, "force")
    return f.assign(month=pd.to_datetime(f["month"]).dt.strftime("%Y-%m"))[["area_name", "month", "value"]]


def published_table(con: duckdb.DuckDBPyConnection, p: national.Published, force: Force) -> pd.DataFrame:
    """Published figures as people read them: headings in words, each measure by its name, the value with its
    unit, digits exactly as published, and the source.

    Shown, not offered as a CSV (so no download's columns change). The machine-readable form, with measure ids
    and value and unit apart as in the standard extracts, stays `national.published`: ids suit a program,
    words suit a reader, so each gets its own."""
    f = national.published(con, p, force.pfa_code)
    # The figure and its value first: the long area names would otherwise push the value out of view.
    return pd.DataFrame({"Figure": f["measure"].map(p.measures), "Period": f["period"].map(period_words),
                         "Value as published": [fmt.as_published(v, u) for v, u in zip(f["value"], f["unit"], strict=True)],
                         "Area": f["area"].map(lambda a: fmt.area_words(a, force.name)), "Source": f["source"]})


def trend_alt(table: pd.DataFrame, title: str, comparison: str) -> str:
    """Alt text: span, latest and highest month, and the latest complete 12-month comparison in words."""
    months = pd.to_datetime(table["month"])
    peak = table.loc[table["value"].idxmax()]
    last = table.loc[months.idxmax()]
    return (f"Line chart of {title[:1].lower() + title[1:]} per month for the force area, {months.min():%B %Y} to "
            f"{months.max():%B %Y}, with breaks where months were not published. Latest: {last['value']:,.0f} in "
            f"{pd.Timestamp(last['month']):%B %Y}; highest: {peak['value']:,.0f} in {pd.Timestamp(peak['month']):%B %Y}. "
            f"{comparison}")


def _section(snap: Snapshot, site: Site, nm: national.NationalMeasure) -> Section:
    m = registry.get(nm.measure_id) if nm.measure_id else None
    head = card = None
    if m:
        head = force_headline(snap, m.id)
        table = trend_table(snap, m.id)
        card = chart(
            key=f"national-{nm.id}", title=f"{m.title}, force area, per month",
            period=comparison.span_label(*(pd.Period(m).start_time.date() for m in (table["month"].min(),
                                                                                  table["month"].max()))),
            figure=charts.trend_spec(table, f"{m.unit.capitalize()} per month", plan=snap.plan.period),
            alt_text=trend_alt(table, m.title, head.comparison), table=table, source=m.cited(site.force),
            about=f"{m.definition} {m.limitations}", built=site.built)
    published = tables.published(published_table(snap.cursor(), nm.published, site.force), csv=False) if nm.published else None
    return Section(nm, m, head, card, published)


def build(snap: Snapshot, site: Site) -> NationalPage:
    return NationalPage(site, tuple(_section(snap, site, nm) for nm in national.MEASURES))
