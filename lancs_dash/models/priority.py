"""The Plan's priority pages (or a force's open-data pages) as models. A page's layout is a list of parts (what
to show, for which measures): the designed layouts are listed here by name, and a priority names its own in the
Plan file; any other page gets the layout `generic` makes from its measures. `build` turns a layout into the
blocks the page draws, for one district or the whole force area, from one database snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import altair as alt
import pandas as pd

from lancs_dash.figures import comparison, district_table, headlines, windows
from lancs_dash.figures.fmt import area_words, as_published, fmt_count, fmt_rate
from lancs_dash.figures.periods import in_time_order, label_month, period_words
from lancs_dash.models import charts, maps, tables
from lancs_dash.models.parts import Chart, Table, chart, csv_bytes
from lancs_dash.models.site import Site
from lancs_dash.read import queries, registry
from lancs_dash.read.plan import Priority
from lancs_dash.read.snapshot import Snapshot

MAP_SHOWS = ("Rate per 1,000 residents", "Count")


@dataclass(frozen=True)
class Context:
    snap: Snapshot
    site: Site
    priority: Priority
    district_code: str | None

    @property
    def district_name(self) -> str:
        return self.site.districts.get(self.district_code, self.site.everywhere)

    @property
    def level(self) -> str:
        return "district" if self.district_code else "force"

    def series(self, measure_id: str) -> pd.DataFrame:
        frame = self.snap.series(measure_id, self.level)
        return frame[frame["area_code"] == self.district_code] if self.district_code else frame

    def population(self) -> float:
        pops = self.snap.populations(self.level)
        return float(pops.loc[pops["area_code"] == self.district_code, "population"].iloc[0] if self.district_code
                     else pops["population"].iloc[0])

    def source(self, m: registry.Measure) -> str:
        return m.cited(self.site.force)

    def card(self, key: str, **kwargs) -> Chart:
        return chart(key=f"{self.priority.id}-{key}", built=self.site.built, **kwargs)


# Blocks: what a priority page draws, in order.

@dataclass(frozen=True)
class Text:
    """A page's own words: kind is "info", "warning", "caption" or "header"."""

    kind: str
    text: str
    icon: str | None = None
    force_only = True  # the same whichever district is picked

    def build(self, ctx: Context) -> Text:
        return self


@dataclass(frozen=True, eq=False)
class Figures:
    title: str
    headline: headlines.Headline | None  # None: nothing published for the area
    caption: str


@dataclass(frozen=True, eq=False)
class Card:
    chart: Chart


@dataclass(frozen=True, eq=False)
class DistrictMap:
    """The district map by rate and by count (the visitor switches), with the same table."""

    measure_id: str
    shows: dict[str, Chart]  # MAP_SHOWS label -> card
    caption: str


@dataclass(frozen=True, eq=False)
class Quarterly:
    header: str
    note: str  # why no district figures, when a district is chosen
    figures: tuple[headlines.Figure, ...]  # figures current enough to lead with
    older: str  # the figures too old to lead with, in words ("" when none)
    chart: Chart


@dataclass(frozen=True)
class Bullets:
    header: str
    lines: tuple[str, ...]


# Parts: a layout names them with their measures; each builds its block.

@dataclass(frozen=True)
class HeadlineFigures:
    measure_id: str

    def build(self, ctx: Context) -> Figures:
        """Latest 12 months: count, rate, change, and whether the change is beyond normal noise."""
        m = registry.get(self.measure_id)
        area = ctx.district_name if ctx.district_code else ctx.site.force.short_name
        return Figures(f"{m.title}, {area}", headlines.latest(ctx.series(m.id), ctx.population(), m, area),
                       f"Source: {ctx.source(m)}. How changes are compared and judged is on the About page.")


@dataclass(frozen=True)
class Trend:
    measure_id: str

    def build(self, ctx: Context) -> Card:
        m = registry.get(self.measure_id)
        frame = ctx.series(m.id)[["month", "value"]]
        months = pd.to_datetime(frame["month"])
        return Card(ctx.card(
            f"{m.id}-trend", title=f"{m.title} each month, {ctx.district_name}",
            period=f"{months.min():%b %Y} – {months.max():%b %Y}",
            figure=charts.trend_spec(frame, f"{m.unit.capitalize()} per month", plan=ctx.snap.plan.period),
            alt_text=charts.trend_alt_text(frame, m.title, ctx.district_name),
            table=frame.assign(month=months.dt.strftime("%Y-%m"), area=ctx.district_name).rename(
                columns={"month": "period", "value": m.unit}),
            source=ctx.source(m), about=m.limitations))


def ranked_districts(snap: Snapshot, measure_id: str) -> pd.DataFrame:
    """Districts ranked by rate per 1,000, with division, count, change and status: the table people see. The
    same whichever district is picked, so made once per snapshot (shared: never modify it)."""
    return snap.derived(_ranked_districts, measure_id)


def _ranked_districts(snap: Snapshot, measure_id: str) -> pd.DataFrame:
    m = registry.get(measure_id)
    return district_table.ranked(snap.series(measure_id, "district"), snap.areas("district"),
                                 snap.populations("district"), m.unit, m.direction)


@dataclass(frozen=True)
class Districts:
    """Choropleth of the force's districts, rate per 1,000 or counts; table alongside."""

    measure_id: str
    sensitive: bool = False

    def build(self, ctx: Context) -> DistrictMap:
        m = registry.get(self.measure_id)
        table, shown, shaped = ctx.snap.derived(_district_map_parts, m.id, self.sensitive)
        outlines = ctx.snap.derived(maps.snapshot_districts)
        top = table.iloc[0]
        shows = {}
        for show in MAP_SHOWS:
            shows[show] = ctx.card(
                f"{m.id}-districts", title=f"{m.title} by district", period=str(table["Period"].iloc[0]),
                figure=maps.choropleth(outlines, shaped[show], "value", show, ctx.district_code),
                alt_text=(f"Map of the {len(table)} districts shaded by {show.lower()} of {m.title.lower()}. Highest rate: "
                          f"{top['District']} ({fmt_rate(top['Per 1,000 residents'])} per 1,000). The table lists every "
                          "district."),
                table=shown, source=ctx.source(m),
                about=m.limitations + (f" Counts under {district_table.SUPPRESS_BELOW} are suppressed (with the next smallest) "
                                       "because the category is sensitive." if self.sensitive else ""))
        return DistrictMap(m.id, shows, "Districts ranked by rate per 1,000 residents; records with no location are in "
                                        "the force total only.")


def _district_map_parts(snap: Snapshot, measure_id: str, sensitive: bool
                        ) -> tuple[pd.DataFrame, Table, dict[str, pd.DataFrame]]:
    """What a measure's district map card shows whichever district is picked: the district table (suppressed when
    `sensitive`), the table drawn in the card, and what the map is shaded by for each of MAP_SHOWS."""
    m = registry.get(measure_id)
    table = ranked_districts(snap, measure_id)
    table = district_table.suppress(table) if sensitive else table
    count_col = table.columns[3]
    detail = [f"{fmt_count(c)} {m.unit}; {fmt_rate(r)} per 1,000"
              for c, r in zip(table[count_col], table["Per 1,000 residents"], strict=True)]
    shaped = {show: pd.DataFrame({"area_code": table["District code"], "area_name": table["District"],
                                  "value": table["Per 1,000 residents" if show.startswith("Rate") else count_col]
                                  .astype("float64"), "detail": detail})
              for show in MAP_SHOWS}
    # Inside the card: too narrow for a grid on a phone.
    return table, tables.district_in_card(table, m.unit), shaped


def _latest_months(snap: Snapshot, measure_id: str) -> comparison.Span:
    """The force's latest 12 months (the latest run of published months when those 12 are not all published)."""
    series = windows.monthly(snap.series(measure_id, "force"))
    return comparison.latest_months(series)


def _hotspots(snap: Snapshot, measure_id: str) -> pd.DataFrame:
    """Every district's small areas for the force's latest months, read once and filtered for each district."""
    months = _latest_months(snap, measure_id)
    return queries.lsoa_hotspots(snap.cursor(), list(registry.get(measure_id).params["categories"]), months.start,
                                 months.end)


def _has_small_area_points(snap: Snapshot) -> bool:
    return queries.has_lsoa_points(snap.cursor())


@dataclass(frozen=True)
class Hotspots:
    measure_id: str

    def build(self, ctx: Context) -> Card | Text:
        m = registry.get(self.measure_id)
        months = _latest_months(ctx.snap, m.id)
        points = ctx.snap.derived(_hotspots, m.id)
        if not ctx.snap.derived(_has_small_area_points):
            return Text("info", f"No small-area hotspot map for {m.title.lower()}: it needs outlines of the small "
                                "areas (LSOAs), which this dashboard does not hold for this force area.")
        if ctx.district_code:
            points = points[points["district_code"] == ctx.district_code]
        if points.empty:
            return Text("info", f"Hotspots: no {m.title.lower()} recorded in {ctx.district_name}'s small areas in "
                                f"{months.label}.")
        # The map carries only what it draws and its tooltip shows; the table keeps the codes.
        figure = maps.hotspots(points[["lon", "lat", "lsoa_name", "records"]],
                               ctx.snap.derived(maps.snapshot_districts), ctx.district_code)
        share = points["records"].head(max(1, len(points) // 10)).sum() / max(points["records"].sum(), 1)
        return Card(ctx.card(
            f"{m.id}-hotspots", title=f"Hotspots: {m.title.lower()} by small area", period=months.label,
            figure=figure,
            alt_text=(f"Map of {len(points)} small areas in {ctx.district_name} sized by {m.title.lower()}. The busiest "
                      f"tenth of areas hold {share:.0%} of the records; the busiest is {points['lsoa_name'].iloc[0]} "
                      f"with {points['records'].iloc[0]:,}."),
            table=tables.hotspots(points[["lsoa_code", "lsoa_name", "district_code", "records"]].assign(
                period=months.label), m.unit),
            source=ctx.source(m), about=m.limitations + " Points are a point inside each small area, not where incidents "
                                                   "happened."))


@dataclass(frozen=True)
class Outcomes:
    """Last outcome groups for the latest 12 months, and the charge/summons share (force area)."""

    share_measure_id: str
    force_only = True

    def build(self, ctx: Context) -> Card:
        m = registry.get(self.share_measure_id)
        cats = tuple(m.params["categories"])
        months = _latest_months(ctx.snap, m.id)
        groups = queries.outcome_groups(ctx.snap.cursor(), list(cats), months.start, months.end)
        groups = groups.assign(share_pct=(100 * groups["crimes"] / groups["crimes"].sum()).round(1))
        # Largest share first; each bar's share written with its % sign, each outcome's name in full on wrapped lines.
        shown = groups.sort_values("share_pct", ascending=False, kind="stable")
        bars = charts.labelled_bars(shown.assign(share=shown["share_pct"].map("{:.1f}%".format)), "outcome_group",
                                    "share_pct", "Share of crimes (%)", "share", horizontal=True)
        charged = groups.loc[groups["outcome_group"] == "Charged or summonsed", "share_pct"].sum()
        return Card(ctx.card(
            "outcomes", title=f"How {' and '.join(c.lower() for c in cats)} cases ended, force area",
            period=months.label, figure=bars,
            alt_text=(f"Bar chart of last outcomes. {charged:.1f}% ended in a charge or summons; the most common outcome "
                      f"was '{groups['outcome_group'].iloc[0]}' ({groups['share_pct'].iloc[0]:.1f}%)."),
            table=tables.outcomes(groups.assign(period=months.label)), source=ctx.source(m), about=m.limitations))


@dataclass(frozen=True, eq=False)
class Published:
    """Published figures of differing measures, units, areas and periods: one chart cannot show them honestly, so
    they are a table in time order (its CSV holds them as published), with a chart of the one series comparable
    year on year, when there is one."""

    key: str
    title: str
    caption: str  # periods · how many figures · sources · data last updated
    table: Table
    about: str
    chart: Chart | None


def year_ranges(years: pd.Series) -> str:
    """Years in words, runs joined: 2013, 2014, 2015, 2017 -> '2013 to 2015, 2017'."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]} to {r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


MIN_SERIES_YEARS = 3  # fewer published years are read from the table, not charted


def comparable_series(table: pd.DataFrame) -> pd.DataFrame:
    """The published series with the most calendar-year figures of one measure for one area in one unit (years only:
    an average over several years, or a financial year, is a different kind of figure); empty when no series has
    MIN_SERIES_YEARS of them."""
    years = table[table["period"].str.fullmatch(r"\d{4}") & pd.to_numeric(table["value"], errors="coerce").notna()]
    if years.empty:
        return years
    sizes = years.groupby(["measure", "base", "unit"], sort=False).size()
    measure, base, unit = sizes.idxmax()
    series = years[(years["measure"] == measure) & (years["base"] == base) & (years["unit"] == unit)]
    return series if len(series) >= MIN_SERIES_YEARS else series.iloc[:0]


@dataclass(frozen=True)
class PublishedTable:
    """Published figures with their area, period and source on every row; `measures` pairs each measure with its
    name in words."""

    key: str
    title: str
    measures: tuple[tuple[str, str], ...]
    about: str
    force_only = True

    def build(self, ctx: Context) -> Published:
        names = dict(self.measures)
        raw = in_time_order(queries.published(ctx.snap.cursor(), list(names))).reset_index(drop=True)
        shown = pd.DataFrame({"Figure": raw["measure"].map(names), "Period": raw["period"].map(period_words),
                              "Value as published": [as_published(v, u) for v, u in zip(raw["value"], raw["unit"],
                                                                                         strict=True)],
                              "Area": raw["base"].map(lambda a: area_words(a, ctx.site.force.name)), "Source": raw["source_url"]})
        sources = raw["source_url"].nunique()
        caption = (f"{period_words(raw['period'].iloc[0])} to {period_words(raw['period'].iloc[-1])} · {len(raw)} "
                   "published figures, oldest first "
                   f"· Sources: {sources} published pages, each named in its row · Data last updated {ctx.site.built}")
        return Published(f"{ctx.priority.id}-{self.key}", self.title, caption,
                         tables.published(shown, csv=csv_bytes(raw)), self.about, self._chart(ctx, raw, names))

    def _chart(self, ctx: Context, raw: pd.DataFrame, names: dict[str, str]) -> Chart | None:
        series = comparable_series(raw)
        if series.empty:
            return None
        row = series.iloc[0]
        name, unit, area = names[row["measure"]], str(row["unit"]), area_words(row["base"], ctx.site.force.name)
        years = [str(y) for y in range(int(series["period"].iloc[0]), int(series["period"].iloc[-1]) + 1)]
        published = series.rename(columns={"period": "year", "value": "text"})[["year", "text", "source_url"]]
        plotted = pd.DataFrame({"year": years}).merge(published, on="year", how="left")
        plotted = plotted.assign(figure=name, area=area, value=pd.to_numeric(plotted["text"]), unit=unit, label=[
            as_published(t, "") if pd.notna(t) else "not published" for t in plotted["text"]])
        missing = year_ranges(plotted.loc[plotted["value"].isna(), "year"].astype(int))
        first, last = plotted.dropna(subset=["value"]).iloc[[0, -1]].itertuples()
        return ctx.card(
            f"{self.key}-series", title=f"{name} each year, {area}", period=f"{years[0]} to {years[-1]}",
            figure=charts.grouped_bars(plotted, "figure", "year", "value", "label", f"{unit.capitalize()} per year"),
            alt_text=(f"Bar chart of {name} per year in {area}, as published: {first.label} in {first.year} "
                      f"and {last.label} in {last.year}."
                      + (f" No figure is published for {missing}; those years have no bar." if missing else "")),
            table=plotted.drop(columns="label")[["figure", "area", "year", "value", "unit", "source_url"]],
            source=f"{series['source_url'].nunique()} published pages, each named in the table",
            about=("Only the series with the most yearly figures for one area is charted; every figure is in the table "
                   "of published figures above, where other publishers' figures for the same area and year can differ. "
                   f"{self.about}"))


@dataclass(frozen=True)
class QuarterlyOffences:
    """Home Office recorded offences by financial quarter (force area only), with the total and rate."""

    measure_ids: tuple[str, ...]

    def build(self, ctx: Context) -> Quarterly:
        frames = [ctx.snap.series(mid, "force").assign(measure=registry.get(mid).title) for mid in self.measure_ids]
        pop = ctx.snap.force_population()
        newest = max(pd.to_datetime(ctx.snap.series("crimes", "force")["month"])).date()
        figures, older = headlines.older_figures(
            [(headlines.quarterly_total(frame, pop, registry.get(mid)), headlines.quarters_end(frame["month"]))
             for frame, mid in zip(frames, self.measure_ids, strict=True)], newest)
        table = charts.with_quarter(pd.concat(frames, ignore_index=True))
        first, m = frames[0], registry.get(self.measure_ids[0])
        card = ctx.card(
            "homeoffice", title="Offences recorded each quarter (Home Office)",
            period=headlines.quarters_label(table["month"]), figure=charts.quarterly_bars(table),
            alt_text=(f"Grouped bar chart by quarter. {first['measure'].iloc[0]} rose from {first['value'].iloc[0]:,} in "
                      f"the first quarter to {first['value'].iloc[-1]:,} in the last."),
            table=table[["measure", "quarter", "value"]].rename(columns={"value": "offences"}), source=ctx.source(m),
            about=m.limitations)
        header = "Recorded sexual offences and stalking & harassment, force area"
        return Quarterly(f"Older figures: {header[0].lower()}{header[1:]}" if older else header, self._note(ctx),
                         tuple(figures), older, card)

    def from_force(self, ctx: Context, made: Quarterly) -> Quarterly:
        """A district's block from the force area's: the same figures, with why there are no district ones."""
        return replace(made, note=self._note(ctx))

    @staticmethod
    def _note(ctx: Context) -> str:
        return ("The Home Office publishes these quarterly figures for the whole force area only, not by district."
                if ctx.district_code else "")


@dataclass(frozen=True)
class Satisfaction:
    """Published victim satisfaction with its confidence interval, force against England and Wales."""

    force_only = True

    def build(self, ctx: Context) -> Card:
        m = registry.get("victim_satisfaction")
        pct = ctx.snap.series("victim_satisfaction", "force")
        ci = queries.published(ctx.snap.cursor(), ["victim_satisfaction_whole_experience_ci_pct"])[
            ["base", "period", "value"]]
        table = pct[["area_name", "period", "value"]].rename(columns={"area_name": "base", "value": "satisfied_pct"})
        table = table.merge(ci.rename(columns={"value": "ci_pct"}), on=["base", "period"], how="left")
        table = table.assign(ci_pct=pd.to_numeric(table["ci_pct"]), low=lambda d: d["satisfied_pct"] - d["ci_pct"],
                             high=lambda d: d["satisfied_pct"] + d["ci_pct"])
        base = alt.Chart().encode(y=alt.Y("base:N", title=None, axis=alt.Axis(labelExpr=charts.LINES,
                                                                               labelLimit=220)))
        dots = alt.layer(base.mark_rule(strokeWidth=2).encode(
            x=alt.X("low:Q", title="Satisfied (%)", scale=alt.Scale(zero=False)), x2=alt.X2("high:Q")),
            base.mark_point(filled=True, size=90).encode(x=alt.X("satisfied_pct:Q"),
                                                         tooltip=[alt.Tooltip(c) for c in table.columns]), data=table)
        row = table.iloc[0]
        period = period_words(row["period"])
        return Card(ctx.card(
            "satisfaction", title=f"Victim satisfaction with the whole experience: the newest published figure is "
                                  f"for the {period}", period=period,
            figure=dots.properties(height=140),
            alt_text=(f"Dot and interval chart. {row['base']}: {row['satisfied_pct']:.1f}% satisfied "
                      f"(±{row['ci_pct']:.1f} points) in the {period}; the other row is England and Wales for "
                      "comparison."),
            table=table, source=ctx.source(m), about=m.limitations))


def period_note(months: pd.Series) -> str:
    m = pd.to_datetime(months).dt.date
    return f"{label_month(min(m))} – {label_month(max(m))}"


@dataclass(frozen=True)
class Severity:
    """STATS19 collisions per month by severity for the area picked."""

    def build(self, ctx: Context) -> Card:
        frame = queries.stats19_by_severity(ctx.snap.cursor(), ctx.level, ctx.district_code)
        plot = frame.rename(columns={"collisions": "value"})[["month", "severity", "value"]]
        totals = frame.groupby("severity")["collisions"].sum()
        return Card(ctx.card(
            "severity", title=f"Injury collisions each month by severity, {ctx.district_name}",
            period=period_note(frame["month"]), figure=charts.trend_spec(plot, "Collisions per month", series_field="severity",
                                                                  plan=ctx.snap.plan.period),
            alt_text=(f"Line chart of collisions per month by severity in {ctx.district_name}: "
                      + ", ".join(f"{k} {v:,}" for k, v in totals.items()) + " in the year."),
            table=frame.assign(month=pd.to_datetime(frame["month"]).dt.strftime("%Y-%m"), area=ctx.district_name),
            source=registry.cite(registry.STATS19_SOURCE, ctx.site.force), about=registry.STATS19_LIMITS))


# Material icons, not emoji: they need no emoji font, and the words always go with them.
OUTCOME_LABELS = {"measured": ":material/straighten: Measured", "proxy": ":material/search: Proxy",
                  "none": ":material/help: No open data published"}


@dataclass(frozen=True)
class PlanMeasures:
    def build(self, ctx: Context) -> Bullets:
        lines = []
        for o in ctx.priority.outcomes:
            measure = f" — measure: *{registry.get(o.measure_id).title}*" if o.measure_id else ""
            lines.append(f"- **{o.text}.** {OUTCOME_LABELS[o.status]}{measure}. {o.note}")
        return Bullets("The Plan's outcome measures and what open data can show", tuple(lines))


@dataclass(frozen=True)
class About:
    measure_ids: tuple[str, ...]
    extra: str = ""
    source: str = "policeuk"  # whose months the page's coverage statement gives

    def build(self, ctx: Context) -> Bullets:
        lines = [f"**{m.title}.** {m.definition} Source and producer: {ctx.source(m)}. {m.limitations}"
                 for m in map(registry.get, self.measure_ids)]
        statement = ctx.site.statements.get(self.source, ctx.site.statement)
        lines.append(f"{statement} Data last updated {ctx.site.built}. Published figures are revised by their "
                     f"producers; this page shows them as they stood at that update. {self.extra}")
        return Bullets("About this data", tuple(lines))


LAYOUTS = {
    "asb": (
        HeadlineFigures("asb_incidents"), Trend("asb_incidents"), Districts("asb_incidents"), Hotspots("asb_incidents"),
        PlanMeasures(), About(("asb_incidents",)),
    ),
    "organised-crime": (
        HeadlineFigures("proactive_drugs_weapons"), Trend("proactive_drugs_weapons"),
        Districts("proactive_drugs_weapons"), Outcomes("drugs_weapons_charged_share"), PlanMeasures(),
        About(("proactive_drugs_weapons", "drugs_weapons_charged_share"),
              "No open data describes organised crime groups themselves; these offences are a proxy only."),
    ),
    "dasv": (
        HeadlineFigures("violence_and_sexual_offences"), Trend("violence_and_sexual_offences"),
        Text("warning", "police.uk merges sexual offences into 'Violence and sexual offences' and has no domestic "
                        "abuse flag, so the figures above are broad context. The specific figures below are from Home "
                        "Office recorded-crime tables and other published sources.", ":material/info:"),
        QuarterlyOffences(("ho_sexual_offences", "ho_stalking_harassment")),
        Satisfaction(),
        PublishedTable("published", "Published figures: sexual offences and stalking & harassment",
                       (("sexual_offences", "Sexual offences"),
                        ("sexual_offences_change_pct", "Sexual offences, change (%)"),
                        ("stalking_and_harassment", "Stalking and harassment"),
                        ("stalking_and_harassment_change_pct", "Stalking and harassment, change (%)")),
                       "As published by the sources named in each row; bases and periods differ, so read each series "
                       "on its own."),
        Text("header", "Violence and sexual offences by district (police.uk, broad context)"),
        Districts("violence_and_sexual_offences", sensitive=True),
        PlanMeasures(),
        About(("ho_sexual_offences", "ho_stalking_harassment", "victim_satisfaction", "violence_and_sexual_offences")),
    ),
    "burglary-robbery": (
        HeadlineFigures("burglary_robbery"), Trend("burglary_robbery"), Districts("burglary_robbery"),
        Hotspots("burglary"), Outcomes("burglary_robbery_charged_share"), PlanMeasures(),
        About(("burglary_robbery", "burglary_robbery_charged_share")),
    ),
    "roads": (
        Text("info", "Collisions are not casualties: one collision can kill or injure several people. The road "
                     "collision records here count collisions where someone was killed or seriously injured (KSI); "
                     "the published figures further down count casualties.", ":material/info:"),
        HeadlineFigures("ksi_collisions"),
        Severity(),
        Districts("ksi_collisions"),
        PublishedTable("ksi-published", "Published KSI casualties",
                       (("ksi_casualties", "KSI casualties"),
                        ("ksi_casualties_adjusted", "KSI casualties (adjusted)"),
                        ("killed", "Killed"), ("seriously_injured", "Seriously injured")),
                       "Casualties, not collisions. Areas differ: the police force area, or the county council's area "
                       "only (without Blackpool and Blackburn with Darwen); 'adjusted' figures correct for changes in "
                       "how police record severity and are not comparable with unadjusted ones."),
        Text("caption", "Figures for pedestrians, cyclists and motorcyclists need the Department for Transport's "
                        "casualty records, which the dashboard does not hold yet, so they are not shown."),
        PlanMeasures(),
        About(("ksi_collisions", "road_collisions"), source="stats19"),
    ),
    # Road collisions where no Plan is held: the STATS19 figures, without the Plan or Lancashire's published tables.
    "collisions": (
        Text("info", "Collisions are not casualties: one collision can kill or injure several people. These road "
                     "collision records count collisions where someone was killed or seriously injured (KSI).",
             ":material/info:"),
        HeadlineFigures("ksi_collisions"), Severity(), Districts("ksi_collisions"),
        About(("ksi_collisions", "road_collisions"), source="stats19"),
    ),
}


def generic(p: Priority) -> tuple:
    """The layout of a page with none of its own: each headline measure's figures, the lead's trend, the district
    map and the small-area hotspots of the district measure, the Plan's outcome measures if any, and about."""
    lead = p.headline_measures[0]
    return (*(HeadlineFigures(m) for m in p.headline_measures), Trend(lead),
            Districts(p.district_measure, sensitive=p.sensitive), Hotspots(p.district_measure),
            *((PlanMeasures(),) if p.outcomes else ()), About(tuple(dict.fromkeys((*p.headline_measures, p.district_measure)))))


def layout(p: Priority) -> tuple:
    if not p.layout:
        return generic(p)
    try:
        return LAYOUTS[p.layout]
    except KeyError:
        raise KeyError(f"priority {p.id!r} names layout {p.layout!r}; the layouts are {', '.join(LAYOUTS)}") from None


@dataclass(frozen=True, eq=False)
class PriorityPage:
    priority: Priority
    district_code: str | None
    district_name: str
    blocks: tuple

    @property
    def answers(self) -> tuple[str, ...]:
        """The plain answer for each headline measure, which the page opens with."""
        return tuple(b.headline.answer for b in self.blocks if isinstance(b, Figures) and b.headline)


def build(snap: Snapshot, site: Site, priority_id: str, district_code: str | None,
          force_page: PriorityPage | None = None) -> PriorityPage:
    """The page of one priority for a district (None: the force area), from one snapshot. Given the force
    area's page, a district's page shares its force-only blocks instead of building them again, and makes those
    differing only in a note (a part's `from_force`) from the force area's."""
    ctx = Context(snap, site, snap.plan.get(priority_id), district_code)
    parts = layout(ctx.priority)
    shared = force_page.blocks if force_page else (None,) * len(parts)
    return PriorityPage(ctx.priority, district_code, ctx.district_name, tuple(
        _block(part, ctx, made) for part, made in zip(parts, shared, strict=True)))


def _block(part, ctx: Context, made):
    """`part`'s block, or from `made`, the force area's block of it (None when not given)."""
    if made is None:
        return part.build(ctx)
    if getattr(part, "force_only", False):
        return made
    from_force = getattr(part, "from_force", None)
    return from_force(ctx, made) if from_force else part.build(ctx)
