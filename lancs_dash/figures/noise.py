"""Is a change more than normal month-to-month ups and downs?

How we judge it (also said on every page): the noise in one month is the larger of the Poisson
spread of a count (square root of the monthly mean) and the spread actually seen from one month to
the next in the two periods compared (standard deviation of month-on-month differences / sqrt 2). A
total of n months then varies by sqrt(n) times that, and the difference of two such totals by
sqrt(2n) times. A change larger than twice this band (about 95% confidence) counts as a real change.
For shares, a two-proportion test with the same two-standard-error rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from lancs_dash.figures import comparison
from lancs_dash.figures.comparison import Comparison
from lancs_dash.figures.periods import add_months

METHOD = ("A change counts only when it is bigger than the usual ups and downs from one month to the next: more "
          "than twice the variation expected between two totals of the same number of months, judged from the "
          "month-to-month changes in the data (or, for small counts, the variation expected of a count, whichever "
          "is larger).")

# Symbols in ordinary text fonts (no emoji font needed, and they print in the pack); the words carry the meaning.
ICONS = {"improving": "✔ improving", "worsening": "⚠ worsening", "no clear change": "○ no clear change",
         "not comparable": "✕ too few months to compare", "no open data": "? no open data yet",
         "changed": "↻ changed, not judged",
         # Counts too small for the rule to judge a change within normal variation (figures/small_numbers.py).
         "too few to tell": "◌ too few to tell"}


def status_of(text: str) -> str:
    """The ICONS key a status text starts with."""
    return next(k for k, v in ICONS.items() if text.startswith(v))


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


def judge_counts(series: pd.Series, comparison: Comparison) -> Judgement:
    """Judge a comparison of two spans of a monthly count series against its month-to-month noise."""
    s = series.dropna()
    part = pd.concat([span.within(s) for span in (comparison.previous, comparison.current)]).sort_index()
    part = part[~part.index.duplicated()]
    diffs = [b - a for (ma, a), (mb, b) in zip(part.items(), list(part.items())[1:], strict=False)
             if add_months(ma, 1) == mb]
    empirical = pd.Series(diffs).std() / math.sqrt(2) if len(diffs) > 2 else 0.0
    poisson = math.sqrt(max(part.mean(), 0.0))
    band = 2 * math.sqrt(2 * comparison.current.months) * max(empirical, poisson)
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


@dataclass(frozen=True)
class Verdict:
    """One measure's status for one area and period, decided once: its text is the same wherever it is shown."""

    status: str  # an ICONS key
    compared: Comparison | None = None
    band: float | None = None  # the normal-noise band of the change, when judged

    @property
    def text(self) -> str:
        return ICONS[self.status] + (f" ({self.compared.label})" if self.compared else "")

    @property
    def period(self) -> str:
        return self.compared.label if self.compared else ""


def verdict(series: pd.Series, direction: str) -> Verdict:
    """The verdict on a monthly count series: the one comparison rule, judged against its noise."""
    compared = comparison.choose(series)
    if compared is None:
        return Verdict("not comparable")
    judged = judge_counts(series, compared)
    return Verdict(judged.status(direction), compared, judged.band)
