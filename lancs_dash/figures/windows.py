"""Headline figures: the latest 12 months against the 12 before, as counts and rates per 1,000.

A change is only given when both windows are complete; otherwise the figure says how many months
each window has. Also offered: the most recent pair of complete back-to-back windows, so a trend
can still be read when the latest year has no complete predecessor.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lancs_dash.figures.periods import Window, latest_comparable_windows, latest_windows


@dataclass(frozen=True)
class WindowPair:
    current: Window
    previous: Window

    @property
    def comparable(self) -> bool:
        return self.current.complete and self.previous.complete

    @property
    def change(self) -> float | None:
        return self.current.total - self.previous.total if self.comparable else None

    @property
    def change_pct(self) -> float | None:
        if not self.comparable or not self.previous.total:
            return None
        return 100.0 * (self.current.total - self.previous.total) / self.previous.total


def monthly(frame: pd.DataFrame) -> pd.Series:
    """A registry series for one area as a Series indexed by month."""
    return frame.set_index(pd.to_datetime(frame["month"]).dt.date)["value"].astype(float)


def comparisons(frame: pd.DataFrame, comparable_only: bool = False) -> dict[str, WindowPair]:
    """Per area code: the latest (or latest comparable) pair of 12-month windows."""
    pick = latest_comparable_windows if comparable_only else latest_windows
    out = {}
    for code, part in frame.groupby("area_code"):
        pair = pick(monthly(part))
        if pair:
            out[code] = WindowPair(*pair)
    return out


def rate(count: float | None, population: float | None) -> float | None:
    """Per 1,000 residents."""
    if count is None or not population:
        return None
    return 1000.0 * count / population


def area_table(frame: pd.DataFrame, areas: pd.DataFrame, populations: pd.DataFrame,
               comparable_only: bool = False) -> pd.DataFrame:
    """One row per area: 12-month count, rate per 1,000, previous 12 months and change.

    `areas` has area_code, area_name (and optionally division); `populations` has area_code, population.
    """
    pops = populations.set_index("area_code")["population"]
    rows = []
    for code, c in comparisons(frame, comparable_only).items():
        pop = pops.get(code)
        rows.append({
            "area_code": code,
            "period": c.current.label,
            "count": c.current.total,
            "rate_per_1000": rate(c.current.total, pop),
            "previous_period": c.previous.label,
            "previous_count": c.previous.total if c.previous.complete else None,
            "change": c.change,
            "change_pct": c.change_pct,
            "population": pop,
        })
    numeric = ["count", "rate_per_1000", "previous_count", "change", "change_pct", "population"]
    columns = ["area_code", "period", "previous_period", *numeric]
    table = areas.merge(pd.DataFrame(rows, columns=columns).astype({c: "float64" for c in numeric}), on="area_code",
                        how="inner")
    return table.sort_values("rate_per_1000", ascending=False, na_position="last").reset_index(drop=True)
