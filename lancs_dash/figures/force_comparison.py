"""Crime per 1,000 residents by force, as the Commissioner's scrutiny pack compares them: the latest
12-month window, each force ranked per crime type, the worst 10% of all forces flagged, and the
exception list for the home force.

The group compared with is one of comparison_groups.groups (forces like the home force, its region, all
forces); the home force is the one the database records.

Window rule: candidate windows are 12 consecutive months that are all in the national files. The
latest candidate in which every force of the chosen group (and the home force) is present is used;
if there is none, the latest candidate, with the incomplete forces listed. Forces not present in
every month of the window are left out of the ranking, never counted as zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from lancs_dash.figures.comparison_groups import Group, home_force
from lancs_dash.figures.periods import add_months, fmt_month, label_month
from lancs_dash.read import registry
from lancs_dash.read.force import Force

WORST_SHARE = 0.10  # the scrutiny note's "worst 10%"
NOT_AN_EXCEPTION = "not an exception"
CLEARLY_ABOVE = 1.20  # "clearly above": at least 20% above the comparator group's combined rate
# Small-population rule: a force area with fewer residents than this is shown with its rate but is not
# ranked, not flagged and not counted towards the worst-10% threshold or a group's combined rate. Rates
# per resident mean nothing there: City of London has about 8,600 residents and a workday population
# of hundreds of thousands. The next smallest force area has about 500,000.
MIN_POPULATION = 100_000
SMALL_POPULATION_NOTE = (f"not ranked: fewer than {MIN_POPULATION:,} residents, so a rate per resident is not "
                         "comparable (most people there work or visit, not live)")

FORCES_SQL = """
SELECT f.force_slug, coalesce(f.pfa_name, f.force_name) AS force, f.pfa_code, p.population, p.vintage
FROM force_map f LEFT JOIN population p ON p.area_level = 'pfa' AND p.area_code = f.pfa_code
ORDER BY force
"""
COVERAGE_SQL = "SELECT month, force_slug, status = 'present' AS present FROM national_coverage"
COUNTS_SQL = """
SELECT force_slug, category, sum(n)::BIGINT AS crimes FROM national_monthly
WHERE month BETWEEN $start AND $end GROUP BY ALL
"""


@dataclass(frozen=True)
class ComparisonWindow:
    start: date
    end: date
    group_complete: bool  # every force of the group is present in all 12 months

    @property
    def label(self) -> str:
        return f"{label_month(self.start)} – {label_month(self.end)}"

    @property
    def period(self) -> str:
        """The extract's period form: '2025-01/2025-12'."""
        return f"{fmt_month(self.start)}/{fmt_month(self.end)}"


def candidate_windows(months: list[date], length: int = 12) -> list[tuple[date, date]]:
    """Every run of `length` consecutive months all in `months`, latest first."""
    have = set(months)
    ends = [m for m in sorted(have, reverse=True)
            if all(add_months(m, -k) in have for k in range(length))]
    return [(add_months(e, -(length - 1)), e) for e in ends]


def months_missing(coverage: pd.DataFrame, start: date, end: date) -> pd.Series:
    """Per force slug, how many months of the window its file is missing (forces never listed count 12)."""
    cov = coverage.assign(month=pd.to_datetime(coverage["month"]).dt.date)
    inside = cov[(cov["month"] >= start) & (cov["month"] <= end)]
    n_months = inside["month"].nunique()
    return n_months - inside[inside["present"]].groupby("force_slug")["month"].nunique().reindex(
        cov["force_slug"].unique(), fill_value=0)


def choose_window(coverage: pd.DataFrame, group: list[str]) -> ComparisonWindow | None:
    """The latest 12-month window in which every force in `group` is present (see module notes)."""
    months = sorted(pd.to_datetime(coverage["month"]).dt.date.unique())
    candidates = candidate_windows(months)
    for start, end in candidates:
        missing = months_missing(coverage, start, end)
        if all(missing.get(slug, 12) == 0 for slug in group):
            return ComparisonWindow(start, end, True)
    return ComparisonWindow(*candidates[0], False) if candidates else None


@dataclass(frozen=True)
class ForceComparison:
    window: ComparisonWindow
    group: Group
    home: Force
    slugs: tuple[str, ...]  # the group's force files, home force included
    rates: pd.DataFrame  # one row per measure x ranked force
    excluded: pd.DataFrame  # forces left out: force, pfa_code, reason
    population_vintage: str

    def missing_members(self) -> pd.DataFrame:
        """The group's forces left out (no data for the months compared, or no force file): force, reason."""
        codes = self.excluded["pfa_code"]
        members = codes.notna() if self.group.pfa_codes is None else codes.isin(self.group.pfa_codes)
        return self.excluded[members].reset_index(drop=True)


def compare(con: duckdb.DuckDBPyConnection, group: Group, as_of: date | None = None) -> ForceComparison | None:
    """Rates for every force and measure, the home force and `group` marked. With `as_of`, the window is
    chosen from the months up to and including it, as the comparison stood then."""
    home = home_force(con)
    forces = con.execute(FORCES_SQL).df()
    coverage = con.execute(COVERAGE_SQL).df()
    if as_of is not None:
        coverage = coverage[pd.to_datetime(coverage["month"]).dt.date <= as_of]
    members = forces["force_slug"] if group.pfa_codes is None else forces.loc[
        forces["pfa_code"].isin(group.pfa_codes), "force_slug"]
    group_slugs = sorted({*members, home.slug})
    territorial = forces[forces["population"].notna()]
    window = choose_window(coverage, [s for s in group_slugs if s in set(territorial["force_slug"])])
    if window is None:
        return None
    missing = months_missing(coverage, window.start, window.end)
    forces = forces.assign(months_missing=forces["force_slug"].map(missing).fillna(12).astype(int))
    ranked = forces[forces["population"].notna() & (forces["months_missing"] == 0)]
    excluded = pd.concat([
        forces[forces["population"].isna()].assign(reason="no police force area population (not a territorial "
                                                           "force of England and Wales)"),
        forces[forces["population"].notna() & (forces["months_missing"] > 0)].assign(
            reason=lambda d: d["months_missing"].map(
                lambda n: f"no data in the files available for {n} of the 12 months compared")),
        # A member with no force file at all is left out too, by the name its group gives it.
        pd.DataFrame([{"force": name, "pfa_code": code, "reason": "no police.uk force file"}
                      for code, name in zip(group.pfa_codes or (), group.names, strict=True)
                      if code not in set(forces["pfa_code"].dropna())],
                     columns=["force", "pfa_code", "reason"]),
    ])[["force", "pfa_code", "reason"]].reset_index(drop=True)
    counts = con.execute(COUNTS_SQL, {"start": window.start, "end": window.end}).df()
    rows = [_rank(m, counts, ranked, group_slugs, home.slug) for m in registry.FORCE_RATES.values()]
    vintage = ", ".join(sorted(ranked["vintage"].dropna().unique()))
    return ForceComparison(window, group, home, tuple(group_slugs), pd.concat(rows, ignore_index=True), excluded,
                           vintage)


def _rank(m: registry.ForceRate, counts: pd.DataFrame, forces: pd.DataFrame, group: list[str],
          home: str) -> pd.DataFrame:
    crimes = counts[counts["category"].isin(m.categories)].groupby("force_slug")["crimes"].sum()
    out = forces.assign(measure=m.id, crime_type=m.title,
                        crimes=forces["force_slug"].map(crimes).fillna(0).astype(int))
    out["rate"] = 1000 * out["crimes"] / out["population"]
    out["rankable"] = out["population"] >= MIN_POPULATION
    out["rank"] = out["rate"].where(out["rankable"]).rank(ascending=False, method="min").astype("Int64")
    ranked = int(out["rankable"].sum())  # not read back from `out`, which may have no rows
    out["forces_ranked"] = ranked
    out["worst_10pct"] = (out["rank"] <= math.ceil(WORST_SHARE * ranked)).fillna(False)
    out["worst_10pct"] = out["worst_10pct"].astype(bool)
    out["note"] = out["rankable"].map({True: "", False: SMALL_POPULATION_NOTE})
    out["in_group"] = out["force_slug"].isin(group)
    out["home"] = out["force_slug"] == home
    return out.sort_values(["rank", "force"], na_position="last")


def group_rate(rates: pd.DataFrame, measure_id: str) -> float | None:
    """Combined rate of the comparator group, home force and unranked small forces excluded
    (total crimes / total population)."""
    g = rates[(rates["measure"] == measure_id) & rates["in_group"] & ~rates["home"] & rates["rankable"]]
    return None if g.empty else 1000 * g["crimes"].sum() / g["population"].sum()


def home_rows(comparison: ForceComparison, measure_ids: list[str] | None = None) -> pd.DataFrame:
    """The home force per crime type: its rate, the group's, its rank and, if it is an exception, why
    (in the worst 10% of forces, or clearly above the comparator group). All types when no ids given."""
    rows, name = [], comparison.home.short_name
    for m in registry.FORCE_RATES.values():
        home = comparison.rates[(comparison.rates["measure"] == m.id) & comparison.rates["home"]]
        if home.empty or (measure_ids is not None and m.id not in measure_ids):
            continue
        h = home.iloc[0]
        grp = group_rate(comparison.rates, m.id)
        reasons = []
        if h["worst_10pct"]:
            reasons.append(f"worst 10% of forces (rank {h['rank']} of {h['forces_ranked']})")
        if grp and h["rate"] >= CLEARLY_ABOVE * grp:
            reasons.append(f"{100 * (h['rate'] / grp - 1):.0f}% above the comparator group")
        rows.append({"Crime type": m.title, f"{name} per 1,000": round(h["rate"], 2),
                     "Comparator group per 1,000": None if grp is None else round(grp, 2),
                     "Rank (1 = highest rate)": f"{h['rank']} of {h['forces_ranked']}",
                     "Why it is an exception": "; ".join(reasons) or NOT_AN_EXCEPTION})
    return pd.DataFrame(rows, columns=["Crime type", f"{name} per 1,000", "Comparator group per 1,000",
                                       "Rank (1 = highest rate)", "Why it is an exception"])


def exceptions(comparison: ForceComparison) -> pd.DataFrame:
    """Crime types where the home force is in the worst 10% of forces or clearly above its group."""
    rows = home_rows(comparison)
    return rows[rows["Why it is an exception"] != NOT_AN_EXCEPTION].reset_index(drop=True)
