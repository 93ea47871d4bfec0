"""Per-area figures: the latest 12 months as counts and rates per 1,000, and the change by the one comparison
rule (lancs_dash/figures/comparison.py), judged by the one noise rule, for every area of a level."""

from __future__ import annotations

import pandas as pd

from lancs_dash.figures import comparison, noise


def monthly(frame: pd.DataFrame) -> pd.Series:
    """A registry series for one area as a Series indexed by month."""
    return frame.set_index(pd.to_datetime(frame["month"]).dt.date)["value"].astype(float)


def by_area(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """`monthly` of every area in a level's series, its months converted once (not once an area: a ward series
    holds 253 areas)."""
    months = pd.Index(pd.to_datetime(frame["month"]).dt.date, name="month")
    values = frame["value"].astype(float).to_numpy()
    return {code: pd.Series(values[rows], index=months[rows], name="value")
            for code, rows in frame.groupby("area_code", sort=False).indices.items()}


def rate(count: float | None, population: float | None) -> float | None:
    """Per 1,000 residents."""
    if count is None or not population:
        return None
    return 1000.0 * count / population


NUMERIC = ["count", "rate_per_1000", "change", "change_pct", "population"]


def area_table(frame: pd.DataFrame, areas: pd.DataFrame, populations: pd.DataFrame, direction: str) -> pd.DataFrame:
    """One row per area: the latest 12 months' count and rate per 1,000 (the latest run of published months when
    those 12 are not all published, labelled so), and the change and status by the one comparison rule.

    `areas` has area_code, area_name (and optionally division); `populations` has area_code, population.
    """
    pops = populations.set_index("area_code")["population"]
    rows = []
    for code, part in frame.groupby("area_code"):
        series = monthly(part)
        shown = comparison.latest_months(series)
        if shown is None:
            continue
        judged = noise.verdict(series, direction)
        compared = judged.compared
        pop = pops.get(code)
        rows.append({
            "area_code": code,
            "period": shown.label if shown.months == 12 else f"{shown.label} (only {shown.months} months published)",
            "count": shown.total,
            "rate_per_1000": rate(shown.total, pop),
            "compared": judged.period,
            "change": compared.change if compared else None,
            "change_pct": compared.change_pct if compared else None,
            "status": noise.ICONS[judged.status],
            "population": pop,
        })
    columns = ["area_code", "period", "compared", "status", *NUMERIC]
    table = areas.merge(pd.DataFrame(rows, columns=columns).astype({c: "float64" for c in NUMERIC}), on="area_code",
                        how="inner")
    return table.sort_values("rate_per_1000", ascending=False, na_position="last").reset_index(drop=True)
