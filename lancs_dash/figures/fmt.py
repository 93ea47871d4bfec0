"""Number and period wording shared by the pages, meeting mode and the printed pack, so a figure
reads the same wherever it appears."""

from __future__ import annotations

import numbers
import re
from datetime import date

import numpy as np
import pandas as pd

from lancs_dash.figures.periods import label_month


def fmt_count(x: float | None) -> str:
    return "–" if x is None or pd.isna(x) else f"{x:,.0f}"


def fmt_rate(x: float | None) -> str:
    return "–" if x is None or pd.isna(x) else f"{x:,.1f}"


def fmt_pct(x: float) -> str:
    """'4.0%': one decimal, as the change figures give it."""
    return f"{x:.1f}%"


def fmt_change(x: float | None, pct: float | None) -> str:
    """'▲ up 1,234 (+5.2%)' with an arrow and a word, so the direction never relies on colour."""
    if x is None or pd.isna(x):
        return "no comparison"
    arrow = "▲ up" if x > 0 else "▼ down" if x < 0 else "◆ no change"
    pct_text = "" if pct is None or pd.isna(pct) else f" ({pct:+.1f}%)"
    return f"{arrow} {abs(x):,.0f}{pct_text}"


# Published units written the way a reader says them: "311" "GBP million" -> "£311 million".
_MONEY = {"GBP": "", "GBP million": " million", "GBP per year": " per year"}


def as_published(text: str, unit: str) -> str:
    """A published figure in words with its unit, its digits exactly as published (thousands separated, never
    rounded): '£311 million', '69%', '-£1.2 million', '4,732 offences', '±0.8 percentage points'."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, decimals = digits.partition(".")
    if whole.isdigit() and whole == str(int(whole)):  # leading zeros kept as written
        digits = f"{int(whole):,}{dot}{decimals}"
    if unit in _MONEY:
        return f"{sign}£{digits}{_MONEY[unit]}"
    if unit == "percent":
        return f"{sign}{digits}%"
    if unit == "percentage points (+/-)":
        return f"±{sign}{digits} percentage points"
    return f"{sign}{digits} {unit}".strip()


def long_date(d: date) -> str:
    """GOV.UK style: '22 November 2026'."""
    return f"{d.day} {d:%B %Y}"


_CODED_AREA = re.compile(r"^\S+-\d+ \(=? ?(.+)\)$")


def area_words(name: str, force_name: str) -> str:
    """An area as a reader knows it: 'Lancashire-14 (= Lancashire police force area)' -> 'Lancashire police force
    area' (the publisher's code dropped, and the name of the force, `force_name`, after its area)."""
    m = _CODED_AREA.match(str(name))
    return (m.group(1) if m else str(name)).removesuffix(f" ({force_name})")


def built_stamp(meta: dict[str, str]) -> str:
    """'31 January 2025, 09:15 UTC': to the minute, so an analyst can see a refresh made the same day."""
    stamp = meta.get("data_built_at", meta.get("built_at"))
    return f"{long_date(date.fromisoformat(stamp[:10]))}, {stamp[11:16]} UTC" if stamp else "unknown"


def coverage_statement(cov: pd.DataFrame) -> str:
    """'Data cover Nov 2018 – Dec 2025: 52 of 86 months published (…).' from a coverage table."""
    if cov.empty:
        return "No monthly data loaded."
    months = pd.to_datetime(cov["month"]).dt.date
    missing = cov[cov["status"] == "missing"]
    present = len(cov) - len(missing)
    text = f"Data cover {label_month(min(months))} – {label_month(max(months))}: {present} of {len(cov)} months published"
    if len(missing):
        text += f" (not published on police.uk: {month_ranges(pd.to_datetime(missing['month']).dt.date)})"
    return text + "."


def month_ranges(months) -> str:
    """Collapse consecutive months: 'Mar 2019 – Nov 2019, Jun 2020'."""
    months = sorted(months)
    spans, start, prev = [], months[0], months[0]
    for m in months[1:]:
        if (m.year * 12 + m.month) - (prev.year * 12 + prev.month) != 1:
            spans.append((start, prev))
            start = m
        prev = m
    spans.append((start, prev))
    return ", ".join(label_month(a) if a == b else f"{label_month(a)} – {label_month(b)}" for a, b in spans)


def even_decimals(column: pd.Series, most: int) -> int:
    """The fewest decimals (at most `most`) that show every number of a column as it is held, so the column
    reads evenly."""
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    values = values[~np.isnan(values)]  # on the array: pandas' per-call overhead was most of a table's formatting
    with np.errstate(invalid="ignore"):  # an infinity never rounds evenly, as pandas also finds (silently)
        return next((d for d in range(most) if (np.abs(values - np.round(values, d)) < 1e-9).all()), most)


def cell_text(value: object, decimals: int) -> str:
    """A table cell as printed (plain pages and the pack): a dash for a missing figure, never 'nan' or '<NA>';
    numbers thousands-separated to the column's decimals; months as YYYY-MM; markdown emphasis dropped."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Real):
        return f"{value:,.{decimals}f}"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m}"
    return str(value).replace("**", "")
