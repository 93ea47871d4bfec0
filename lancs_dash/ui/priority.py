"""The sections of a Plan priority page, computed from the registry and drawn with the chart card.

Each page file calls these in order, so it reads as a description of the page. Every section
honours the district picked (kept in the URL as ?district=...).
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from lancs_dash import charts, districts, headline, noise, priorities, registry, summary
from lancs_dash.periods import label_month
from lancs_dash.ui import components as ui
from lancs_dash.ui import data, district, maps
from lancs_dash.ui import overview as ov


@dataclass(frozen=True)
class View:
    priority: priorities.Priority
    v: int  # database version
    district_code: str | None
    district_name: str

    @property
    def level(self) -> str:
        return "district" if self.district_code else "force"


def start(priority_id: str) -> View:
    """Title, the Plan's commitments and the district picker (bound to ?district=)."""
    p, v = priorities.get(priority_id), data.version()
    st.title(p.title)
    code, name = district.picker(v)
    with st.expander(f"What the Plan commits to ({p.section})"):
        st.markdown("\n".join(f"- {c}" for c in p.commitments) + "\n\n*Summarised in our own words.*")
    return View(p, v, code, name)


def _series(view: View, measure_id: str) -> pd.DataFrame:
    frame = data.series(measure_id, view.level, view.v)
    return frame[frame["area_code"] == view.district_code] if view.district_code else frame


def _population(view: View) -> float:
    pops = data.populations(view.level, view.v)
    return float(pops.loc[pops["area_code"] == view.district_code, "population"].iloc[0] if view.district_code
                 else pops["population"].iloc[0])


def headline_figures(view: View, measure_id: str) -> None:
    """Latest 12 months: count, rate, change, and whether the change is beyond normal noise."""
    m = registry.get(measure_id)
    st.header(f"{m.title}: the latest 12 months, {view.district_name}")
    top = summary.latest(_series(view, measure_id), _population(view), m)
    if top is None:
        st.info("No figures published for this area.")
        return
    for col, f in zip(st.columns(len(top.figures)), top.figures, strict=True):
        col.metric(f.label, f.value, help=f.help, border=True)
    st.markdown(top.comparison)
    st.caption(f"How we judge noise: {noise.METHOD} Source: {m.source}.")


def trend(view: View, measure_id: str) -> None:
    m = registry.get(measure_id)
    frame = _series(view, measure_id)[["month", "value"]]
    months = pd.to_datetime(frame["month"])
    ui.chart_card(
        key=f"{view.priority.id}-{measure_id}-trend", title=f"{m.title} each month, {view.district_name}",
        period=f"{months.min():%b %Y} – {months.max():%b %Y}", chart=charts.trend(frame, f"{m.unit.capitalize()} per month"),
        alt_text=charts.trend_alt_text(frame, m.title, view.district_name),
        table=frame.assign(month=months.dt.strftime("%Y-%m"), area=view.district_name).rename(
            columns={"month": "period", "value": m.unit}),
        source=m.source, about=m.limitations, db_version=view.v)


def district_table(view: View, measure_id: str, sensitive: bool = False) -> pd.DataFrame:
    table = ov.district_table(measure_id, view.v)
    return districts.suppress(table) if sensitive else table


def district_map(view: View, measure_id: str, sensitive: bool = False) -> None:
    """Choropleth of the 14 districts, rate per 1,000 by default, counts on request; table alongside."""
    m = registry.get(measure_id)
    table = district_table(view, measure_id, sensitive)
    count_col = table.columns[3]
    show = st.radio("Map shows", ["Rate per 1,000 residents", "Count"], horizontal=True, key=f"map-{measure_id}")
    value_col = "Per 1,000 residents" if show.startswith("Rate") else count_col
    shaped = pd.DataFrame({"area_code": table["District code"], "area_name": table["District"],
                           "value": table[value_col].astype("float64"),
                           "detail": [f"{ui.fmt_count(c)} {m.unit}; {ui.fmt_rate(r)} per 1,000"
                                      for c, r in zip(table[count_col], table["Per 1,000 residents"], strict=True)]})
    deck, legend = maps.choropleth(data.district_outlines(view.v), shaped, "value", show, view.district_code)
    top = table.iloc[0]
    ui.chart_card(
        key=f"{view.priority.id}-{measure_id}-districts", title=f"{m.title} by district",
        period=str(table["Period"].iloc[0]), chart=deck, legend=legend,
        alt_text=(f"Map of the 14 districts shaded by {show.lower()} of {m.title.lower()}. Highest rate: "
                  f"{top['District']} ({ui.fmt_rate(top['Per 1,000 residents'])} per 1,000). The table lists every district."),
        table=table, source=m.source, db_version=view.v,
        about=m.limitations + (f" Counts under {districts.SUPPRESS_BELOW} are suppressed (with the next smallest) because "
                               "the category is sensitive." if sensitive else ""))
    st.caption("Districts ranked by rate per 1,000 residents; records with no location are in the force total only.")


def hotspots(view: View, measure_id: str) -> None:
    m = registry.get(measure_id)
    pair = next(iter(headline.comparisons(data.series(measure_id, "force", view.v)).values()))
    points = data.lsoa_hotspots(tuple(m.params["categories"]), pair.current.start, pair.current.end, view.v)
    if view.district_code:
        points = points[points["district_code"] == view.district_code]
    deck, legend = maps.hotspots(points, data.district_outlines(view.v), view.district_code)
    share = points["records"].head(max(1, len(points) // 10)).sum() / max(points["records"].sum(), 1)
    ui.chart_card(
        key=f"{view.priority.id}-{measure_id}-hotspots", title=f"Hotspots: {m.title.lower()} by small area",
        period=pair.current.label, chart=deck, legend=legend,
        alt_text=(f"Map of {len(points)} small areas in {view.district_name} sized by {m.title.lower()}. The busiest "
                  f"tenth of areas hold {share:.0%} of the records; the busiest is {points['lsoa_name'].iloc[0]} with "
                  f"{points['records'].iloc[0]:,}."),
        table=points[["lsoa_code", "lsoa_name", "district_code", "records"]].assign(period=pair.current.label),
        source=m.source, db_version=view.v,
        about=m.limitations + " Points are a point inside each small area, not where incidents happened.")


def outcomes(view: View, share_measure_id: str) -> None:
    """Last outcome groups for the latest 12 months, and the charge/summons share."""
    m = registry.get(share_measure_id)
    cats = tuple(m.params["categories"])
    pair = next(iter(headline.comparisons(data.series(share_measure_id, "force", view.v)).values()))
    groups = data.outcome_groups(cats, pair.current.start, pair.current.end, view.v)
    groups = groups.assign(share_pct=(100 * groups["crimes"] / groups["crimes"].sum()).round(1))
    chart = alt.Chart(groups).mark_bar(color="#1d70b8").encode(
        x=alt.X("share_pct:Q", title="Share of crimes (%)"), y=alt.Y("outcome_group:N", sort="-x", title=None),
        tooltip=["outcome_group", "crimes", "share_pct"]) + alt.Chart(groups).mark_text(align="left", dx=3).encode(
        x="share_pct:Q", y=alt.Y("outcome_group:N", sort="-x"), text=alt.Text("share_pct:Q", format=".1f"))
    charged = groups.loc[groups["outcome_group"] == "Charged or summonsed", "share_pct"].sum()
    ui.chart_card(
        key=f"{view.priority.id}-outcomes", title=f"How {' and '.join(c.lower() for c in cats)} cases ended, force area",
        period=pair.current.label, chart=chart.properties(height=220),
        alt_text=(f"Bar chart of last outcomes. {charged:.1f}% ended in a charge or summons; the most common outcome "
                  f"was '{groups['outcome_group'].iloc[0]}' ({groups['share_pct'].iloc[0]:.1f}%)."),
        table=groups.assign(period=pair.current.label), source=m.source, about=m.limitations, db_version=view.v)


def plan_measures(view: View) -> None:
    st.header("The Plan's outcome measures and what open data can show")
    for o in view.priority.outcomes:
        label = {"measured": ":material/straighten: Measured", "proxy": ":material/search: Proxy",
                 "none": ":material/help: No open data published"}[o.status]
        measure = f" — measure: *{registry.get(o.measure_id).title}*" if o.measure_id else ""
        st.markdown(f"- **{o.text}.** {label}{measure}. {o.note}")


def about(view: View, measure_ids: list[str], extra: str = "") -> None:
    st.header("About this data")
    for mid in measure_ids:
        m = registry.get(mid)
        st.markdown(f"**{m.title}.** {m.definition} Source and producer: {m.source}. {m.limitations}")
    st.markdown(f"{ui.data_statement(view.v)} Data last updated {ui.last_updated(view.v)}. Published figures are "
                f"revised by their producers; this page shows the files loaded. {extra}")


def published_table(view: View, key: str, title: str, measures: list[str], about_text: str) -> None:
    """Published figures with their base (area) in every label, as a chart and table."""
    table = data.published(tuple(measures), view.v)
    names = table["measure"].str.replace("_", " ").str.capitalize().str.replace(r"\bKsi\b", "KSI", regex=True)
    table = table.assign(series=names + " — " + table["base"])
    numeric = table.assign(value=pd.to_numeric(table["value"], errors="coerce")).dropna(subset=["value"])
    legend = alt.Legend(**charts.LEGEND)
    chart = alt.Chart(numeric).mark_point(filled=True, size=70).encode(
        x=alt.X("period:N", title="Period as published", sort=None), y=alt.Y("value:Q", title="Published value"),
        color=alt.Color("series:N", title=None, legend=legend), shape=alt.Shape("series:N", title=None, legend=legend),
        tooltip=["series", "period", "value", "unit"]).properties(
        height=320 + 40 * numeric["series"].nunique())  # Streamlit fits plot and legend into this height
    ui.chart_card(
        key=f"{view.priority.id}-{key}", title=title, period=f"{len(table)} published figures",
        chart=chart, alt_text=(f"Dot chart of {len(numeric)} published figures; each series names its measure and base "
                               "area. The table lists them with their sources."),
        table=table.drop(columns="series"), source="Published figures (see source_url for each)", about=about_text,
        db_version=view.v)


def period_note(months: pd.Series) -> str:
    m = pd.to_datetime(months).dt.date
    return f"{label_month(min(m))} – {label_month(max(m))}"


def quarterly(view: View, measure_ids: list[str]) -> None:
    """Home Office recorded offences by financial quarter (force area only), with the year's total and rate."""
    frames = [data.series(mid, "force", view.v).assign(measure=registry.get(mid).title) for mid in measure_ids]
    table = pd.concat(frames, ignore_index=True)
    st.header("Recorded sexual offences and stalking & harassment, force area")
    if view.district_code:
        st.info("The Home Office publishes these figures for the whole force area only; no district figures exist.")
    pop = float(data.populations("force", view.v)["population"].iloc[0])
    for col, frame, mid in zip(st.columns(len(frames)), frames, measure_ids, strict=True):
        f = summary.quarterly_total(frame, pop, registry.get(mid))
        col.metric(f.label, f.value, help=f.help, border=True)
    table = charts.with_quarter(table)
    chart = charts.quarterly_bars(table)
    first = frames[0]
    m = registry.get(measure_ids[0])
    ui.chart_card(
        key=f"{view.priority.id}-homeoffice", title="Offences recorded each quarter (Home Office)",
        period=summary.quarters_label(table["month"]), chart=chart,
        alt_text=(f"Grouped bar chart by quarter. {first['measure'].iloc[0]} rose from {first['value'].iloc[0]:,} in the "
                  f"first quarter to {first['value'].iloc[-1]:,} in the last."),
        table=table[["measure", "quarter", "value"]].rename(columns={"value": "offences"}), source=m.source,
        about=m.limitations, db_version=view.v)


def satisfaction(view: View) -> None:
    """Published victim satisfaction with its confidence interval, force against England and Wales."""
    m = registry.get("victim_satisfaction")
    pct = data.series("victim_satisfaction", "force", view.v)
    ci = data.published(("victim_satisfaction_whole_experience_ci_pct",), view.v)[["base", "period", "value"]]
    table = pct[["area_name", "period", "value"]].rename(columns={"area_name": "base", "value": "satisfied_pct"})
    table = table.merge(ci.rename(columns={"value": "ci_pct"}), on=["base", "period"], how="left")
    table = table.assign(ci_pct=pd.to_numeric(table["ci_pct"]), low=lambda d: d["satisfied_pct"] - d["ci_pct"],
                         high=lambda d: d["satisfied_pct"] + d["ci_pct"])
    base = alt.Chart(table).encode(y=alt.Y("base:N", title=None, axis=alt.Axis(labelExpr=charts.LINES,
                                                                                 labelLimit=220)))
    chart = (base.mark_rule(strokeWidth=2).encode(x=alt.X("low:Q", title="Satisfied (%)", scale=alt.Scale(zero=False)),
                                                  x2="high:Q")
             + base.mark_point(filled=True, size=90).encode(x="satisfied_pct:Q", tooltip=list(table.columns)))
    row = table.iloc[0]
    ui.chart_card(
        key=f"{view.priority.id}-satisfaction", title="Victim satisfaction with the whole experience",
        period=str(row["period"]), chart=chart.properties(height=140),
        alt_text=(f"Dot and interval chart. {row['base']}: {row['satisfied_pct']:.1f}% satisfied (±{row['ci_pct']:.1f} "
                  f"points) in {row['period']}; the other row is England and Wales for comparison."),
        table=table, source=m.source, about=m.limitations, db_version=view.v)


def severity_trend(view: View) -> None:
    """STATS19 collisions per month by severity for the area picked."""
    frame = data.stats19_by_severity(view.level, view.district_code, view.v)
    plot = frame.rename(columns={"collisions": "value"})[["month", "severity", "value"]]
    totals = frame.groupby("severity")["collisions"].sum()
    ui.chart_card(
        key=f"{view.priority.id}-severity", title=f"Injury collisions each month by severity, {view.district_name}",
        period=period_note(frame["month"]), chart=charts.trend(plot, "Collisions per month", series_field="severity"),
        alt_text=(f"Line chart of collisions per month by severity in {view.district_name}: "
                  + ", ".join(f"{k} {v:,}" for k, v in totals.items()) + " in the year."),
        table=frame.assign(month=pd.to_datetime(frame["month"]).dt.strftime("%Y-%m"), area=view.district_name),
        source=registry.STATS19_SOURCE, about=registry.STATS19_LIMITS, db_version=view.v)
