"""First start: a fresh checkout has neither the database nor the static extracts and plain pages (all
generated), so the app and the command-line tools build them from the embedded default before they first read."""

from __future__ import annotations

import threading
from pathlib import Path

from lancs_dash import html
from lancs_dash.config import DEFAULT_DB, EXTRACTS_DIR
from lancs_dash.files import swap_folder
from lancs_dash.load import extracts
from lancs_dash.load.build import build
from lancs_dash.read import db

_first_start = threading.Lock()  # app sessions run on threads: build or publish once


def ensure_database(path: Path = DEFAULT_DB) -> Path:
    """The database path, first building it from the embedded default when the file is missing.

    A fresh checkout has neither the database nor the static extracts and plain pages (all generated): the
    first start builds the one and publishes the others.
    """
    path = Path(path)
    plain_index = html.PLAIN_DIR / "index.html"
    if path.exists() and (EXTRACTS_DIR / "index.csv").exists() and plain_index.exists():
        return path
    with _first_start:
        if not path.exists():
            build(path, None, quiet=True, extracts_dir=EXTRACTS_DIR)
            return path
        if not (EXTRACTS_DIR / "index.csv").exists():
            with db.connect(path) as con:
                extracts.publish(con, EXTRACTS_DIR)
        if not plain_index.exists():
            with db.connect(path) as con:
                html.PLAIN_DIR.parent.mkdir(parents=True, exist_ok=True)
                swap_folder(html.stage(con, html.PLAIN_DIR, EXTRACTS_DIR), html.PLAIN_DIR)
    return path
