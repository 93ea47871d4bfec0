"""What each plain-HTML page says, as plain objects: headings, paragraphs, figures, tables and charts.

Every figure comes from the briefing (lancs_dash/models/briefing.py) and the shared summaries, district tables,
scorecard and chart specs the dashboard pages draw from, so the plain pages and the app agree. The
templates in templates/ only lay these objects out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from lancs_dash import site
from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.figures import budget, comparison, national, noise
from lancs_dash.figures import district_table as districts
from lancs_dash.figures import force_comparison as compare
from lancs_dash.figures import headlines as summary
from lancs_dash.figures.fmt import cell_text, even_decimals
from lancs_dash.models import budget as budget_model
from lancs_dash.models import charts
from lancs_dash.models import compare as compare_page
from lancs_dash.models import national as national_page
from lancs_dash.models import neighbourhood as neighbourhood_model
from lancs_dash.models import overview as overview_model
from lancs_dash.models import priority as priority_model
from lancs_dash.models.briefing import Briefing, Section
from lancs_dash.read import registry
from lancs_dash.read.snapshot import Snapshot

STATUS_TEXT = {  # as the National measures page words them
    "proxy": "Proxy from open data (not the national measure itself)",
    "published figures only": "Published figures only, no monthly open data",
    "no open data": "No open data published",
}
OUTCOME_STATUS = {"measured": "Measured", "proxy": "Proxy", "none": "No open data published"}


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    links: tuple[tuple[str, ...], ...] = ()  # per cell: a link target or "" (same shape as rows when given)
    kind: str = "table"


@dataclass(frozen=True)
class Chart:
    key: str  # file names: <key>.svg and <key>.csv
    title: str
    period: str
    source: str
    alt_text: str
    spec: dict  # Vega-Lite, drawn to SVG when the page is written
    data: pd.DataFrame  # exactly what is plotted, offered as CSV and shown as a table
    kind: str = "chart"

    @property
    def table(self) -> Table:
        return table(self.data, f"The data in the chart: {self.title}")


@dataclass(frozen=True)
class Para:
    text: str
    kind: str = "para"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    kind: str = "bullets"


@dataclass(frozen=True)
class Links:
    items: tuple[tuple[str, str], ...]  # (text, href)
    kind: str = "links"


Block = Table | Chart | Para | Bullets | Links


@dataclass(frozen=True)
class Part:
    heading: str
    blocks: tuple[Block, ...]
    level: int = 2
    subparts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Page:
    slug: str  # the app page's URL path ("" for the overview)
    title: str  # the app page's navigation title
    heading: str
    intro: tuple[Block, ...]
    parts: tuple[Part, ...] = field(default_factory=tuple)
    app_path: str = ""  # the interactive page's address, when it is not /<slug> (a ward's: /neighbourhood?ward=…)

    @property
    def app_href(self) -> str:
        return self.app_path or f"/{self.slug}"

    @property
    def charts(self) -> list[Chart]:
        def walk(parts: tuple[Part, ...]):
            for p in parts:
                yield from (b for b in p.blocks if isinstance(b, Chart))
                yield from walk(p.subparts)
        return [*(b for b in self.intro if isinstance(b, Chart)), *walk(self.parts)]


def table(frame: pd.DataFrame, caption: str, link_column: str | None = None) -> Table:
    """A DataFrame as a table of text: numbers with thousands separators, no 'nan'."""
    cols = [(c, even_decimals(frame[c], 3) if frame[c].dtype.kind in "fiu" else 0) for c in frame.columns]
    rows = tuple(tuple(cell_text(v, d) for v, (_, d) in zip(row, cols, strict=True))
                 for row in frame.itertuples(index=False))
    links = ()
    if link_column:
        at = list(frame.columns).index(link_column)
        links = tuple(tuple(r[i] if i == at else "" for i in range(len(r))) for r in rows)
    return Table(caption, tuple(str(c) for c, _ in cols), rows, links)


def district_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A district table as printed: without its division column where the force has no divisions."""
    return frame.drop(columns="Division") if frame["Division"].isna().all() else frame


def figures(items: tuple[summary.Figure, ...], caption: str) -> Table:
    return Table(caption, ("Figure", "Value", "How to read it"), tuple((f.label, f.value, f.help or "") for f in items))


def chart(key: str, title: str, period: str, source: str, alt_text: str, spec: alt.TopLevelMixin,
          data: pd.DataFrame) -> Chart:
    plotted = data.copy()
    for col in plotted.columns:
        if col == "month" or plotted[col].dtype.kind == "M":
            plotted[col] = pd.to_datetime(plotted[col]).dt.strftime("%Y-%m")
    return Chart(key, title, period, source, alt_text, charts.spec(spec), plotted)


def _months(frame: pd.DataFrame) -> str:
    m = pd.to_datetime(frame["month"])
    return f"{m.min():%b %Y} – {m.max():%b %Y}" if len(m) else "no months published"


def _data_statement(b: Briefing) -> Para:
    return Para(f"{b.coverage} Data last updated {b.built}. Missing months are gaps, never zeros.")


# --- the pages ----------------------------------------------------------------------------------------------


def overview(b: Briefing, snap: Snapshot) -> Page:
    headline = tuple(Part(title, (figures(h.figures, f"{title}, force area"), Para(h.comparison)), level=3)
                     for title, h in b.overall if h)
    answers = tuple(Para(h.answer) for _, h in b.overall if h)
    parts = [snap.series(mid, "force").assign(series=registry.get(mid).title) for mid in ("crimes", "asb_incidents")]
    trend = pd.concat(parts, ignore_index=True)[["series", "month", "value"]]
    alt_text = "Line chart of records per month for the force area, with the Plan period shaded: " + " ".join(
        charts.trend_alt_text(part[["month", "value"]].reset_index(drop=True), name, b.force.short_name)
        for name, part in trend.groupby("series", sort=False))
    monthly = chart("overview-monthly-crime-asb", "Crimes and ASB each month, force area", _months(trend),
                    registry.cite(registry.POLICEUK_SOURCE, b.force), alt_text,
                    charts.trend(trend, "Records per month", series_field="series", plan=snap.plan.period),
                    trend.rename(columns={"series": "measure"}))
    by_district = []
    for mid in ("crimes", "asb_incidents"):
        m = registry.get(mid)
        t = priority_model.ranked_districts(snap, mid)  # the table the app's pages show, made once per file
        by_district.append(table(district_rows(t), f"{m.title} by district, {t['Period'].iloc[0] if len(t) else ''}; "
                                                   "ranked by rate per 1,000 residents (Census 2021)"))
    card = tuple(table(b.scorecard.loc[b.scorecard["priority"] == s.priority.title].drop(columns=["priority", "notes"]),
                       s.priority.title) for s in b.sections if s.priority.outcomes)
    scorecard = (Part("Scorecard: the Plan's outcome measures (Appendix D)", (
        Para("Every outcome measure the Plan lists, grouped by priority, with what open data can say about it. "
             "Status is given in words and an icon. A change counts only when it is more than normal "
             f"month-to-month noise. {noise.METHOD}"), *card)),) if card else ()
    by_type = overview_model.crime_types_of(snap, "force", snap.areas("force")["area_code"].iloc[0],
                                            snap.force.short_name)
    against = f"against the priorities of the {snap.plan.title}." if snap.plan.is_plan else "by group of crime types."
    return Page("", "Overview", f"How is {b.force.short_name} doing?", (
        *answers,
        Para(f"Crime and anti-social behaviour (ASB) recorded by {b.force.name}, as published on police.uk, "
             f"{against}"), _data_statement(b)), (
        Part("The latest figures", (), subparts=headline),
        Part("Crimes and ASB each month", (monthly,)),
        Part("By district", (Para("Districts ranked by rate per 1,000 residents (Census 2021). Records with no "
                                  "location, or located outside the force's districts, are in the force total only."),
                             *by_district)),
        *((Part(by_type.title, (Para(by_type.caption), table(by_type.table.drawn.to_pandas(), by_type.title))),)
          if by_type else ()),
        *scorecard,
    ))


def _section_page(b: Briefing, s: Section) -> Page:
    p = s.priority
    key = p.url_path
    blocks: list[Block] = [figures(s.figures, f"{s.lead_title}, force area")]
    blocks.append(Para(f"Status: {s.verdict.text}. {s.comparison}"))
    if s.older:
        blocks.append(Para(s.older))
    trend = ()
    if len(s.plotted):
        trend = (chart(f"{key}-trend", s.chart_title, s.chart_period, s.chart_source, s.alt_text, s.chart(),
                       s.plotted),)
    district_blocks: list[Block] = [table(district_rows(s.districts), f"{s.district_title}; ranked by rate per 1,000 "
                                                                      "residents (Census 2021)")]
    if p.sensitive:
        district_blocks.append(Para(f"Counts under {districts.SUPPRESS_BELOW} are suppressed (with the next "
                                    "smallest) because the category is sensitive."))
    force = [Para(s.force_note)]
    if len(s.force_rows):
        force.append(table(s.force_rows, f"{b.force.short_name} against other forces"))
    outcomes = Bullets(tuple(
        f"{o.text}. {OUTCOME_STATUS[o.status]}"
        + (f" (measure: {registry.get(o.measure_id).title})" if o.measure_id else "") + f". {o.note}".rstrip(". ")
        + "." for o in p.outcomes))
    commitments = (Para(f"{p.section}. What the Plan commits to, summarised in our own words:"),
                   Bullets(p.commitments)) if p.commitments else ()
    return Page(key, p.title, p.title, (Para(s.answer), *commitments, _data_statement(b)), (
        Part("The latest figures", tuple(blocks)),
        *((Part("Each month", trend),) if trend else ()),
        Part("By district", tuple(district_blocks)),
        Part("Compared with other forces", tuple(force)),
        *((Part("The Plan's outcome measures and what open data can show", (outcomes,)),) if p.outcomes else ()),
        Part("Sources", (Bullets(s.sources), Para(f"Licence: {LICENCE}. {ATTRIBUTION}"))),
    ))


def meeting(b: Briefing) -> Page:
    counts = b.status_counts()
    headline = tuple(Part(title, (Para(h.answer), figures(h.figures, f"{title}, force area"), Para(h.comparison)),
                          level=3) for title, h in b.overall if h)
    return Page("meeting", "Meeting mode", "Scrutiny meeting summary", (
        Para("What the Police and Crime Commissioner presents at public scrutiny meetings: the summary, the "
             "exceptions and, on the priority pages, each Plan priority."), _data_statement(b)), (
        Part("The latest figures", (), subparts=headline),
        Part("The Plan's outcome measures at a glance", (
            table(pd.DataFrame({"Status": counts.index, "Outcome measures": counts.values}),
                  "Appendix D outcome measures by status"),)),
        Part(f"Exceptions: where {b.force.short_name} stands out among forces", (
            table(b.exceptions, f"Crime types where {b.force.short_name} is in the worst 10% of forces or at least "
                                f"{100 * (compare.CLEARLY_ABOVE - 1):.0f}% above its comparator group")
            if len(b.exceptions) else Para("No exceptions."),)),
        Part("Outcome measures worsening beyond normal noise", (
            table(b.worsening.drop(columns=["notes"]), "Scorecard measures worsening beyond normal noise")
            if len(b.worsening) else Para("None."),)),
    ))


def national_measures(b: Briefing, snap: Snapshot) -> Page:
    pop, con = snap.force_population(), snap.cursor()
    parts = []
    for nm in national.MEASURES:
        blocks: list[Block] = [Para(f"What the Plan asks ({national.PLAN_REF}): {nm.summary}"),
                               Para(f"Data status: {STATUS_TEXT[nm.status]}.")]
        if nm.measure_id:
            m = registry.get(nm.measure_id)
            frame = snap.series(m.id, "force")
            head = summary.latest(frame, pop, m, b.force.short_name)
            blocks += [Para(f"Measure used: {m.title}. {m.definition}"), Para(f"Proxy and its limits: {nm.proxy}")]
            if head:
                blocks += [Para(head.answer), figures(head.figures, f"{m.title}, force area"),
                           Para(f"{head.comparison} Source: {m.cited(b.force)}.")]
            plotted = frame[["month", "value"]]
            blocks.append(chart(f"national-{nm.id}", f"{m.title}, force area, per month", _months(plotted),
                                m.cited(b.force), charts.trend_alt_text(plotted, m.title, b.force.short_name),
                                charts.trend(plotted, f"{m.unit.capitalize()} per month", plan=snap.plan.period), plotted))
        blocks.append(Para(f"What would measure it properly: {nm.needed}"))
        if nm.published:
            blocks.append(table(national_page.published_table(con, nm.published, b.force),
                                f"Published figures: {nm.published.note}", link_column="Source"))
        parts.append(Part(nm.priority, tuple(blocks)))
    return Page("national_measures", "National measures", "National Crime and Policing Measures", (
        Para(f"The Plan ({national.PLAN_REF}) adopts the Home Secretary's six national priorities alongside its own "
             f"five. For each priority: what open data shows for {b.force.short_name}, why it is only a proxy where "
             "it is one, and what would be needed where nothing is published."), _data_statement(b)), tuple(parts))


def compare_forces(b: Briefing) -> Page:
    c = b.comparison
    if c is None:
        return Page("compare_forces", "Compare forces", f"How does {b.force.short_name} compare with other forces?", (
            Para("No 12 consecutive months of national police.uk data are loaded, so no comparison can be made."),))
    ranked = compare_page.ranked(c, "crimes_per_1000", all_forces=True)
    excluded = "; ".join(f"{r.force} ({r.reason})" for r in c.excluded.itertuples()) or "none"
    bars: Block = Para("No force has a population loaded, so none is ranked.")
    if ranked["rank_of_all_forces"].notna().any():
        bars = chart("compare-crimes_per_1000", "All crime per 1,000 residents, by force", c.window.label,
                     registry.NATIONAL_SOURCE, compare_page.alt_text(ranked, "All crime", c.window.label),
                     compare_page.chart_of(ranked), ranked.drop(columns="status"))
    return Page("compare_forces", "Compare forces", f"How does {b.force.short_name} compare with other forces?", (
        Para(f"Each force's latest 12 months as crime per 1,000 residents, by crime type. Window: {c.window.label}, "
             f"the latest 12 consecutive months in the national files. Populations: {c.population_vintage}. "
             f"Comparator group: {c.group.name}: {', '.join(c.group.names)} ({c.group.source}). "
             f"Forces left out (never counted as zero): {excluded}."),
        Para(f"Force areas with fewer than {compare.MIN_POPULATION:,} residents are shown with their rate but not "
             "ranked or flagged, and are left off the chart.")), (
        Part("Exception list", (
            table(b.exceptions, f"Crime types where {b.force.short_name} is in the worst 10% of forces, or at least "
                                f"{100 * (compare.CLEARLY_ABOVE - 1):.0f}% above the comparator group")
            if len(b.exceptions) else Para(f"No exceptions for {b.force.short_name}."),)),
        Part("Every crime type", (table(b.force_rows, f"{b.force.short_name} per crime type, {c.window.label}"),)),
        Part("All crime, ranked", (bars,)),
    ))


def budget_page(b: Briefing, snap: Snapshot) -> Page:
    band_d, money = b.band_d, b.budget
    area = b.force.short_name
    none = Para("No figures of this kind are in the data loaded.")
    band_d_blocks: tuple[Block, ...] = (none,)
    if len(band_d):
        band_d_blocks = (
            chart("budget-band-d", "Band D police precept by year (cash)",
                  f"{band_d['period'].iloc[0]} to {band_d['period'].iloc[-1]}", budget.source_band_d(area),
                  budget.band_d_alt(band_d),
                  charts.labelled_bars(band_d, "period", "band_d_gbp", "£ per year (Band D)", "label", colour="basis"),
                  band_d.drop(columns="label")),
            Para(budget.ABOUT_BAND_D))
    money_blocks: tuple[Block, ...] = (none,)
    if len(money):
        money_blocks = (
            chart("budget-by-year", "Budget by year (cash)", f"{money['period'].iloc[0]} to {money['period'].iloc[-1]}",
                  budget.source_finance(area), budget.budget_alt(money, "gbp_million", "cash"),
                  charts.grouped_bars(money, "measure", "period", "gbp_million", "label", "£ million"),
                  money.drop(columns="label")),
            *((Para(note),) if (note := budget.rows_note(money)) else ()),
            Para(budget.ABOUT_BUDGET))
    return Page("budget", "Budget & precept", "Budget and police precept", (
        Para(f"Policing in {area} is paid for by a grant from central government and by the police share of "
             "council tax, the precept. Every figure here is as published, in cash, with its source."),), (
        Part("2021/22, the Plan's first year", (
            table(budget_model.facts_2021(snap.cursor()), "Published figures for 2021/22. Where two sources give different "
                                                "figures for the same thing, both are shown and marked as a conflict.",
                  link_column="Source"),)),
        Part("Band D police precept", band_d_blocks),
        Part("Budget by year", money_blocks),
    ))


def data_page(b: Briefing, index: pd.DataFrame, extracts_url: str) -> Page:
    files = index.assign(file=extracts_url + "/" + index["file"]).drop(columns=["sha256", "generated_at"])
    return Page("data", "Data and downloads", "Data and downloads", (
        Para("Every standard extract as a CSV file with a stable address, always holding the newest figures: "
             "area_code, area_name, measure, period, value, unit, source. Months not published are absent, never "
             "zeros."), _data_statement(b)), (
        Part("Stable links", (
            Links((("Index of every file (CSV)", f"{extracts_url}/index.csv"),
                   ("Data dictionary: every measure and column (CSV)", f"{extracts_url}/dictionary.csv"),
                   ("Every measure's comparison and status, by area (CSV)", f"{extracts_url}/verdicts.csv"))),
            table(files, "Every extract file", link_column="file"))),
        Part("Files loaded", (
            table(b.provenance.drop(columns=["sha256"]), "Every file read into the database, with rows kept"),)),
    ))


def about(b: Briefing, snap: Snapshot) -> Page:
    used = dict.fromkeys(src for s in b.sections for src in s.sources)
    # Finance sources only where finance figures are loaded: a source is named only for figures shown.
    money = budget.sources(b.force.short_name) if len(b.budget) or len(b.band_d) else ()
    against = f"against the {snap.plan.title}" if snap.plan.is_plan else "by group of police.uk crime types"
    return Page("about", "About", "About this dashboard", (
        Para(f"An open-source dashboard of how {b.force.name} performs, {against}, built only on published open "
             "data. It is not an official statistics publication "
             "of the Police and Crime Commissioner or of the force."), _data_statement(b)), (
        Part("Sources", (Bullets((*used, registry.NATIONAL_SOURCE, *money)),
                         Para(f"Licence: {LICENCE}. {ATTRIBUTION}"))),
        Part("How changes are compared and judged", (Para(comparison.RULE), Para(noise.METHOD))),
        Part("Files loaded", (table(b.provenance.drop(columns=["sha256"]), "Every file read into the database"),)),
        Part("This plain version", (Para(
            "These pages are generated with every data load, need no JavaScript and carry the same figures as the "
            "interactive dashboard. The methodology, accessibility statement and contact details are on the "
            "interactive About page."),)),
    ))


def area_slug(code: str) -> str:
    """A district's or a ward's plain page (ONS codes never repeat between the two)."""
    return f"neighbourhood-{code}"


def neighbourhood(b: Briefing, snap: Snapshot, href) -> Page:
    """The neighbourhood page's plain version: every district, each linking to its list of wards."""
    districts = snap.areas("district").set_index("area_code")["area_name"].to_dict()
    index = snap.derived(neighbourhood_model.wards)
    links = Links(tuple((f"{name}: {len(index.by_district.get(code, ()))} wards", href(area_slug(code)))
                        for code, name in districts.items()))
    return Page("neighbourhood", "Your neighbourhood", "Is crime going up in your neighbourhood?", (
        Para(f"Every police.uk crime type in each of {snap.force.short_name}'s {len(index.names)} wards (the 2025 "
             "electoral wards), against its district and the force area. Choose your district, then your ward."),
        _data_statement(b)), (Part("Districts", (links,)),))


def district_wards(b: Briefing, snap: Snapshot, code: str, name: str, href) -> Page:
    """One district's plain page: its wards, each linking to its ward's page."""
    index = snap.derived(neighbourhood_model.wards)
    wards = index.by_district.get(code, ())
    return Page(area_slug(code), f"{name}: wards", f"{name}: its {len(wards)} wards", (
        Para(f"Choose a ward of {name} to see whether crime is going up there."), _data_statement(b)), (
        Part("Wards", (Links(tuple((index.names[w], href(area_slug(w))) for w in wards)),)),),
        app_path=f"/?district={code}")


def ward(b: Briefing, page: neighbourhood_model.Neighbourhood, href) -> Page:
    """One ward's plain page: the answer, every crime type, the rates, the monthly totals and what was not placed.
    The monthly totals are a table, not a chart: a few hundred pictures would slow every refresh."""
    monthly = page.trend
    parts = []
    if page.counts is not None:
        # The tables as the app draws them: numbers formatted, a dash where a figure is hidden.
        parts.append(Part(f"Every crime type: {page.period}", (
            Para(page.why), table(page.counts.drawn.to_pandas(), f"Every police.uk crime type in {page.ward_name}, "
                                                                 f"{page.period}"),
            *((Para(page.counts.missing_note),) if page.counts.missing_note else ()))))
        rates = (table(page.rates.drawn.to_pandas(), f"Per 1,000 residents (Census 2011), "
                                                     f"{page.rates.frame['Period'].iloc[0]}"),) \
            if page.rates is not None else ()
        parts.append(Part("Rates per 1,000 residents (Census 2011)", (Para(page.population_note), *rates)))
    parts.append(Part("Crimes each month", (
        table(monthly.table.frame, f"{monthly.title} ({monthly.caption})"),)))
    if page.unplaced:
        parts.append(Part("Records not placed in a ward", (Para(page.unplaced),)))
    parts.append(Part("Other wards", (Links(((f"Every ward of {page.district_name}",
                                             href(area_slug(page.district_code))),)),)))
    return Page(area_slug(page.ward_code), page.ward_name, f"Is crime going up in {page.ward_name} "
                                                             f"({page.district_name})?",
                (Para(page.answer), _data_statement(b)), tuple(parts), app_path=f"/neighbourhood?ward={page.ward_code}")


def neighbourhood_pages(b: Briefing, snap: Snapshot, wards: dict[str, neighbourhood_model.Neighbourhood],
                        href) -> list[Page]:
    """The plain pages beyond the navigation: one per district listing its wards, and one per ward."""
    districts = snap.areas("district").set_index("area_code")["area_name"].to_dict()
    return [*(district_wards(b, snap, code, name, href) for code, name in districts.items()),
            *(ward(b, page, href) for page in wards.values())]


def every_page(b: Briefing, snap: Snapshot, index: pd.DataFrame, extracts_url: str, href) -> list[Page]:
    """Every app page's plain version, in the app's navigation order (lancs_dash/site.py: this database's pages);
    `href` gives a plain page's address from its slug."""
    made = {"neighbourhood": lambda: neighbourhood(b, snap, href), "": lambda: overview(b, snap), "meeting": lambda: meeting(b),
            "national_measures": lambda: national_measures(b, snap), "compare_forces": lambda: compare_forces(b),
            "budget": lambda: budget_page(b, snap), "data": lambda: data_page(b, index, extracts_url),
            "about": lambda: about(b, snap)}
    sections = {s.priority.url_path: s for s in b.sections}
    return [_section_page(b, sections[p.url_path]) if p.priority else made[p.url_path]() for p in site.pages(snap)]
