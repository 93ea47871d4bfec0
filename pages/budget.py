"""Budget & precept: what policing in Lancashire costs and what households pay, from published figures."""

import streamlit as st

from lancs_dash import charts
from lancs_dash.ui import budget as page
from lancs_dash.ui import components as ui
from lancs_dash.ui import data

v = data.version()

st.title("Budget and police precept")
st.markdown(
    "Policing in Lancashire is paid for by a grant from central government and by the police share of council "
    "tax, the **precept**. Every figure here is as published (PCC budget pages, annual reports and press reports "
    "of them), with its source. All amounts are **cash** (not adjusted for inflation): no financial-year deflator "
    "is published in the data we hold.")

st.header("2021/22, the Plan's first year")
st.markdown(page.PLAN_FACTS)
st.dataframe(page.facts_2021(v), hide_index=True, width="stretch")
st.caption("Where two sources give different figures for the same thing, both are shown and marked as a conflict.")

band_d = page.band_d(v)
ui.chart_card(
    key="budget-band-d", title="Band D police precept by year", period=page.span(band_d),
    chart=charts.labelled_bars(band_d, "period", "band_d_gbp", "£ per year (Band D)", "label", colour="basis"),
    alt_text=page.band_d_alt(band_d), table=band_d.drop(columns="label"), source=page.SOURCE_BAND_D,
    about=page.ABOUT_BAND_D, db_version=v)

st.header("What each council-tax band pays")
year = st.selectbox("Year", list(band_d["period"])[::-1], key="band_year", bind="query-params")
bands = page.bands_for(band_d, year)
ui.chart_card(
    key="budget-bands", title=f"Police precept by council-tax band, {year}", period=year,
    chart=charts.labelled_bars(bands, "band", "gbp_per_year", "£ per year", "label"),
    alt_text=page.bands_alt(bands, year), table=bands.drop(columns="label"), source=page.SOURCE_BAND_D,
    about=page.ABOUT_BANDS, db_version=v)

budget = page.budget_by_year(v)
ui.chart_card(
    key="budget-by-year", title="Budget by year (cash)", period=page.span(budget),
    chart=charts.labelled_bars(budget, "period", "gbp_million", "£ million", "label", colour="measure"),
    alt_text=page.budget_alt(budget), table=budget.drop(columns="label"), source=page.SOURCE_FINANCE,
    about=page.ABOUT_BUDGET, db_version=v)

st.header("Budget against outturn")
outturn = page.outturn(v)
for year, part in outturn.groupby("period"):
    ui.chart_card(
        key=f"budget-outturn-{year.replace('/', '-')}", title=f"Outturn minus budget by line, {year}", period=year,
        chart=charts.labelled_bars(part, "line", "difference", "£ million (outturn − budget)", "label",
                                   horizontal=True),
        alt_text=page.outturn_alt(part, year), table=part.drop(columns="label"), source=page.SOURCE_FINANCE,
        about=page.ABOUT_OUTTURN, db_version=v)

spend = page.spend(v)
if not spend.empty:
    ui.chart_card(
        key="budget-spend-by-function", title="Spend by policing function", period=page.span(spend),
        chart=charts.labelled_bars(spend, "function", "gbp_million", "£ million", "label", horizontal=True),
        alt_text=page.spend_alt(spend), table=spend.drop(columns="label"), source=page.SOURCE_FINANCE,
        about=page.ABOUT_SPEND, db_version=v)
