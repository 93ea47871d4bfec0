"""Is a change more than normal month-to-month noise?

How we judge it (also said on every page): the noise in one month is the larger of the Poisson
spread of a count (square root of the monthly mean) and the spread actually seen from one month to
the next in the two windows (standard deviation of month-on-month differences / sqrt 2). A 12-month
total then varies by sqrt(12) times that, and the difference of two such totals by sqrt(24) times.
A change larger than twice this band (about 95% confidence) counts as a real change. For shares,
a two-proportion test with the same two-standard-error rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from lancs_dash.figures.periods import add_months
from lancs_dash.figures.windows import WindowPair

METHOD = ("A change counts as more than normal noise when it is larger than twice the variation expected between "
          "two 12-month totals, judged from the month-to-month ups and downs in the data (or the Poisson spread of "
          "a count, whichever is larger).")

# Symbols in ordinary text fonts (no emoji font needed, and they print in the pack); the words carry the meaning.
ICONS = {"improving": "✔ improving", "worsening": "⚠ worsening", "no clear change": "– no clear change",
         "not comparable": "‖ not enough data to compare", "no open data": "? no open data yet",
         "changed": "↻ changed (no direction counts as better)"}


@dataclass(frozen=True)
class Judgement:
    change: float
    band: float  # half-width of the normal-noise band for the change
    beyond_noise: bool

    def status(self, direction: str) -> str:
        if not self.beyond_noise:
            return "no clear change"
        if direction == "none":
            return "changed"
        better = self.change < 0 if direction == "down" else self.change > 0
        return "improving" if better else "worsening"


def judge_counts(series: pd.Series, comparison: WindowPair) -> Judgement | None:
    """Judge a comparison of two complete 12-month windows of a monthly count series."""
    if not comparison.comparable:
        return None
    start, end = comparison.previous.start, comparison.current.end
    part = series[(series.index >= start) & (series.index <= end)].sort_index()
    consecutive = [b - a for (ma, a), (mb, b) in zip(part.items(), list(part.items())[1:], strict=False)
                   if add_months(ma, 1) == mb]
    empirical = pd.Series(consecutive).std() / math.sqrt(2) if len(consecutive) > 2 else 0.0
    poisson = math.sqrt(max(part.mean(), 0.0))
    band = 2 * math.sqrt(24) * max(empirical, poisson)
    return Judgement(float(comparison.change), float(band), bool(abs(comparison.change) > band))


def judge_share(num: float, base: float, prev_num: float, prev_base: float) -> Judgement | None:
    """Two-proportion test on shares (in percentage points)."""
    if not base or not prev_base:
        return None
    p1, p0 = num / base, prev_num / prev_base
    pooled = (num + prev_num) / (base + prev_base)
    se = math.sqrt(pooled * (1 - pooled) * (1 / base + 1 / prev_base))
    change, band = 100 * (p1 - p0), 100 * 2 * se
    return Judgement(change, band, bool(abs(change) > band))
