"""Page models published once per data version: a freshly started app process answers its first page views from
the published models, building none, and a refresh while visitors view pages shows none of them an error or a
page mixing two versions (real app processes on loopback, visitors speaking Streamlit's websocket protocol)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import ROOT, _free_port, _wait_healthy
from lancs_dash.publish import models, refresh
from lancs_dash.site import PAGES

sys.path.insert(0, str(ROOT / "bench"))
from concurrency import session  # noqa: E402 - the benchmarks' websocket session driver, on the bench path

STAMP = re.compile(r"Data last updated (\d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC)")
BUILT_ON_REQUEST = "is not published: building it now"


@contextlib.contextmanager
def app_process(db: Path, logs: Path) -> Iterator[str]:
    """One app process as `python -m lancs_dash.serve` starts it; yields its URL once its health check passes,
    with what it printed before that in `logs`/out.txt and its log in `logs`/err.txt."""
    port = _free_port()
    with (logs / "out.txt").open("w") as out, (logs / "err.txt").open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lancs_dash.serve.app_process", "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env={**os.environ, "LANCS_DASH_DB": str(db)}, stdout=out, stderr=err)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, "the app process")
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def view(url: str, path: str) -> tuple[str | None, set[str]]:
    """One new visitor's view of `path`: its error, if any, and every 'Data last updated' stamp it showed. The
    view runs on a thread of its own: Playwright's sync API may hold an event loop on the test's thread."""
    texts: list[str] = []
    with ThreadPoolExecutor(1) as pool:
        _, error = pool.submit(asyncio.run, session(url, path, texts)).result()
    return error, {m.group(1) for t in texts for m in STAMP.finditer(t)}


def test_a_fresh_process_answers_its_first_views_from_the_published_models(default_db, tmp_path):
    with app_process(default_db, tmp_path) as url:
        loaded = (tmp_path / "out.txt").read_text()  # printed before the process started listening
        head = models.header(models.file_for(default_db))
        assert f"data version {head.data_version}: {len(head.keys)} published page models loaded" in loaded
        code = next(iter(models.read(models.file_for(default_db), head.data_version)[("site",)].districts))
        # A Plan priority's page first: a deep link is what a first visitor from a newspaper opens.
        for page in sorted(PAGES, key=lambda p: not p.priority):
            assert view(url, page.url_path)[0] is None, page.url_path
        assert view(url, f"asb?district={code}")[0] is None
    log = (tmp_path / "err.txt").read_text()
    assert BUILT_ON_REQUEST not in log and "no page models published" not in log, log


def test_a_refresh_under_load_shows_no_visitor_an_error_or_a_mixed_page(tmp_path, shared_data):
    db = tmp_path / "served" / "lancs.duckdb"
    refresh(db, None, quiet=True)
    pages = [p.url_path for p in PAGES if p.url_path not in ("meeting", "about")]
    views: list[tuple[str, str | None, set[str]]] = []
    stop = threading.Event()

    def visitor(offset: int) -> None:
        i = offset
        while not stop.is_set():
            path = pages[i % len(pages)]
            views.append((path, *view(url, path)))
            i += 1

    with app_process(db, tmp_path) as url:
        old = view(url, "")[1]
        visitors = [threading.Thread(target=visitor, args=(i,)) for i in range(3)]
        for v in visitors:
            v.start()
        try:
            refresh(db, shared_data, quiet=True)  # while they view pages
            deadline = time.monotonic() + 180
            while not any(stamps - old for _, _, stamps in views[-3:]):  # until the process has switched
                assert time.monotonic() < deadline, "the app process never switched to the new data"
                time.sleep(0.2)
        finally:
            stop.set()
            for v in visitors:
                v.join(timeout=120)
    errors = [(path, error) for path, error, _ in views if error]
    assert not errors, errors
    mixed = [(path, stamps) for path, _, stamps in views if len(stamps) > 1]
    assert not mixed, mixed
    seen = set().union(*(stamps for _, _, stamps in views))
    assert len(old) == 1 and len(seen) == 2 and old < seen  # the old data, then the new, never a third
    assert BUILT_ON_REQUEST not in (tmp_path / "err.txt").read_text()
