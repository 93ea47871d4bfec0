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
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
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


def _bands(months: pd.Index, values: np.ndarray, compared: Comparison) -> list[float]:
    """The normal-noise band of the change for each row of `values` (series published in the same sorted, unique
    `months`, compared over the same months), judged from the months of the two spans compared."""
    spans = (compared.previous, compared.current)
    at = np.unique(np.concatenate([np.flatnonzero((months >= s.start) & (months <= s.end)) for s in spans]))
    part, shown = values[:, at], months[at]
    step = np.array([add_months(a, 1) == b for a, b in zip(shown[:-1], shown[1:], strict=True)], dtype=bool)
    diffs = (part[:, 1:] - part[:, :-1])[:, step]
    n = diffs.shape[1]
    if n > 2:  # the standard deviation of the month-on-month differences, computed as pandas' std computes it
        mean = diffs.sum(axis=1, dtype=np.float64) / n
        empirical = np.sqrt(((mean[:, None] - diffs) ** 2).sum(axis=1, dtype=np.float64) / (n - 1)) / math.sqrt(2)
    else:
        empirical = np.zeros(len(values))
    means = part.sum(axis=1, dtype=np.float64) / part.shape[1]  # a count's Poisson spread is its mean's root
    scale = 2 * math.sqrt(2 * compared.current.months)
    return [scale * max(float(e), math.sqrt(max(float(m), 0.0))) for e, m in zip(empirical, means, strict=True)]


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
    return verdicts(series.to_frame(), (direction,))[0]


def verdicts(frame: pd.DataFrame, directions: Sequence[str]) -> list[Verdict]:
    """`verdict` of every column of `frame` (monthly count series; NaN: not published), each with its direction.
    Columns published in the same months are judged together, the rule run once for them (a ward's crime types
    are 14 series of the same months: judged one by one, pandas' overhead was most of a ward page's cost)."""
    present = frame.notna().to_numpy()
    values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    alike: dict[bytes, list[int]] = {}
    for j in range(present.shape[1]):
        alike.setdefault(present[:, j].tobytes(), []).append(j)
    out = [Verdict("not comparable")] * present.shape[1]
    for columns in alike.values():
        rows = present[:, columns[0]]
        months = frame.index[rows]
        unique = ~months.duplicated()  # as `comparison.choose` takes a series' months: the first of each, sorted
        order = months[unique].argsort()
        months = months[unique][order]
        block = np.ascontiguousarray(values[rows][unique][order][:, columns].T)  # a row a series
        compared = comparison.choose_each(months, block)
        if compared is None:
            continue
        for j, c, band in zip(columns, compared, _bands(months, block, compared[0]), strict=True):
            judged = Judgement(float(c.change), float(band), bool(abs(c.change) > band))
            out[j] = Verdict(judged.status(directions[j]), c, judged.band)
    return out
