"""The overview scorecard: every Appendix D outcome measure with its latest value, change, the
direction that counts as improvement and a status in words and icon (never colour alone).

`series(measure_id)` gives a measure's force-level series: the pages pass their cached reader,
the meeting pack one cut at its as-of month, so both build the same table from the same rows."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lancs_dash.figures import noise, priorities, windows
from lancs_dash.figures.fmt import fmt_change, fmt_count
from lancs_dash.figures.periods import latest_comparable_windows, latest_windows, window
from lancs_dash.read import registry

Series = Callable[[str], pd.DataFrame]

DIRECTION = {"down": "lower is better", "up": "higher is better", "none": "no direction (context)"}
DATA_STATUS = {"measured": "measured", "proxy": "proxy", "none": "no open data published"}


# A measure with no rows (e.g. a pack as of a month before a source begins).
NOTHING_YET = ("no figures published for the period", "–", "not comparable")


def _counts(m: registry.Measure, frame: pd.DataFrame) -> tuple[str, str, str]:
    latest = next(iter(windows.comparisons(frame).values()))
    value = f"{fmt_count(latest.current.total)} {m.unit} ({latest.current.label})"
    pair = latest if latest.comparable else next(iter(windows.comparisons(frame, True).values()), None)
    if pair is None:
        return value, "no two complete years to compare", "not comparable"
    judged = noise.judge_counts(windows.monthly(frame), pair)
    return value, f"{fmt_change(pair.change, pair.change_pct)} ({pair.current.label} vs previous 12 months)", \
        judged.status(m.direction)


def _share(m: registry.Measure, frame: pd.DataFrame) -> tuple[str, str, str]:
    num = windows.monthly(frame)
    base = windows.monthly(frame.assign(value=frame["base"]))
    latest = latest_windows(num)
    value = f"{100 * latest[0].total / window(base, latest[0].end).total:.1f}% ({latest[0].label})"
    pair = latest if latest[1].complete else latest_comparable_windows(num)
    if pair is None:
        return value, "no two complete years to compare", "not comparable"
    cur_b, prev_b = window(base, pair[0].end).total, window(base, pair[1].end).total
    judged = noise.judge_share(pair[0].total, cur_b, pair[1].total, prev_b)
    return value, f"{judged.change:+.1f} points ({pair[0].label} vs previous 12 months)", judged.status(m.direction)


def _other(m: registry.Measure, frame: pd.DataFrame) -> tuple[str, str, str]:
    if m.kind == "published":
        row = frame[frame["area_code"] == frame["area_code"].iloc[0]].iloc[-1]
        return f"{row['value_text']}% ({row['period']}, published)", "only one period published", "not comparable"
    return f"{fmt_count(frame['value'].sum())} {m.unit} ({len(frame)} quarters)", "only one year published", \
        "not comparable"


def rows(series: Series) -> pd.DataFrame:
    """One row per Appendix D outcome measure, in Plan order."""
    out = []
    for p, o in priorities.all_outcomes():
        if o.measure_id is None:
            value, change, status, direction, used = "–", "–", "no open data", "–", "–"
        else:
            m = registry.get(o.measure_id)
            compute = {"monthly": _counts, "share": _share}.get(m.kind, _other)
            frame = series(m.id)
            value, change, status = compute(m, frame) if len(frame) else NOTHING_YET
            direction, used = DIRECTION[m.direction], m.title
        out.append({"priority": p.title, "outcome measure (Appendix D)": o.text, "data": DATA_STATUS[o.status],
                    "measure used": used, "latest value": value, "change": change, "improvement means": direction,
                    "status": noise.ICONS[status], "notes": o.note})
    return pd.DataFrame(out)
