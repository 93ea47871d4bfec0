"""Read-side queries that are not measures: areas, populations, data coverage and build facts."""

from __future__ import annotations

import duckdb
import pandas as pd


def areas(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """area_code, area_name, division (the division name for districts)."""
    return con.execute(
        """SELECT a.area_code, a.area_name, p.area_name AS division
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
