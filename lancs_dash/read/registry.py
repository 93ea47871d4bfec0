"""The measure registry: one definition per measure, shared by the pages, the extract CLI and the
downloads. Each measure's SQL returns one row per area and month,
(area_code, area_name, month, value), for the parameters $level, $start and $end plus its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

import duckdb
import pandas as pd

from lancs_dash.config import ASB, CATEGORIES, LICENCE
from lancs_dash.read import official, queries
from lancs_dash.read.force import Force, from_meta

# Wards: police.uk measures only (records placed by their point, lancs_dash/load/wards.py); other sources have none.
AREA_LEVELS = ("force", "division", "district", "ward")
Direction = Literal["down", "up", "none"]

# A source names the force whose records it is: "{force}" is the database's force, filled in by Measure.cited.
POLICEUK_SOURCE = f"police.uk street-level crime and ASB data, {{force}} ({LICENCE})"
STATS19_SOURCE = f"Department for Transport road collision records (STATS19), {{force}} area ({LICENCE})"


def cite(source: str, force: Force) -> str:
    """A source as a page shows it, naming `force`, whose records these are."""
    return source.replace("{force}", force.name)

POLICEUK_SQL = """
SELECT a.area_code, a.area_name, m.month, sum(m.n)::BIGINT AS value
FROM policeuk_monthly m JOIN area a USING (area_level, area_code)
WHERE m.area_level = $level AND list_contains($categories, m.category) AND m.month BETWEEN $start AND $end
GROUP BY ALL ORDER BY a.area_code, m.month
"""

STATS19_SQL = """
SELECT a.area_code, a.area_name, m.month, sum(m.collisions)::BIGINT AS value
FROM stats19_monthly m JOIN area a USING (area_level, area_code)
WHERE m.area_level = $level AND list_contains($severities, m.severity) AND m.month BETWEEN $start AND $end
GROUP BY ALL ORDER BY a.area_code, m.month
"""

@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    definition: str
    unit: str
    direction: Direction  # which way counts as improvement
    source: str
    sql: str
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    limitations: str = ""
    # 'monthly': rows per month; 'quarterly': month is the quarter's first month; 'share': value is the
    # numerator and `base` the denominator per month; 'published': one row per published figure (period text).
    kind: str = "monthly"
    # How a sentence names it ("In Preston, recorded crime fell ..."); empty: the title, first letter lowered.
    said_as: str = ""

    def __reduce__(self):
        # A measure is a constant of this module: pickled page models refer to it by id, not as a copy.
        return get, (self.id,)

    def cited(self, force: Force) -> str:
        return cite(self.source, force)

    @property
    def noun(self) -> str:
        return self.said_as or self.title[:1].lower() + self.title[1:]


def snake(name: str) -> str:
    """'Criminal damage and arson' -> 'criminal_damage_and_arson'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


POLICEUK_LIMITS = ("Counts are records published on police.uk: locations are approximate (snapped to points), "
                   "about 5% of records have no location, and months missing from the published files are "
                   "gaps, never zeros. Division and district figures exclude records with no location or "
                   "located outside the force's districts; force figures include them. Ward figures place "
                   "each record in the 2025 electoral ward its published (anonymised) point falls in, so a district's "
                   "wards need not add up to the district.")

CATEGORY_NOTES = {
    "Violence and sexual offences": " police.uk merges sexual offences into this category, so it cannot show "
                                    "sexual offences or domestic abuse on their own.",
    "Burglary": " police.uk does not separate residential from business burglary.",
}


# Mostly found by police activity, not reported by victims: more recorded can mean more proactive policing, so
# neither direction counts as better and a change is shown but not judged.
PROACTIVE = ("Drugs", "Possession of weapons")
# police.uk merges sexual offences, where the Plan wants more victims to report, into violence: neither direction
# counts as better on its own either.
DIRECTIONS: dict[str, Direction] = {c: "none" for c in (*PROACTIVE, "Violence and sexual offences")}


def _policeuk_measures() -> list[Measure]:
    crimes = [c for c in CATEGORIES if c != ASB]
    out = [
        Measure("asb_incidents", "Anti-social behaviour incidents",
                "Anti-social behaviour incidents recorded by the force and published on police.uk, per month.",
                "incidents", "down", POLICEUK_SOURCE, POLICEUK_SQL,
                MappingProxyType({"categories": [ASB]}), POLICEUK_LIMITS + " ASB records have no crime ID or outcome.",
                said_as="anti-social behaviour"),
        Measure("crimes", "Crimes (all police.uk crime types)",
                "Street-level crimes published on police.uk, all crime types except anti-social behaviour, per month.",
                "crimes", "down", POLICEUK_SOURCE, POLICEUK_SQL,
                MappingProxyType({"categories": crimes}),
                POLICEUK_LIMITS + " police.uk excludes fraud and some other offences recorded by the force.",
                said_as="recorded crime"),
    ]
    for c in crimes:
        out.append(Measure(
            snake(c), c, f"'{c}' crimes published on police.uk, per month.", "crimes", DIRECTIONS.get(c, "down"),
            POLICEUK_SOURCE, POLICEUK_SQL,
            MappingProxyType({"categories": [c]}), POLICEUK_LIMITS + CATEGORY_NOTES.get(c, "")))
    return out


# Sums of police.uk crime types that stand in for the national Crime and Policing Measures (Plan §5);
# see lancs_dash/national.py for how each is used and what it cannot show.
# Crimes of taking: the open-data pages' group for a force with no Plan (data/plans/open-data.toml).
ACQUISITIVE = ("Burglary", "Robbery", "Theft from the person", "Shoplifting", "Bicycle theft", "Other theft")
NEIGHBOURHOOD_CRIME = ("Burglary", "Robbery", "Theft from the person", "Vehicle crime")
SERIOUS_VIOLENCE_PROXY = ("Violence and sexual offences", "Possession of weapons")


def _national_proxies() -> list[Measure]:
    return [
        Measure("neighbourhood_crime", "Neighbourhood crime (police.uk proxy)",
                "The sum of police.uk Burglary, Robbery, Theft from the person and Vehicle crime, per month: the "
                "crime types closest to the national neighbourhood-crime measure.", "crimes", "down",
                POLICEUK_SOURCE,
                POLICEUK_SQL, MappingProxyType({"categories": list(NEIGHBOURHOOD_CRIME)}),
                POLICEUK_LIMITS + " The national measure counts domestic burglary, personal robbery, theft from "
                "the person and vehicle offences; police.uk's Burglary and Robbery also include business "
                "burglary and business robbery, so this proxy counts more than the national measure.",
                said_as="neighbourhood crime (burglary, robbery, theft from the person and vehicle crime)"),
        Measure("serious_violence_proxy", "Violence and sexual offences plus possession of weapons (broad proxy)",
                "The sum of police.uk Violence and sexual offences and Possession of weapons, per month.", "crimes",
                "down", POLICEUK_SOURCE,
                POLICEUK_SQL, MappingProxyType({"categories": list(SERIOUS_VIOLENCE_PROXY)}),
                POLICEUK_LIMITS + " A very broad proxy: most of these records are common assault, harassment and "
                "other violence without injury, which the national serious-violence measure (hospital admissions "
                "for assault with a sharp object) does not count. police.uk does not separate knife crime.",
                said_as="violence and sexual offences plus possession of weapons"),
    ]


STATS19_LIMITS = ("The Department for Transport's road collision records (STATS19) count collisions reported to the "
                  "police in which someone was hurt. These are "
                  "collisions, not casualties: one collision can kill or injure several people. Only the years "
                  "loaded are shown.")

MEASURES: dict[str, Measure] = {m.id: m for m in _policeuk_measures() + _national_proxies() + [
    Measure("ksi_collisions", "Collisions killing or seriously injuring someone (KSI collisions)",
            "Road collisions with at least one fatal or serious casualty (STATS19 collision severity 1 or 2), per month.",
            "collisions", "down", STATS19_SOURCE,
            STATS19_SQL, MappingProxyType({"severities": ["Fatal", "Serious"]}), STATS19_LIMITS,
            said_as="collisions killing or seriously injuring someone"),
    Measure("road_collisions", "Injury road collisions (all severities)",
            "Road collisions with at least one casualty, any severity, per month.",
            "collisions", "down", STATS19_SOURCE,
            STATS19_SQL, MappingProxyType({"severities": ["Fatal", "Serious", "Slight"]}), STATS19_LIMITS,
            said_as="injury road collisions"),
]}


OUTCOMES_SQL = """
SELECT a.area_code, a.area_name, o.month,
       coalesce(sum(o.n) FILTER (WHERE o.outcome_group = 'Charged or summonsed'), 0)::BIGINT AS value,
       sum(o.n)::BIGINT AS base
FROM policeuk_outcomes o JOIN area a USING (area_level, area_code)
WHERE o.area_level = $level AND list_contains($categories, o.category) AND o.month BETWEEN $start AND $end
GROUP BY ALL ORDER BY a.area_code, o.month
"""

HOMEOFFICE_SQL = """
SELECT a.area_code, a.area_name, h.quarter_start AS month, sum(h.n)::BIGINT AS value
FROM homeoffice_recorded h JOIN area a ON a.area_level = 'force' AND $level = 'force'
WHERE h.force_name = $force AND list_contains($subgroups, h.offence_subgroup) AND h.quarter_start BETWEEN $start AND $end
GROUP BY ALL ORDER BY month
"""

PUBLISHED_SQL = """
SELECT area_code, area_name, period, value, value_text, unit, source_url FROM official_figure
WHERE measure = $measure ORDER BY area_code, period
"""

HOMEOFFICE_SOURCE = f"Home Office police recorded crime by police force area ({LICENCE})"
HOMEOFFICE_LIMITS = ("Offences recorded by the force, by financial quarter, force area only (no district figures). "
                     "The Home Office quarterly tables loaded cover 2017/18 only, so no recent trend can be given "
                     "from them. Counts include "
                     "published negative adjustments for offences later cancelled.")
OUTCOME_LIMITS = ("Share of crimes whose last published outcome is a charge or summons (any court outcome), out of "
                  "all crimes with an outcome recorded. Outcomes are as at download, so recent months have more "
                  "crimes still under investigation and a lower share.")

MEASURES.update({m.id: m for m in [
    Measure("burglary_robbery", "Burglary and robbery",
            "Burglary and robbery crimes published on police.uk, per month.", "crimes", "down",
            POLICEUK_SOURCE, POLICEUK_SQL,
            MappingProxyType({"categories": ["Burglary", "Robbery"]}), POLICEUK_LIMITS + CATEGORY_NOTES["Burglary"]),
    Measure("burglary_robbery_theft", "Burglary, robbery and theft",
            "Burglary, robbery and every police.uk theft type (theft from the person, shoplifting, bicycle theft, "
            "other theft) published on police.uk, per month.", "crimes", "down", POLICEUK_SOURCE, POLICEUK_SQL,
            MappingProxyType({"categories": list(ACQUISITIVE)}), POLICEUK_LIMITS + CATEGORY_NOTES["Burglary"],
            said_as="burglary, robbery and theft"),
    Measure("proactive_drugs_weapons", "Drug and weapon possession offences (proactive policing)",
            "Drugs and possession of weapons crimes published on police.uk, per month. Mostly found by police "
            "activity, so a rise usually means more proactive policing.", "crimes", "none",
            POLICEUK_SOURCE, POLICEUK_SQL,
            MappingProxyType({"categories": list(PROACTIVE)}), POLICEUK_LIMITS,
            said_as="drug and weapon possession offences"),
    Measure("burglary_robbery_charged_share", "Burglaries and robberies ending in charge or summons",
            "Burglaries and robberies whose last outcome is a charge or summons, as a share of those with an outcome.",
            "percent", "up", POLICEUK_SOURCE, OUTCOMES_SQL, MappingProxyType({"categories": ["Burglary", "Robbery"]}),
            OUTCOME_LIMITS,
            kind="share"),
    Measure("drugs_weapons_charged_share", "Drug and weapon offences ending in charge or summons",
            "Drug and weapon possession offences whose last outcome is a charge or summons, as a share of those "
            "with an outcome.", "percent", "up", POLICEUK_SOURCE, OUTCOMES_SQL,
            MappingProxyType({"categories": ["Drugs", "Possession of weapons"]}),
            OUTCOME_LIMITS, kind="share"),
    Measure("ho_sexual_offences", "Sexual offences recorded (Home Office)",
            "Sexual offences (rape and other sexual offences) recorded by the force, per financial quarter.",
            "offences", "none", HOMEOFFICE_SOURCE, HOMEOFFICE_SQL,
            MappingProxyType({"subgroups": ["Rape offences", "Other sexual offences"]}),
            HOMEOFFICE_LIMITS + " More reports can mean victims are more confident to come forward, so no direction "
                                "counts as improvement on its own.", kind="quarterly"),
    Measure("ho_stalking_harassment", "Stalking and harassment recorded (Home Office)",
            "Stalking and harassment offences recorded by the force, per financial quarter.",
            "offences", "none", HOMEOFFICE_SOURCE, HOMEOFFICE_SQL,
            MappingProxyType({"subgroups": ["Stalking and harassment"]}),
            HOMEOFFICE_LIMITS, kind="quarterly"),
    Measure("victim_satisfaction", "Victim satisfaction with the whole experience (published)",
            "Percentage of surveyed crime victims satisfied with the whole experience, with its confidence interval.",
            "percent", "up", f"HMICFRS PEEL assessment, as published ({LICENCE})", PUBLISHED_SQL,
            MappingProxyType({"measure": "victim_satisfaction_whole_experience_pct"}),
            "All crime victims surveyed, not only victims of domestic abuse or sexual violence; the latest figure "
            "published in the data available is for the year ending June 2014.", kind="published"),
    Measure("official_recorded_crime", "Police recorded crime (official statistics)",
            "Offences recorded by the force in the area over 12 months, as published in the official police recorded "
            "crime statistics, or derived from two published figures (each row says which, and how). Compare with "
            "'crimes' (police.uk) on the Data page's reconciliation table.", "offences", "down", official.SOURCE, official.SQL,
            MappingProxyType({"totals": list(official.TOTALS), "change": official.CHANGE}), official.LIMITATIONS,
            kind="published"),
]})


def get(measure_id: str) -> Measure:
    """The measure with this id; KeyError naming the valid ids otherwise."""
    try:
        return MEASURES[measure_id]
    except KeyError:
        raise KeyError(f"unknown measure {measure_id!r}; known measures: {', '.join(MEASURES)}") from None


def series(con: duckdb.DuckDBPyConnection, measure_id: str, level: str,
           start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Monthly values of a measure for every area at `level`: area_code, area_name, month, value.

    Only published months appear: a gap in the source is a missing row, never a zero.
    """
    if level not in AREA_LEVELS:
        raise ValueError(f"unknown area level {level!r}; expected one of {', '.join(AREA_LEVELS)}")
    m = get(measure_id)
    if m.kind == "published" and "$level" in m.sql:  # published figures with their own areas
        return con.execute(m.sql, {"level": level, **m.params}).df()
    if m.kind == "published":  # published figures for the force area only
        frame = con.execute(m.sql, dict(m.params)).df()
        return frame if level == "force" else frame.iloc[0:0]
    params = {"level": level, "start": start or date(1900, 1, 1), "end": end or date(2999, 12, 1), **m.params}
    if m.sql is HOMEOFFICE_SQL:  # the Home Office tables name the force in their own words
        params["force"] = from_meta(queries.meta(con)).homeoffice_name
    return con.execute(m.sql, params).df()


# Force comparison measures: one rate per force over a 12-month window (see lancs_dash/compare.py),
# not monthly series, so they are kept apart from MEASURES and registry.series.
NATIONAL_SOURCE = (f"police.uk street-level crime, national counts by force ({LICENCE}); populations: "
                   "ONS Census 2021, sum of local authorities in each police force area (derived)")
FORCE_RATE_LIMITS = (
    "Rates are police.uk records over 12 months per 1,000 residents (Census 2021, the sum of each police force "
    "area's local authorities: derived, not an ONS table). A force whose file is missing for any month of the "
    "window is left out, never counted as zero. A force area with fewer than 100,000 residents (City of London, "
    "about 8,600) is shown but not ranked or flagged: its rates per resident are not comparable. "
    "police.uk excludes fraud and some other offences.")


@dataclass(frozen=True)
class ForceRate:
    id: str
    title: str
    categories: tuple[str, ...]  # police.uk crime types summed
    unit: str = "crimes per 1,000 residents"
    source: str = NATIONAL_SOURCE
    limitations: str = FORCE_RATE_LIMITS


def _force_rates() -> dict[str, ForceRate]:
    crimes = tuple(c for c in CATEGORIES if c != ASB)
    out = [ForceRate("crimes_per_1000", "All crime (police.uk crime types)", crimes)]
    out += [ForceRate(f"{snake(c)}_per_1000", c, (c,)) for c in crimes]
    return {m.id: m for m in out}


FORCE_RATES: dict[str, ForceRate] = _force_rates()
