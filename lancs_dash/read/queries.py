"""Read-side queries that are not measures: areas, populations, data coverage and build facts."""

from __future__ import annotations

import duckdb
import pandas as pd


def areas(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """area_code, area_name, division (the division name for districts), parent_code (a ward's district)."""
    return con.execute(
        """SELECT a.area_code, a.area_name, p.area_name AS division, a.parent_code
           FROM area a LEFT JOIN area p ON p.area_code = a.parent_code AND p.area_level = 'division'
           WHERE a.area_level = $level ORDER BY a.area_name""", {"level": level}).df()


def populations(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    return con.execute(
        "SELECT area_code, population, vintage, source FROM population WHERE area_level = $level",
        {"level": level}).df()


def coverage(con: duckdb.DuckDBPyConnection, source: str) -> pd.DataFrame:
    """month, status ('present' | 'missing') for a monthly source."""
    return con.execute("SELECT month, status FROM coverage WHERE source = $s ORDER BY month", {"s": source}).df()


def meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


def has_postcodes(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the postcode lookup is loaded (a force's database may have none)."""
    return con.execute("SELECT EXISTS (SELECT 1 FROM postcode)").fetchone()[0]


def unplaced(con: duckdb.DuckDBPyConnection, start, end, categories: list[str]) -> pd.DataFrame:
    """Records in the force total that no district holds, by reason, between two months."""
    return con.execute(
        """SELECT reason, sum(n)::BIGINT AS records FROM policeuk_unplaced
           WHERE month BETWEEN $start AND $end AND list_contains($cats, category) GROUP BY reason ORDER BY reason""",
        {"start": start, "end": end, "cats": categories}).df()


def provenance(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every file loaded: source, file, sha256, rows read / kept / rejected, months covered, note, when."""
    return con.execute("SELECT * FROM provenance ORDER BY source, file").df()


def coverage_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [s for (s,) in con.execute("SELECT DISTINCT source FROM coverage ORDER BY source").fetchall()]


def district_outlines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """area_code, area_name, geometry (GeoJSON text) for the district maps."""
    return con.execute("""SELECT o.area_code, a.area_name, o.geometry FROM district_outline o
                          JOIN area a ON a.area_level = 'district' AND a.area_code = o.area_code
                          ORDER BY o.area_code""").df()


def lsoa_hotspots(con: duckdb.DuckDBPyConnection, categories: list[str], start, end) -> pd.DataFrame:
    """Records per small area between two months, at the LSOA's interior point, busiest first (ties by code, so
    the busiest area named and the order drawn are the same on every read)."""
    return con.execute(
        """SELECT l.lsoa_code, any_value(s.lsoa_name) AS lsoa_name, l.district_code, any_value(s.lon) AS lon,
                  any_value(s.lat) AS lat, sum(l.n)::BIGINT AS records
           FROM policeuk_lsoa_monthly l JOIN lsoa s ON s.lsoa_code = l.lsoa_code
           WHERE list_contains($cats, l.category) AND l.month BETWEEN $start AND $end AND s.lon IS NOT NULL
           GROUP BY l.lsoa_code, l.district_code ORDER BY records DESC, l.lsoa_code""",
        {"cats": categories, "start": start, "end": end}).df()


def has_lsoa_points(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file holds a point inside each small area (from small-area outlines), which hotspot maps need."""
    return con.execute("SELECT count(*) > 0 FROM lsoa WHERE lon IS NOT NULL").fetchone()[0]


def outcome_groups(con: duckdb.DuckDBPyConnection, categories: list[str], start, end) -> pd.DataFrame:
    """Force-level crimes by last outcome group between two months."""
    return con.execute(
        """SELECT outcome_group, sum(n)::BIGINT AS crimes FROM policeuk_outcomes
           WHERE area_level = 'force' AND list_contains($cats, category) AND month BETWEEN $start AND $end
           GROUP BY outcome_group ORDER BY crimes DESC""", {"cats": categories, "start": start, "end": end}).df()


def stats19_by_severity(con: duckdb.DuckDBPyConnection, level: str, area_code: str | None) -> pd.DataFrame:
    """Monthly collisions and casualties by severity for one area (or the force)."""
    return con.execute(
        """SELECT month, severity, collisions, casualties FROM stats19_monthly
           WHERE area_level = $level AND ($code IS NULL OR area_code = $code) ORDER BY month, severity""",
        {"level": level, "code": area_code}).df()


def published(con: duckdb.DuckDBPyConnection, measures: list[str]) -> pd.DataFrame:
    """Published figures (official/) for the given measure names, each with its base and source."""
    return con.execute(
        """SELECT area_name AS base, measure, period, value_text AS value, unit, source_url FROM official_figure
           WHERE list_contains($m, measure) ORDER BY measure, period, base""", {"m": measures}).df()


def ward_outlines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """area_code, area_name, geometry (GeoJSON text) of every ward, for the neighbourhood maps."""
    return con.execute("""SELECT o.area_code, a.area_name, o.geometry FROM ward_outline o
                          JOIN area a ON a.area_level = 'ward' AND a.area_code = o.area_code
                          ORDER BY o.area_code""").df()


def ward_points(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The latest month's records at each police.uk map point in a ward, by category: month, category, lon, lat,
    ward_code, district_code, n."""
    return con.execute("""SELECT month, category, lon, lat, ward_code, district_code, n FROM policeuk_point
                          WHERE ward_code IS NOT NULL ORDER BY ward_code, lon, lat, category""").df()


def ward_unplaced(con: duckdb.DuckDBPyConnection, start, end) -> pd.DataFrame:
    """Records no ward holds between two months, by the district their LSOA code gives (None: no location, so no
    district either): district_code, n."""
    return con.execute("""SELECT district_code, sum(n)::BIGINT AS n FROM policeuk_ward_unplaced
                          WHERE month BETWEEN $s AND $e GROUP BY district_code ORDER BY district_code NULLS LAST""",
                       {"s": start, "e": end}).df()
