"""A measure's headline in words: the plain answer a page opens with, its figures, which months are compared
and the verdict. Built once here and repeated by every page, meeting mode, the pack and the plain pages, so
they can never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lancs_dash.figures import comparison, noise, windows
from lancs_dash.figures.fmt import fmt_change, fmt_count, fmt_pct, fmt_rate
from lancs_dash.figures.periods import add_months, label_month, period_end, period_words, years_older
from lancs_dash.read import registry


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    help: str | None = None  # how to read it: base, or why a figure is not given


def judge(frame: pd.DataFrame, m: registry.Measure) -> noise.Verdict:
    """The verdict on one area's monthly count series, by the one comparison rule and the one noise rule."""
    return noise.verdict(windows.monthly(frame), m.direction)


JUDGED = {
    "improving": "That is more than the usual ups and downs from month to month, so it counts as an improvement.",
    "worsening": "That is more than the usual ups and downs from month to month, so it counts as getting worse.",
    "no clear change": "That is within the usual ups and downs from month to month, so it is not a clear change.",
    "changed": ("That is more than the usual ups and downs from month to month. For these records neither direction "
                "counts as better on its own, so it is not judged."),
}


def _moved(change: float, pct: float | None) -> str:
    if change == 0:
        return "stayed the same"
    verb = "fell" if change < 0 else "rose"
    return f"{verb} {fmt_pct(abs(pct))}" if pct is not None else verb


@dataclass(frozen=True)
class Headline:
    figures: tuple[Figure, ...]
    answer: str  # the plain sentences a page opens with: the change, whether it is real, and the long view
    comparison: str  # which months are compared and why, and how the change is judged
    verdict: noise.Verdict
    period: str  # the months the count and rate cover ('Jan – Dec 2025')


def answer(area: str, m: registry.Measure, series: pd.Series, verdict: noise.Verdict) -> str:
    """'In Preston, recorded crime fell 4.0% in January to April 2025 compared with the same months of 2024 (312
    fewer crimes). That is ...' — or, with no comparison, what is published and why no change is given."""
    c = verdict.compared
    if c is None:
        run = comparison.published_run(series)
        return (f"In {area}, {fmt_count(run.total)} {m.unit} were recorded in {run.words} ({m.noun}). These are the "
                "newest figures loaded, and no earlier months are published to compare with, so no change can be "
                "given.")
    fewer = f"{fmt_count(abs(c.change))} {'fewer' if c.change < 0 else 'more'} {m.unit}"
    text = (f"In {area}, {m.noun} {_moved(c.change, c.change_pct)} in {c.current.words} compared with {c.against}"
            + (f" ({fewer})." if c.change else ".") + f" {JUDGED[verdict.status]}")
    if c.basis == "newest complete years":
        text = f"The newest comparison the published months allow is from {c.current.end.year}. " + text
    longer = comparison.long_view(series, c)
    return text + (f" Over a longer view, that is {longer.words(c.current)}." if longer else "")


def latest(frame: pd.DataFrame, population: float, m: registry.Measure, area: str) -> Headline | None:
    """One area's monthly count: the answer in words, the latest 12 months' count and rate, the change by the one
    comparison rule, judged against normal noise. None when nothing is published."""
    if frame.empty:
        return None
    series = windows.monthly(frame)
    verdict = judge(frame, m)
    year = comparison.latest_year(series)
    shown = comparison.latest_months(series)
    months = "" if year else f" (only {shown.months} months in a row published)"
    figures = [Figure(f"{m.unit.capitalize()}, {shown.label}", fmt_count(shown.total),
                      None if year else "The latest 12 months are not all published; this is the latest run of "
                                        "months published one after another."),
               Figure(f"Per 1,000 residents, {shown.label}", fmt_rate(windows.rate(shown.total, population)),
                      "Census 2021 resident population." + months)]
    c = verdict.compared
    if c is None:
        figures.append(Figure(f"Change: only {shown.label} published", "Not given",
                              "No earlier months are published to compare with."))
        said = (f"No change can be given: only {shown.label} is published, and a change needs the same months a year "
                "earlier.")
    else:
        figures.append(Figure(f"Change, {c.label}", fmt_change(c.change, c.change_pct),
                              f"{fmt_count(c.current.total)} {m.unit} in {c.current.label} against "
                              f"{fmt_count(c.previous.total)} in {c.previous.label}."))
        said = (f"{c.why} {c.current.label}: {fmt_count(c.current.total)} {m.unit}; {c.previous.label}: "
                f"{fmt_count(c.previous.total)}; {fmt_change(c.change, c.change_pct)}. The usual ups and downs "
                f"for a change like this are about ±{verdict.band:,.0f}.")
    return Headline(tuple(figures), answer(area, m, series, verdict), said, verdict, shown.label)


def quarters_label(months: pd.Series) -> str:
    """Period covered by quarters given by their first month: 'Apr 2017 – Mar 2018'."""
    m = pd.to_datetime(months).dt.date
    return f"{label_month(min(m))} – {label_month(add_months(max(m), 2))}"


def financial_years(months: pd.Series) -> int:
    """How many financial years (April to March) the months fall in."""
    m = pd.to_datetime(months)
    return (m.dt.year - (m.dt.month < 4)).nunique()


def quarters_end(months: pd.Series) -> date:
    """The last month of the last quarter (quarters are given by their first month)."""
    return add_months(max(pd.to_datetime(months).dt.date), 2)


def quarterly_total(frame: pd.DataFrame, population: float, m: registry.Measure) -> Figure:
    """A quarterly series summed over the quarters published, with its rate."""
    total = frame["value"].sum()
    years = financial_years(frame["month"])
    return Figure(f"{m.title}, {quarters_label(frame['month'])}", fmt_count(total),
                  f"{fmt_rate(windows.rate(total, population))} per 1,000 residents (Census 2021). "
                  + ("Only one financial year is published in the data, so no change can be given." if years == 1
                     else f"The total of {years} financial years; each quarter is on the domestic abuse page."))


def published_latest(frame: pd.DataFrame, m: registry.Measure) -> tuple[Figure, date | None] | None:
    """The latest published value for the force area (first base listed), as published, with the period's last
    month when the period is dated."""
    if frame.empty:
        return None
    row = frame[frame["area_code"] == frame["area_code"].iloc[0]].iloc[-1]
    return Figure(f"{m.title.replace(' (published)', '')}, {period_words(row['period'])}", f"{row['value_text']}%",
                  f"As published: {m.source}."), period_end(row["period"])


OLD_AFTER_YEARS = 3  # a figure this much older than the newest data is never a headline


def older_figures(figures: list[tuple[Figure, date | None]], newest: date) -> tuple[list[Figure], str]:
    """Split figures into those current enough to lead with and, in words, those too old to: 'the newest
    published figure is from ...'."""
    current, old = [], []
    for figure, end in figures:
        (old if end is None or years_older(end, newest) > OLD_AFTER_YEARS else current).append(figure)
    if not old:
        return current, ""
    return current, ("Older figures, the newest published: " + "; ".join(f"{f.label}: {f.value}" for f in old)
                     + f". They are more than {OLD_AFTER_YEARS} years older than the newest monthly figures "
                       f"({newest:%B %Y}), so they are context, not a current picture.")
