"""Real terms: financial-year CPI averages from the monthly index, on a database built by the loader."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from lancs_dash.figures import budget


@pytest.fixture(scope="module")
def con(default_db):
    return duckdb.connect(str(default_db), read_only=True)


def test_financial_year_runs_april_to_march():
    assert budget.financial_year("2014 APR") == "2014/15"
    assert budget.financial_year("2015 MAR") == "2014/15"
    assert budget.financial_year("2099 DEC") == "2099/00"


def test_fy_average_is_the_mean_of_the_twelve_published_months(con):
    cpi = budget.cpi_by_financial_year(con).set_index("period")["cpi_fy_average"]
    months = con.execute(
        """SELECT value FROM official_figure WHERE source_file = 'deflator_uk.csv' AND measure = 'cpi_index_month'
           AND period IN ('2021 APR','2021 MAY','2021 JUN','2021 JUL','2021 AUG','2021 SEP','2021 OCT',
                          '2021 NOV','2021 DEC','2022 JAN','2022 FEB','2022 MAR')""").fetchall()
    assert len(months) == 12
    assert cpi["2021/22"] == pytest.approx(sum(v for (v,) in months) / 12) == pytest.approx(113.25)
    assert cpi.index[0] == "2014/15" and cpi.index[-1] == "2024/25"  # 2025/26 lacks March 2026


def test_a_year_missing_a_month_has_no_average():
    months = ["APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    rows = [(f"2020 {m}", 100.0) for m in months] + [(f"2021 {m}", 110.0) for m in ("JAN", "FEB", "MAR")]
    rows += [(f"2021 {m}", 120.0) for m in months] + [("2022 JAN", 120.0), ("2022 FEB", 120.0)]
    cpi = budget.fy_cpi(pd.DataFrame(rows, columns=["period", "value"]))
    assert list(cpi["period"]) == ["2020/21"] and cpi["cpi_fy_average"].iloc[0] == pytest.approx(102.5)


def test_real_terms_rebase_to_the_base_year_and_drop_years_without_cpi(con):
    cpi = budget.cpi_by_financial_year(con)
    real = budget.real_terms(budget.band_d_series(con), "band_d_gbp", cpi, "2024/25").set_index("period")
    assert real.loc["2024/25", "band_d_gbp_real"] == pytest.approx(real.loc["2024/25", "band_d_gbp"])
    assert real.loc["2021/22", "band_d_gbp_real"] == pytest.approx(226.45 * 134.783333 / 113.25, rel=1e-6)
    assert "2025/26" not in real.index
