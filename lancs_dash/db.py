"""Opening the dashboard database for reading, building it from the embedded default if absent."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from lancs_dash.config import DEFAULT_DB

_first_build = threading.Lock()  # sessions arriving together on a fresh clone build once


def ensure_database(path: Path = DEFAULT_DB) -> Path:
    """The database path, first building it from the embedded default when the file is missing."""
    path = Path(path)
    if not path.exists():
        from lancs_dash.load.build import build  # the loader is only needed on a fresh checkout

        with _first_build:
            if not path.exists():
                build(path, None, quiet=True)
    return path


def connect(path: Path = DEFAULT_DB) -> duckdb.DuckDBPyConnection:
    """A read-only connection: the app and the extract CLI never write."""
    return duckdb.connect(str(path), read_only=True)
