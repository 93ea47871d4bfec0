"""Every page model of one data version, built once by the refresh and written beside its database, so that
every app process loads them (one file read) instead of building them on visitors' requests.

A model is named by a key: ("overview",), ("priority", "asb", None) for the force area, ("priority", "asb",
"E07000117") for a district, ("neighbourhood", "E05005150") for a ward, and so on (`keys`). The file holds a
small header (the data version, the keys) and then every model, pickled together so that what models share (the
site model, a district page's force page) is stored, and loaded, once.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lancs_dash.files import swap_file
from lancs_dash.models import briefing, budget, compare, downloads, national, neighbourhood, overview, priority, site
from lancs_dash.read.snapshot import Snapshot
from lancs_dash.site import pages as site_pages

Key = tuple
FORMAT = 1  # the file layout; a file of another layout is ignored and the models built instead


def file_for(db_path: Path) -> Path:
    """The models file of the database at `db_path` (data/lancs.duckdb -> data/lancs.models)."""
    return Path(db_path).with_suffix(".models")


def make(snap: Snapshot, key: Key, get: Callable[[Key], Any]) -> Any:
    """Build the model named `key` from `snap`; `get` gives the models it is made with (the site model, and a
    district's page is made with the force area's)."""
    kind, *args = key
    if kind == "site":
        return site.build(snap)
    if kind == "wards":
        return snap.derived(neighbourhood.wards)
    shared = get(("site",))
    if kind == "priority":
        priority_id, district = args
        force = None if district is None else get(("priority", priority_id, None))
        return priority.build(snap, shared, priority_id, district, force)
    if kind == "district":
        return overview.district_figures(snap, shared, *args)
    if kind == "compare":
        return compare.build(snap, shared, *args)
    if kind == "neighbourhood":
        return neighbourhood.build(snap, shared, *args)
    if kind == "briefing":
        return briefing.build(snap.cursor())
    return {"overview": overview.build, "national": national.build, "budget": budget.build,
            "data": downloads.build}[kind](snap, shared)


def keys(snap: Snapshot, shared: site.Site) -> Iterator[Key]:
    """Every model the pages of this database draw (lancs_dash/site.pages): each page, for the force area and for
    every district where it has one."""
    shown = site_pages(snap)
    optional = {"national": "national_measures", "budget": "budget"}
    yield ("site",)
    yield from (("overview",), ("data",), ("briefing",))  # the briefing: meeting mode, and the plain pages
    yield from ((kind,) for kind, page in optional.items() if any(p.url_path == page for p in shown))
    yield from (("compare", kind) for kind in compare.KINDS)
    if any(p.url_path == "neighbourhood" for p in shown):  # every ward's page, where the database has wards
        yield ("wards",)
        yield from (("neighbourhood", ward) for ward in snap.derived(neighbourhood.wards).names)
    for district in (None, *shared.districts):
        if district is not None:
            yield ("district", district)
        yield from (("priority", p.priority, district) for p in shown if p.priority)


def build_all(snap: Snapshot) -> tuple[dict[Key, Any], dict[Key, str]]:
    """Every model of `keys`, each built once, and the error of each that could not be built (a page whose
    figures this database cannot give: the refresh reports it, and the app shows that page's error as before)."""
    made: dict[Key, Any] = {}
    failed: dict[Key, str] = {}

    def get(key: Key) -> Any:
        if key not in made:
            made[key] = make(snap, key, get)
        return made[key]

    for key in keys(snap, get(("site",))):
        try:
            get(key)
        except Exception as e:  # noqa: BLE001 - reported by the refresh, raised again if a visitor asks
            failed[key] = f"{type(e).__name__}: {e}"
    return made, failed


@dataclass(frozen=True)
class Header:
    format: int
    data_version: str  # the database's meta data_version the models were built from
    built_seconds: float
    keys: tuple[Key, ...]


def write(target: Path, data_version: str, models: dict[Key, Any], built_seconds: float) -> None:
    """Write the models file beside `target` and swap it into place (readers see the old file or the new)."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("wb") as f:
            pickle.dump(Header(FORMAT, data_version, built_seconds, tuple(models)), f, protocol=5)
            pickle.dump(models, f, protocol=5)
        swap_file(partial, target)
    finally:
        partial.unlink(missing_ok=True)


_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError)


def _header(f) -> Header | None:
    head = pickle.load(f)
    return head if isinstance(head, Header) and head.format == FORMAT else None


def header(path: Path) -> Header | None:
    """The file's header, or None when there is no readable models file of this layout."""
    try:
        with Path(path).open("rb") as f:
            return _header(f)
    except _UNREADABLE:
        return None


def read(path: Path, data_version: str) -> dict[Key, Any] | None:
    """The models in `path` if they were built from `data_version`; None otherwise (missing, older, damaged)."""
    try:
        with Path(path).open("rb") as f:
            head = _header(f)
            return pickle.load(f) if head is not None and head.data_version == data_version else None
    except _UNREADABLE:
        return None


