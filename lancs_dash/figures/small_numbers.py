"""Small numbers, honestly: when a count is too small for the one verdict rule (noise.py) to judge, when a
percentage may be shown, and which counts of sensitive crime types are hidden. Wards need this most (a ward's
month often holds a handful of records), but the rule is the same for any count.

- Too few to tell: the one rule judges the change first. A change beyond normal variation keeps its verdict at
  any size. A change within it is "too few to tell", not "no clear change", when the larger of the two totals
  compared is under SMALL_COUNT (20): at such counts the normal variation alone is about two-thirds of the total
  (twice the Poisson spread of the difference, 2 x sqrt(2 x 20), is about 13), so a steady rate and a large real
  change look alike.
- Percentages only on a base of at least SMALL_COUNT: below it one record moves the percentage by 5 points or more.
- Sensitive crime types (police.uk's violence and sexual offences) follow the rule of the district tables
  (district_table.suppress): counts under SUPPRESS_BELOW (10) are hidden, and when only one count beside a published total
  would be hidden, the next smallest is hidden too, so the total cannot reveal it. Pages and downloads alike.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lancs_dash.figures import noise
from lancs_dash.figures.noise import Verdict
from lancs_dash.read import registry

SMALL_COUNT = 20
SUPPRESS_BELOW = 10  # counts of a sensitive category under this are hidden (districts and wards)
SENSITIVE_CATEGORIES = ("Violence and sexual offences",)
METHOD = (f"Small counts: a change the usual ups and downs could explain is called too few to tell when neither "
          f"period compared has {SMALL_COUNT} or more records; percentages are given only on a base of at least "
          f"{SMALL_COUNT}. Counts of violence and sexual offences under {SUPPRESS_BELOW} are hidden "
          "(with the next smallest, where one alone would be) because the category is sensitive.")


def verdict(series: pd.Series, direction: str) -> Verdict:
    """The one rule's verdict on a monthly count series, with "too few to tell" where the counts are too small."""
    return verdicts(series.to_frame(), (direction,))[0]


def verdicts(frame: pd.DataFrame, directions: Sequence[str]) -> list[Verdict]:
    """`verdict` of every column of `frame`, judged together (noise.verdicts)."""
    return [_too_few(v) for v in noise.verdicts(frame, directions)]


def _too_few(v: Verdict) -> Verdict:
    c = v.compared
    if v.status == "no clear change" and c is not None and max(c.current.total, c.previous.total) < SMALL_COUNT:
        return Verdict("too few to tell", c, v.band)
    return v


def percent(change: float, base: float) -> float | None:
    """The change as a percentage of its base, or None when the base is under SMALL_COUNT."""
    return 100 * change / base if base >= SMALL_COUNT else None


def sensitive(measure: registry.Measure) -> bool:
    """A measure whose counts are mostly a sensitive crime type: the type alone, or with one other (the
    serious-violence proxy adds possession of weapons). A total of many types does not reveal it."""
    categories = tuple(measure.params.get("categories", ()))
    return measure.sql == registry.POLICEUK_SQL and len(categories) <= 2 and any(
        c in SENSITIVE_CATEGORIES for c in categories)


def hidden(counts: pd.Series, sensitive_rows: pd.Series | None = None) -> pd.Series:
    """Which counts to hide among counts shown beside their total: sensitive ones (all of them, unless
    `sensitive_rows` says which) under SUPPRESS_BELOW, and, when exactly one is hidden, every count equal to the
    smallest of the rest, so the total cannot reveal the one."""
    rows = pd.Series(True, index=counts.index) if sensitive_rows is None else sensitive_rows.astype(bool)
    small = rows & (counts < SUPPRESS_BELOW)
    if small.sum() == 1 and (~small).any():
        small |= counts == counts[~small].min()
    return small


def suppress_ward_extract(frame: pd.DataFrame, measure: registry.Measure, parents: pd.Series) -> pd.DataFrame:
    """A tidy ward-level extract (figures/tidy.py) with sensitive counts blanked: within each district and period
    (the district's figure is published), by `hidden`. `parents` maps ward code to district code."""
    if not sensitive(measure) or frame.empty:
        return frame
    # `hidden` within every group at once (a ward extract has hundreds of district-months).
    value = frame["value"].astype(float)
    groups = [frame["area_code"].map(parents), frame["period"]]
    small = value < SUPPRESS_BELOW
    lone = small.groupby(groups).transform("sum") == 1
    rest_min = value.where(~small).groupby(groups).transform("min")
    mask = small | (lone & (value == rest_min))
    return frame.assign(value=frame["value"].astype("Int64").mask(mask))
