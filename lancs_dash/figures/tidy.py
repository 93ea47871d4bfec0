"""The published extract schema: a registry series as tidy rows (area, measure, period, value, unit, source),
shared by the extract command, the Data page and the static extracts the loader publishes. Ward figures of a
sensitive crime type are blanked as on the pages (figures/small_numbers.py)."""

from __future__ import annotations

import pandas as pd

from lancs_dash.figures import small_numbers
from lancs_dash.read import registry
from lancs_dash.read.force import Force

COLUMNS = ["area_code", "area_name", "measure", "period", "value", "unit", "source"]


def _period(frame: pd.DataFrame, measure: registry.Measure) -> pd.Series:
    """'YYYY-MM' for monthly measures, 'YYYY-MM/YYYY-MM' for quarters, the source's own label for published ones."""
    if measure.kind == "published":
        return frame["period"]
    start = pd.to_datetime(frame["month"])
    if measure.kind == "quarterly":
        return start.dt.strftime("%Y-%m") + "/" + (start + pd.DateOffset(months=2)).dt.strftime("%Y-%m")
    # Formatted once per distinct month: a ward series repeats each month hundreds of times.
    codes, months = pd.factorize(start)
    return pd.Series(pd.DatetimeIndex(months).strftime("%Y-%m").to_numpy()[codes], index=frame.index)


def tidy(frame: pd.DataFrame, measure: registry.Measure, force: Force) -> pd.DataFrame:
    """A registry series of `force`'s database in the published extract schema (shares as a percentage of their
    base)."""
    value = (100 * frame["value"] / frame["base"]).round(1) if measure.kind == "share" else frame["value"]
    # Published figures may carry a source per row (the page it was published on, or how it was derived).
    source = frame["source"] if "source" in frame else measure.cited(force)
    out = frame.assign(measure=measure.id, period=_period(frame, measure), value=value, unit=measure.unit,
                       source=source)
    return out[COLUMNS]


def extract(frame: pd.DataFrame, measure: registry.Measure, level: str, areas: pd.DataFrame,
            force: Force) -> pd.DataFrame:
    """`tidy`, with a ward extract's sensitive counts blanked within each district and month. `areas` is the
    level's areas (read/queries.areas: area_code, parent_code)."""
    out = tidy(frame, measure, force)
    if level != "ward":
        return out
    return small_numbers.suppress_ward_extract(out, measure, areas.set_index("area_code")["parent_code"])
