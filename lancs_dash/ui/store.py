"""The pages' access to data: the current database snapshot and the page models built from it.

The snapshot is keyed by the database file's version (its modification time), so when the loader swaps
in a new file the next page view opens it, with no restart. Page models are built once per snapshot (and
district) and shared by every session through st.cache_resource: the same object, not a copy per view.
A page takes the snapshot once, at the top of its run, and passes it on, so one view never mixes files.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from lancs_dash.config import DEFAULT_DB
from lancs_dash.models import budget, compare, downloads, national, overview, priority, site
from lancs_dash.models.briefing import Briefing
from lancs_dash.models.briefing import build as build_briefing
from lancs_dash.read import postcodes
from lancs_dash.read.snapshot import Snapshot

MODELS = 64  # per kind of model: every district of every page, for the current file and the one before


def db_path() -> Path:
    """The database the app serves (app.py builds it on a fresh checkout before any page reads)."""
    return Path(os.environ.get("LANCS_DASH_DB", DEFAULT_DB))


@st.cache_resource(max_entries=2, show_spinner="Preparing the data…")
def _open(path: str, version: int) -> Snapshot:
    return Snapshot.open(Path(path), version)


def snapshot() -> Snapshot:
    """The database as it is now: one file, read-only, shared by every session viewing it."""
    path = db_path()
    return _open(str(path), os.stat(path).st_mtime_ns)


# Each model is keyed by the snapshot's file and version (the snapshot itself is not hashed).

@st.cache_resource(max_entries=2, show_spinner=False)
def _site(_snap: Snapshot, path: str, version: int) -> site.Site:
    return site.build(_snap)


def site_model(snap: Snapshot) -> site.Site:
    return _site(snap, str(snap.path), snap.version)


@st.cache_resource(max_entries=MODELS, show_spinner="Preparing the page…")
def _priority(_snap: Snapshot, path: str, version: int, priority_id: str, district: str | None) -> priority.PriorityPage:
    force = None if district is None else priority_page(_snap, priority_id, None)
    return priority.build(_snap, site_model(_snap), priority_id, district, force)


def priority_page(snap: Snapshot, priority_id: str, district: str | None) -> priority.PriorityPage:
    return _priority(snap, str(snap.path), snap.version, priority_id, district)


@st.cache_resource(max_entries=2, show_spinner="Preparing the page…")
def _overview(_snap: Snapshot, path: str, version: int) -> overview.Overview:
    return overview.build(_snap, site_model(_snap))


def overview_page(snap: Snapshot) -> overview.Overview:
    return _overview(snap, str(snap.path), snap.version)


@st.cache_resource(max_entries=MODELS, show_spinner=False)
def _district(_snap: Snapshot, path: str, version: int, district: str) -> overview.DistrictFigures:
    return overview.district_figures(_snap, site_model(_snap), district)


def district_figures(snap: Snapshot, district: str) -> overview.DistrictFigures:
    return _district(snap, str(snap.path), snap.version, district)


@st.cache_resource(max_entries=2, show_spinner="Preparing the page…")
def _national(_snap: Snapshot, path: str, version: int) -> national.NationalPage:
    return national.build(_snap, site_model(_snap))


def national_page(snap: Snapshot) -> national.NationalPage:
    return _national(snap, str(snap.path), snap.version)


@st.cache_resource(max_entries=4, show_spinner="Preparing the page…")
def _compare(_snap: Snapshot, path: str, version: int, group_name: str) -> compare.ComparePage:
    return compare.build(_snap, site_model(_snap), group_name)


def compare_page(snap: Snapshot, group_name: str) -> compare.ComparePage:
    return _compare(snap, str(snap.path), snap.version, group_name)


@st.cache_resource(max_entries=2, show_spinner="Preparing the page…")
def _budget(_snap: Snapshot, path: str, version: int) -> budget.BudgetPage:
    return budget.build(_snap, site_model(_snap))


def budget_page(snap: Snapshot) -> budget.BudgetPage:
    return _budget(snap, str(snap.path), snap.version)


@st.cache_resource(max_entries=2, show_spinner="Preparing the page…")
def _downloads(_snap: Snapshot, path: str, version: int) -> downloads.DataPage:
    return downloads.build(_snap, site_model(_snap))


def data_page(snap: Snapshot) -> downloads.DataPage:
    return _downloads(snap, str(snap.path), snap.version)


@st.cache_resource(max_entries=MODELS, show_spinner="Preparing the extract…")
def _extract(_snap: Snapshot, path: str, version: int, measure_ids: tuple[str, ...], level: str, start: str,
             end: str) -> downloads.Extract:
    return downloads.extract_files(_snap, measure_ids, level, start, end)


def extract(snap: Snapshot, measure_ids: tuple[str, ...], level: str, start: str, end: str) -> downloads.Extract:
    """The extract for a visitor's choices, built once and shared with anyone choosing the same."""
    return _extract(snap, str(snap.path), snap.version, measure_ids, level, start, end)


@st.cache_resource(max_entries=2, show_spinner="Preparing the slides…")
def _briefing(_snap: Snapshot, path: str, version: int) -> Briefing:
    return build_briefing(_snap.cursor())


def briefing(snap: Snapshot) -> Briefing:
    """Everything meeting mode shows, on the latest data (see lancs_dash.briefing)."""
    return _briefing(snap, str(snap.path), snap.version)


@st.cache_data(max_entries=256, show_spinner=False)
def _find_postcode(text: str, path: str, version: int) -> postcodes.Lookup:
    return postcodes.find(snapshot().cursor(), text)


def find_postcode(text: str) -> postcodes.Lookup:
    snap = snapshot()
    return _find_postcode(text, str(snap.path), snap.version)


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
    return functools.partial(_pack_now, str(db_path()))
