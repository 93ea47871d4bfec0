"""Opening the dashboard database for reading (the loader is the only writer)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from lancs_dash.config import DEFAULT_DB

ALIAS = "lancs"


def connect(path: Path = DEFAULT_DB) -> duckdb.DuckDBPyConnection:
    """A read-only connection: the app and the extract CLI never write.

    The file is attached to a private in-memory instance rather than opened by path: DuckDB shares
    one instance per path within a process, so while any connection to the old file lived, a file
    swapped in by the loader would never be seen.
    """
    con = duckdb.connect()
    quoted = str(path).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS {ALIAS} (READ_ONLY)")
    con.execute(f"USE {ALIAS}")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for another thread, reading the attached file like `con` (cursors start in memory)."""
    cur = con.cursor()
    cur.execute(f"USE {ALIAS}")
    return cur
