"""Writes small raw-data folders in the real file formats (same headers and quirks as the open
data), so loader tests know every expected figure by construction."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

STREET_HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                 "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]
FORCE = "Lancashire Constabulary"
BLACKPOOL, PRESTON = "E06000009", "E07000123"
LSOA_BPL, LSOA_PRE, LSOA_PRE_2021_ONLY, LSOA_BIRMINGHAM = "E01012671", "E01025300", "E01035000", "E01009233"


def street_row(month: str, crime_type: str, lsoa: str = LSOA_BPL, outcome: str | None = "Under investigation",
               force: str = FORCE, lsoa_name: str = "Blackpool 001A") -> list[str]:
    asb = crime_type == "Anti-social behaviour"
    located = bool(lsoa)
    return ["" if asb else f"id-{month}-{crime_type}-{lsoa}", month, force, force,
            "-3.05" if located else "", "53.8" if located else "", "On or near Example Street" if located else "",
            lsoa, lsoa_name if located else "", crime_type, "" if asb or outcome is None else outcome, ""]


# The records of the fixture force: 2024-01, 2024-02 and 2024-04 (2024-03 is a gap).
STREET_ROWS = (
    [street_row("2024-01", "Burglary")] * 3
    + [street_row("2024-01", "Anti-social behaviour", LSOA_PRE, lsoa_name="Preston 001A")]
    + [street_row("2024-01", "Drugs", "")]  # no location
    + [street_row("2024-01", "Robbery", LSOA_BIRMINGHAM, "Offender sent to prison", lsoa_name="Birmingham 008D")]
    + [street_row("2024-02", "Anti-social behaviour", LSOA_PRE_2021_ONLY, lsoa_name="Preston 001F")] * 2
    + [street_row("2024-04", "Vehicle crime", LSOA_BPL, "Awaiting court outcome")]
)


def write_csv(path: Path, header: list[str], rows: list[list], gz: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _square(x: float, y: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]]}


def _geojson(path: Path, features: list[tuple[dict, dict]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": p, "geometry": g} for p, g in features]}))


def write_reference(root: Path) -> None:
    """Lookups, outlines and populations for two districts (Blackpool, West; Preston, South)."""
    write_csv(root / "lookups/lad_lancs14.csv",
              ["lad_cd", "lad_nm", "lad_type", "utla_cd", "utla_nm", "csp_cd", "division", "pfa_cd", "pfa_nm"],
              [[BLACKPOOL, "Blackpool", "Unitary authority", BLACKPOOL, "Blackpool", "E22000151", "West", "E23000003",
                "Lancashire"],
               [PRESTON, "Preston", "Non-metropolitan district", "E10000017", "Lancashire", "E22000159", "South",
                "E23000003", "Lancashire"]])
    lsoa_header = ["{c}cd", "{c}nm", "lad_cd", "lad_nm", "division", "csp_cd", "pfa_cd"]
    for code, extra in (("lsoa11", []), ("lsoa21", [[LSOA_PRE_2021_ONLY, "Preston 001F", PRESTON, "Preston", "South",
                                                       "E22000159", "E23000003"]])):
        write_csv(root / f"lookups/{code}_to_lad_lancs14.csv", [h.format(c=code) for h in lsoa_header],
                  [[LSOA_BPL, "Blackpool 001A", BLACKPOOL, "Blackpool", "West", "E22000151", "E23000003"],
                   [LSOA_PRE, "Preston 001A", PRESTON, "Preston", "South", "E22000159", "E23000003"]] + extra)
        codes = [(LSOA_BPL, -3.1), (LSOA_PRE, -2.7)] + ([(LSOA_PRE_2021_ONLY, -2.6)] if extra else [])
        _geojson(root / f"geo/{code}_lancs14.geojson",
                 [({code.upper() + "CD": c, "lad_cd": BLACKPOOL if c == LSOA_BPL else PRESTON}, _square(x, 53.8))
                  for c, x in codes])
    _geojson(root / "geo/lad_lancs14.geojson",
             [({"lad_cd": BLACKPOOL, "lad_nm": "Blackpool"}, _square(-3.1, 53.8)),
              ({"lad_cd": PRESTON, "lad_nm": "Preston"}, _square(-2.7, 53.8))])
    url = "https://example.org/census"
    write_csv(root / "official/population_census2021_lancs14.csv",
              ["area_code", "area_name", "measure", "period", "value", "unit", "source_url"],
              [[BLACKPOOL, "Blackpool", "census_population", "Census 2021", 141036, "persons", url],
               [PRESTON, "Preston", "census_population", "Census 2021", 147835, "persons", url]])


def write_raw(root: Path) -> Path:
    """A folder laid out like shared/data, with a national file that repeats the force's 2024-02."""
    write_reference(root)
    write_csv(root / "policeuk/lancashire_street.csv.gz", STREET_HEADER, STREET_ROWS, gz=True)
    national = [r for r in STREET_ROWS if r[1] == "2024-02"] + [
        street_row("2024-02", "Burglary", "E01000001", force="Cumbria Constabulary", lsoa_name="Elsewhere 001A")]
    write_csv(root / "policeuk/national_street_2024-02.csv.gz", STREET_HEADER, national, gz=True)
    write_csv(root / "stats19/lancashire_collisions_2023.csv.gz",
              ["accident_index", "accident_year", "police_force", "accident_severity", "number_of_casualties",
               "date", "local_authority_ons_district"],
              [["2023040000001", 2023, 4, 1, 2, "2023-01-05", BLACKPOOL],
               ["2023040000002", 2023, 4, 2, 1, "2023-01-20", PRESTON],
               ["2023040000003", 2023, 4, 3, 1, "2023-03-02", PRESTON]], gz=True)
    return root


PRC_HEADER = ["Financial_Year", "Financial_Quarter", "Force_Name", "Offence_Description", "Offence_Group",
              "Offence_Subgroup", "Offence_Code", "Number_of_Offences", "Policeuk_Cat"]
# Two rape codes in one subgroup (summed), a negative adjustment (kept as published), another force.
PRC_ROWS = [
    ["2017/18", 1, "Lancashire", "Rape of a female aged 16 and over", "Sexual offences", "Rape offences", "19C", 5, "x"],
    ["2017/18", 1, "Lancashire", "Rape of a male aged 16 and over", "Sexual offences", "Rape offences", "19D", 2, "x"],
    ["2017/18", 3, "Lancashire", "Stalking", "Violence against the person", "Stalking and harassment", "8Q", 4, "x"],
    ["2017/18", 3, "Lancashire", "Harassment", "Violence against the person", "Stalking and harassment", "8L", -1, "x"],
    ["2017/18", 1, "Cumbria", "Stalking", "Violence against the person", "Stalking and harassment", "8Q", 3, "x"],
]


def write_homeoffice(root: Path, rows: list[list] | None = None) -> Path:
    return write_csv(root / "homeoffice/prc_pfa_2017-18_quarterly.csv.gz", PRC_HEADER,
                     PRC_ROWS if rows is None else rows, gz=True)
