"""The force this deployment describes, and where its files live.

Everything force-specific lives here so that another force is a change of configuration, not of
logic: the loader reads the district list and lookups named below, never a hard-coded list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DB = DATA_DIR / "lancs.duckdb"
EMBEDDED_DEFAULT = DATA_DIR / "default"

LICENCE = "Open Government Licence v3.0"
# Maps draw their own district outlines and names, so they need no network. A tiled basemap is optional:
# LANCS_DASH_BASEMAP=light (or dark, road, or a style URL) adds Carto's tiles, fetched by each visitor.
BASEMAP = os.environ.get("LANCS_DASH_BASEMAP", "")
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
# police.uk's street-level categories: the loader accepts only these, and the measures are built from them.
ASB = "Anti-social behaviour"
CATEGORIES = (
    ASB, "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other crime", "Other theft",
    "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person",
    "Vehicle crime", "Violence and sexual offences",
)


@dataclass(frozen=True)
class ForceConfig:
    name: str  # as police.uk writes it in "Reported by" / "Falls within"
    short_name: str
    slug: str  # police.uk file-name slug
    pfa_code: str  # ONS police force area code
    stats19_code: int  # DfT STATS19 police_force code
    district_lookup: str  # relative to the raw data folder
    lsoa11_lookup: str
    lsoa21_lookup: str
    district_outlines: str
    lsoa11_outlines: str
    lsoa21_outlines: str
    postcode_lookup: str
    homeoffice_name: str = ""  # as the Home Office recorded-crime tables write the force


FORCE = ForceConfig(
    name="Lancashire Constabulary",
    short_name="Lancashire",
    slug="lancashire",
    pfa_code="E23000003",
    stats19_code=4,
    district_lookup="lookups/lad_lancs14.csv",
    lsoa11_lookup="lookups/lsoa11_to_lad_lancs14.csv",
    lsoa21_lookup="lookups/lsoa21_to_lad_lancs14.csv",
    district_outlines="geo/lad_lancs14.geojson",
    lsoa11_outlines="geo/lsoa11_lancs14.geojson",
    lsoa21_outlines="geo/lsoa21_lancs14.geojson",
    postcode_lookup="lookups/postcode_to_lad_lancs14.csv",
    homeoffice_name="Lancashire",
)

# Standard extracts published by the loader; Streamlit serves ./static/ at /app/static/.
EXTRACTS_DIR = PROJECT_ROOT / "static" / "extracts"
