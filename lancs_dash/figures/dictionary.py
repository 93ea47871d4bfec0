"""The data dictionary: every measure and every extract column, with definition, unit, source, licence
and known limitations. Built from the registry, so the pages, the downloads and the static extracts
describe the numbers in the same words."""

from __future__ import annotations

import pandas as pd

from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.figures import small_numbers
from lancs_dash.read import registry

SUPPRESSION_NOTE = ("The sources publish every count, and only one kind is held back here: ward figures of violence "
                    f"and sexual offences (alone or with possession of weapons) under {small_numbers.SUPPRESS_BELOW} are "
                    "blank (with the next smallest in the district that month, where one alone would be), because "
                    "the category is sensitive. A month that was not published is an absent row, never a zero or "
                    "a blank.")

COLUMN_DEFINITIONS = {
    "area_code": "ONS code of the area (E23000003 for the force area; E06/E07 codes for districts; E05 codes for 2025 "
                 "electoral wards). Divisions have no ONS code and use the project codes WEST, SOUTH and EAST.",
    "area_name": "Name of the area.",
    "measure": "Measure id; see the measure rows of this dictionary.",
    "period": "Calendar month, ISO format YYYY-MM.",
    "value": "The figure for the area and month: a plain whole number, no thousands separators. " + SUPPRESSION_NOTE,
    "unit": "What the value counts (crimes, incidents, collisions).",
    "source": f"Publisher and dataset the figure comes from, with its licence ({LICENCE}).",
}

FIELDS = ["kind", "name", "title", "definition", "unit", "source", "licence", "limitations"]


def frame() -> pd.DataFrame:
    """One row per measure, then one row per extract column."""
    rows = [{"kind": "measure", "name": m.id, "title": m.title, "definition": m.definition, "unit": m.unit,
             "source": m.source, "licence": f"{LICENCE}. {ATTRIBUTION}", "limitations": m.limitations}
            for m in registry.MEASURES.values()]
    rows += [{"kind": "column", "name": c, "title": c, "definition": d, "unit": "", "source": "",
              "licence": f"{LICENCE}. {ATTRIBUTION}", "limitations": ""} for c, d in COLUMN_DEFINITIONS.items()]
    return pd.DataFrame(rows, columns=FIELDS)
