"""The product's one comparison rule: which months a change is measured over, in words.

Every renderer (pages, meeting mode, the pack, plain pages, extracts) gets its comparison from `choose`,
so no two places can compare different months. In order of preference:

1. the latest 12 months against the 12 before, when all 24 are published;
2. otherwise, within the latest run of consecutive published months, the newest stretch of at least 3
   (at most 12) consecutive months whose same months a year earlier are also published, against those;
3. otherwise the newest two back-to-back complete 12-month periods;
4. otherwise none: too few months are published to compare.

Beside the short-term change, `long_view` gives the level of the same months in the earliest year that has
all of them published, so a long fall is never hidden behind a short-term "no clear change".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from lancs_dash.figures.periods import add_months, label_month

MINIMUM_MONTHS = 3
Basis = Literal["latest 12 months", "same months a year earlier", "newest complete years"]

RULE = ("Changes compare the latest 12 months with the 12 months before when all 24 are published. When some of "
        "those months are not published, they compare the newest run of at least 3 published months with the same "
        "months a year earlier. When neither is possible, they compare the newest two complete 12-month periods the "
        "published months allow, and say how old that is.")


def span_label(start: date, end: date) -> str:
    """Short form for labels and tables: 'Jan – Apr 2025', 'Nov 2021 – Oct 2022', 'March 2024'."""
    if start == end:
        return f"{start:%B %Y}"
    if start.year == end.year:
        return f"{start:%b} – {end:%b %Y}"
    return f"{label_month(start)} – {label_month(end)}"


def span_words(start: date, end: date) -> str:
    """Running-text form (GOV.UK style: 'to', not a dash): 'January to April 2025', '2023' for a calendar year."""
    if start == end:
        return f"{start:%B %Y}"
    if start.year == end.year and (start.month, end.month) == (1, 12):
        return str(start.year)
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


@dataclass(frozen=True)
class Span:
    """Consecutive months, every one published, and their total."""

    start: date
    end: date
    total: float

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def label(self) -> str:
        return span_label(self.start, self.end)

    @property
    def words(self) -> str:
        return span_words(self.start, self.end)

    def within(self, series: pd.Series) -> pd.Series:
        return series[(series.index >= self.start) & (series.index <= self.end)]


@dataclass(frozen=True)
class Comparison:
    basis: Basis
    current: Span
    previous: Span

    @property
    def change(self) -> float:
        return self.current.total - self.previous.total

    @property
    def change_pct(self) -> float | None:
        return 100.0 * self.change / self.previous.total if self.previous.total else None

    @property
    def label(self) -> str:
        """'Jan – Apr 2025 vs Jan – Apr 2024': the months compared, short enough for a phone's table cell."""
        return f"{self.current.label} vs {self.previous.label}"

    @property
    def against(self) -> str:
        """What the current months are compared with, in running text."""
        if self.basis == "same months a year earlier":
            same_year = self.previous.start.year == self.previous.end.year
            return f"the same months of {self.previous.start.year}" if same_year else "the same months a year earlier"
        return "the 12 months before"

    @property
    def why(self) -> str:
        """Which comparison this is and why, in plain words."""
        if self.basis == "latest 12 months":
            return f"{self.current.label} is compared with the 12 months before, {self.previous.label}."
        if self.basis == "same months a year earlier":
            return (f"{self.current.label} is compared with {self.previous.label}: not every month of the two latest "
                    "years is published, so the newest months that have the same months a year earlier published "
                    "are compared.")
        return (f"{self.current.label} is compared with {self.previous.label}, the newest two complete years the "
                "published months allow.")


def _present(series: pd.Series) -> pd.Series:
    s = series.dropna()
    return s[~s.index.duplicated()].sort_index()


def _slice(months: pd.Index, start: date, end: date) -> slice | None:
    """Where every month from start to end is in the sorted, unique `months`, if all are published. Found by
    bisecting, not by masking all of them: the rule tries many spans of every series."""
    first, after = months.searchsorted(start, "left"), months.searchsorted(end, "right")
    n = (end.year - start.year) * 12 + end.month - start.month + 1
    return slice(first, after) if after - first == n else None


def _span(s: pd.Series, start: date, end: date) -> Span | None:
    """The span if every month from start to end is published (`s` as `_present` gives it)."""
    at = _slice(s.index, start, end)
    return None if at is None else Span(start, end, float(s.to_numpy()[at].sum()))


def _latest_run(months: pd.Index) -> list[date]:
    """The latest run of consecutive published months (sorted, unique), oldest first."""
    months = list(months)
    run = [months[-1]]
    for m in reversed(months[:-1]):
        if add_months(m, 1) != run[0]:
            break
        run.insert(0, m)
    return run


Months = tuple[date, date]


def _rule(months: pd.Index) -> tuple[Basis, Months, Months] | None:
    """The rule itself, which needs only the published months (sorted, unique): the basis, and the first and last
    of the current and of the previous months."""
    if months.empty:
        return None
    end = months[-1]
    cur, prev = (add_months(end, -11), end), (add_months(end, -23), add_months(end, -12))
    if _slice(months, *cur) is not None and _slice(months, *prev) is not None:
        return "latest 12 months", cur, prev
    published = set(months)
    matched = [m for m in _latest_run(months) if add_months(m, -12) in published]
    stretch: list[date] = []
    for m in reversed(matched):  # the newest consecutive stretch of matched months
        if stretch and add_months(m, 1) != stretch[0]:
            break
        stretch.insert(0, m)
    stretch = stretch[-12:]
    if len(stretch) >= MINIMUM_MONTHS:
        first, last = stretch[0], stretch[-1]
        return "same months a year earlier", (first, last), (add_months(first, -12), add_months(last, -12))
    for m in reversed(months):
        cur, prev = (add_months(m, -11), m), (add_months(m, -23), add_months(m, -12))
        if _slice(months, *cur) is not None and _slice(months, *prev) is not None:
            return "newest complete years", cur, prev
    return None


def choose(series: pd.Series) -> Comparison | None:
    """The comparison for a monthly series (index: month-start dates; unpublished months absent or NaN)."""
    s = _present(series)
    compared = choose_each(s.index, s.to_numpy()[None, :])
    return compared[0] if compared else None


def choose_each(months: pd.Index, values: np.ndarray) -> list[Comparison] | None:
    """`choose` for each row of `values` (float), series published in the same `months` (sorted, unique): the rule
    decides by the months alone, so it is run once for them all (a ward's 14 crime types). None: no comparison."""
    rule = _rule(months)
    if rule is None:
        return None
    basis, cur, prev = rule

    def spans(start: date, end: date) -> list[Span]:
        return [Span(start, end, float(total)) for total in values[:, _slice(months, start, end)].sum(axis=1)]

    return [Comparison(basis, c, p) for c, p in zip(spans(*cur), spans(*prev), strict=True)]


def latest_year(series: pd.Series) -> Span | None:
    """The latest 12 months when all are published (the period rates and rankings use)."""
    s = _present(series)
    return _span(s, add_months(s.index[-1], -11), s.index[-1]) if len(s) else None


def latest_months(series: pd.Series) -> Span | None:
    """What counts and rates cover: the latest 12 months, or the latest run of published months when those 12 are
    not all published."""
    return latest_year(series) or published_run(series)


def published_run(series: pd.Series) -> Span | None:
    """The latest run of consecutive published months (at most 12): what a series with no comparison can show."""
    s = _present(series)
    if s.empty:
        return None
    run = _latest_run(s.index)[-12:]
    return _span(s, run[0], run[-1])


@dataclass(frozen=True)
class LongView:
    span: Span  # the same calendar months, in the earliest year with all of them published
    ratio: float  # current total / span total

    def words(self, current: Span) -> str:
        """'about half the level of the same months of 2020', '12% higher than in the same months of 2020'."""
        same = (f"the same months of {self.span.start.year}" if self.span.start.year == self.span.end.year
                else f"the same months of {self.span.label}")
        if 0.45 <= self.ratio <= 0.55:
            return f"about half the level of {same}"
        if 0.95 <= self.ratio <= 1.05:
            return f"about the same level as {same}"
        pct = abs(100 * (self.ratio - 1))
        return f"{pct:.0f}% {'lower' if self.ratio < 1 else 'higher'} than in {same}"


def long_view(series: pd.Series, comparison: Comparison) -> LongView | None:
    """The same months as the comparison's current span in the earliest year, at least two years back, with all
    of them published."""
    s = _present(series)
    cur = comparison.current
    oldest = s.index[0] if len(s) else cur.start
    years_back = (cur.start.year - oldest.year) + 1
    for back in range(years_back, 1, -1):
        span = _span(s, add_months(cur.start, -12 * back), add_months(cur.end, -12 * back))
        if span and span.total:
            return LongView(span, cur.total / span.total)
    return None
