"""Budget & precept: what policing in the force area costs and what households pay, from published figures."""

import streamlit as st

from lancs_dash.models.budget import PLAN_FACTS, TERMS
from lancs_dash.ui import components as ui
from lancs_dash.ui import store

snap = store.snapshot()
page = store.budget_page(snap)

st.title("Budget and police precept")
if page is None:
    st.info("This dashboard's data holds no published budget, precept or inflation figures, so there is nothing to "
            "show here. The Data and downloads page lists the sources it does hold.")
    st.stop()
st.markdown(
    f"Policing in {snap.force.short_name} is paid for by a grant from central government and by the police share "
    "of council tax, the **precept**. Every figure here is as published (PCC budget pages, annual reports and press reports "
    "of them), with its source. Amounts are **cash** (as published) unless you choose real terms, which "
    "adjust the Band D precept and the budget for inflation with the consumer price index (CPI).")


@st.fragment
def amounts() -> None:
    # A fragment: switching between cash and real terms redraws these sections only.
    terms = st.radio("Show amounts", TERMS, horizontal=True, key="terms", bind="query-params")
    shown = page.terms[terms]

    st.header("2021/22, the Plan's first year")
    st.markdown(PLAN_FACTS)
    ui.table(page.facts_2021)
    st.caption("Where two sources give different figures for the same thing, both are shown and marked as a conflict.")

    if shown.band_d_note:
        st.markdown(shown.band_d_note)
    ui.chart_card(shown.band_d)

    st.header("What each council-tax band pays")
    year = st.selectbox("Year", page.years, key="band_year", bind="query-params")
    ui.chart_card(page.bands[year])

    if shown.budget_note:
        st.markdown(shown.budget_note)
    ui.chart_card(shown.budget)

    st.header("Budget against outturn")
    if terms != TERMS[0]:
        st.caption("Budget against outturn and spend by function are shown in cash only: each compares figures "
                   "within one year, so inflation does not change the comparison.")
    for card in page.outturn:
        ui.chart_card(card)
    if page.spend:
        ui.chart_card(page.spend)


amounts()
