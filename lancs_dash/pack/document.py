"""The meeting pack as HTML for WeasyPrint: every section starts a page, headings make the PDF's
bookmarks and structure, charts are SVG drawn by vl-convert from the dashboard's own Altair specs
(so their text stays text) with alt text, and every table is a real table with a caption.

This module only prepares what the pack shows: sections of plain blocks (paragraphs, headings, lists, tables of
formatted text, charts as SVG data URIs). templates/pack.html.j2 lays them out with Jinja2's autoescape."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

import altair as alt
import jinja2
import pandas as pd
import vl_convert

from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.figures import budget, comparison, district_table, noise
from lancs_dash.figures.fmt import cell_text, even_decimals
from lancs_dash.figures.force_comparison import CLEARLY_ABOVE
from lancs_dash.figures.headlines import Figure
from lancs_dash.models import briefing, charts, tables
from lancs_dash.models import compare as compare_page
from lancs_dash.models.briefing import Briefing, Section
from lancs_dash.models.parts import printf
from lancs_dash.models.site import plan_name
from lancs_dash.read.registry import NATIONAL_SOURCE

CHART_WIDTH = 600  # px in the Vega-Lite spec; the image is then scaled to the text width
FONT = "Liberation Sans"  # also first in pack.css
LONG_TABLE = 20  # rows
TREND_HEIGHT = 230  # lower than on screen, so a priority's figures, chart and districts share two pages
BAND_D_COLUMNS = {"period": "Year", "band_d_gbp": "Band D (£ a year)", "basis": "Basis", "source": "Source"}
BUDGET_COLUMNS = {"period": "Year", "measure": "Measure", "gbp_million": "£ million", "source": "Source",
                  "status": "Status"}
DISTRICT_COLUMNS = ["Rank (by rate)", "District", "Division", None, "Per 1,000 residents", "Change", "Change (%)", "Status"]
TEMPLATES = Path(__file__).with_name("templates")


def _is_link(text: str) -> bool:
    return re.match(r"https?://", text) is not None


_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
_env.tests["link"] = _is_link


@dataclass(frozen=True)
class Para:
    text: str
    cls: str = ""
    kind: ClassVar[str] = "para"


@dataclass(frozen=True)
class Heading:  # a heading within a section (h2)
    text: str
    cls: str = ""  # "new-page" starts it on a new page
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    kind: ClassVar[str] = "bullets"


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # every cell as printed
    kind: ClassVar[str] = "table"

    @property
    def long(self) -> bool:
        """Long tables may run over a page; short ones move to the next page whole."""
        return len(self.rows) > LONG_TABLE


@dataclass(frozen=True)
class Chart:
    src: str  # the SVG as a data URI
    alt_text: str
    caption: str
    kind: ClassVar[str] = "chart"


@dataclass(frozen=True)
class Contents:
    entries: tuple[tuple[str, str], ...]  # (anchor, section title)
    kind: ClassVar[str] = "contents"


Block = Para | Heading | Bullets | Table | Chart | Contents


@dataclass(frozen=True)
class Part:
    """One section of the pack: it starts a page, and its title is a bookmark."""
    anchor: str
    title: str
    blocks: tuple[Block, ...]


def printable(text: object) -> str:
    """Text as it should print: markdown emphasis dropped (status symbols are already plain text)."""
    return str(text).replace("**", "")


def section_titles(b: Briefing) -> list[str]:
    """The pack's sections in order; each starts a new page."""
    return [title(b), "Scorecard: the Plan's outcome measures", *(s.priority.title for s in b.sections),
            f"How {b.force.short_name} compares with other forces", "Budget and police precept", "Sources"]


def _anchor(i: int) -> str:
    return f"section-{i}"


def _p(text: str, cls: str = "") -> Para:
    return Para(printable(text), cls)


def _column(col: pd.Series) -> pd.Series:
    decimals = even_decimals(col, 3) if col.dtype.kind in "fiu" else 0
    return col.map(lambda v: cell_text(v, decimals))


def table(frame: pd.DataFrame, caption: str) -> Table | Para:
    """A frame as a table of printed text with a caption (a sentence when it has no rows)."""
    if frame.empty:
        return _p(f"{caption}: none.")
    cells = frame.apply(_column)
    return Table(printable(caption), tuple(str(c) for c in frame.columns),
                 tuple(tuple(row) for row in cells.itertuples(index=False)))


def _chart(chart: alt.TopLevelMixin, alt_text: str, caption: str, height: int | None = None) -> Chart:
    # One named font for both vl-convert's layout and WeasyPrint's drawing of the SVG text, so labels
    # measured by the one fit when drawn by the other.
    sized = charts.spec(chart.properties(width=CHART_WIDTH, **({"height": height} if height else {})))
    svg = vl_convert.vegalite_to_svg({**sized, "config": {**sized["config"], "font": FONT}})
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Chart(src, printable(alt_text), printable(caption))


def _figures(figures: Sequence[Figure], caption: str) -> Table | Para:
    frame = pd.DataFrame([{"Figure": f.label, "Value": f.value, "How to read it": f.help or ""} for f in figures])
    return table(frame, caption)


def title(b: Briefing) -> str:
    return f"{b.plan_title}: performance pack"


def _cover(b: Briefing, titles: list[str]) -> list[Block]:
    overall = [block for title, h in b.overall if h
               for block in (_p(h.answer), _figures(h.figures, f"{title}, force area"), _p(h.comparison))]
    counts = pd.DataFrame({"Status": b.status_counts().index, "Outcome measures": b.status_counts().values})
    against = f"against the {b.plan_title}" if b.is_plan else "by group of police.uk crime types"
    return [
        _p(f"{b.force.name}: how it performs {against}, for public "
           f"scrutiny by the Police and Crime Commissioner and Panel. {b.plan}", "kicker"),
        table(pd.DataFrame({"Item": ["Latest 12 months", "Figures", "Data built", "Coverage"],
                            "Detail": [b.period, b.as_of_label, b.built, b.coverage]}), "About this pack"),
        Heading("The latest figures"), *overall,
        Heading("The Plan's outcome measures at a glance"),
        table(counts, "Appendix D outcome measures by status (see the scorecard)"),
        _p(f"Each status names the months it compares. {comparison.RULE}"),
        Heading("How to read this pack"),
        _p(f"{noise.METHOD} Status is always given in words. Months not published are gaps, never zeros; no figure "
           "is estimated, interpolated or smoothed. Each section names its sources and periods."),
        Heading("Contents"),
        Contents(tuple((_anchor(i), t) for i, t in enumerate(titles) if i)),
    ]


def _scorecard(b: Briefing) -> list[Block]:
    cols = ["outcome measure (Appendix D)", "data", "measure used", "latest value", "change", "status"]
    return [_p("Every outcome measure the Plan lists (Appendix D), with what open data can say about it. A change "
               "counts only when it is more than normal month-to-month noise."),
            *(table(b.scorecard.loc[b.scorecard["priority"] == s.priority.title, cols], s.priority.title)
              for s in b.sections)]


def _priority(b: Briefing, s: Section) -> list[Block]:
    p = s.priority
    count_col = district_table.count_column(s.districts)
    districts = s.districts[[c or count_col for c in DISTRICT_COLUMNS]]
    districts = districts.dropna(axis="columns", how="all")  # no change columns when the year before is incomplete
    if "Change (%)" in districts:  # a percentage, signed, as the pages print it
        districts = districts.assign(**{"Change (%)": districts["Change (%)"].map(partial(printf, "%+.1f%%"))})
    compared = tables.district_compared(s.districts)
    card = b.scorecard.loc[b.scorecard["priority"] == p.title, ["outcome measure (Appendix D)", "status"]]
    return [
        _p(f"{p.section}.", "ref"),
        Heading("What the Plan commits to (our summary)"), Bullets(tuple(p.commitments)),
        _p(s.answer),
        Heading("Headline figures"), _figures(s.figures, f"{s.lead_title}, force area"),
        _p(f"Status: {s.verdict.text}.", "status"),
        _p(s.comparison),
        *([_p(s.older)] if s.older else []),
        *([_chart(s.chart(), s.alt_text, f"{s.chart_title} · {s.chart_period} · Source: {s.chart_source}",
                  TREND_HEIGHT)] if len(s.plotted) else []),
        Heading("By district", "new-page"),
        table(districts, f"{s.district_title}; ranked by rate per 1,000 residents (Census 2021); change and status: "
                         f"{compared}"),
        Heading("Exceptions: force comparison"), _p(s.force_note),
        *([table(s.force_rows, f"{b.force.short_name} against other forces")] if len(s.force_rows) else []),
        table(card, "Appendix D outcome measures for this priority"),
    ]


def _comparison(b: Briefing) -> list[Block]:
    c = b.comparison
    if c is None:
        return [_p(briefing.no_comparison(b.as_of))]
    ranked = compare_page.ranked(c, "crimes_per_1000", all_forces=True)
    excluded = "; ".join(f"{r.force} ({r.reason})" for r in c.excluded.itertuples()) or "none"
    return [
        _p(f"Window: {c.window.label}, the latest 12 consecutive months in the national files. Crimes per 1,000 "
           f"residents ({c.population_vintage}). Comparator group: {c.group.name}: {', '.join(c.group.names)} "
           f"({c.group.source}). Forces left out (never counted as zero): {excluded}."),
        Heading("Exception list"),
        table(b.exceptions, f"Crime types where {b.force.short_name} is in the worst 10% of forces or at least "
                            f"{100 * (CLEARLY_ABOVE - 1):.0f}% above its comparator group"),
        Heading("Every crime type", "new-page"),
        table(b.force_rows, f"{b.force.short_name} per crime type, {c.window.label}"),
        _chart(compare_page.chart_of(ranked), compare_page.alt_text(ranked, "All crime", c.window.label),
               f"All crime per 1,000 residents by force · {c.window.label} · Source: {NATIONAL_SOURCE}"),
    ]


def _budget(b: Briefing) -> list[Block]:
    band_d, money = b.band_d, b.budget
    area = b.force.short_name
    none = _p(f"No figures of this kind for {area} are in the data loaded.")  # said, never drawn empty
    band_d_blocks = [
        _chart(charts.labelled_bars(band_d, "period", "band_d_gbp", "£ per year (Band D)", "label", colour="basis"),
               budget.band_d_alt(band_d), f"Band D police precept by year (cash) · Source: {budget.source_band_d(area)}"),
        _p(budget.ABOUT_BAND_D),
        table(band_d.drop(columns="label").rename(columns=BAND_D_COLUMNS), "Band D police precept by year"),
    ] if len(band_d) else [Heading("Band D police precept"), none]
    money_blocks = [
        _chart(charts.grouped_bars(money, "measure", "period", "gbp_million", "label", "£ million"),
               budget.budget_alt(money, "gbp_million", "cash"), f"Budget by year (cash) · Source: {budget.source_finance(area)}"),
        *([_p(note)] if (note := budget.rows_note(money)) else []),
        _p(budget.ABOUT_BUDGET),
        table(money.drop(columns="label").rename(columns=BUDGET_COLUMNS), "Budget by year, £ million"),
    ] if len(money) else [Heading("Budget by year"), none]
    return [
        _p("Policing is paid for by a central government grant and the police share of council tax (the precept). "
           "Figures are as published, in cash."),
        *band_d_blocks, *money_blocks,
    ]


def _sources(b: Briefing) -> list[Block]:
    used = dict.fromkeys(src for s in b.sections for src in s.sources)
    money = budget.sources(b.force.short_name) if len(b.budget) or len(b.band_d) else ()  # only figures shown
    prov = b.provenance.assign(sha256=b.provenance["sha256"].str[:12])[
        ["source", "file", "rows_kept", "period_from", "period_to", "sha256"]].rename(columns={
            "source": "Source", "file": "File", "rows_kept": "Rows kept", "period_from": "From", "period_to": "To",
            "sha256": "SHA-256 (first 12)"})
    return [
        Heading("Sources of the figures"),
        Bullets((*used, NATIONAL_SOURCE, *money)),
        _p(f"Licence: {LICENCE}. {ATTRIBUTION} The Plan's commitments are summarised in our own words."),
        table(prov, "Files loaded into this pack's database (sha256 shortened to 12 characters)"),
    ]


def parts(b: Briefing) -> list[Part]:
    """The pack's sections, in order, with what each shows."""
    titles = section_titles(b)
    bodies = [_cover(b, titles), _scorecard(b), *(_priority(b, s) for s in b.sections), _comparison(b), _budget(b),
              _sources(b)]
    return [Part(_anchor(i), t, tuple(body)) for i, (t, body) in enumerate(zip(titles, bodies, strict=True))]


def render(sections: Sequence[Part], css: str, description: str, author: str) -> str:
    """The pack's HTML document for these sections, styled by `css` (the project's own stylesheet); `author` is
    the site's name. The first section, the cover, carries the pack's title."""
    return _env.get_template("pack.html.j2").render(
        title=sections[0].title, author=author, description=description, css=css, sections=sections)


def _css_string(text: str) -> str:
    """`text` as a CSS string, every character but letters, digits and spaces escaped (safe whatever the name)."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in text) + '"'


def html(b: Briefing, css: str) -> str:
    """The whole pack as one HTML document for WeasyPrint, every page's footer naming the database's force."""
    footer = f"@page {{ @bottom-left {{ content: {_css_string(f'{plan_name(b.force, b.is_plan)}: performance pack')}; }} }}"
    return render(parts(b), f"{css}\n{footer}", f"{b.period}, {b.as_of_label}, data built {b.built}",
                  b.name)
