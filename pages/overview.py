"""Overview: is crime going up where I live? The answer first, then the figures, the trend, the districts and
the Plan's scorecard (where the force has a Plan)."""

import streamlit as st

from lancs_dash.figures import comparison
from lancs_dash.figures.priorities import held_in
from lancs_dash.models.overview import CrimeTypes
from lancs_dash.site import PRIORITY_PAGE, Page
from lancs_dash.ui import components as ui
from lancs_dash.ui import district_picker, store
from lancs_dash.ui.navigation import streamlit_page
from lancs_dash.ui.neighbourhood import district_wards


def crime_types(by_type: CrimeTypes | None, key: str) -> None:
    """Every police.uk crime type for the area picked, by the one comparison and verdict rule: the table and its
    download drawn when opened (most visitors read the headline measures only)."""
    if by_type:
        st.markdown(f"## {by_type.title}\n\n:small[{ui.bracketed(by_type.caption)}]")
        with st.expander("All 14 police.uk crime types: counts, change and status", key=key, on_change="rerun") as box:
            if box.open:
                ui.table(by_type.table)
                ui.download("Download the crime types (CSV)", by_type.table, "overview-by-crime-type.csv",
                            "download-by-type")


snap = store.snapshot()
page = store.overview_page(snap)
force = snap.force

st.title(f"How is {force.short_name} doing?")
answer = st.container()  # the answer for the area picked, drawn above the picker once the choice is known
district_code, district_name = district_picker.picker(snap, "Shows your district's figures; the link keeps the choice.")
district = store.district_figures(snap, district_code) if district_code else None
with answer:
    ui.answers(district.answers if district else page.answers)

against = "against the priorities of the Police and Crime Plan" if snap.plan.is_plan else "by group of crime types"
st.markdown(f"Crime and anti-social behaviour (ASB) recorded by {force.name}, as published on police.uk, {against}. "
            f"{page.site.plan}")
st.info(f"{page.site.statement} Data last updated {page.site.built}. "
        "Missing months are shown as gaps, never as zeros.", icon=":material/calendar_month:")

if district:
    st.header(f"{district.name}: the latest figures")
    for head, rank in zip(district.measures, district.ranks, strict=True):
        st.subheader(head.title)
        ui.figures((*head.headline.figures, rank) if head.headline else (rank,))
    crime_types(district.by_type, "crime-types-district")
    if "wards" in held_in(snap):
        district_wards(store.wards(snap), district_code, district.name)

st.markdown(f"## {force.short_name} as a whole\n\n**Series: police.uk street-level records** (not the official "
            f"police recorded crime statistics). {page.official_beside}")
st.page_link("pages/data.py", label="How police.uk compares with the official figures",
             icon=":material/compare_arrows:")
for head in page.headlines:
    st.subheader(head.title)
    ui.figures(head.headline.figures)
    st.caption(head.headline.comparison)

ui.chart_card(page.trend)

st.markdown("## By district\n\nDistricts ranked by rate per 1,000 residents (Census 2021), with the change and its "
            f"status by the comparison rule: {comparison.RULE} In a small district a few more or fewer records make a "
            "big percentage change, so a large change can still be within the usual ups and downs. Records with no "
            "location, or located outside the force's districts, are in the force total only.")
for t in page.district_tables:
    st.subheader(t.title)
    st.caption(t.caption)
    ui.table(t.table)
    ui.download(f"Download {t.title.lower()} (CSV)", t.table, f"overview-{t.measure_id}-by-district.csv",
                f"download-district-{t.measure_id}")
if not district:
    crime_types(page.by_type, "crime-types-force")

if page.scorecard:  # a force without a Plan has no outcome measures to score
    st.markdown(
        f"## Scorecard for the whole of {force.short_name}: the Plan's outcome measures (Appendix D)\n\n"
        "Every outcome measure the Plan lists, for the whole force area, priority by priority, with what open data can "
        "say about it. Status is given in words and an icon. A change counts only when it is more than normal "
        "month-to-month ups and downs; measures with no open data are listed, never hidden. Each priority's rows link "
        "to its own page.")
    query = {"district": st.query_params["district"]} if "district" in st.query_params else None
    for part in page.scorecard:
        st.subheader(part.priority.title)
        ui.table(part.table)
        target = streamlit_page(Page(PRIORITY_PAGE, part.priority.label, part.priority.icon, priority=part.priority.id))
        st.page_link(target, label=f"{part.priority.title} page",
                     icon=":material/arrow_forward:", query_params=query)
    ui.table_when_opened("The scorecard in full: the data used, what counts as improvement, and notes",
                         page.scorecard_table, key="scorecard-in-full")
    ui.download("Download the scorecard (CSV)", page.scorecard_table, "overview-scorecard.csv", "download-scorecard")
