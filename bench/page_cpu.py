"""Server CPU per warm page view, for every page, against the framework floor measured in the same run.

Each view is a new visitor speaking Streamlit's own websocket protocol (see concurrency.py), one at a time,
after the page has been viewed twice (warm caches). CPU is the server process's user + system time over
the views, the least of three rounds (other jobs on a shared machine only ever add to it); wall is the
median time to a finished page. One other visitor keeps a page open throughout, as on a served site (with
nobody connected, Streamlit forgets its compiled page scripts). The floor is a bare page (bench/floor_page.py: a
title and 20 paragraphs) served the same way by a second server running alongside; each page's rounds
alternate with rounds of the floor, and the page is compared with the floor measured beside it. The headline
figure, `page-cpu`, is the worst page's CPU per view over its floor's (target <= 1.5).

    python bench/page_cpu.py [--short] [--views N] [--only PAGE ...]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from common import cpu_seconds, fmt, server
from concurrency import session, someone_connected

WARM_UP = 2
ROUNDS = 3


def _view(base: str, url_path: str) -> float:
    """One view of `url_path`, which may carry a query string ("neighbourhood?ward=E05012195")."""
    path, _, query = url_path.partition("?")
    wall, error = asyncio.run(session(base, path, query=query))
    if error:
        raise RuntimeError(f"/{url_path}: {error}")
    return wall


def _round(base: str, url_path: str, pid: int, n: int) -> tuple[float, list[float]]:
    """CPU seconds per view over n views in a row, and each view's wall time."""
    before = cpu_seconds(pid)
    walls = [_view(base, url_path) for _ in range(n)]
    time.sleep(0.1)  # let the server finish sending before reading its clock
    return (cpu_seconds(pid) - before) / n, walls


def _paired(floor: tuple[str, int], app: tuple[str, int], url_path: str, n: int) -> tuple[float, float, float]:
    """(floor CPU per view, page CPU per view, page's median wall): rounds of the floor and the page taken in
    turn, so a busy spell on a shared machine slows both alike; the least round of each counts."""
    for _ in range(WARM_UP):
        _view(app[0], url_path)
    floor_cpu, page_cpu, walls = [], [], []
    for _ in range(ROUNDS):
        floor_cpu.append(_round(floor[0], "", floor[1], n)[0])
        cpu, wall = _round(app[0], url_path, app[1], n)
        page_cpu.append(cpu)
        walls += wall
    return min(floor_cpu), min(page_cpu), statistics.median(walls)


# Pages also measured with a choice in their address: a ward's neighbourhood page (the page without one only asks).
WITH_QUERY = {"Your neighbourhood: Cadley (Preston)": "neighbourhood?ward=E05012195"}


def main(short: bool, views: int | None = None, only: list[str] | None = None) -> dict:
    from lancs_dash.load.build import build
    from lancs_dash.site import PAGES

    shown = {**{p.title: p.url_path for p in PAGES}, **WITH_QUERY}
    shown = {t: u for t, u in shown.items() if only is None or u in only or t in only}
    n = views or (5 if short else 40)  # 40 views: the clock counts in 10 ms steps
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        with server(db, "bench/floor_page.py") as floor, someone_connected(floor[0]), \
                server(db) as app, someone_connected(app[0]):
            for _ in range(WARM_UP):
                _view(floor[0], "")
            results = {title: _paired(floor, app, url_path, n) for title, url_path in shown.items()}
    print(f"Page CPU per warm view (least of {ROUNDS} rounds of {n} views, one visitor at a time, each page's "
          "rounds taken in turn with the floor's; embedded-default database)")
    print(f"  {'page':<34} {'CPU/view':>9} {'floor':>7} {'x floor':>8} {'wall':>8}")
    for title, (floor_cpu, cpu, wall) in results.items():
        print(f"  {title:<34} {fmt(cpu):>9} {fmt(floor_cpu):>7} {cpu / floor_cpu:>8.1f} {fmt(wall):>8}")
    worst_title, (worst_floor, worst, _) = max(results.items(), key=lambda kv: kv[1][1] / kv[1][0])
    print(f"  page-cpu: worst page ({worst_title}) {worst / worst_floor:.1f} x the floor's CPU per view "
          f"(target <= 1.5; done when <= 3)")
    return {"pages": results}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--views", type=int)
    parser.add_argument("--only", nargs="*", help="url paths (with a query string, as in WITH_QUERY) or titles of the "
                                                  "pages to measure (default: every page)")
    args = parser.parse_args()
    main(args.short, args.views, args.only)
