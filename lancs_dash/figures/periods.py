"""Months and 12-month windows.

A police.uk month that was not published is a gap: it is never a zero and never filled in, so a
12-month window reports how many of its months are present and is only "complete" with all 12.
"""

from __future__ import annotations

import re
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


def _month_number(d: date) -> int:
    return d.year * 12 + d.month - 1


def _first_day(number: int) -> date:
    year, month = divmod(number, 12)
    return date(year, month + 1, 1)


# Plain integer arithmetic on months: called tens of thousands of times a refresh, where a pandas Period cost 15 µs.
def add_months(d: date, n: int) -> date:
    """The first day of the month `n` months after `d`'s."""
    return _first_day(_month_number(d) + n)


def months_between(start: date, end: date) -> list[date]:
    """Every month from `start` to `end`, inclusive, as first days."""
    return [_first_day(n) for n in range(_month_number(start), _month_number(end) + 1)]


_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_YEAR_ENDING = re.compile(r"^(?:YE )?([A-Z][a-z]{2}) (\d{4})$")


_MON = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# The ways published figures write their periods, each to its first and last month.
_PUBLISHED_PERIODS = (
    (re.compile(r"^(\d{4})$"), lambda m: (date(int(m[1]), 1, 1), date(int(m[1]), 12, 1))),  # calendar year
    (re.compile(r"^(\d{4})-(\d{4})\b"), lambda m: (date(int(m[1]), 1, 1), date(int(m[2]), 12, 1))),  # years, e.g. an average
    (re.compile(r"^(\d{4})/(\d{2})$"), lambda m: (date(int(m[1]), 4, 1), date(int(m[1]) + 1, 3, 1))),  # financial year
    (re.compile(rf"^YE {_MON} (\d{{4}})$"),  # the 12 months to a month
     lambda m: (add_months(pd.Timestamp(f"{m[1]} {m[2]}").date(), -11), pd.Timestamp(f"{m[1]} {m[2]}").date())),
    (re.compile(rf"^{_MON} (\d{{4}})$"), lambda m: (pd.Timestamp(f"{m[1]} {m[2]}").date(),) * 2),  # one month
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


def period_end(text: str) -> date | None:
    """The last month of a published period as written ('2017/18' -> Mar 2018, 'YE Jun 2014' -> Jun 2014); None
    when the text names no dated period ('current')."""
    try:
        return published_span(str(text))[1]
    except ValueError:
        return None


def period_words(text: str) -> str:
    """A published period in plain words: 'YE Jun 2014' -> 'year ending June 2014', '2017/18' -> 'April 2017 to
    March 2018'; anything else as written."""
    text = str(text).strip()
    if m := _FINANCIAL_YEAR.match(text):
        return f"April {m.group(1)} to March {int(m.group(1)) + 1}"
    if (end := period_end(text)) and _YEAR_ENDING.match(text):
        return f"year ending {end:%B %Y}" if text.startswith("YE ") else f"{end:%B %Y}"
    if m := re.fullmatch(r"(\d{4})-(\d{4}) (.+)", text):  # '1981-1985 annual average'
        return f"{m[1]} to {m[2]} ({m[3]})"
    if re.fullmatch(rf"{_MON}-{_MON} \d{{4}}", text):  # 'Apr-Jun 2020'
        start, end = published_span(text)
        return f"{start:%B} to {end:%B %Y}"
    return text


def years_older(end: date, newest: date) -> float:
    """How many years `end` is before `newest`."""
    return ((newest.year - end.year) * 12 + newest.month - end.month) / 12
