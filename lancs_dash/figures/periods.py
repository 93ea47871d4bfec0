"""Months and 12-month windows.

A police.uk month that was not published is a gap: it is never a zero and never filled in, so a
12-month window reports how many of its months are present and is only "complete" with all 12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(text: str) -> date:
    """'2024-03' -> date(2024, 3, 1); ValueError with the expected form otherwise."""
    m = MONTH_RE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        raise ValueError(f"expected a month as YYYY-MM, got {text!r}")
    return date(int(m.group(1)), int(m.group(2)), 1)


def fmt_month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def label_month(d: date) -> str:
    """Human label, e.g. 'Mar 2024'."""
    return d.strftime("%b %Y")


def add_months(d: date, n: int) -> date:
    """The first day of the month `n` months after `d`'s (pandas month periods do the arithmetic)."""
    return (pd.Period(d, freq="M") + n).start_time.date()


def months_between(start: date, end: date) -> list[date]:
    """Every month from `start` to `end`, inclusive, as first days."""
    return [p.start_time.date() for p in pd.period_range(start, end, freq="M")]


@dataclass(frozen=True)
class Window:
    """Twelve months ending at `end`, with the months the data actually have."""

    start: date
    end: date
    months_present: int
    total: float | None  # None when no month is present

    @property
    def complete(self) -> bool:
        return self.months_present == 12

    @property
    def label(self) -> str:
        text = f"{label_month(self.start)} – {label_month(self.end)}"
        return text if self.complete else f"{text} (only {self.months_present} of 12 months published)"


def window(series: pd.Series, end: date) -> Window:
    """Sum a monthly series (index of month-start dates) over the 12 months ending at `end`."""
    start = add_months(end, -11)
    part = series[(series.index >= start) & (series.index <= end)].dropna()
    return Window(start, end, len(part), float(part.sum()) if len(part) else None)


def latest_windows(series: pd.Series) -> tuple[Window, Window] | None:
    """The latest 12 months in the series and the 12 before them (either may be incomplete)."""
    s = series.dropna()
    if s.empty:
        return None
    end = max(s.index)
    return window(s, end), window(s, add_months(end, -12))


def latest_comparable_windows(series: pd.Series) -> tuple[Window, Window] | None:
    """The most recent pair of back-to-back 12-month windows that are both complete."""
    s = series.dropna()
    for end in sorted(s.index, reverse=True):
        cur, prev = window(s, end), window(s, add_months(end, -12))
        if cur.complete and prev.complete:
            return cur, prev
    return None
