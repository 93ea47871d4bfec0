"""What every page states about the data: when it was built, which months are published, the districts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lancs_dash.figures.comparison import span_words
from lancs_dash.figures.fmt import built_stamp, coverage_statement
from lancs_dash.figures.periods import parse_month
from lancs_dash.read import queries
from lancs_dash.read.plan import Plan
from lancs_dash.read.snapshot import Snapshot


@dataclass(frozen=True)
class Site:
    built: str  # when the data were built, to the minute
    built_from: str
    statements: dict[str, str]  # coverage statement per monthly source ("policeuk", "stats19", ...)
    districts: dict[str, str]  # ONS code -> name, in name order
    plan: str  # the Plan's period, and whether it has ended, in words

    @property
    def statement(self) -> str:
        """The police.uk coverage statement most pages lead with."""
        return self.statements["policeuk"]


# How the loader names its input, in words a reader knows.
BUILT_FROM = {"embedded default": "copy of the published open data that comes with the dashboard"}


def plan_statement(plan: Plan, latest: date | None) -> str:
    """The Plan's own period, and, once the data run past it, that it has ended; for a force without a Plan, that."""
    if plan.period is None:
        return (f"{plan.title}, by group of crime types: the dashboard holds no plan of this force's commissioner to "
                "show the figures against.")
    start, end = (parse_month(m) for m in plan.period)
    period = span_words(start, end)
    if latest and latest > end:
        return (f"The Police and Crime Plan covered {period}. Figures after that are shown against its priorities "
                "until a new Plan is published.")
    return f"The Police and Crime Plan covers {period}."


def build(snap: Snapshot) -> Site:
    meta = snap.meta()
    sources = queries.coverage_sources(snap.cursor())
    cov = snap.coverage("policeuk")
    present = pd.to_datetime(cov.loc[cov["status"] == "present", "month"]).dt.date
    built_from = meta.get("built_from", "unknown source")
    return Site(built=built_stamp(meta), built_from=BUILT_FROM.get(built_from, built_from),
                statements={s: coverage_statement(snap.coverage(s)) for s in dict.fromkeys(["policeuk", *sources])},
                districts=snap.areas("district").set_index("area_code")["area_name"].to_dict(),
                plan=plan_statement(snap.plan, max(present) if len(present) else None))
