"""Server CPU per warm page view, for every page, against the framework floor measured in the same run.

Each view is a new visitor speaking Streamlit's own websocket protocol (see concurrency.py), one at a time,
after the page has been viewed twice (warm caches). CPU is the server process's user + system time over
the views, the least of three rounds (other jobs on a shared machine only ever add to it); wall is the
median time to a finished page. One other visitor keeps a page open throughout, as on a served site (with
nobody connected, Streamlit forgets its compiled page scripts). The floor is a bare page (bench/floor_page.py: a
title and 20 paragraphs) served the same way. The headline figure, `page-cpu`, is the worst page's CPU per
view over the floor's (target <= 1.5).

    python bench/page_cpu.py [--short] [--views N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from common import cpu_seconds, fmt, server
from concurrency import session
from websockets.asyncio.client import connect

WARM_UP = 2
ROUNDS = 3


def _view(base: str, url_path: str) -> float:
    wall, error = asyncio.run(session(base, url_path))
    if error:
        raise RuntimeError(f"/{url_path}: {error}")
    return wall


@contextlib.contextmanager
def _someone_connected(base: str) -> Iterator[None]:
    """A visitor with a page open (connected, idle) for the duration."""
    stop, ready = threading.Event(), threading.Event()

    async def stay() -> None:
        async with connect(base.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                           origin=base, max_size=None):
            ready.set()
            while not stop.is_set():
                await asyncio.sleep(0.05)

    thread = threading.Thread(target=asyncio.run, args=(stay(),), daemon=True)
    thread.start()
    ready.wait(30)
    try:
        yield
    finally:
        stop.set()
        thread.join(5)


def _views(base: str, url_path: str, pid: int, n: int) -> tuple[float, float]:
    """(CPU seconds per view, median wall seconds per view) over n warm views."""
    for _ in range(WARM_UP):
        _view(base, url_path)
    cpu, walls = [], []
    for _ in range(ROUNDS):
        before = cpu_seconds(pid)
        walls += [_view(base, url_path) for _ in range(n)]
        time.sleep(0.1)  # let the server finish sending before reading its clock
        cpu.append((cpu_seconds(pid) - before) / n)
    return min(cpu), statistics.median(walls)


def main(short: bool, views: int | None = None) -> dict:
    from lancs_dash.load.build import build
    from lancs_dash.site import PAGES

    n = views or (5 if short else 20)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        with server(db, "bench/floor_page.py") as (base, pid), _someone_connected(base):
            floor = _views(base, "", pid, n)
        results = {}
        with server(db) as (base, pid), _someone_connected(base):
            for page in PAGES:
                results[page.title] = _views(base, page.url_path, pid, n)
    print(f"Page CPU per warm view (least of {ROUNDS} rounds of {n} views, one visitor at a time; embedded-default database)")
    print(f"  {'page':<34} {'CPU/view':>9} {'x floor':>8} {'wall':>8}")
    print(f"  {'floor: title + 20 paragraphs':<34} {fmt(floor[0]):>9} {1:>8.1f} {fmt(floor[1]):>8}")
    for title, (cpu, wall) in results.items():
        print(f"  {title:<34} {fmt(cpu):>9} {cpu / floor[0]:>8.1f} {fmt(wall):>8}")
    worst_title, (worst, _) = max(results.items(), key=lambda kv: kv[1][0])
    print(f"  page-cpu: worst page ({worst_title}) {worst / floor[0]:.1f} x the floor's CPU per view "
          f"(target <= 1.5; done when <= 3)")
    return {"floor": floor, "pages": results}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--views", type=int)
    args = parser.parse_args()
    main(args.short, args.views)
