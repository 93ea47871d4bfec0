"""Find my area: a postcode typed by a person -> the district whose figures to show.

The text is checked against the UK postcode pattern before it reaches the database, and then only as a
query parameter. The lookup includes terminated postcodes (the ONS source has no flag), so an old
postcode still finds the district it was in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import duckdb

from lancs_dash.read.force import Force

POSTCODE_RE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
OUTWARD_RE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")


@dataclass(frozen=True)
class Lookup:
    status: Literal["found", "outside", "malformed", "empty"]
    message: str
    postcode: str = ""  # tidied, e.g. 'PR1 2AB'
    district_code: str | None = None
    district_name: str | None = None
    ward_code: str | None = None  # the ward its point falls in, where the database has wards (None if none)
    ward_name: str | None = None


def normalise(text: str) -> str | None:
    """'pr1  2ab ' -> 'PR12AB'; None when it is not shaped like a full UK postcode."""
    compact = re.sub(r"\s+", "", text or "").upper()
    return compact if len(compact) <= 7 and POSTCODE_RE.fullmatch(compact) else None


def pretty(compact: str) -> str:
    return f"{compact[:-3]} {compact[-3:]}"


def find(con: duckdb.DuckDBPyConnection, text: str, force: Force) -> Lookup:
    """The district of a postcode in `force`'s area (the database's), or a message saying helpfully why there is
    none."""
    if not (text or "").strip():
        return Lookup("empty", "Enter a postcode, for example PR1 2AB.")
    compact = normalise(text)
    if compact is None:
        hint = (" That looks like the first half only: please add the second half, e.g. PR1 2AB."
                if OUTWARD_RE.fullmatch(re.sub(r"\s+", "", text).upper()) else "")
        # The text is not echoed back: it may be anything.
        return Lookup("malformed", f"That is not a UK postcode.{hint} A postcode looks like PR1 2AB or BB10 1AA.")
    row = con.execute(
        """SELECT a.area_code, a.area_name, w.area_code, w.area_name FROM postcode p
           JOIN area a ON a.area_level = 'district' AND a.area_code = p.district_code
           LEFT JOIN area w ON w.area_level = 'ward' AND w.area_code = p.ward_code
           WHERE p.postcode = $pc""", {"pc": compact}).fetchone()
    if row is None:
        (districts,) = con.execute("SELECT count(*) FROM area WHERE area_level = 'district'").fetchone()
        return Lookup("outside", f"{pretty(compact)} is not in the {force.short_name} police force area (or is not a "
                                 f"postcode the ONS directory knows). This dashboard covers the {districts} districts "
                                 f"policed by {force.name}; for other areas see police.uk.", pretty(compact))
    ward = f", in {row[3]} ward" if row[3] else ""
    return Lookup("found", f"{pretty(compact)} is in {row[1]}{ward}.", pretty(compact), row[0], row[1], row[2], row[3])
