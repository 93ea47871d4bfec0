"""Budget and precept figures read from the published-figures table (official/ files), with their
basis (stated or derived) and source carried on every row."""

from __future__ import annotations

import duckdb
import pandas as pd

from lancs_dash.config import LICENCE


def source_finance(area: str) -> str:
    """The finance figures' source, for the force area `area` (its short name)."""
    return f"{area} PCC budget pages and annual reports, and press reports of them ({LICENCE} where official)"


def source_band_d(area: str) -> str:
    return f"{area} PCC budget pages and press reports; derived years computed from stated levels and rises"


def sources(area: str) -> tuple[str, str]:
    """Both finance sources of the force area `area`, as the About page and the pack list them."""
    return source_finance(area), source_band_d(area)


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


NOT_PUBLISHED = "not published"
NO_CPI = "no real-terms figure: CPI for the year is incomplete"


def financial_years(first: str, last: str) -> list[str]:
    """Every financial year from `first` to `last`: '2015/16', '2017/18' -> 2015/16, 2016/17, 2017/18."""
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(int(first[:4]), int(last[:4]) + 1)]


def budget_years(published: pd.DataFrame, shown: pd.DataFrame, value: str) -> pd.DataFrame:
    """Each measure's every financial year from its first published year to its last, in order, measure by
    measure (never one series across measures): `shown`'s row for the year (the published figure, or it in real
    terms), or no value and the reason, so a gap is said rather than bridged. `status` says which; `label` is
    the amount or the reason, written on the chart."""
    parts = []
    for measure, years in published.groupby("measure", sort=False)["period"]:
        frame = pd.DataFrame({"period": financial_years(years.min(), years.max()), "measure": measure})
        frame = frame.merge(shown[shown["measure"] == measure], on=["period", "measure"], how="left")
        parts.append(frame.assign(status=[
            "published" if pd.notna(v) else NO_CPI if year in set(years) else NOT_PUBLISHED
            for year, v in zip(frame["period"], frame[value], strict=True)]))
    if not parts:  # no budget published in the files loaded
        return shown.iloc[0:0].assign(status=pd.Series(dtype=str), label=pd.Series(dtype=str))
    rows = pd.concat(parts, ignore_index=True)
    return rows.assign(label=[f"£{v:,.1f}m" if pd.notna(v) else why
                              for v, why in zip(rows[value], rows["status"], strict=True)])


def years_without_budget(published: pd.DataFrame) -> list[str]:
    """Years inside the whole span for which no measure of the budget is published."""
    return sorted(set(financial_years(published["period"].min(), published["period"].max())) - set(published["period"]))


def no_budget_note(published: pd.DataFrame) -> str:
    """The years inside the chart's span with no published budget figure of any measure, said beside the chart."""
    missing = years_without_budget(published)
    return (f"No budget figure of these measures is published for {', '.join(missing)} in the data we hold, so "
            f"the chart has no bar for {'those years' if len(missing) > 1 else 'it'}." if missing else "")


def rows_note(rows: pd.DataFrame) -> str:
    """no_budget_note for budget_years rows."""
    return no_budget_note(rows[rows["status"] != NOT_PUBLISHED])


def band_d_alt(f: pd.DataFrame) -> str:
    first, last = f.iloc[0], f.iloc[-1]
    return (f"Bar chart of the Band D police precept, {first['period']} to {last['period']}: it rose from "
            f"£{first['band_d_gbp']:.2f} ({first['basis']}) to £{last['band_d_gbp']:.2f} ({last['basis']}). "
            f"{(f['basis'] == 'derived').sum()} of {len(f)} years are derived, not published levels.")


def budget_alt(rows: pd.DataFrame, value: str, terms: str) -> str:
    """Alt text for budget_years rows: each measure's first and last amount, and the years without one."""
    shown = rows[rows[value].notna()]
    spans = [f"{measure.lower()} £{part[value].iloc[0]:,.1f}m in {part['period'].iloc[0]}"
             + (f" to £{part[value].iloc[-1]:,.1f}m in {part['period'].iloc[-1]}" if len(part) > 1 else "")
             for measure, part in shown.groupby("measure", sort=False)]
    gaps = rows[rows[value].isna() & (rows["status"] != NOT_PUBLISHED)]  # years not published: said by rows_note
    said = "; ".join(f"{', '.join(part['period'])} {why} ({measure.lower()})"
                     for (measure, why), part in gaps.groupby(["measure", "status"], sort=False))
    return (f"Bar chart of the published budget by year, {terms}, one group of bars per measure, never joined: "
            + "; ".join(spans) + "." + (f" Years with no bar: {said}." if said else "") + " "
            + rows_note(rows)).rstrip()


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
