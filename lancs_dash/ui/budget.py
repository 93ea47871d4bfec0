"""The Budget & precept page's pieces: cached figures, labels, alt text and notes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lancs_dash import budget
from lancs_dash.config import LICENCE
from lancs_dash.ui import data

# The Plan's own words (section 6), quoted because these figures are not in the published-figures file.
PLAN_FACTS = (
    "The Plan (section 6, *Funding*) states: *“The budget for policing and crime in Lancashire is £319.391m for "
    "2021/22 … £307.086m of the net revenue budget is delegated to the Chief Constable … over 80% of his budget "
    "on police officers and staff”* and *“69% of total funding comes from central government”*. These are "
    "**stated in the Plan only**; the published figures we hold for 2021/22 are below.")
ABOUT_BANDS = ("Each band pays a fixed fraction of Band D set in law (Local Government Finance Act 1992, s.5): "
               "A 6/9, B 7/9, C 8/9, D 1, E 11/9, F 13/9, G 15/9, H 18/9. Amounts are calculated from the Band D "
               "figure, rounded to the penny; the published Band A/B amounts for 2025/26 and 2026/27 agree.")
ABOUT_OUTTURN = ("Budget and outturn by command as published in the PCC annual report. A positive difference is "
                 "an overspend against that line. Cash terms.")
ABOUT_SPEND = "Spend by policing function as published in the PCC annual report. Cash terms."


@st.cache_data(show_spinner=False)
def band_d(db_version: int) -> pd.DataFrame:
    return budget.with_band_d_labels(budget.band_d_series(data.cursor()))


def bands_for(series: pd.DataFrame, year: str) -> pd.DataFrame:
    row = series[series["period"] == year].iloc[0]
    b = budget.bands(row["band_d_gbp"]).assign(band_d_basis=row["basis"], period=year)
    return b.assign(label=budget.labels(b["gbp_per_year"], "£{:.2f}"))


@st.cache_data(show_spinner=False)
def facts_2021(db_version: int) -> pd.DataFrame:
    f = budget.figures(data.cursor(), list(budget.FACT_MEASURES)).query("period == '2021/22'")
    conflicted = f.groupby("measure")["value"].transform("nunique") > 1
    return pd.DataFrame({"Figure": f["measure"].map(budget.FACT_MEASURES), "Value": f["value_text"] + " " + f["unit"],
                         "Status": conflicted.map({True: "CONFLICT: sources differ", False: "as published"}),
                         "Source": f["source_url"]})


@st.cache_data(show_spinner=False)
def budget_by_year(db_version: int) -> pd.DataFrame:
    return budget.with_budget_labels(budget.budget_by_year(data.cursor()))


@st.cache_data(show_spinner=False)
def outturn(db_version: int) -> pd.DataFrame:
    f = budget.budget_vs_outturn(data.cursor())
    return f.assign(label=budget.labels(f["difference"], "{:+.3f}"))


@st.cache_data(show_spinner=False)
def spend(db_version: int) -> pd.DataFrame:
    f = budget.spend_by_function(data.cursor())
    return f.assign(label=budget.labels(f["gbp_million"], "£{:,.1f}m"))


def span(frame: pd.DataFrame) -> str:
    periods = sorted(frame["period"].unique())
    return periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"


def bands_alt(b: pd.DataFrame, year: str) -> str:
    return (f"Bar chart of the police precept by council-tax band in {year}: from £{b.iloc[0]['gbp_per_year']:.2f} "
            f"for Band A to £{b.iloc[-1]['gbp_per_year']:.2f} for Band H; Band D is "
            f"£{b[b['band'] == 'D'].iloc[0]['gbp_per_year']:.2f} ({b.iloc[0]['band_d_basis']}).")


def outturn_alt(f: pd.DataFrame, year: str) -> str:
    top = f.loc[f["difference"].abs().idxmax()]
    return (f"Bar chart of outturn minus budget for {len(f)} lines in {year}. Largest difference: {top['line']}, "
            f"{top['difference']:+.3f} £ million.")


def spend_alt(f: pd.DataFrame) -> str:
    top = f.iloc[0]
    return (f"Bar chart of spend by policing function in {span(f)}: the largest is {top['function']} at "
            f"£{top['gbp_million']:,.1f}m of {len(f)} functions.")


SOURCE_CPI = f"ONS consumer price index CPI, series D7BT, monthly (MM23 release of 25 Mar 2026; {LICENCE})"
TERMS = ("Cash (as published)", "Real terms (adjusted for CPI inflation)")


@st.cache_data(show_spinner=False)
def cpi(db_version: int) -> pd.DataFrame:
    return budget.cpi_by_financial_year(data.cursor())


def base_year(db_version: int) -> str:
    """The latest financial year with all 12 CPI months: the price base of every real-terms figure."""
    return cpi(db_version)["period"].iloc[-1]


def in_real_terms(frame: pd.DataFrame, value: str, db_version: int) -> pd.DataFrame:
    """Cash rows with the CPI year average and the real-terms value in base-year prices, labelled as such."""
    base = base_year(db_version)
    f = budget.real_terms(frame.drop(columns="label"), value, cpi(db_version), base)
    real = f"{value}_real"
    f = f.assign(**{real: f[real].round(2 if value == "band_d_gbp" else 3)},
                 cpi_fy_average=f["cpi_fy_average"].round(3), price_base=f"{base} prices")
    fmt = "£{:.2f}" if value == "band_d_gbp" else "£{:,.1f}m"
    return f.assign(label=budget.labels(f[real], fmt))


def real_terms_note(cash: pd.DataFrame, real: pd.DataFrame, db_version: int) -> str:
    """How the real-terms figures are made, and the years left without one."""
    missing = sorted(set(cash["period"]) - set(real["period"]))
    text = (f"**Real terms, {base_year(db_version)} prices**: each cash amount × (CPI average for "
            f"{base_year(db_version)} ÷ CPI average for its own year). Method: {budget.CPI_METHOD}. ")
    return text + (f"No real-terms figure for {', '.join(missing)}: CPI for the whole year is not published in "
                   "the data we hold." if missing else "")


def real_alt(f: pd.DataFrame, value: str, what: str, db_version: int) -> str:
    real = f"{value}_real"
    first, last = f.iloc[0], f.iloc[-1]
    unit = "£{:.2f}" if value == "band_d_gbp" else "£{:,.1f}m"
    return (f"Bar chart of {what} in real terms ({base_year(db_version)} prices, CPI), {first['period']} to "
            f"{last['period']}: {unit.format(first[real])} in {first['period']} (cash {unit.format(first[value])}) "
            f"and {unit.format(last[real])} in {last['period']} (cash {unit.format(last[value])}).")
