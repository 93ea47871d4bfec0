"""Which forces the database's force is compared with: the one rule every renderer uses.

1. Forces like it: its Home Office most similar group if one is loaded for it (Lancashire's as the
   Commissioner's scrutiny pack listed it in June 2015), labelled with its date and source; otherwise a
   similar-forces group we compute openly from the Census 2021 profile of every force area (`similar_forces`),
   labelled as ours, never as the Home Office's.
2. Its region, if a loaded list names one with the force in it (the North West for Lancashire and Cumbria).
3. All forces of England and Wales.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from lancs_dash.read import queries
from lancs_dash.read.force import Force, from_meta

# The computed group: nearest forces on these force_profile indicators (lancs_dash/load/groups.py).
SIMILARITY = {
    "density": "population density (log scale)",
    "aged_15_24_pct": "share of residents aged 15 to 24",
    "born_outside_uk_pct": "share of residents born outside the UK",
    "one_person_households_pct": "share of one-person households",
}
LOG_SCALED = ("density",)  # spans a hundredfold between force areas: compared as ratios, not differences
SIMILAR_SIZE = 7  # other forces, as many as the Home Office group listed for Lancashire
# Force areas with fewer residents take no part (City of London: about 8,600), as in the ranking itself.
MIN_RESIDENTS = 100_000
ALL_FORCES = "All forces of England and Wales"


@dataclass(frozen=True)
class Group:
    kind: str  # 'most_similar' (published) | 'similar_computed' (ours) | 'region' | 'all'
    name: str
    pfa_codes: tuple[str, ...] | None  # members, the force itself included; None: every force
    names: tuple[str, ...]  # the members' names, as pfa_codes orders them
    source: str  # where the list comes from and when, or how it was computed: stated wherever it is used
    source_url: str = ""

    @property
    def ours(self) -> bool:
        return self.kind == "similar_computed"


def home_force(con: duckdb.DuckDBPyConnection) -> Force:
    return from_meta(queries.meta(con))


def groups(con: duckdb.DuckDBPyConnection) -> tuple[Group, ...]:
    """The force's comparison groups, forces like it first (see module notes)."""
    home = home_force(con)
    listed = con.execute("SELECT * FROM comparison_group ORDER BY kind, group_name, pfa_code").df()
    out = []
    msg = listed[(listed["kind"] == "most_similar") & (listed["listed_for"] == home.pfa_code)]
    if len(msg):
        out.append(_listed(msg))
    elif (computed := similar_group(con, home)) is not None:
        out.append(computed)
    regions = listed[listed["kind"] == "region"]
    for name in sorted(regions.loc[regions["pfa_code"] == home.pfa_code, "group_name"].unique()):
        out.append(_listed(regions[regions["group_name"] == name]))
    out.append(Group("all", ALL_FORCES, None, (), "every police force area with a police.uk force file"))
    return tuple(out)


def main_group(con: duckdb.DuckDBPyConnection) -> Group:
    """The group exceptions are judged against: forces like the force."""
    return groups(con)[0]


def _listed(rows: pd.DataFrame) -> Group:
    first = rows.iloc[0]
    return Group(first["kind"], first["group_name"], tuple(rows["pfa_code"]), tuple(rows["force_name"]),
                 f"{first['listed_in']}, in the Commissioner's scrutiny pack (the Home Office revises these groups "
                 "from time to time)",
                 first["source_url"])


def similar_forces(profile: pd.DataFrame, home_code: str, size: int = SIMILAR_SIZE) -> list[tuple[str, float]]:
    """The `size` force areas nearest to `home_code`, with their distances, nearest first: each SIMILARITY
    indicator standardised as a z-score across the force areas of at least MIN_RESIDENTS residents (density as
    its logarithm), Euclidean distance over the z-scores, ties broken by code."""
    wide = profile.pivot(index="pfa_code", columns="indicator", values="value")
    missing = [i for i in ("residents", *SIMILARITY) if i not in wide.columns]
    if missing or home_code not in wide.index:
        raise ValueError(f"force profile lacks {', '.join(missing) or home_code}")
    values = wide[list(SIMILARITY)].copy()
    for column in LOG_SCALED:
        values[column] = values[column].map(math.log)
    pool = values[wide["residents"] >= MIN_RESIDENTS]
    z = (values - pool.mean()) / pool.std(ddof=0)
    distance = ((z.loc[pool.index.drop(home_code, errors="ignore")] - z.loc[home_code]) ** 2).sum(axis=1) ** 0.5
    return sorted(((code, round(float(d), 9)) for code, d in distance.items()), key=lambda cd: (cd[1], cd[0]))[:size]


def similar_group(con: duckdb.DuckDBPyConnection, home: Force) -> Group | None:
    """The computed group of `home`; None when no force profile is loaded."""
    profile = con.execute("SELECT pfa_code, pfa_name, indicator, value FROM force_profile").df()
    if profile.empty or home.pfa_code not in set(profile["pfa_code"]):
        return None
    nearest = similar_forces(profile, home.pfa_code)
    residents = profile[profile["indicator"] == "residents"]
    pool = int((residents["value"] >= MIN_RESIDENTS).sum())
    codes = (home.pfa_code, *(code for code, _ in nearest))
    names = dict(zip(residents["pfa_code"], residents["pfa_name"], strict=True))
    return Group("similar_computed", "Similar forces, computed by this dashboard (not a Home Office group)",
                 codes, tuple(names[c] for c in codes),
                 f"ours, not the Home Office's: the {len(nearest)} force areas nearest to {home.short_name} on "
                 f"{len(SIMILARITY)} Census 2021 indicators ({', '.join(SIMILARITY.values())}), each standardised "
                 f"as a z-score across the {pool} force areas of at least {MIN_RESIDENTS:,} residents, nearest by "
                 "Euclidean distance; indicators from the ONS Census 2021 local authority profile, the force area's "
                 "authorities weighted by residents")
