"""Server CPU per warm page view, for every page, against the framework floor measured in the same run.

Each view is a new visitor speaking Streamlit's own websocket protocol (see concurrency.py), one at a time,
after the page has been viewed twice (warm caches). CPU is the server process's user + system time over
the views; wall is the median time to a finished page. The floor is a bare page (bench/floor_page.py: a
title and 20 paragraphs) served the same way. The headline figure, `page-cpu`, is the worst page's CPU per
view over the floor's (target <= 1.5).

    python bench/page_cpu.py [--short] [--views N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from common import cpu_seconds, fmt, server
from concurrency import session

WARM_UP = 2


def _views(base: str, url_path: str, pid: int, n: int) -> tuple[float, float]:
    """(CPU seconds per view, median wall seconds per view) over n warm views."""
    for _ in range(WARM_UP):
        _, error = asyncio.run(session(base, url_path))
        if error:
            raise RuntimeError(f"/{url_path}: {error}")
    walls = []
    before = cpu_seconds(pid)
    for _ in range(n):
        wall, error = asyncio.run(session(base, url_path))
        if error:
            raise RuntimeError(f"/{url_path}: {error}")
        walls.append(wall)
    time.sleep(0.2)  # let the server finish sending before reading its clock
    return (cpu_seconds(pid) - before) / n, statistics.median(walls)


def main(short: bool, views: int | None = None) -> dict:
    from lancs_dash.load.build import build
    from lancs_dash.site import PAGES

    n = views or (5 if short else 30)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        with server(db, "bench/floor_page.py") as (base, pid):
            floor = _views(base, "", pid, n)
        results = {}
        with server(db) as (base, pid):
            for page in PAGES:
                results[page.title] = _views(base, page.url_path, pid, n)
    print(f"Page CPU per warm view ({n} views each, one visitor at a time; embedded-default database)")
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
