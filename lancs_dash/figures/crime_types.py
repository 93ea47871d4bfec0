"""Every police.uk crime type (all 14, anti-social behaviour included) for one area: the latest comparable months
against the same months a year before, by the one comparison rule (figures/comparison.py), judged by the one
verdict rule (figures/noise.py) with the small-numbers rule beside it (figures/small_numbers.py), for the force
area, a district or a ward alike. At ward level the sensitive category's small counts are hidden as in the
downloads."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lancs_dash.config import ASB, CATEGORIES
from lancs_dash.figures import noise, small_numbers
from lancs_dash.read import registry

TYPE = "Crime type"
COUNTS = ("current", "previous", "change", "change_pct")


def measure_id(category: str) -> str:
    """The registry measure of one police.uk category."""
    return "asb_incidents" if category == ASB else registry.snake(category)


MEASURE_IDS = {c: measure_id(c) for c in (*(c for c in CATEGORIES if c != ASB), ASB)}  # crimes first, ASB last


def sensitive(category: str) -> bool:
    return small_numbers.sensitive(registry.get(MEASURE_IDS[category]))


def rows(series: pd.DataFrame, level: str) -> pd.DataFrame:
    """One row per crime type (`series`: the area's monthly series, a column a category, NaN where a month is not
    published; a category without a column has none): the months compared, both totals,
    the change (its percentage only on a base of small_numbers.SMALL_COUNT or more) and the status by the one
    verdict rule, "too few to tell" where the counts are too small to judge. police.uk series are dense over
    published months, so every type compares the same months.

    At ward level a sensitive type's counts under small_numbers.SUPPRESS_BELOW are hidden, and with it the next
    smallest crime type's, as small_numbers.hidden says: the ward's total of crimes is published, so one hidden
    count alone could be worked out from the others."""
    judged = small_numbers.verdicts(series.reindex(columns=list(MEASURE_IDS)),
                                    [registry.get(mid).direction for mid in MEASURE_IDS.values()])
    compared = [v.compared for v in judged]
    # Built as columns, not row by row and then masked: a ward page's table is made 253 times a refresh.
    figures = (lambda c: c.current.total, lambda c: c.previous.total, lambda c: c.change,
               lambda c: small_numbers.percent(c.change, c.previous.total))
    counts = {k: np.array([np.nan if c is None else figure(c) for c in compared], dtype="float64")
              for k, figure in zip(COUNTS, figures, strict=True)}
    status = [noise.ICONS[v.status] for v in judged]
    note = [""] * len(judged)
    if level == "ward":
        crimes = np.array([c != ASB for c in MEASURE_IDS])  # the rows the ward's published total of crimes adds up
        flagged = pd.Series([sensitive(c) for c in MEASURE_IDS])[crimes]
        hide = np.zeros(len(judged), dtype=bool)
        for col in ("current", "previous"):
            hide[crimes] |= small_numbers.hidden(pd.Series(counts[col])[crimes], flagged).to_numpy()
        counts = {k: np.where(hide, np.nan, v) for k, v in counts.items()}
        said = f"hidden: a sensitive count under {small_numbers.SUPPRESS_BELOW}, or the count that would reveal one"
        status = ["hidden (small numbers)" if h else s for h, s in zip(hide, status, strict=True)]
        note = [said if h else n for h, n in zip(hide, note, strict=True)]
    return pd.DataFrame({TYPE: list(MEASURE_IDS), "compared": [c.label if c else "" for c in compared],
                         **counts, "status": status, "note": note})
