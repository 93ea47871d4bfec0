"""Budget and precept figures read from the published-figures table (official/ files), with their
basis (stated or derived) and source carried on every row."""

from __future__ import annotations

import duckdb
import pandas as pd

from lancs_dash.config import LICENCE

SOURCE_FINANCE = f"Lancashire PCC budget pages and annual reports, and press reports of them ({LICENCE} where official)"
SOURCE_BAND_D = "Lancashire PCC budget pages and press reports; derived years computed from stated levels and rises"
ABOUT_BAND_D = (
    "Years marked **derived** are not published levels: they are computed from a stated level plus the stated "
    "increases (e.g. 2021/22 = 2020/21 + £15), and the 2022/23 step (+£10) is implied, not sourced. One press "
    "report gives 2020/21 as £205.46 (a 1.99% rise); every other source is consistent only with £211.45, so "
    "£205.46 is treated as the rejected option. Cash terms.")
ABOUT_BUDGET = ("The measures differ in basis: 'budget requirement' (net, PCC budget pages), 'revenue budget set' "
                "(annual reports) and 'total budget' (later budget announcements). They are shown by name, not "
                "joined into one series. Known conflict: the 2022/23 command table totals £319.391m while the "
                "revenue budget set for 2022/23 is £338.243m (the function table sums to it); both are as "
                "published. Cash terms.")

FINANCE = "police_finance_lancashire.csv"
BAND_D = "police_precept_band_d_series_derived.csv"
# Council-tax bands as statutory fractions of Band D (Local Government Finance Act 1992, s.5).
BANDS = {"A": (6, 9), "B": (7, 9), "C": (8, 9), "D": (9, 9), "E": (11, 9), "F": (13, 9), "G": (15, 9), "H": (18, 9)}
BUDGET_MEASURES = {"budget_requirement": "Budget requirement", "revenue_budget_set": "Revenue budget set",
                   "total_budget": "Total budget"}

FIGURES_SQL = """
SELECT measure, period, value, value_text, unit, source_url FROM official_figure
WHERE source_file = $file AND list_contains($measures, measure) ORDER BY period, measure
"""
OUTTURN_SQL = """
SELECT b.period, substr(b.measure, 8) AS line, b.value AS budget, o.value AS outturn, b.source_url
FROM official_figure b JOIN official_figure o ON o.source_file = b.source_file AND o.period = b.period
     AND o.measure = 'outturn_' || substr(b.measure, 8)
WHERE b.source_file = $file AND starts_with(b.measure, 'budget_') ORDER BY b.period, line
"""


def figures(con: duckdb.DuckDBPyConnection, measures: list[str], file: str = FINANCE) -> pd.DataFrame:
    return con.execute(FIGURES_SQL, {"file": file, "measures": measures}).df()


def band_d_series(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Band D police precept by financial year, each row stated on its page or derived from stated steps."""
    f = figures(con, ["police_precept_band_d", "police_precept_band_d_derived"], BAND_D)
    basis = f["measure"].map({"police_precept_band_d": "stated", "police_precept_band_d_derived": "derived"})
    return pd.DataFrame({"period": f["period"], "band_d_gbp": f["value"], "basis": basis, "source": f["source_url"]})


def bands(band_d: float) -> pd.DataFrame:
    """What each council-tax band pays: the statutory fraction of Band D (calculated, rounded to pence)."""
    return pd.DataFrame({"band": list(BANDS), "fraction_of_band_d": [f"{n}/{d}" for n, d in BANDS.values()],
                         "gbp_per_year": [round(band_d * n / d, 2) for n, d in BANDS.values()]})


def budget_by_year(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    f = figures(con, list(BUDGET_MEASURES))
    return pd.DataFrame({"period": f["period"], "measure": f["measure"].map(BUDGET_MEASURES),
                         "gbp_million": f["value"], "source": f["source_url"]})


def budget_vs_outturn(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Published budget and outturn, line by line, for the years the annual reports give both."""
    f = con.execute(OUTTURN_SQL, {"file": FINANCE}).df()
    return f.assign(line=_readable(f["line"]), difference=(f["outturn"] - f["budget"]).round(3))


def spend_by_function(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    f = con.execute(
        """SELECT period, substr(measure, 18) AS function, value AS gbp_million, source_url AS source
           FROM official_figure WHERE source_file = $file AND starts_with(measure, 'spend_by_function_')
           AND NOT starts_with(measure, 'spend_by_function_share_pct') AND measure <> 'spend_by_function_total'
           ORDER BY period, value DESC""", {"file": FINANCE}).df()
    return f.assign(function=_readable(f["function"]))


# Initialisms in the published line names stay in capitals (ACC: Assistant Chief Constable; PCC: Police and
# Crime Commissioner; DFM as published).
_INITIALISMS = r"\b(acc|pcc|dfm)\b"


def _readable(names: pd.Series) -> pd.Series:
    """'pcc_fighting_crime' -> 'PCC fighting crime'."""
    return names.str.replace("_", " ").str.strip().str.capitalize().str.replace(_INITIALISMS, lambda m: m.group(0).upper(),
                                                                    case=False, regex=True)

def labels(values: pd.Series, fmt: str) -> pd.Series:
    return values.map(lambda x: fmt.format(x))


def with_band_d_labels(f: pd.DataFrame) -> pd.DataFrame:
    """Band D rows with the label written on each bar: the amount, and '(derived)' where not published."""
    return f.assign(label=f.apply(lambda r: f"£{r['band_d_gbp']:.2f}" + (" (derived)" if r["basis"] == "derived"
                                                                           else ""), axis=1))


def with_budget_labels(f: pd.DataFrame) -> pd.DataFrame:
    return f.assign(label=labels(f["gbp_million"], "£{:,.1f}m"))


def band_d_alt(f: pd.DataFrame) -> str:
    first, last = f.iloc[0], f.iloc[-1]
    return (f"Bar chart of the Band D police precept, {first['period']} to {last['period']}: it rose from "
            f"£{first['band_d_gbp']:.2f} ({first['basis']}) to £{last['band_d_gbp']:.2f} ({last['basis']}). "
            f"{(f['basis'] == 'derived').sum()} of {len(f)} years are derived, not published levels.")


def budget_alt(f: pd.DataFrame) -> str:
    first, last = f.iloc[0], f.iloc[-1]
    return (f"Bar chart of the published budget by year, cash: {first['measure'].lower()} £{first['gbp_million']:,.1f}m "
            f"in {first['period']}; {last['measure'].lower()} £{last['gbp_million']:,.1f}m in {last['period']}.")


FACT_MEASURES = {
    "police_precept_band_d_increase": "Band D precept increase (£ per year)",
    "police_precept_band_d_increase_pct": "Band D precept increase (%)",
    "central_government_funding_share_pct": "Share of funding from central government",
    "council_tax_precept_income": "Council-tax precept income",
    "annual_cost_of_constabulary": "Annual cost of the Constabulary",
    "budget_change_uplift": "Budget change: officer uplift",
}

# Real terms: CPI (ONS series D7BT, 2015=100), financial-year average of the monthly index.
DEFLATOR = "deflator_uk.csv"
CPI_METHOD = ("CPI (ONS series D7BT, 2015=100), averaged over the 12 months of each financial year (April to "
              "March); a year without all 12 monthly index values has no real-terms figure")
def financial_year(period: str) -> str:
    """'2014 APR' -> '2014/15'; '2015 MAR' -> '2014/15' (pandas' fiscal year ending in March)."""
    end = pd.Period(pd.to_datetime(period, format="%Y %b"), freq="Q-MAR").qyear  # the year the April-March year ends
    return f"{end - 1}/{end % 100:02d}"


def fy_cpi(monthly: pd.DataFrame) -> pd.DataFrame:
    """Financial-year mean of monthly CPI rows (period, value), only for years with all 12 months."""
    f = monthly.assign(fy=monthly["period"].map(financial_year))
    g = f.groupby("fy")["value"].agg(["mean", "count"]).reset_index()
    g = g[g["count"] == 12]
    return pd.DataFrame({"period": g["fy"], "cpi_fy_average": g["mean"]}).reset_index(drop=True)


def cpi_by_financial_year(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return fy_cpi(figures(con, ["cpi_index_month"], DEFLATOR)[["period", "value"]])


def real_terms(frame: pd.DataFrame, value: str, cpi: pd.DataFrame, base: str) -> pd.DataFrame:
    """`frame` (period, value) with cpi_fy_average and `value`_real in `base` prices; years without a full
    CPI year are dropped, never estimated."""
    base_cpi = cpi.set_index("period").loc[base, "cpi_fy_average"]
    out = frame.merge(cpi, on="period", how="inner")
    return out.assign(**{f"{value}_real": out[value] * base_cpi / out["cpi_fy_average"]})
