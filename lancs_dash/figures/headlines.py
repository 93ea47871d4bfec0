"""A measure's headline figures in words: the numbers a priority page leads with, which meeting mode
and the printed pack repeat. Built once here so the three can never disagree."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lancs_dash.figures import noise, windows
from lancs_dash.figures.fmt import fmt_change, fmt_count, fmt_rate
from lancs_dash.figures.periods import add_months, label_month
from lancs_dash.read import registry


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    help: str | None = None  # how to read it: base, or why a figure is not given


@dataclass(frozen=True)
class Headline:
    figures: tuple[Figure, ...]
    comparison: str  # the latest complete year-on-year comparison, in words
    status: str  # a noise.ICONS key
    status_period: str = ""  # the 12 months the status judges (against the 12 before), when there is one


def latest(frame: pd.DataFrame, population: float, m: registry.Measure) -> Headline | None:
    """Latest 12 months of a monthly count for one area: count, rate, change, and the latest complete
    comparison judged against normal noise. None when nothing is published."""
    pair = next(iter(windows.comparisons(frame).values()), None)
    if pair is None:
        return None
    figures = (
        Figure(pair.current.label, fmt_count(pair.current.total)),
        Figure("Per 1,000 residents", fmt_rate(windows.rate(pair.current.total, population)),
               "Census 2021 resident population."),
        Figure("Change on the previous 12 months",
               fmt_change(pair.change, pair.change_pct) if pair.comparable else "–",
               None if pair.comparable else f"Not available: the previous 12 months ({pair.previous.label}) are "
                                            "incomplete. The latest complete comparison is given below."),
    )
    comparable = pair if pair.comparable else next(iter(windows.comparisons(frame, True).values()), None)
    if comparable is None:
        return Headline(figures, "No two complete back-to-back 12-month periods are published, so no change can "
                                 "be judged.", "not comparable")
    judged = noise.judge_counts(windows.monthly(frame), comparable)
    status = judged.status(m.direction)
    verdict = "more than" if judged.beyond_noise else "within"
    return Headline(figures, (
        f"Latest complete comparison: {comparable.current.label}: {fmt_count(comparable.current.total)} {m.unit}, "
        f"{fmt_change(comparable.change, comparable.change_pct)} on {comparable.previous.label} "
        f"({fmt_count(comparable.previous.total)}). This is {verdict} normal month-to-month noise "
        f"(±{judged.band:,.0f}): {noise.ICONS[status]}."), status, comparable.current.label)


def quarters_label(months: pd.Series) -> str:
    """Period covered by quarters given by their first month: 'Apr 2017 – Mar 2018'."""
    m = pd.to_datetime(months).dt.date
    return f"{label_month(min(m))} – {label_month(add_months(max(m), 2))}"


def financial_years(months: pd.Series) -> int:
    """How many financial years (April to March) the months fall in."""
    m = pd.to_datetime(months)
    return (m.dt.year - (m.dt.month < 4)).nunique()


def quarterly_total(frame: pd.DataFrame, population: float, m: registry.Measure) -> Figure:
    """A quarterly series summed over the quarters published, with its rate."""
    total = frame["value"].sum()
    years = financial_years(frame["month"])
    return Figure(f"{m.title}, {quarters_label(frame['month'])}", fmt_count(total),
                  f"{fmt_rate(windows.rate(total, population))} per 1,000 residents (Census 2021). "
                  + ("Only one financial year is published in the data, so no change can be given." if years == 1
                     else f"The total of {years} financial years; each quarter is on the domestic abuse page."))


def published_latest(frame: pd.DataFrame, m: registry.Measure) -> Figure | None:
    """The latest published value for the force area (first base listed), as published."""
    if frame.empty:
        return None
    row = frame[frame["area_code"] == frame["area_code"].iloc[0]].iloc[-1]
    return Figure(f"{m.title.replace(' (published)', '')}, {row['period']}", f"{row['value_text']}%",
                  f"As published: {m.source}.")
