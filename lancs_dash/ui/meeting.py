"""Meeting mode: the briefing (lancs_dash.briefing) as slides for a projector at public scrutiny meetings.

One slide fills the screen. The slide number is Streamlit's pagination widget bound to the URL
(?slide=4), so a clerk can share a slide; a number outside the deck falls back to slide 1. Buttons
with keyboard shortcuts move through the deck: arrows for keyboards, Page Up/Down for clickers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from lancs_dash.figures import force_comparison
from lancs_dash.figures.headlines import Figure
from lancs_dash.models import charts, tables
from lancs_dash.models.briefing import Briefing, Section
from lancs_dash.models.parts import Spec, Table
from lancs_dash.site import PAGES
from lancs_dash.ui.components import table, vega
from lancs_dash.ui.drawn import once_per_model

KEY = "slide"  # the URL parameter and session-state key of the slide number
OVERVIEW = next(p.path for p in PAGES if p.default)  # where "Exit meeting mode" goes
KEYS_HELP = "Keys: → or Page Down next · ← or Page Up back · Home · End"
TOP_DISTRICTS = 3

# Type scales with the screen (height, or width on screens narrower than 16:9) so a slide lays out the same
# at 1280×720 and 1920×1080 and reads from the back of a room. Only this page draws the style, so the
# other pages keep their normal layout.
STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stDecoration"], .st-key-meeting-keys { display: none; }
[data-testid="stMain"] { background: #fff; color: #0b0c0c; }
[data-testid="stMainBlockContainer"] { max-width: none; padding: 2vh 3vw 1.5vh; }
/* The slide takes the height left, so the paging bar sits at the foot of the screen. */
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { min-height: 96.5vh; }
[data-testid="stLayoutWrapper"]:has(> .st-key-meeting-slide) { flex: 1 1 auto; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 1.4vh; }
[data-testid="stMain"] :is(p, li, td, th, label) { color: #0b0c0c; font-size: clamp(0.95rem, min(2.4vh, 1.35vw), 1.8rem);
  line-height: 1.35; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { margin-bottom: 0.6vh; }
[data-testid="stMain"] h1 { font-size: clamp(1.6rem, min(5.2vh, 2.93vw), 3.8rem); color: #0b0c0c; padding: 0; }
[data-testid="stMain"] h3 { font-size: clamp(1.1rem, min(3.1vh, 1.75vw), 2.3rem); color: #0b0c0c; padding: 0.8vh 0 0; }
/* Captions: GOV.UK secondary text (#505a5f, 7:1 on white) rather than Streamlit's 60% opacity. */
[data-testid="stMain"] [data-testid="stCaptionContainer"] { opacity: 1; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: clamp(0.85rem, min(1.9vh, 1.07vw), 1.4rem);
  color: #505a5f; }
[data-testid="stMain"] [data-testid="stMetric"] { padding: 1vh 1vw; }
[data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: clamp(1.8rem, min(6.4vh, 3.6vw), 4.8rem);
  font-weight: 700; line-height: 1.1; margin: 0; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: clamp(0.9rem, min(2.1vh, 1.18vw), 1.6rem); }
/* Figures wrap rather than being cut short with an ellipsis. */
[data-testid="stMain"] [data-testid="stMetric"] :is([data-testid="stMarkdownContainer"], p) { white-space: normal;
  overflow: visible; text-overflow: clip; }
[data-testid="stMain"] :is(td, th) { font-size: clamp(0.9rem, min(2.1vh, 1.18vw), 1.6rem); padding: 0.3vh 0.6vw; }
.st-key-meeting-status p { font-size: clamp(1.1rem, min(3.2vh, 1.8vw), 2.4rem); font-weight: 700; }
/* A definite height, so the chart can stretch to it: what the title, answer and figures leave, less the fixed
   (px) spacing around it. */
.st-key-meeting-chart { height: calc(52vh - 170px); min-height: 0; flex: none; }
[data-testid="stPagination"] button { min-width: min(4.6vh, 2.6vw); min-height: min(4.6vh, 2.6vw);
  font-size: clamp(0.9rem, min(2.2vh, 1.24vw), 1.6rem); }
.st-key-meeting-controls { border-top: 3px solid #1d70b8; padding-top: 1vh; }
[data-testid="stMain"] a { color: #1d70b8; }
.st-key-meeting-controls > :has(.st-key-meeting-position-phone) { display: none; }
/* A phone: the slide is taller than the screen, so the paging bar stays at the foot of the screen, wrapped
   to two rows, Previous, Next and the slide number first. A touch screen has no keys, and Previous and Next
   stand in for the page numbers there. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { min-height: 0; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-meeting-controls) { position: sticky; bottom: 0; z-index: 3;
    background: #fff; padding-bottom: 0.5rem; }
  .st-key-meeting-controls { flex-wrap: wrap; gap: 0.5rem; }
  .st-key-meeting-controls > :is(:has([data-testid="stPagination"]), :has(.st-key-meeting-position)) { display: none; }
  .st-key-meeting-controls > :has(.st-key-meeting-position-phone) { display: block; }
}
/* A thick yellow-and-black focus ring (GOV.UK style), visible on any background. */
[data-testid="stMain"] :focus-visible { outline: 3px solid #ffdd00 !important; box-shadow: 0 0 0 6px #0b0c0c !important; }
</style>"""


@dataclass(frozen=True)
class Slide:
    title: str
    draw: Callable[[], None]


def slides(b: Briefing) -> tuple[Slide, ...]:
    """The deck: opening summary, exceptions, then one slide per Plan priority in Plan order."""
    ready = _deck_ready(b)
    return (Slide("Summary", partial(opening, b, ready.counts)),
            Slide("Exceptions", partial(exceptions, b, ready.exceptions, ready.worsening)),
            *(Slide(s.priority.title, partial(priority, s, r)) for s, r in zip(b.sections, ready.sections, strict=True)))


@dataclass(frozen=True)
class _DeckReady:
    """What the slides derive from a briefing (none of it refers back to the briefing, so both can be freed):
    the status counts line, the exception and worsening tables (None when there are none) and each priority
    slide's parts."""

    counts: str
    exceptions: Table | None
    worsening: Table | None
    sections: tuple[_Ready, ...]


@once_per_model
def _deck_ready(b: Briefing) -> _DeckReady:
    """Made on the briefing's first view, so a view of a slide only draws."""
    return _DeckReady(
        counts=" · ".join(f"{status}: **{n}**" for status, n in b.status_counts().items()),
        exceptions=None if b.comparison is None or b.exceptions.empty else tables.exceptions(b.exceptions, csv=False),
        worsening=None if b.worsening.empty else tables.worsening(b.worsening),
        sections=tuple(_ready(s, b.force.short_name) for s in b.sections))


def presentation_style() -> None:
    st.html(STYLE)


def _move_to(number: int) -> None:
    st.session_state[KEY] = number


def _move_by(step: int, count: int) -> None:
    _move_to(min(max(st.session_state.get(KEY, 1) + step, 1), count))


def paging(deck: tuple[Slide, ...], pack_pdf: Callable[[], bytes], force_slug: str) -> int:
    """The paging bar: Previous/Next, the slide picker (bound to ?slide=), the keys, the exit link and the
    meeting pack (built only when asked for, its file named after the force). Returns the slide number, 1-based."""
    n = len(deck)
    # Previous and Next first: on a phone, where the bar wraps, they lead its first row. No arrow icon: each
    # button already shows its key (← or →), and two arrows read as "← Previous ←".
    with st.container(key="meeting-controls", horizontal=True, vertical_alignment="center", wrap=False):
        st.button("Previous", shortcut="Left", on_click=_move_by, args=(-1, n))
        st.button("Next", shortcut="Right", on_click=_move_by, args=(1, n))
        number = st.pagination(n, key=KEY, bind="query-params")
        with st.container(key="meeting-position"):
            st.caption(f"Slide {number} of {n} · {KEYS_HELP}")
        with st.container(key="meeting-position-phone"):  # shown instead on a phone (see STYLE)
            st.caption(f"Slide {number} of {n}")
        st.page_link(OVERVIEW, label="Exit meeting mode", icon=":material/close:")
        st.download_button("Download pack (PDF)", data=pack_pdf, file_name=f"{force_slug}-meeting-pack.pdf",
                           mime="application/pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                           key="meeting-pack", help="The printable meeting pack: the same as python -m lancs_dash.pack")
    # Presentation clickers send Page Up/Down; one shortcut per button, so these twins are hidden.
    with st.container(key="meeting-keys"):
        st.button("Previous slide", shortcut="PageUp", on_click=_move_by, args=(-1, n))
        st.button("Next slide", shortcut="PageDown", on_click=_move_by, args=(1, n))
        st.button("First slide", shortcut="Home", on_click=_move_to, args=(1,))
        st.button("Last slide", shortcut="End", on_click=_move_to, args=(n,))
    return number


def figures(items: Sequence[Figure]) -> None:
    """Big figures in a row, each with its label and, as a tooltip, how to read it."""
    if not items:
        st.markdown("No figures are published for this period.")
        return
    # Each card as wide as its figure needs, so a long change ("▼ down 2,046 (-4.7%)") keeps to one line.
    for col, f in zip(st.columns([max(len(f.value), 0.45 * len(f.label), 6) for f in items]), items, strict=True):
        col.metric(f.label, f.value, help=f.help, border=True)


def opening(b: Briefing, counts: str) -> None:
    st.title("Summary")
    st.caption(f"{b.plan_title} · {b.force.name} · latest 12 months {b.period} · "
               f"data last updated {b.built}")
    for title, head in b.overall:
        st.subheader(title)
        if head:
            st.markdown(head.answer)
        figures(head.figures if head else ())
    st.subheader("The Plan's outcome measures (Appendix D) by status")
    st.markdown(counts + " (each judged on the newest comparison its published months allow)")
    st.caption(f"{b.coverage} {b.plan}")


def _comparison_note(b: Briefing) -> str:
    """The force comparison's window, group and rule, as the compared priorities state it."""
    return next((s.force_note for s in b.sections if s.priority.force_rates), "")


def exceptions(b: Briefing, shown: Table | None, worsening: Table | None) -> None:
    """`shown`: the exception list (None when there is none or no comparison); `worsening`: the worsening
    measures (None when none are)."""
    st.title("Exceptions")
    st.subheader(f"Crime types where {b.force.short_name} stands out among forces")
    if b.comparison is None:
        st.markdown(_comparison_note(b))
    elif shown is None:
        st.markdown("No crime type is in the worst 10% of forces or clearly above the comparator group.")
    else:
        table(shown)
        st.caption(_comparison_note(b))
    st.subheader("Outcome measures worsening beyond normal month-to-month noise")
    if worsening is None:
        st.markdown("No outcome measure is worsening beyond normal noise.")
    else:
        table(worsening)


def _flag(row: pd.Series, area: str) -> str:
    """One compared crime type: rates of the force area `area` and its group, rank and whether it is an
    exception, in words and a symbol."""
    rate, group = row[f"{area} per 1,000"], row["Comparator group per 1,000"]
    why = row["Why it is an exception"]
    verdict = f"✔ {why}" if why == force_comparison.NOT_AN_EXCEPTION else f"⚠ exception: {why}"
    group_text = "" if pd.isna(group) else f" (group {group:.2f})"
    return f"- **{row['Crime type']}**: {rate:.2f} per 1,000{group_text}, rank {row['Rank (1 = highest rate)']}: {verdict}"


def _top_districts(section: Section) -> str:
    top = section.districts.dropna(subset=["Per 1,000 residents"]).head(TOP_DISTRICTS)
    names = " · ".join(f"{r['District']} {r['Per 1,000 residents']:.1f}" for _, r in top.iterrows())
    return f"**Highest district rates per 1,000:** {names} ({section.district_title})." if names else ""


PROJECTED = {"axis": {"labelFontSize": 15, "titleFontSize": 16}, "axisX": {"labelAngle": 0},
             "legend": {"labelFontSize": 15, "labelLimit": 0}, "text": {"fontSize": 15}}


def _projected(spec: Spec) -> Spec:
    """The page's chart with axis and legend text large enough for a projector (a copy: specs are shared)."""
    return Spec({**spec.spec, "config": charts.merged(spec.spec.get("config", {}), PROJECTED)}, spec.arrow)


def _chart_table(section: Section) -> pd.DataFrame:
    plotted = section.plotted
    return plotted.assign(month=pd.to_datetime(plotted["month"]).dt.strftime("%Y-%m")).rename(
        columns={"month": "Month", "quarter": "Quarter", "measure": "Measure", "value": "Count"})


@dataclass(frozen=True)
class _Ready:
    """A priority slide's derived parts: the force area's name, the force-comparison lines, the highest district
    rates, the chart with projector-sized text and its table (None when nothing is plotted)."""

    area: str
    flags: str
    top_districts: str
    chart: Spec | None
    chart_table: Table | None


def _ready(section: Section, area: str) -> _Ready:
    plotted = not section.plotted.empty
    return _Ready(
        area=area,
        flags=section.force_note if section.force_rows.empty else "\n".join(
            _flag(r, area) for _, r in section.force_rows.iterrows()),
        top_districts=_top_districts(section),
        chart=_projected(section.spec) if plotted else None,
        chart_table=Table.of(_chart_table(section), csv=False) if plotted else None)


def priority(section: Section, ready: _Ready) -> None:
    p = section.priority
    st.title(p.title)
    st.caption(f"{p.section} · Figures: {section.lead_title}, {ready.area}")
    st.markdown(section.answer)
    figures(section.figures)
    words, chart = st.columns([1, 1], gap="large")
    with words:
        with st.container(key="meeting-status"):
            st.markdown(f"Status: {section.verdict.text}")
        if section.older:
            st.caption(section.older)
        st.markdown("**Compared with other forces**")
        st.markdown(ready.flags)
        st.markdown(ready.top_districts)
        st.caption(f"Sources: {'; '.join(section.sources)}.")
    with chart:
        st.markdown(f"**{section.chart_title}**, {section.chart_period}")
        if ready.chart is None or ready.chart_table is None:
            return
        with st.container(key="meeting-chart"):
            vega(ready.chart, section.alt_text, width="stretch", height="stretch")
        with st.expander("Chart as a table"):
            table(ready.chart_table)
