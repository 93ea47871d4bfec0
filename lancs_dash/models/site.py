"""What every page states about the data: when it was built, which months are published, the districts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lancs_dash.figures.comparison import span_words
from lancs_dash.figures.fmt import built_stamp, coverage_statement
from lancs_dash.figures.periods import parse_month
from lancs_dash.read import queries
from lancs_dash.read.force import Force
from lancs_dash.read.plan import Plan
from lancs_dash.read.snapshot import Snapshot


@dataclass(frozen=True)
class Site:
    force: Force  # the force the database describes: every page names it from here
    built: str  # when the data were built, to the minute
    built_from: str
    statements: dict[str, str]  # coverage statement per monthly source ("policeuk", "stats19", ...)
    districts: dict[str, str]  # ONS code -> name, in name order
    plan: str  # the Plan's period, and whether it has ended, in words
    postcodes: bool  # whether a postcode finds its district (the lookup is loaded)
    is_plan: bool  # whether the force has a Plan file (else the pages follow groups of police.uk crime types)

    @property
    def everywhere(self) -> str:
        """The whole force area as the district picker offers it: 'All of Lancashire'."""
        return f"All of {self.force.short_name}"

    @property
    def name(self) -> str:
        """The site's name, as every page's browser title and the plain pages end with it."""
        return site_name(self.force, self.is_plan)

    @property
    def statement(self) -> str:
        """The police.uk coverage statement most pages lead with."""
        return self.statements["policeuk"]


# How the loader names its input, in words a reader knows.
BUILT_FROM = {"embedded default": "copy of the published open data that comes with the dashboard"}


def plan_name(force: Force, is_plan: bool = True) -> str:
    """The dashboard's subject in a few words, as the site's name and the pack's running footer give it: the
    force's Plan, or for a force with no Plan file the police.uk open data it shows."""
    return f"{force.short_name} {'Police & Crime Plan' if is_plan else 'police.uk open data'}"


def site_name(force: Force, is_plan: bool = True) -> str:
    return f"{plan_name(force, is_plan)} dashboard"


def plan_statement(plan: Plan, latest: date | None) -> str:
    """The Plan's own period, and, once the data run past it, that it has ended; for a force without a Plan, that."""
    if plan.period is None:
        return ("The dashboard holds no plan of this force area's commissioner, so the figures are not judged against "
                "a plan's priorities.")
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
    return Site(force=snap.force, built=built_stamp(meta), built_from=BUILT_FROM.get(built_from, built_from),
                statements={s: coverage_statement(snap.coverage(s)) for s in dict.fromkeys(["policeuk", *sources])},
                districts=snap.areas("district").set_index("area_code")["area_name"].to_dict(),
                plan=plan_statement(snap.plan, max(present) if len(present) else None),
                postcodes=queries.has_postcodes(snap.cursor()), is_plan=snap.plan.is_plan)
