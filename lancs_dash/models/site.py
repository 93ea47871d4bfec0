"""What every page states about the data: when it was built, which months are published, the districts."""

from __future__ import annotations

from dataclasses import dataclass

from lancs_dash.figures.fmt import built_stamp, coverage_statement
from lancs_dash.read import queries
from lancs_dash.read.snapshot import Snapshot


@dataclass(frozen=True)
class Site:
    built: str  # when the data were built, to the minute
    built_from: str
    statements: dict[str, str]  # coverage statement per monthly source ("policeuk", "stats19", ...)
    districts: dict[str, str]  # ONS code -> name, in name order

    @property
    def statement(self) -> str:
        """The police.uk coverage statement most pages lead with."""
        return self.statements["policeuk"]


def build(snap: Snapshot) -> Site:
    meta = snap.meta()
    sources = queries.coverage_sources(snap.cursor())
    return Site(built=built_stamp(meta), built_from=meta.get("built_from", "unknown source"),
                statements={s: coverage_statement(snap.coverage(s)) for s in dict.fromkeys(["policeuk", *sources])},
                districts=snap.areas("district").set_index("area_code")["area_name"].to_dict())
