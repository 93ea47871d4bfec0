"""Compare forces: crime per 1,000 residents by force and crime type, worst 10% flagged, exceptions."""

import streamlit as st

from lancs_dash.config import FORCE
from lancs_dash.figures import force_comparison
from lancs_dash.models.compare import GROUPS
from lancs_dash.ui import components as ui
from lancs_dash.ui import drawn, store

snap = store.snapshot()
pages = {name: store.compare_page(snap, name) for name in GROUPS}  # both groups, before anything is drawn

st.title("How does Lancashire compare with other forces?")
st.markdown(
    "As in the Commissioner's scrutiny meetings: each force's latest 12 months as crime per 1,000 residents, "
    "by crime type, with forces in the worst 10% of all forces flagged in red **and** marked “WORST 10%”. "
    "The Home Office “most similar group” for Lancashire is not in the open data we hold, so the default "
    "comparator group is the North West forces the Plan (section 5) names as regional collaborators: "
    "Cheshire, Cumbria, Greater Manchester, Merseyside and North Wales.")

group_name = st.radio("Compare with", list(GROUPS), horizontal=True, key="group", bind="query-params")
page = pages[group_name]
comparison = page.comparison
if comparison is None:
    st.error("No 12 consecutive months of national police.uk data are loaded, so no comparison can be made.")
    st.stop()

window = comparison.window
st.info(
    f"Window: **{window.label}**, the latest 12 consecutive months in the national files"
    + ("." if window.group_complete else
       " (no window has every force of this group present, so the latest is used and the missing forces are "
       "left out).")
    + f" Populations: {comparison.population_vintage}, the sum of each police force area's local authorities "
      "(derived). Ranks and the worst 10% are among all forces with all 12 months and at least "
      f"{force_comparison.MIN_POPULATION:,} residents.",
    icon=":material/calendar_month:")
if not comparison.excluded.empty:
    st.warning(drawn.forces_left_out(comparison), icon=":material/warning:")

st.markdown(
    f"**Small force areas are not ranked.** A force area with fewer than {force_comparison.MIN_POPULATION:,} residents is "
    "shown in the table with its rate, marked “not ranked”, but takes no rank, is never flagged and does not "
    "count towards the worst-10% threshold or a group's combined rate. This applies to the City of London "
    "(about 8,600 residents, against a workday population in the hundreds of thousands), where crimes per "
    "resident say little about risk. It is left off the chart, whose scale it would otherwise swamp.")

st.header("Exception list")
st.markdown(f"Crime types where {FORCE.short_name} is in the worst 10% of forces, or at least "
            f"{100 * (force_comparison.CLEARLY_ABOVE - 1):.0f}% above the comparator group's combined rate.")
if page.exceptions.frame.empty:
    st.success(f"No exceptions: {FORCE.short_name} is not in the worst 10% or clearly above its group for any "
               "crime type.")
else:
    ui.table(page.exceptions)
    ui.download("Download the exception list (CSV)", page.exceptions, "compare-exceptions.csv", "download-exceptions")

st.header("Ranked by crime type")


@st.fragment
def ranked_by_crime_type() -> None:
    # A fragment: choosing a crime type redraws this chart only.
    crime_type = st.selectbox("Crime type", list(page.crime_types), key="crime_type", bind="query-params")
    ui.chart_card(page.crime_types[crime_type])


ranked_by_crime_type()
