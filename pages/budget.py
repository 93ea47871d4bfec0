"""Budget & precept: what policing in Lancashire costs and what households pay, from published figures."""

import streamlit as st

from lancs_dash import budget, charts
from lancs_dash.ui import budget as page
from lancs_dash.ui import components as ui
from lancs_dash.ui import data

v = data.version()

st.title("Budget and police precept")
st.markdown(
    "Policing in Lancashire is paid for by a grant from central government and by the police share of council "
    "tax, the **precept**. Every figure here is as published (PCC budget pages, annual reports and press reports "
    "of them), with its source. Amounts are **cash** (as published) unless you choose real terms, which "
    "adjust the Band D precept and the budget for inflation with the consumer price index (CPI).")
terms = st.radio("Show amounts", page.TERMS, horizontal=True, key="terms", bind="query-params")
real = terms != page.TERMS[0]

st.header("2021/22, the Plan's first year")
st.markdown(page.PLAN_FACTS)
ui.data_table(page.facts_2021(v))
st.caption("Where two sources give different figures for the same thing, both are shown and marked as a conflict.")

band_d = page.band_d(v)
if real:
    band_d_real = page.in_real_terms(band_d, "band_d_gbp", v)
    st.markdown(page.real_terms_note(band_d, band_d_real, v))
    ui.chart_card(
        key="budget-band-d-real", title=f"Band D police precept by year, real terms ({page.base_year(v)} prices)",
        period=page.span(band_d_real),
        chart=charts.labelled_bars(band_d_real, "period", "band_d_gbp_real",
                                   f"£ per year (Band D, {page.base_year(v)} prices)", "label", colour="basis",
                                   horizontal=True),
        alt_text=page.real_alt(band_d_real, "band_d_gbp", "the Band D police precept", v),
        table=band_d_real.drop(columns="label"), source=f"{budget.SOURCE_BAND_D}; {page.SOURCE_CPI}",
        about=f"{budget.ABOUT_BAND_D.replace(' Cash terms.', '')} Real terms: {budget.CPI_METHOD}.", db_version=v)
else:
    ui.chart_card(
        key="budget-band-d", title="Band D police precept by year (cash)", period=page.span(band_d),
        chart=charts.labelled_bars(band_d, "period", "band_d_gbp", "£ per year (Band D)", "label", colour="basis",
                                   horizontal=True),
        alt_text=budget.band_d_alt(band_d), table=band_d.drop(columns="label"), source=budget.SOURCE_BAND_D,
        about=budget.ABOUT_BAND_D, db_version=v)

st.header("What each council-tax band pays")
year = st.selectbox("Year", list(band_d["period"])[::-1], key="band_year", bind="query-params")
bands = page.bands_for(band_d, year)
ui.chart_card(
    key="budget-bands", title=f"Police precept by council-tax band, {year}", period=year,
    chart=charts.labelled_bars(bands, "band", "gbp_per_year", "£ per year", "label", horizontal=True),
    alt_text=page.bands_alt(bands, year), table=bands.drop(columns="label"), source=budget.SOURCE_BAND_D,
    about=page.ABOUT_BANDS, db_version=v)

budget_cash = page.budget_by_year(v)
if real:
    budget_real = page.in_real_terms(budget_cash, "gbp_million", v)
    st.markdown(page.real_terms_note(budget_cash, budget_real, v))
    ui.chart_card(
        key="budget-by-year-real", title=f"Budget by year, real terms ({page.base_year(v)} prices)",
        period=page.span(budget_real),
        chart=charts.labelled_bars(budget_real, "period", "gbp_million_real", f"£ million ({page.base_year(v)} prices)",
                                   "label", colour="measure", horizontal=True),
        alt_text=page.real_alt(budget_real, "gbp_million", "the published budget", v),
        table=budget_real.drop(columns="label"), source=f"{budget.SOURCE_FINANCE}; {page.SOURCE_CPI}",
        about=f"{budget.ABOUT_BUDGET.replace(' Cash terms.', '')} Real terms: {budget.CPI_METHOD}.", db_version=v)
else:
    ui.chart_card(
        key="budget-by-year", title="Budget by year (cash)", period=page.span(budget_cash),
        chart=charts.labelled_bars(budget_cash, "period", "gbp_million", "£ million", "label", colour="measure",
                                   horizontal=True),
        alt_text=budget.budget_alt(budget_cash), table=budget_cash.drop(columns="label"), source=budget.SOURCE_FINANCE,
        about=budget.ABOUT_BUDGET, db_version=v)

st.header("Budget against outturn")
if real:
    st.caption("Budget against outturn and spend by function are shown in cash only: each compares figures "
               "within one year, so inflation does not change the comparison.")
outturn = page.outturn(v)
for year, part in outturn.groupby("period"):
    ui.chart_card(
        key=f"budget-outturn-{year.replace('/', '-')}", title=f"Outturn minus budget by line, {year}", period=year,
        chart=charts.labelled_bars(part, "line", "difference", "£ million (outturn − budget)", "label",
                                   horizontal=True),
        alt_text=page.outturn_alt(part, year), table=part.drop(columns="label"), source=budget.SOURCE_FINANCE,
        about=page.ABOUT_OUTTURN, db_version=v)

spend = page.spend(v)
if not spend.empty:
    ui.chart_card(
        key="budget-spend-by-function", title="Spend by policing function", period=page.span(spend),
        chart=charts.labelled_bars(spend, "function", "gbp_million", "£ million", "label", horizontal=True),
        alt_text=page.spend_alt(spend), table=spend.drop(columns="label"), source=budget.SOURCE_FINANCE,
        about=page.ABOUT_SPEND, db_version=v)
