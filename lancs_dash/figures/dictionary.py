"""The data dictionary: every measure and every extract column, with definition, unit, source, licence
and known limitations. Built from the registry, so the pages, the downloads and the static extracts
describe the numbers in the same words."""

from __future__ import annotations

import pandas as pd

from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.figures import small_numbers
from lancs_dash.read import registry
from lancs_dash.read.force import Force

SUPPRESSION_NOTE = ("The sources publish every count, and only one kind is held back here: ward figures of violence "
                    f"and sexual offences (alone or with possession of weapons) under {small_numbers.SUPPRESS_BELOW} are "
                    "blank (with the next smallest in the district that month, where one alone would be), because "
                    "the category is sensitive. A month that was not published is an absent row, never a zero or "
                    "a blank.")

COLUMN_DEFINITIONS = {
    "area_name": "Name of the area.",
    "measure": "Measure id; see the measure rows of this dictionary.",
    "period": "Calendar month, ISO format YYYY-MM.",
    "value": "The figure for the area and month: a plain whole number, no thousands separators. " + SUPPRESSION_NOTE,
    "unit": "What the value counts (crimes, incidents, collisions).",
    "source": f"Publisher and dataset the figure comes from, with its licence ({LICENCE}).",
}

FIELDS = ["kind", "name", "title", "definition", "unit", "source", "licence", "limitations"]


def area_code_definition(force: Force, district_codes: list[str], division_codes: list[str],
                         wards: bool = False) -> str:
    """What the area_code column holds for this database: the force area's code, the kinds of district code
    (e.g. E06/E07), ward codes where it has wards, and the project's division codes where it has divisions."""
    kinds = "/".join(sorted({c[:3] for c in district_codes}))
    ward_codes = "; E05 codes for 2025 electoral wards" if wards else ""
    text = f"ONS code of the area ({force.pfa_code} for the force area; {kinds} codes for districts{ward_codes})."
    if division_codes:
        listed = ", ".join(division_codes[:-1]) + " and " + division_codes[-1] if len(division_codes) > 1 else \
            division_codes[0]
        text += f" Divisions have no ONS code and use the project codes {listed}."
    return text


def frame(force: Force, district_codes: list[str], division_codes: list[str], wards: bool = False) -> pd.DataFrame:
    """One row per measure, then one row per extract column, for the database of `force` with these areas."""
    rows = [{"kind": "measure", "name": m.id, "title": m.title, "definition": m.definition, "unit": m.unit,
             "source": m.cited(force), "licence": f"{LICENCE}. {ATTRIBUTION}", "limitations": m.limitations}
            for m in registry.MEASURES.values()]
    columns = {"area_code": area_code_definition(force, district_codes, division_codes, wards), **COLUMN_DEFINITIONS}
    rows += [{"kind": "column", "name": c, "title": c, "definition": d, "unit": "", "source": "",
              "licence": f"{LICENCE}. {ATTRIBUTION}", "limitations": ""} for c, d in columns.items()]
    return pd.DataFrame(rows, columns=FIELDS)
