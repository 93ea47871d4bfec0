"""Compare forces: the force against forces like it, its region and all forces, crime per 1,000 residents by
crime type, worst 10% flagged, forces without data named, exceptions."""

import streamlit as st

from lancs_dash.figures import force_comparison
from lancs_dash.models.compare import KINDS
from lancs_dash.ui import components as ui
from lancs_dash.ui import drawn, store

snap = store.snapshot()
force = snap.force
pages = {kind: store.compare_page(snap, kind) for kind in KINDS}  # every group, before anything is drawn
offered = [kind for kind in KINDS if pages[kind].group is not None]

st.title(f"How does {force.short_name} compare with forces like it?")
similar = pages["similar"]
if similar.comparison is not None:
    st.markdown(f"**{similar.lead}**")
st.markdown(
    "As in the Commissioner's scrutiny meetings: each force's latest 12 months as crime per 1,000 residents, "
    "by crime type, with forces in the worst 10% of all forces flagged in red **and** marked “WORST 10%”.")

kind = st.radio("Compare with", offered, format_func=lambda k: pages[k].group.name, horizontal=True, key="group",
                bind="query-params")
page = pages[kind]
group = page.group
st.caption(f"**{group.name}**" + (f": {', '.join(group.names)}" if group.names else "") + ". "
           f"Source: {group.source}.")
if group.source_url:  # a link in a caption's grey would fail text contrast (WCAG 1.4.3): plain text carries it
    st.markdown(f"[Open the source document of the group]({group.source_url})")
if pages["region"].group is None:
    st.caption(f"No loaded list names a region for {force.short_name}, so there is no region to compare with.")
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
if page.missing:
    st.warning(page.missing, icon=":material/warning:")
if not comparison.excluded.empty:
    with st.expander("Every force left out of the ranking, and why"):
        st.markdown(drawn.forces_left_out(comparison))

st.markdown(
    f"**Small force areas are not ranked.** A force area with fewer than {force_comparison.MIN_POPULATION:,} residents is "
    "shown in the table with its rate, marked “not ranked”, but takes no rank, is never flagged and does not "
    "count towards the worst-10% threshold or a group's combined rate. This applies to the City of London "
    "(about 8,600 residents, against a workday population in the hundreds of thousands), where crimes per "
    "resident say little about risk. It is left off the chart, whose scale it would otherwise swamp.")

st.header("Exception list")
st.markdown(f"Crime types where {force.short_name} is in the worst 10% of forces, or at least "
            f"{100 * (force_comparison.CLEARLY_ABOVE - 1):.0f}% above the combined rate of the group chosen above.")
if page.exceptions.frame.empty:
    st.success(f"No exceptions: {force.short_name} is not in the worst 10% or clearly above this group for any "
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
