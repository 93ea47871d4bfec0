"""Overview: how crime and anti-social behaviour are moving across the force area."""

import streamlit as st

from lancs_dash.config import FORCE
from lancs_dash.models.overview import DISTRICT_PERIODS
from lancs_dash.ui import components as ui
from lancs_dash.ui import district_picker, store

snap = store.snapshot()
page = store.overview_page(snap)

st.title(f"How is {FORCE.short_name} doing?")
st.markdown(
    "Crime and anti-social behaviour (ASB) recorded by Lancashire Constabulary, as published on police.uk, "
    "against the priorities of the Police and Crime Plan for Lancashire 2021–25.")
st.info(f"{page.site.statement} Data last updated {page.site.built}. "
        "Missing months are shown as gaps, never as zeros.", icon=":material/calendar_month:")

st.header("Find my area")
district_code, _ = district_picker.picker(snap, "Shows your district's figures; the link keeps the choice.")
if district_code:
    for title, figures in store.district_figures(snap, district_code).measures:
        st.subheader(title)
        ui.figures(figures)

st.markdown(f"## The latest 12 months\n\n**Series: police.uk street-level records** (not the official police "
            f"recorded crime statistics). {page.official_beside}")
st.page_link("pages/data.py", label="How police.uk compares with the official statistics, and why they differ",
             icon=":material/compare_arrows:")
for head in page.headlines:
    st.subheader(head.title)
    ui.figures(head.headline.figures)
    st.caption(head.headline.comparison)

ui.chart_card(page.trend)

st.markdown("## By district\n\nDistricts ranked by rate per 1,000 residents (Census 2021). "
            "Records with no location, or located outside the force's districts, are in the force total only.")
basis = st.radio("Period", list(DISTRICT_PERIODS), horizontal=True, key="period", bind="query-params",
                 help="The latest 12 months have no complete previous 12 months to compare with, so the "
                      "change is shown for the latest pair of complete years.")
for t in page.district_tables[basis]:
    st.subheader(t.title)
    st.caption(t.caption)
    ui.table(t.table)
    ui.download(f"Download {t.title.lower()} (CSV)", t.table, f"overview-{t.measure_id}-by-district.csv",
                f"download-district-{t.measure_id}")

st.markdown(
    "## Scorecard: the Plan's outcome measures (Appendix D)\n\n"
    "Every outcome measure the Plan lists, priority by priority, with what open data can say about it. Status is "
    "given in words and an icon. A change counts only when it is more than normal month-to-month noise; "
    "measures with no open data are listed, never hidden. Each priority's rows link to its own page.")
district = {"district": st.query_params["district"]} if "district" in st.query_params else None
for part in page.scorecard:
    st.subheader(part.priority.title)
    ui.table(part.table)
    st.page_link(part.priority.page, label=f"{part.priority.title} page",
                 icon=":material/arrow_forward:", query_params=district)
ui.table_when_opened("The scorecard in full: the data used, what counts as improvement, and notes",
                     page.scorecard_table, key="scorecard-in-full")
ui.download("Download the scorecard (CSV)", page.scorecard_table, "overview-scorecard.csv", "download-scorecard")
