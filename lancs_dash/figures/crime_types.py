"""Every police.uk crime type (all 14, anti-social behaviour included) for one area: the latest comparable months
against the same months a year before, by the one comparison rule (figures/comparison.py), judged by the one
verdict rule (figures/noise.py) with the small-numbers rule beside it (figures/small_numbers.py), for the force
area, a district or a ward alike. At ward level the sensitive category's small counts are hidden as in the
downloads."""

from __future__ import annotations

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
    out = []
    judged = small_numbers.verdicts(series.reindex(columns=list(MEASURE_IDS)),
                                    [registry.get(mid).direction for mid in MEASURE_IDS.values()])
    for category, verdict in zip(MEASURE_IDS, judged, strict=True):
        c = verdict.compared
        cur, prev = (c.current.total, c.previous.total) if c else (None, None)
        out.append({TYPE: category, "compared": c.label if c else "", "current": cur, "previous": prev,
                    "change": c.change if c else None,
                    "change_pct": small_numbers.percent(c.change, c.previous.total) if c else None,
                    "status": noise.ICONS[verdict.status], "note": ""})
    table = pd.DataFrame(out).astype({k: "float64" for k in COUNTS})
    if level != "ward":
        return table
    crimes = table[TYPE] != ASB  # the rows the ward's published total of crimes adds up
    hide = pd.Series(False, index=table.index)
    flagged = table[TYPE].map(sensitive)
    for col in ("current", "previous"):
        hide[crimes] |= small_numbers.hidden(table.loc[crimes, col], flagged[crimes])
    note = f"hidden: a sensitive count under {small_numbers.SUPPRESS_BELOW}, or the count that would reveal one"
    return table.assign(**{k: table[k].where(~hide) for k in COUNTS},
                        status=table["status"].where(~hide, "hidden (small numbers)"),
                        note=table["note"].where(~hide, note))
