"""The areas of a force other than Lancashire, taken from the national geography (load/boundaries.py): its
districts in force in the months loaded, their outlines, Census 2021 populations and LSOA lookups.

Boundaries of their time: districts change (Cumbria's six were replaced by two in April 2023), so the
districts shown are those of the latest month loaded, and district figures are given only for the months
those districts were in force. Earlier months keep their force total (the force area itself did not change)
and their records are reported as placed 'before the districts shown'; a series never mixes areas.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from lancs_dash.config import FORCE
from lancs_dash.load.boundaries import VINTAGES
from lancs_dash.load.context import LoadContext, LoadError
from lancs_dash.load.forces import name_key
from lancs_dash.load.policeuk import BEFORE_DISTRICTS

NAME = "geography"


@dataclass(frozen=True)
class ForceSpec:
    """The force a load is for; recorded in meta (the keys lancs_dash/read/force.py reads)."""
    slug: str  # police.uk's force slug
    name: str  # police.uk's "Reported by" name; for another force, taken from its files
    short_name: str  # the police force area's name, e.g. "Cumbria", "City of London"
    pfa_code: str
    homeoffice_name: str  # as homeoffice_recorded names the force; "" if it does not

    @property
    def is_lancashire(self) -> bool:
        return self.slug == FORCE.slug


LANCASHIRE = ForceSpec(FORCE.slug, FORCE.name, FORCE.short_name, FORCE.pfa_code, FORCE.homeoffice_name)


def resolve(con: duckdb.DuckDBPyConnection, slug: str | None) -> ForceSpec:
    """The force for a police.uk slug, from the national police force areas; an unknown slug lists the valid ones."""
    if slug is None or slug == FORCE.slug:
        return LANCASHIRE
    pfas = con.execute("SELECT force_slug, pfa_code, pfa_name FROM nat_pfa ORDER BY force_slug").fetchall()
    match = next((p for p in pfas if p[0] == slug), None)
    if match is None:
        raise LoadError(f"--force {slug}: not a territorial police force of England and Wales; expected one of "
                        f"police.uk's slugs: {', '.join(p[0] for p in pfas)}")
    _, pfa_code, pfa_name = match
    short = " ".join(reversed(pfa_name.split(", "))) if ", " in pfa_name else pfa_name  # 'London, City of'
    # The police.uk name is read from the force's own files while loading them (policeuk.load), and the Home
    # Office's once its table is loaded (homeoffice_name).
    return ForceSpec(slug, "", short, pfa_code, "")


def homeoffice_name(con: duckdb.DuckDBPyConnection, slug: str) -> str:
    """The force as homeoffice_recorded names it, matched by name key; "" if it has no rows there."""
    names = con.execute("SELECT DISTINCT force_name FROM homeoffice_recorded").fetchall()
    return next((n for (n,) in names if name_key(n) == slug), "")


def boundary_year(month: date) -> int:
    """The year whose districts were in force in `month`: local government changes take effect in April."""
    return month.year if month.month >= 4 else month.year - 1


def _districts_of(con: duckdb.DuckDBPyConnection, pfa: str, year: int) -> frozenset[str]:
    return frozenset(r[0] for r in con.execute(
        "SELECT DISTINCT area_code FROM nat_district WHERE pfa_code = $p AND $y BETWEEN start_year AND end_year",
        {"p": pfa, "y": year}).fetchall())


def place(ctx: LoadContext, force: ForceSpec) -> None:
    """Fill area, lsoa, district_outline and population for `force`, and keep in `district_month` only the
    months whose districts are those shown. Runs after the street files are staged (temp table `street`)."""
    con = ctx.con
    months = [r[0] for r in con.execute("SELECT DISTINCT month FROM street ORDER BY month").fetchall()]
    latest = boundary_year(months[-1])
    shown = _districts_of(con, force.pfa_code, latest)
    if not shown:
        raise LoadError(f"national geography: no districts of {force.short_name} in force in {latest}; "
                        "expected the national tables to cover the months loaded (regenerate them with --national)")
    # The lookup vintage with exactly these districts, nearest in time (ties: the later, which knows more codes).
    fits = [v for v in VINTAGES if _districts_of(con, force.pfa_code, v) == shown]
    if not fits:
        raise LoadError(f"national geography: {force.short_name}'s districts of {latest}-{latest + 1 - 2000:02d} "
                        f"match none of the LSOA lookups' vintages ({', '.join(map(str, VINTAGES))}); "
                        "expected one to describe the months loaded")
    vintage = min(fits, key=lambda v: (abs(v - latest), -v))
    con.execute("DELETE FROM district_month WHERE month NOT IN (SELECT unnest($m))",
                {"m": [m for m in months if _districts_of(con, force.pfa_code, boundary_year(m)) == shown]})
    params = {"v": vintage, "p": force.pfa_code, "n": force.name}
    ctx.run(
        """
        INSERT INTO area VALUES ('force', $p, $n, NULL);
        INSERT INTO area SELECT 'district', area_code, area_name, $p FROM nat_district WHERE vintage = $v AND pfa_code = $p;
        INSERT INTO lsoa SELECT code, lv, name, district, NULL, NULL FROM nat_lsoa
            WHERE dv = $v AND district IN (SELECT area_code FROM area WHERE area_level = 'district');
        INSERT INTO district_outline SELECT area_code, geometry FROM nat_outline
            WHERE area_code IN (SELECT area_code FROM area WHERE area_level = 'district');
        INSERT INTO population
            SELECT 'district', a.area_code, a.area_name, p.population, 'Census 2021', p.source
            FROM area a JOIN nat_population p USING (area_code) WHERE a.area_level = 'district';
        INSERT INTO population
            SELECT 'force', $p, $n, sum(population), 'Census 2021', 'ONS Census 2021 (sum of districts)'
            FROM population WHERE area_level = 'district'
        """, params)
    lacking = con.execute("""SELECT string_agg(area_name, ', ') FROM area WHERE area_level = 'district'
                             AND area_code NOT IN (SELECT area_code FROM population)""").fetchone()[0]
    if lacking:
        raise LoadError(f"national geography: no Census 2021 population for {lacking} (abolished before the 2021 "
                        "census); expected months whose districts the census counted")
    names = con.execute("SELECT string_agg(area_name, ', ' ORDER BY area_name), count(*) FROM area "
                        "WHERE area_level = 'district'").fetchone()
    before = [m for m in months if m not in set(r[0] for r in con.execute("SELECT month FROM district_month").fetchall())]
    note = (f"{force.short_name}: {names[1]} districts in force in {latest}-{latest + 1 - 2000:02d} ({names[0]}), "
            f"LSOA lookup and outlines of the {vintage} districts; no divisions; no LSOA points (LSOA outlines are "
            "not in the national data), so small-area maps have no locations")
    if before:
        note += (f"; months {before[0]:%Y-%m} to {before[-1]:%Y-%m} had other districts: force totals only, their "
                 f"records reported as '{BEFORE_DISTRICTS}'")
    con.execute("INSERT INTO provenance VALUES ($s, $f, '', 0, $k, 0, $pf, $pt, $n, $at)",
                {"s": NAME, "f": "national geography", "k": names[1], "pf": f"{months[0]:%Y-%m}",
                 "pt": f"{months[-1]:%Y-%m}", "n": note, "at": ctx.loaded_at})
