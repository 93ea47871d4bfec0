"""Which force a database describes: the loader records it in `meta`, and every renderer names the force
from here, never from a constant, so one code base serves any police force area."""

from __future__ import annotations

from dataclasses import dataclass

from lancs_dash.config import FORCE

# meta keys the loader writes for the force (lancs_dash/load/build.py).
META_KEYS = ("force_slug", "force_name", "force_short_name", "pfa_code", "homeoffice_name")


@dataclass(frozen=True)
class Force:
    slug: str  # police.uk's force slug, e.g. "cumbria"
    name: str  # as police.uk writes it, e.g. "Cumbria Constabulary"
    short_name: str  # the police force area, e.g. "Cumbria"
    pfa_code: str  # ONS police force area code, e.g. "E23000002"
    homeoffice_name: str  # as the Home Office recorded-crime tables write the force ("" if unknown)


LANCASHIRE = Force(FORCE.slug, FORCE.name, FORCE.short_name, FORCE.pfa_code, FORCE.homeoffice_name)


def from_meta(meta: dict[str, str]) -> Force:
    """The force a database's meta names; a file written before the loader recorded it is Lancashire's."""
    if "force_slug" not in meta:
        return LANCASHIRE
    return Force(meta["force_slug"], meta["force_name"], meta["force_short_name"], meta["pfa_code"],
                 meta.get("homeoffice_name", ""))
