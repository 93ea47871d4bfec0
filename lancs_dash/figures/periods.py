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


_MON = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# The ways published figures write their periods, each to its first and last month.
_PUBLISHED_PERIODS = (
    (re.compile(r"^(\d{4})$"), lambda m: (date(int(m[1]), 1, 1), date(int(m[1]), 12, 1))),  # calendar year
    (re.compile(r"^(\d{4})-(\d{4})\b"), lambda m: (date(int(m[1]), 1, 1), date(int(m[2]), 12, 1))),  # years, e.g. an average
    (re.compile(r"^(\d{4})/(\d{2})$"), lambda m: (date(int(m[1]), 4, 1), date(int(m[1]) + 1, 3, 1))),  # financial year
    (re.compile(rf"^YE {_MON} (\d{{4}})$"),  # the 12 months to a month
     lambda m: (add_months(pd.Timestamp(f"{m[1]} {m[2]}").date(), -11), pd.Timestamp(f"{m[1]} {m[2]}").date())),
    (re.compile(rf"^{_MON}-{_MON} (\d{{4}})$"),  # months of one year
     lambda m: (pd.Timestamp(f"{m[1]} {m[3]}").date(), pd.Timestamp(f"{m[2]} {m[3]}").date())),
)


def published_span(period: str) -> tuple[date, date]:
    """A published figure's period as its first and last month: '2014' -> Jan-Dec 2014, '2014/15' -> Apr 2014-Mar
    2015, 'YE Jun 2021' -> Jul 2020-Jun 2021, 'Apr-Jun 2020', '1981-1985 annual average'. ValueError for another
    form, so a new way of writing a period is noticed rather than sorted anywhere."""
    for pattern, span in _PUBLISHED_PERIODS:
        if m := pattern.match(period.strip()):
            return span(m)
    raise ValueError(f"unrecognised published period {period!r}")


def in_time_order(frame: pd.DataFrame, column: str = "period") -> pd.DataFrame:
    """Rows ordered by when their period ends, then by when it starts (stable for the rest)."""
    spans = frame[column].map(published_span)
    keys = pd.DataFrame({"end": spans.str[1], "start": spans.str[0]}, index=frame.index)
    return frame.loc[keys.sort_values(["end", "start"], kind="stable").index]
