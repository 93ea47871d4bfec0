"""The pages' access to data: the release this process serves, one database file and its page models.

A release is one data version: the database opened read-only (read/snapshot.py) and every page model the
refresh published from it (publish/models.py), loaded from the models file beside the database in one read
and shared by every session: the same objects, not a copy per view. A watcher thread notices when a refresh
swaps in a new database, loads its release in the background and then switches, so visitors keep getting the
old release (its file stays readable while open) until the new one is ready, and none waits for it. A page
takes its snapshot once, at the top of its run, and passes it on, so one view never mixes two versions.

A database without a models file for its data (written by the loader alone, as many tests do) still serves:
each model is built when first asked for, and the log says so.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lancs_dash.config import DEFAULT_DB
from lancs_dash.models import budget, compare, downloads, national, neighbourhood, overview, parts, priority, site
from lancs_dash.models.briefing import Briefing
from lancs_dash.publish import models as published
from lancs_dash.read import postcodes
from lancs_dash.read.snapshot import Snapshot

log = logging.getLogger(__name__)
WATCH_EVERY_S = 1.0  # how often a process looks for a new database (one stat call)


def db_path() -> Path:
    """The database the app serves (app.py builds it on a fresh checkout before any page reads)."""
    return Path(os.environ.get("LANCS_DASH_DB", DEFAULT_DB))


def _settle() -> None:
    """Page models live as long as their release. Python's full garbage collections walk every live object, and
    the models are most of them, so once they are in place what is alive is moved out of the collector's sight
    (gc.freeze): sweeps then cost little and page views run at an even pace. A new release undoes it first, so
    the old one's models can be collected once no run holds them."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Release:
    """One data version as this process serves it: its snapshot and its page models (publish.models keys)."""

    def __init__(self, snap: Snapshot, models: dict[tuple, Any] | None):
        self.snap = snap
        self.published = len(models) if models is not None else 0  # how many models were published
        self._models = dict(models or {})
        self._building = threading.RLock()  # a model's build asks for the models it is made with
        self._pack: bytes | None = None

    def model(self, key: tuple) -> Any:
        try:
            return self._models[key]
        except KeyError:
            pass
        with self._building:  # built once, by whoever asks first
            if key not in self._models:
                log.warning("page model %s of %s (data version %s) is not published: building it now",
                            key, self.snap.path.name, self.snap.data_version)
                self._models[key] = published.make(self.snap, key, self.model)
                _settle()
        return self._models[key]

    def pack_pdf(self) -> bytes:
        """The meeting pack of this release, as `python -m lancs_dash.pack` writes it, made on the first click."""
        with self._building:
            if self._pack is None:
                from lancs_dash import pack  # WeasyPrint is loaded only when someone asks for a pack

                self._pack = pack.to_pdf(pack.render(self.model(("briefing",))))
        return self._pack


def load(path: Path) -> Release:
    """Open the database at `path` and load the models published from it (no build)."""
    snap = Snapshot.open(path)
    gc.disable()  # unpickling makes many objects at once: no collections while it does
    try:
        models = published.read(published.file_for(path), snap.data_version)
    finally:
        gc.enable()
    if models is None:
        log.warning("no page models published for %s (data version %s): each is built when first asked for",
                    path.name, snap.data_version)
    release = Release(snap, models)
    _release_of[id(snap)] = release
    return release


class _Served:
    """The release served for one database path, and the thread that replaces it when a new file appears. The
    release before it is kept too, for the page runs that began on it; older ones are left to be collected."""

    def __init__(self, path: Path):
        self.path = path
        self.release = load(path)
        self.previous: Release | None = None
        _settle()
        self.watcher = threading.Thread(target=self._watch, name=f"watch {path.name}", daemon=True)
        self.watcher.start()

    def _watch(self) -> None:
        while not _stopping.wait(WATCH_EVERY_S):
            try:
                version = os.stat(self.path).st_mtime_ns
            except FileNotFoundError:  # the database was removed (a test's temporary folder): stop watching
                with _serving:
                    _served.pop(str(self.path), None)
                return
            if version != self.release.snap.version:
                try:
                    new = load(self.path)
                except Exception:  # a damaged file must not stop the watch: keep serving, try again
                    log.exception("could not load the new database %s; still serving the previous one", self.path)
                    continue
                self.previous, self.release = self.release, new
                _settle()


_served: dict[str, _Served] = {}
_serving = threading.Lock()
_stopping = threading.Event()


@atexit.register
def _stop_watching() -> None:
    """At exit, stop the watchers and let the releases go, so their database connections close before the
    interpreter's own shutdown (DuckDB's bindings otherwise report them as leaked)."""
    _stopping.set()
    for served in list(_served.values()):
        served.watcher.join(timeout=WATCH_EVERY_S)
    _served.clear()
    gc.unfreeze()
    gc.collect()
# Each release by its snapshot's id, weakly: a page run passes the snapshot, and finds the models that go with it.
_release_of: weakref.WeakValueDictionary[int, Release] = weakref.WeakValueDictionary()


def release() -> Release:
    """The release served now (loaded on a process's first call; a server loads it before taking visitors)."""
    path = db_path()
    served = _served.get(str(path))
    if served is None:
        with _serving:
            served = _served.get(str(path)) or _served.setdefault(str(path), _Served(path))
    return served.release


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
    for it before drawing anything, and passes it to the model functions below."""
    _through_app_py()
    return release().snap


def _model(snap: Snapshot, *key) -> Any:
    return _release_of[id(snap)].model(key)


def site_model(snap: Snapshot) -> site.Site:
    return _model(snap, "site")


def priority_page(snap: Snapshot, priority_id: str, district: str | None) -> priority.PriorityPage:
    return _model(snap, "priority", priority_id, district)


def overview_page(snap: Snapshot) -> overview.Overview:
    return _model(snap, "overview")


def district_figures(snap: Snapshot, district: str) -> overview.DistrictFigures:
    return _model(snap, "district", district)


def wards(snap: Snapshot) -> neighbourhood.Wards:
    return _model(snap, "wards")


def neighbourhood_page(snap: Snapshot, ward: str) -> neighbourhood.Neighbourhood:
    return _model(snap, "neighbourhood", ward)


# A crime type's trend in a ward is a visitor's own pick, seldom seen: made on request, cached for others.
@st.cache_resource(max_entries=256, show_spinner=False)
def _type_trend(_snap: Snapshot, path: str, version: int, ward: str, category: str) -> parts.Chart:
    return neighbourhood.type_trend(_snap, site_model(_snap), ward, category)


def type_trend(snap: Snapshot, ward: str, category: str) -> parts.Chart:
    return _type_trend(snap, str(snap.path), snap.version, ward, category)


def national_page(snap: Snapshot) -> national.NationalPage:
    return _model(snap, "national")


def compare_page(snap: Snapshot, kind: str) -> compare.ComparePage:
    return _model(snap, "compare", kind)


def budget_page(snap: Snapshot) -> budget.BudgetPage | None:
    return _model(snap, "budget")


def data_page(snap: Snapshot) -> downloads.DataPage:
    return _model(snap, "data")


def briefing(snap: Snapshot) -> Briefing:
    """Everything meeting mode shows, on the latest data (see lancs_dash.models.briefing)."""
    return _model(snap, "briefing")


# An extract is a visitor's own choice, often seen once: built on request, cached for others who choose the same.
@st.cache_resource(max_entries=64, show_spinner="Preparing the extract…")
def _extract(_snap: Snapshot, path: str, version: int, measure_ids: tuple[str, ...], level: str, start: str,
             end: str) -> downloads.Extract:
    return downloads.extract_files(_snap, measure_ids, level, start, end)


def extract(snap: Snapshot, measure_ids: tuple[str, ...], level: str, start: str, end: str) -> downloads.Extract:
    """The extract for a visitor's choices, built once and shared with anyone choosing the same."""
    return _extract(snap, str(snap.path), snap.version, measure_ids, level, start, end)


@st.cache_data(max_entries=256, show_spinner=False)
def _find_postcode(_snap: Snapshot, text: str, path: str, version: int) -> postcodes.Lookup:
    return postcodes.find(_snap.cursor(), text, _snap.force)


def find_postcode(text: str) -> postcodes.Lookup:
    """Called from the postcode form's callback, which runs before the page (and so may not rerun it)."""
    snap = release().snap
    return _find_postcode(snap, text, str(snap.path), snap.version)


def pack_pdf() -> Callable[[], bytes]:
    """The meeting pack, built when the download button is pressed (outside the page run) from the release
    served at the click, so a refresh since the page was drawn gives a pack wholly from the new data."""
    return lambda: release().pack_pdf()
