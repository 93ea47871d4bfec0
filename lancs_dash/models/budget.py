"""The Budget & precept page as a model: published figures in cash and in real terms (the visitor
switches), the precept by council-tax band for every year, outturn and spend, each with its chart card."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lancs_dash.config import LICENCE
from lancs_dash.figures import budget, fmt
from lancs_dash.models import charts
from lancs_dash.models.parts import Chart, Table, chart
from lancs_dash.models.site import Site
from lancs_dash.read.snapshot import Snapshot

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




def bands_for(series: pd.DataFrame, year: str) -> pd.DataFrame:
    row = series[series["period"] == year].iloc[0]
    b = budget.bands(row["band_d_gbp"]).assign(band_d_basis=row["basis"], period=year)
    return b.assign(label=budget.labels(b["gbp_per_year"], "£{:.2f}"))


def facts_2021(con) -> pd.DataFrame:
    """The 2021/22 figures we hold, each as money or a percentage in words ('£311 million', '69%') with its digits
    exactly as published, whether sources conflict, and the source."""
    f = budget.figures(con, list(budget.FACT_MEASURES)).query("period == '2021/22'")
    conflicted = f.groupby("measure")["value"].transform("nunique") > 1
    return pd.DataFrame({"Figure": f["measure"].map(budget.FACT_MEASURES),
                         "Value": [fmt.as_published(v, u) for v, u in zip(f["value_text"], f["unit"], strict=True)],
                         "Status": conflicted.map({True: "CONFLICT: sources differ", False: "as published"}),
                         "Source": f["source_url"]})


def outturn(con) -> pd.DataFrame:
    f = budget.budget_vs_outturn(con)
    return f.assign(label=budget.labels(f["difference"], "{:+.3f}"))


def spend(con) -> pd.DataFrame:
    f = budget.spend_by_function(con)
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


def in_real_terms(frame: pd.DataFrame, value: str, cpi: pd.DataFrame) -> pd.DataFrame:
    """Cash rows with the CPI year average and the real-terms value in base-year prices, labelled as such.
    The base year is the latest financial year with all 12 CPI months."""
    base = cpi["period"].iloc[-1]
    f = budget.real_terms(frame.drop(columns="label"), value, cpi, base)
    real = f"{value}_real"
    f = f.assign(**{real: f[real].round(2 if value == "band_d_gbp" else 3)},
                 cpi_fy_average=f["cpi_fy_average"].round(3), price_base=f"{base} prices")
    fmt = "£{:.2f}" if value == "band_d_gbp" else "£{:,.1f}m"
    return f.assign(label=budget.labels(f[real], fmt))


def real_terms_note(cash: pd.DataFrame, real: pd.DataFrame, base: str) -> str:
    """How the real-terms figures are made, and the years left without one."""
    missing = sorted(set(cash["period"]) - set(real["period"]))
    text = (f"**Real terms, {base} prices**: each cash amount × (CPI average for "
            f"{base} ÷ CPI average for its own year). Method: {budget.CPI_METHOD}. ")
    return text + (f"No real-terms figure for {', '.join(missing)}: CPI for the whole year is not published in "
                   "the data we hold." if missing else "")


def real_alt(f: pd.DataFrame, value: str, what: str, base: str) -> str:
    real = f"{value}_real"
    first, last = f.iloc[0], f.iloc[-1]
    unit = "£{:.2f}" if value == "band_d_gbp" else "£{:,.1f}m"
    return (f"Bar chart of {what} in real terms ({base} prices, CPI), {first['period']} to "
            f"{last['period']}: {unit.format(first[real])} in {first['period']} (cash {unit.format(first[value])}) "
            f"and {unit.format(last[real])} in {last['period']} (cash {unit.format(last[value])}).")


@dataclass(frozen=True, eq=False)
class Amounts:
    """Band D and the budget by year, in one of TERMS."""

    band_d_note: str  # how real terms are made and the years without them ("" in cash)
    band_d: Chart
    budget_note: str
    budget: Chart


@dataclass(frozen=True, eq=False)
class BudgetPage:
    site: Site
    facts_2021: Table
    terms: dict[str, Amounts]  # TERMS label -> the amounts in those terms
    years: tuple[str, ...]  # Band D years, latest first
    bands: dict[str, Chart]  # year -> precept by council-tax band
    outturn: tuple[Chart, ...]
    spend: Chart | None


def build(snap: Snapshot, site: Site) -> BudgetPage | None:
    """The page's figures; None when the database holds no published budget, precept or CPI figures (a load of a
    folder without them), which the page then says instead of drawing empty charts."""
    con = snap.cursor()

    def card(**kwargs) -> Chart:
        return chart(built=site.built, **kwargs)

    source_band_d, source_finance = (f(site.force.short_name) for f in (budget.source_band_d, budget.source_finance))

    band_d = budget.with_band_d_labels(budget.band_d_series(con))
    published = budget.budget_by_year(con)
    budget_cash = budget.budget_years(published, published, "gbp_million")
    cpi = budget.cpi_by_financial_year(con)
    if band_d.empty or published.empty or cpi.empty:
        return None
    base = cpi["period"].iloc[-1]
    band_d_real = in_real_terms(band_d, "band_d_gbp", cpi)
    # Every published row kept (a year without a full CPI year keeps its cash amount and says why it has no real one).
    real_rows = published.merge(in_real_terms(published.assign(label=""), "gbp_million", cpi).drop(columns="label"),
                                on=list(published.columns), how="left")
    budget_real = budget.budget_years(published, real_rows, "gbp_million_real")
    cash = Amounts("", card(
        key="budget-band-d", title="Band D police precept by year (cash)", period=span(band_d),
        figure=charts.labelled_bars(band_d, "period", "band_d_gbp", "£ per year (Band D)", "label", colour="basis",
                                    horizontal=True),
        alt_text=budget.band_d_alt(band_d), table=band_d.drop(columns="label"), source=source_band_d,
        about=budget.ABOUT_BAND_D), budget.no_budget_note(published), card(
        key="budget-by-year", title="Budget by year (cash)", period=span(published),
        figure=charts.grouped_bars(budget_cash, "measure", "period", "gbp_million", "label", "£ million"),
        alt_text=budget.budget_alt(budget_cash, "gbp_million", "cash"), table=budget_cash.drop(columns="label"),
        source=source_finance, about=budget.ABOUT_BUDGET))
    real = Amounts(real_terms_note(band_d, band_d_real, base), card(
        key="budget-band-d-real", title=f"Band D police precept by year, real terms ({base} prices)",
        period=span(band_d_real),
        figure=charts.labelled_bars(band_d_real, "period", "band_d_gbp_real", f"£ per year (Band D, {base} prices)",
                                    "label", colour="basis", horizontal=True),
        alt_text=real_alt(band_d_real, "band_d_gbp", "the Band D police precept", base),
        table=band_d_real.drop(columns="label"), source=f"{source_band_d}; {SOURCE_CPI}",
        about=f"{budget.ABOUT_BAND_D.replace(' Cash terms.', '')} Real terms: {budget.CPI_METHOD}."),
        f"{real_terms_note(published, budget_real.dropna(subset=['gbp_million_real']), base).rstrip()} "
        f"{budget.no_budget_note(published)}".rstrip(),
        card(
        key="budget-by-year-real", title=f"Budget by year, real terms ({base} prices)", period=span(published),
        figure=charts.grouped_bars(budget_real, "measure", "period", "gbp_million_real", "label",
                                   f"£ million ({base} prices)"),
        alt_text=budget.budget_alt(budget_real, "gbp_million_real", f"real terms ({base} prices, CPI)"),
        table=budget_real.drop(columns="label"), source=f"{source_finance}; {SOURCE_CPI}",
        about=f"{budget.ABOUT_BUDGET.replace(' Cash terms.', '')} Real terms: {budget.CPI_METHOD}."))
    years = tuple(band_d["period"])[::-1]
    bands = {}
    for year in years:
        b = bands_for(band_d, year)
        bands[year] = card(
            key="budget-bands", title=f"Police precept by council-tax band, {year}", period=year,
            figure=charts.labelled_bars(b, "band", "gbp_per_year", "£ per year", "label", horizontal=True),
            alt_text=bands_alt(b, year),
            table=b.drop(columns="label"), source=source_band_d, about=ABOUT_BANDS)
    outturns = tuple(card(
        key=f"budget-outturn-{year.replace('/', '-')}", title=f"Outturn minus budget by line, {year}", period=year,
        figure=charts.labelled_bars(part, "line", "difference", "£ million (outturn − budget)", "label", horizontal=True),
        alt_text=outturn_alt(part, year), table=part.drop(columns="label"), source=source_finance,
        about=ABOUT_OUTTURN) for year, part in outturn(con).groupby("period"))
    spent = spend(con)
    spend_card = None if spent.empty else card(
        key="budget-spend-by-function", title="Spend by policing function", period=span(spent),
        figure=charts.labelled_bars(spent, "function", "gbp_million", "£ million", "label", horizontal=True),
        alt_text=spend_alt(spent), table=spent.drop(columns="label"), source=source_finance, about=ABOUT_SPEND)
    return BudgetPage(site, Table.of(facts_2021(con)), {TERMS[0]: cash, TERMS[1]: real}, years, bands, outturns, spend_card)
