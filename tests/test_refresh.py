"""Refreshing the data while it is being read: the loader swaps in new files again and again while
reader threads and processes query continuously; no reader sees an error or a mix of two files,
and a running app switches to the new file once it has loaded it, without a restart."""

from __future__ import annotations

import multiprocessing
import re
import sys
import threading
import time
import types
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lancs_dash.figures.fmt import built_stamp
from lancs_dash.load.build import build
from lancs_dash.publish import refresh
from lancs_dash.read import db
from tests import rawdata

SWAPS = 6
# One snapshot of a file, read in several statements: must come from one build.
SNAPSHOT = [
    "SELECT value FROM meta WHERE key = 'built_at'",
    "SELECT sum(records) FROM policeuk_month",
    "SELECT sum(n) FROM policeuk_monthly WHERE area_level = 'force'",
    "SELECT count(*) FROM area",
    "SELECT value FROM meta WHERE key = 'built_at'",
]


def check(rows: list) -> tuple:
    """The invariants of one snapshot; returns its identity (built_at, records)."""
    built, records, force_total, areas, built_again = rows
    assert built == built_again, f"two files in one read: {built} then {built_again}"
    assert records == force_total, f"force total {force_total} differs from records {records}"
    assert areas > 0
    return built, records


def read_via_connect(path: str, stop, started=None) -> tuple[int, set]:
    """Open, read a snapshot and close, as the extract CLI does, until `stop` is set."""
    seen, reads = set(), 0
    while not stop.is_set():
        con = db.connect(Path(path))
        try:
            seen.add(check([con.execute(sql).fetchone()[0] for sql in SNAPSHOT]))
        finally:
            con.close()
        reads += 1
        _first_read(reads, started)
    return reads, seen


def _first_read(reads: int, started) -> None:
    """Tell the test a reader has read once, so swaps start only when every reader is reading."""
    if reads == 1 and started is not None:
        started.put(True)


def _process_reader(path: str, stop, started, results) -> None:
    try:
        results.put(("ok", read_via_connect(path, stop, started)))
    except BaseException as e:  # noqa: BLE001 - reported to the parent
        results.put(("error", repr(e)))


def read_via_app_data(stop, started) -> tuple[int, set]:
    """What a page run does: take the current snapshot once, then query through it."""
    from lancs_dash.ui import store

    seen, reads = set(), 0
    while not stop.is_set():
        snap = store.snapshot()
        rows = []
        for sql in SNAPSHOT:
            rows.append(snap.cursor().execute(sql).fetchone()[0])
            time.sleep(0.002)  # widen the window for a swap between statements
        seen.add(check(rows))
        reads += 1
        _first_read(reads, started)
    return reads, seen


@pytest.fixture
def served(tmp_path, monkeypatch) -> tuple[Path, Path]:
    path = tmp_path / "served" / "lancs.duckdb"
    build(path, None, quiet=True)
    monkeypatch.setenv("LANCS_DASH_DB", str(path))
    return path, rawdata.write_raw(tmp_path / "raw")


def test_readers_never_see_errors_or_mixed_files_during_repeated_swaps(served, monkeypatch):
    path, raw = served
    # An earlier AppTest leaves app.py as __main__, which spawned readers would run again as they start.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    ctx = multiprocessing.get_context("spawn")
    stop, started, results = ctx.Event(), ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=_process_reader, args=(str(path), stop, started, results)) for _ in range(2)]
    outcomes, errors = [], []

    def run(fn, *args):
        try:
            outcomes.append(fn(*args))
        except BaseException as e:  # noqa: BLE001 - asserted on below
            errors.append(repr(e))

    threads = [threading.Thread(target=run, args=(read_via_connect, str(path), stop, started)) for _ in range(2)]
    threads += [threading.Thread(target=run, args=(read_via_app_data, stop, started)) for _ in range(3)]
    for w in procs + threads:
        w.start()
    for _ in procs + threads:  # spawned readers import first: swap only once every reader is reading
        started.get(timeout=120)
    states = set()
    for i in range(SWAPS):
        build(path, raw if i % 2 == 0 else None, quiet=True)
        states.add(check([db.connect(path).execute(sql).fetchone()[0] for sql in SNAPSHOT]))
    stop.set()
    for t in threads:
        t.join(timeout=60)
    for _ in procs:
        kind, value = results.get(timeout=60)
        (outcomes if kind == "ok" else errors).append(value)
    for p in procs:
        p.join(timeout=10)
    assert not errors, errors
    assert len(outcomes) == len(procs) + len(threads) and all(reads > 0 for reads, _ in outcomes)
    seen = set().union(*(s for _, s in outcomes))
    assert len({records for _, records in seen}) == 2  # both kinds of file were read: old and new alike
    assert {records for _, records in seen} == {records for _, records in states}


def _wait_for(changed, timeout_s: float = 120.0):
    """Wait until `changed()` returns something true (an app process loads a new file in the background)."""
    deadline = time.monotonic() + timeout_s
    while not (result := changed()):
        assert time.monotonic() < deadline, "the app never switched to the new file"
        time.sleep(0.2)
    return result


def test_app_data_picks_up_a_new_file_without_restart(served):
    from lancs_dash.ui import store

    path, raw = served
    before = store.snapshot().meta()["data_version"]
    build(path, raw, quiet=True)
    after = _wait_for(lambda: (m := store.snapshot().meta())["data_version"] != before and m)
    assert after["built_from"] == "raw open data folder 'raw'"


@pytest.mark.browser
def test_running_app_shows_the_new_file_once_loaded(app_url, default_db, shared_data, page):
    def last_updated() -> str:
        page.goto(app_url)
        note = page.get_by_text("Data last updated").first
        # On a busy machine a page takes a while: wait on the note itself rather than a short fixed time.
        expect(note).to_be_visible(timeout=180_000)
        return re.search(r"Data last updated (\d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC)", note.inner_text()).group(1)

    before = last_updated()
    with db.connect(default_db) as con:
        old = con.execute("SELECT value FROM meta WHERE key = 'data_built_at'").fetchone()[0]
    # The page shows the build time to the minute: let the clock leave the old file's minute, so the two differ.
    while datetime.now(UTC).strftime("%Y-%m-%dT%H:%M") == old[:16]:
        time.sleep(0.5)
    try:
        refresh(default_db, shared_data, quiet=True)  # the file the running server reads, and its models
        with db.connect(default_db) as con:
            stamp = con.execute("SELECT value FROM meta WHERE key = 'data_built_at'").fetchone()[0]
        # Until the process has loaded the new release it serves the old one; then every view shows the new.
        after = _wait_for(lambda: (shown := last_updated()) != before and shown)
        assert after == built_stamp({"data_built_at": stamp})
    finally:
        refresh(default_db, None, quiet=True)  # other tests expect the embedded default
    _wait_for(lambda: last_updated() == before)
