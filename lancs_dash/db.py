"""Opening the dashboard database for reading, building it from the embedded default if absent."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from lancs_dash.config import DEFAULT_DB, EXTRACTS_DIR

_first_start = threading.Lock()  # app sessions run on threads: build or publish once

ALIAS = "lancs"


def ensure_database(path: Path = DEFAULT_DB) -> Path:
    """The database path, first building it from the embedded default when the file is missing.

    A fresh checkout has neither the database nor the static extracts and plain pages (all generated): the
    first start builds the one and publishes the others.
    """
    path = Path(path)
    plain_index = EXTRACTS_DIR.with_name("plain") / "index.html"  # lancs_dash.html.PLAIN_DIR
    if path.exists() and (EXTRACTS_DIR / "index.csv").exists() and plain_index.exists():
        return path
    with _first_start:
        if not path.exists():
            from lancs_dash.load.build import build  # the loader is only needed on a fresh checkout

            build(path, None, quiet=True, extracts_dir=EXTRACTS_DIR)
            return path
        if not (EXTRACTS_DIR / "index.csv").exists():
            from lancs_dash.load import extracts

            with connect(path) as con:
                extracts.publish(con, EXTRACTS_DIR)
        if not plain_index.exists():
            from lancs_dash import html  # the plain pages' renderer, only on a first start

            with connect(path) as con:
                html.publish(con, html.PLAIN_DIR, EXTRACTS_DIR)
    return path


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
