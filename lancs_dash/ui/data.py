"""Cached, read-only access to the database for the pages.

The connection is cached per database file version (path + modification time), so when the loader
swaps in a new file the next page run opens it, with no restart; results are cached per version too.
If two swaps land within one page run, its version's connection may have been evicted and reopened
on the newest file: loads take tens of seconds, page runs well under one, so this is not guarded.
Each query runs on its own cursor because sessions run on different threads.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from lancs_dash import changes, compare, db, postcodes, queries, reconcile, registry
from lancs_dash.briefing import Briefing
from lancs_dash.briefing import build as build_briefing
from lancs_dash.config import DEFAULT_DB


def _db_path() -> Path:
    return Path(os.environ.get("LANCS_DASH_DB", DEFAULT_DB))


@st.cache_resource(max_entries=2, show_spinner="Preparing the data…")
def _open(path: str, version: int) -> duckdb.DuckDBPyConnection:
    return db.connect(Path(path))


_run = threading.local()  # the version pinned by the current page run (each run has its own thread)


def version() -> int:
    """Changes whenever the loader swaps in a new database file. Pages call it once per run; every
    query of that run then reads the same file, so a swap mid-run cannot mix old and new figures."""
    path = db.ensure_database(_db_path())
    _run.version = os.stat(path).st_mtime_ns
    return _run.version


def cursor() -> duckdb.DuckDBPyConnection:
    pinned = getattr(_run, "version", None)
    return db.cursor(_open(str(_db_path()), pinned if pinned is not None else version()))


@st.cache_data(max_entries=256, show_spinner=False)
def series(measure_id: str, level: str, db_version: int) -> pd.DataFrame:
    return registry.series(cursor(), measure_id, level)


@st.cache_data(show_spinner=False)
def areas(level: str, db_version: int) -> pd.DataFrame:
    return queries.areas(cursor(), level)


@st.cache_data(show_spinner=False)
def populations(level: str, db_version: int) -> pd.DataFrame:
    return queries.populations(cursor(), level)


@st.cache_data(show_spinner=False)
def coverage(source: str, db_version: int) -> pd.DataFrame:
    return queries.coverage(cursor(), source)


@st.cache_data(show_spinner=False)
def meta(db_version: int) -> dict[str, str]:
    return queries.meta(cursor())


@st.cache_data(show_spinner=False)
def unplaced(start, end, categories: tuple[str, ...], db_version: int) -> pd.DataFrame:
    return queries.unplaced(cursor(), start, end, list(categories))


@st.cache_data(show_spinner=False)
def comparison(group: tuple[str, ...] | None, db_version: int) -> compare.Comparison | None:
    """Force comparison for a comparator group of police.uk slugs (None: all forces)."""
    return compare.compare(cursor(), None if group is None else list(group))


@st.cache_data(show_spinner=False)
def provenance(db_version: int) -> pd.DataFrame:
    return queries.provenance(cursor())


@st.cache_data(show_spinner=False)
def coverage_sources(db_version: int) -> list[str]:
    return queries.coverage_sources(cursor())


@st.cache_data(show_spinner=False)
def find_postcode(text: str, db_version: int) -> postcodes.Lookup:
    return postcodes.find(cursor(), text)


@st.cache_data(show_spinner=False)
def district_outlines(db_version: int) -> pd.DataFrame:
    return queries.district_outlines(cursor())


@st.cache_data(show_spinner=False)
def lsoa_hotspots(categories: tuple[str, ...], start, end, db_version: int) -> pd.DataFrame:
    return queries.lsoa_hotspots(cursor(), list(categories), start, end)


@st.cache_data(show_spinner=False)
def outcome_groups(categories: tuple[str, ...], start, end, db_version: int) -> pd.DataFrame:
    return queries.outcome_groups(cursor(), list(categories), start, end)


@st.cache_data(show_spinner=False)
def stats19_by_severity(level: str, area_code: str | None, db_version: int) -> pd.DataFrame:
    return queries.stats19_by_severity(cursor(), level, area_code)


@st.cache_data(show_spinner=False)
def published(measures: tuple[str, ...], db_version: int) -> pd.DataFrame:
    return queries.published(cursor(), list(measures))


@st.cache_data(show_spinner=False)
def reconciliation(db_version: int) -> pd.DataFrame:
    """police.uk counts beside the official recorded crime figures (see lancs_dash.reconcile)."""
    return reconcile.table(cursor())


@st.cache_data(show_spinner=False)
def release_notes(db_version: int) -> pd.DataFrame:
    """What each refresh changed (see lancs_dash.changes)."""
    return changes.table(cursor())


@st.cache_data(show_spinner=False)
def briefing(db_version: int) -> Briefing:
    """Everything meeting mode shows, on the latest data (see lancs_dash.briefing)."""
    return build_briefing(cursor())


@functools.lru_cache(maxsize=2)
def _pack_for(path: str, file_version: int) -> bytes:
    from lancs_dash import pack  # WeasyPrint is loaded only when someone asks for a pack

    return pack.build(Path(path))


def _pack_now(path: str) -> bytes:
    # Keyed by the file as it is at the click, so a load swapped in since the page was drawn gives a pack
    # wholly from the new file, never one cached for the old.
    return _pack_for(path, os.stat(path).st_mtime_ns)


def pack_pdf() -> Callable[[], bytes]:
    """The meeting pack, as `python -m lancs_dash.pack` writes it: built when the download button is
    pressed (outside the page run, so no Streamlit cache) and kept for the next click on the same data."""
    return functools.partial(_pack_now, str(_db_path()))
