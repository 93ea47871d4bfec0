"""The pages' access to data: the current database snapshot and the page models built from it.

The snapshot is keyed by the database file's version (its modification time), so when the loader swaps
in a new file the next page view opens it, with no restart. Page models are built once per snapshot (and
district) and shared by every session through st.cache_resource: the same object, not a copy per view.
A page takes the snapshot once, at the top of its run, and passes it on, so one view never mixes files.
"""

from __future__ import annotations

import atexit
import functools
import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lancs_dash.config import DEFAULT_DB
from lancs_dash.models import budget, compare, downloads, national, overview, priority, site
from lancs_dash.models.briefing import Briefing
from lancs_dash.models.briefing import build as build_briefing
from lancs_dash.read import postcodes
from lancs_dash.read.snapshot import Snapshot

T = TypeVar("T")
MODELS = 64  # per kind of model: every district of every page, for the current file and the one before


def db_path() -> Path:
    """The database the app serves (app.py builds it on a fresh checkout before any page reads)."""
    return Path(os.environ.get("LANCS_DASH_DB", DEFAULT_DB))


@st.cache_resource(max_entries=2, show_spinner="Preparing the data…")
def _open(path: str, version: int) -> Snapshot:
    gc.unfreeze()  # a new file: the models settled for the old one may now be collected (see _settled)
    return Snapshot.open(Path(path), version)


def _through_app_py() -> None:
    """Send this view through app.py if Streamlit skipped it.

    The folder of pages is called pages/, which Streamlit also reads as its older multipage layout: until
    app.py has called st.navigation once in a process, a deep link such as /budget runs pages/budget.py on
    its own, with file names for navigation and none of app.py's settings, and keeps doing so for every
    visitor until someone opens the home page. Leaving that mode and rerunning puts this view, and every
    later one, through app.py."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def snapshot() -> Snapshot:
    """The database as it is now: one file, read-only, shared by every session viewing it. Every page asks
    for it before drawing anything."""
    _through_app_py()
    return _current()


def _current() -> Snapshot:
    path = db_path()
    return _open(str(path), os.stat(path).st_mtime_ns)


atexit.register(gc.unfreeze)  # let Python's shutdown collect the settled models as usual


def _settled(model: T) -> T:
    """A page model lives as long as its data version. Python's full garbage collections walk every live object,
    and the shared models are most of them, so each build ends by moving what is alive out of the collector's
    sight (gc.freeze): sweeps then cost little and page views run at an even pace. `_open` undoes it when a
    new file arrives, so the old version's models can be collected."""
    gc.collect()
    gc.freeze()
    return model


def _model(max_entries: int = 2, spinner: str | bool = "Preparing the page…", settle: bool = True):
    """`build(snap, *args)` as a shared model: built once per database file, version and arguments, and the
    same object returned to every session (the snapshot itself is not hashed; its file and version are)."""
    def wrap(build: Callable[..., T]) -> Callable[..., T]:
        def cached(_snap: Snapshot, path: str, version: int, *args):
            model = build(_snap, *args)
            return _settled(model) if settle else model

        cached.__qualname__ = f"model.{build.__name__}"  # st.cache_resource names each cache by this
        cached = st.cache_resource(max_entries=max_entries, show_spinner=spinner)(cached)

        @functools.wraps(build)
        def get(snap: Snapshot, *args) -> T:
            return cached(snap, str(snap.path), snap.version, *args)

        return get
    return wrap


@_model(spinner=False)
def site_model(snap: Snapshot) -> site.Site:
    return site.build(snap)


@_model(MODELS)
def priority_page(snap: Snapshot, priority_id: str, district: str | None) -> priority.PriorityPage:
    force = None if district is None else priority_page(snap, priority_id, None)
    return priority.build(snap, site_model(snap), priority_id, district, force)


@_model()
def overview_page(snap: Snapshot) -> overview.Overview:
    return overview.build(snap, site_model(snap))


@_model(MODELS, spinner=False)
def district_figures(snap: Snapshot, district: str) -> overview.DistrictFigures:
    return overview.district_figures(snap, site_model(snap), district)


@_model()
def national_page(snap: Snapshot) -> national.NationalPage:
    return national.build(snap, site_model(snap))


@_model(4)
def compare_page(snap: Snapshot, group_name: str) -> compare.ComparePage:
    return compare.build(snap, site_model(snap), group_name)


@_model()
def budget_page(snap: Snapshot) -> budget.BudgetPage:
    return budget.build(snap, site_model(snap))


@_model()
def data_page(snap: Snapshot) -> downloads.DataPage:
    return downloads.build(snap, site_model(snap))


# An extract is a visitor's own choice, often seen once: cached for others who choose the same, never settled.
@_model(MODELS, spinner="Preparing the extract…", settle=False)
def extract(snap: Snapshot, measure_ids: tuple[str, ...], level: str, start: str, end: str) -> downloads.Extract:
    """The extract for a visitor's choices, built once and shared with anyone choosing the same."""
    return downloads.extract_files(snap, measure_ids, level, start, end)


@_model(spinner="Preparing the slides…")
def briefing(snap: Snapshot) -> Briefing:
    """Everything meeting mode shows, on the latest data (see lancs_dash.models.briefing)."""
    return build_briefing(snap.cursor())


@st.cache_data(max_entries=256, show_spinner=False)
def _find_postcode(text: str, path: str, version: int) -> postcodes.Lookup:
    return postcodes.find(_open(path, version).cursor(), text)


def find_postcode(text: str) -> postcodes.Lookup:
    """Called from the postcode form's callback, which runs before the page (and so may not rerun it)."""
    snap = _current()
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
