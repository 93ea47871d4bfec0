"""Every monthly count measure's verdict for every area, as one table: the same comparison and status the pages
give (noise.verdict), published as verdicts.csv with the extracts so a journalist can cite the status itself."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lancs_dash.figures import noise, windows
from lancs_dash.read import registry

# Wards are judged on their own pages, with the small-numbers rule and suppression (figures/small_numbers.py);
# 253 wards would also add seconds to every publish.
VERDICT_LEVELS = ("force", "division", "district")
COLUMNS = ["area_level", "area_code", "area_name", "measure", "current_period", "previous_period", "current",
           "previous", "change", "change_pct", "noise_band", "direction", "status"]


def _months(span) -> str:
    """'2025-01/2025-04', the extract schema's form of a run of months."""
    return f"{span.start:%Y-%m}/{span.end:%Y-%m}"


def table(series: Callable[[str, str], pd.DataFrame]) -> pd.DataFrame:
    """One row per monthly count measure and area (force, divisions, districts), from `series(measure_id, level)`
    (a snapshot's); a measure too short to compare has its row with the status 'not comparable' and no figures."""
    rows = []
    for m in (m for m in registry.MEASURES.values() if m.kind == "monthly"):
        for level in VERDICT_LEVELS:
            for (code, name), part in series(m.id, level).groupby(["area_code", "area_name"]):
                v = noise.verdict(windows.monthly(part), m.direction)
                c = v.compared
                rows.append([level, code, name, m.id, _months(c.current) if c else "", _months(c.previous) if c else "",
                             c.current.total if c else None, c.previous.total if c else None,
                             c.change if c else None, round(c.change_pct, 1) if c and c.change_pct is not None else None,
                             round(v.band) if v.band is not None else None, m.direction, v.status])
    return pd.DataFrame(rows, columns=COLUMNS)
