"""First start: a fresh checkout has neither the database nor its published files (page models, static extracts
and plain pages, all generated), so the app and the command-line tools make them from the embedded default
before they first read."""

from __future__ import annotations

import threading
from pathlib import Path

from lancs_dash import html
from lancs_dash.config import DEFAULT_DB, EXTRACTS_DIR
from lancs_dash.publish import models, publish, refresh
from lancs_dash.read.snapshot import Snapshot

_first_start = threading.Lock()  # app sessions run on threads: build or publish once


def _published(path: Path, check_models: bool) -> bool:
    files = (EXTRACTS_DIR / "index.csv", html.PLAIN_DIR / "index.html")
    if not all(f.exists() for f in files):
        return False
    if not check_models:
        return True
    head = models.header(models.file_for(path))
    if head is None:
        return False
    snap = Snapshot.open(path)
    try:
        return head.data_version == snap.data_version
    finally:
        snap.close()


def ensure_database(path: Path = DEFAULT_DB, *, check_models: bool = False) -> Path:
    """The database path, first building it from the embedded default, and publishing from it, when the file
    or its extracts and plain pages are missing. With `check_models`, also when its page models file is missing
    or from other data (a server's start does this once; a page view only looks for the files, and an app
    process without the models builds each when first asked, saying so in its log)."""
    path = Path(path)
    if path.exists() and _published(path, check_models):
        return path
    with _first_start:
        if not path.exists():
            refresh(path, None, EXTRACTS_DIR, quiet=True)
        elif not _published(path, check_models):
            publish(path, path, EXTRACTS_DIR)
    return path
