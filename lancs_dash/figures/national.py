"""The national Crime and Policing Measures the Plan adopts (section 5) and what open data we hold for
each: a monthly police.uk proxy from the registry, published figures from the official/ files, or
nothing. A measure without open data is listed with what would be needed, never left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import duckdb
import pandas as pd

Status = Literal["proxy", "published figures only", "no open data"]
PLAN_REF = "Plan section 5, National Crime and Policing Measures"

OFFICIAL_SQL = """
SELECT area_name AS area, measure, period, value_text AS value, unit, source_url AS source FROM official_figure
WHERE source_file = $file AND list_contains($measures, measure) AND list_contains($areas, area_code)
ORDER BY area_code = $home DESC, measure DESC, period
"""


@dataclass(frozen=True)
class Published:
    """Published figures in one official/ file, for the force area and any `others` (e.g. England and Wales)."""

    source_file: str
    measures: Mapping[str, str]  # measure id in the file -> what it is, in words (the heading people read)
    note: str
    others: tuple[str, ...] = ()  # area codes shown beside the force area


@dataclass(frozen=True)
class NationalMeasure:
    id: str
    priority: str  # the national priority, as a short heading
    summary: str  # what the Plan asks, in our words
    status: Status
    measure_id: str | None  # registry measure with a monthly series, if any
    proxy: str  # what the proxy is and what it cannot show; empty when there is none
    needed: str  # the data that would measure the priority itself
    published: Published | None = None

    def __reduce__(self):
        # A constant of this module: pickled page models refer to it by id, not as a copy.
        return by_id, (self.id,)


MEASURES: tuple[NationalMeasure, ...] = (
    NationalMeasure(
        "homicide", "Reduce murder and other homicides",
        "Fewer murders, manslaughters and other homicides in the force area.", "no open data", None, "",
        "Homicide counts by force: the Home Office Homicide Index (published by ONS in 'Homicide in England "
        "and Wales'). police.uk does not separate homicide; it is inside 'Violence and sexual offences'."),
    NationalMeasure(
        "serious_violence", "Reduce serious violence",
        "Less serious violence, including knife crime.", "proxy", "serious_violence_proxy",
        "police.uk 'Violence and sexual offences' plus 'Possession of weapons'. This is a very broad proxy: "
        "most of these records are assaults without injury, harassment and sexual offences, so a change "
        "in it need not mean a change in serious violence.",
        "The national measure (NHS hospital admissions for assault with a sharp object) and Home Office "
        "knife-crime counts by force.",
        Published("crime_recorded_lancashire.csv",
                  MappingProxyType({"knife_or_sharp_instrument_offences": "Knife or sharp instrument offences"}),
                  "Knife or sharp instrument offences, as published for the quarters shown (press reports of Home "
                  "Office figures)."),
    ),
    NationalMeasure(
        "drugs_supply", "Disrupt drugs supply and county lines",
        "More disruption of drug dealing and of county-lines networks.", "proxy", "drugs",
        "police.uk 'Drugs' records. They mostly reflect proactive policing (stop and search, warrants), "
        "so a rise can mean more enforcement, not more drug supply; possession and supply are not "
        "separated, and county lines are not identified at all.",
        "Drug-supply offences and county-lines disruptions by force (Home Office recorded crime by offence "
        "code; National County Lines Coordination Centre figures).",
        Published("crime_recorded_lancashire.csv",
                  MappingProxyType({
                      "drug_offences": "Drug offences",
                      "drug_offences_change": "Drug offences, change on the previous period",
                      "drug_offences_change_pct": "Drug offences, change on the previous period (%)",
                      "drug_offences_share_pct": "Drug offences, share of all recorded crime (%)"}),
                  "Drug offences for the force area as published (annual reports and press reports of Home "
                  "Office figures); periods differ."),
    ),
    NationalMeasure(
        "neighbourhood_crime", "Reduce neighbourhood crime",
        "Less burglary, robbery, theft from the person and vehicle crime.", "proxy", "neighbourhood_crime",
        "The sum of police.uk 'Burglary', 'Robbery', 'Theft from the person' and 'Vehicle crime'. These are "
        "the national measure's crime types, but police.uk's burglary and robbery include business "
        "burglary and business robbery, which the national measure leaves out.",
        "Home Office recorded crime by offence code (domestic burglary, personal robbery, theft from the "
        "person, vehicle offences) by force, or the Crime Survey for England and Wales."),
    NationalMeasure(
        "cyber_crime", "Tackle cyber crime",
        "Better protection from, and response to, computer misuse and online fraud.", "no open data", None, "",
        "Fraud and computer-misuse reports by force from Action Fraud / the National Fraud Intelligence "
        "Bureau (NFIB). police.uk excludes fraud and computer misuse entirely."),
    NationalMeasure(
        "victim_satisfaction", "Improve victim satisfaction, with a focus on domestic abuse victims",
        "More victims satisfied with the police, especially victims of domestic abuse.",
        "published figures only", None, "",
        "The force's own victim satisfaction surveys after 2017 (the Home Office stopped requiring them in "
        "April 2017, except for domestic abuse victims), with sample sizes and confidence intervals.",
        Published("satisfaction_confidence_lancashire.csv",
                  MappingProxyType({
                      "victim_satisfaction_whole_experience_pct": "Victims satisfied with the whole experience (%)",
                      "victim_satisfaction_whole_experience_ci_pct":
                          "Victim satisfaction, margin of error (confidence interval)"}),
                  "Victim satisfaction with the whole experience (HMIC PEEL 2014, from the force's victim "
                  "survey), with England and Wales for comparison. This is the latest force-wide figure we "
                  "found; no domestic-abuse satisfaction figure is published in our data.",
                  ("K04000001",)),
    ),
)


def by_id(measure_id: str) -> NationalMeasure:
    return next(m for m in MEASURES if m.id == measure_id)



def published(con: duckdb.DuckDBPyConnection, p: Published, pfa_code: str) -> pd.DataFrame:
    """The published rows for a measure in the force area `pfa_code` (and `p.others`), exactly as published
    (value as text), with source and period."""
    return con.execute(OFFICIAL_SQL, {"file": p.source_file, "measures": list(p.measures),
                                      "areas": [pfa_code, *p.others], "home": pfa_code}).df()
