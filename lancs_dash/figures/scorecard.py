"""The overview scorecard: every Appendix D outcome measure with its latest value, change, the
direction that counts as improvement and a status in words and icon (never colour alone).

`series(measure_id)` gives a measure's force-level series: the pages pass their cached reader,
the meeting pack one cut at its as-of month, so both build the same table from the same rows.
Counts are judged by headlines.judge and shares by share_verdict: the one comparison rule for both."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lancs_dash.figures import comparison, headlines, noise, windows
from lancs_dash.figures.fmt import fmt_change, fmt_count
from lancs_dash.figures.periods import period_words
from lancs_dash.read import registry
from lancs_dash.read.plan import Priority

Series = Callable[[str], pd.DataFrame]

DIRECTION = {"down": "lower is better", "up": "higher is better", "none": "not judged (context only)"}
COLUMNS = ["priority", "outcome measure (Appendix D)", "data", "measure used", "latest value", "change",
           "improvement means", "status", "notes"]
DATA_STATUS = {"measured": "measured", "proxy": "proxy", "none": "no open data published"}


# A measure with no rows (e.g. a pack as of a month before a source begins).
NOTHING_YET = ("no figures published for the period", "no comparison", noise.ICONS["not comparable"])


def _counts(m: registry.Measure, frame: pd.DataFrame) -> tuple[str, str, str]:
    series = windows.monthly(frame)
    shown = comparison.latest_months(series)
    verdict = headlines.judge(frame, m)
    c = verdict.compared
    return (f"{fmt_count(shown.total)} {m.unit} ({shown.label})",
            fmt_change(c.change, c.change_pct) if c else "too few months published to compare", verdict.text)


def share_verdict(frame: pd.DataFrame, m: registry.Measure) -> tuple[float, str, noise.Verdict, float | None]:
    """A share (value / base per month): the latest 12 months' share (%) and their label, its verdict by the one
    comparison rule (a two-proportion test on the months compared) and the change in percentage points."""
    num, base = windows.monthly(frame), windows.monthly(frame.assign(value=frame["base"]))
    shown = comparison.latest_months(num)
    share = 100 * shown.total / shown.within(base).sum()
    c = comparison.choose(num)
    if c is None:
        return share, shown.label, noise.Verdict("not comparable"), None
    judged = noise.judge_share(c.current.total, c.current.within(base).sum(), c.previous.total,
                               c.previous.within(base).sum())
    if judged is None:
        return share, shown.label, noise.Verdict("not comparable"), None
    return share, shown.label, noise.Verdict(judged.status(m.direction), c, judged.band), judged.change


def _share(m: registry.Measure, frame: pd.DataFrame) -> tuple[str, str, str]:
    share, period, verdict, points = share_verdict(frame, m)
    change = f"{points:+.1f} percentage points" if points is not None else "too few months published to compare"
    return f"{share:.1f}% ({period})", change, verdict.text


def _other(m: registry.Measure, frame: pd.DataFrame) -> tuple[str, str, str]:
    not_compared = noise.ICONS["not comparable"]
    if m.kind == "published":
        row = frame[frame["area_code"] == frame["area_code"].iloc[0]].iloc[-1]
        return (f"{row['value_text']}% ({period_words(row['period'])}: the newest published)",
                "only one period published", not_compared)
    return (f"{fmt_count(frame['value'].sum())} {m.unit} ({headlines.quarters_label(frame['month'])}: the newest "
            "published)", "only one year published", not_compared)


def rows(shown: tuple[Priority, ...], series: Series) -> pd.DataFrame:
    """One row per Appendix D outcome measure of the priorities shown, in Plan order (none for open data)."""
    out = []
    for p, o in ((priority, o) for priority in shown for o in priority.outcomes):
        if o.measure_id is None:
            value, change, status, direction, used = "no figure", "no comparison", noise.ICONS["no open data"], \
                "not judged", "none published"
        else:
            m = registry.get(o.measure_id)
            compute = {"monthly": _counts, "share": _share}.get(m.kind, _other)
            frame = series(m.id)
            value, change, status = compute(m, frame) if len(frame) else NOTHING_YET
            direction, used = DIRECTION[m.direction], m.title
        out.append({"priority": p.title, "outcome measure (Appendix D)": o.text, "data": DATA_STATUS[o.status],
                    "measure used": used, "latest value": value, "change": change, "improvement means": direction,
                    "status": status, "notes": o.note})
    return pd.DataFrame(out, columns=COLUMNS)
