"""Page benchmark, for every page in app.py's navigation: server time per page run (cold: empty
caches; warm: cached) with Streamlit's AppTest, and time until the page has finished drawing in
headless Chromium against a real server on loopback (cold: first view after start; warm: later views).

    python bench/page_times.py [--short]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from common import CHROMIUM, ROOT, fmt, server


def server_times(db: Path, pages, warm_runs: int) -> dict[str, tuple[float, float]]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["LANCS_DASH_DB"] = str(db)
    out = {}
    for info in pages:
        st.cache_data.clear()
        st.cache_resource.clear()
        times = []
        for _ in range(1 + warm_runs):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.switch_page(info.path)
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
            assert not at.exception, f"{info.title}: {at.exception}"
        out[info.title] = (times[0], statistics.median(times[1:]))
    return out


def browser_times(db: Path, pages, warm_runs: int) -> dict[str, tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    from tests.browser import page_url, wait_drawn

    out = {}
    with server(db) as (url, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        # One browser profile throughout, as a returning visitor: the app's static files come from its cache.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for info in pages:
            times = []
            for _ in range(1 + warm_runs):
                page = context.new_page()
                started = time.perf_counter()
                page.goto(page_url(url, info))
                wait_drawn(page)
                times.append(time.perf_counter() - started)
                page.close()
            out[info.title] = (times[0], statistics.median(times[1:]))
        browser.close()
    return out


def main(short: bool) -> dict:
    from lancs_dash.load.build import build
    from lancs_dash.site import PAGES

    pages = PAGES
    warm = 2 if short else 5
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        server_t = server_times(db, pages, warm)
        drawn_t = browser_times(db, pages, warm)
    print("Pages (embedded-default database)")
    print(f"  {'page':<14} {'server cold':>12} {'server warm':>12} {'drawn cold':>12} {'drawn warm':>12}")
    for info in pages:
        (sc, sw), (bc, bw) = server_t[info.title], drawn_t[info.title]
        print(f"  {info.title:<14} {fmt(sc):>12} {fmt(sw):>12} {fmt(bc):>12} {fmt(bw):>12}")
    worst = max(w for _, w in drawn_t.values())
    print(f"  slowest page finished drawing (warm): {fmt(worst)} (target <= 1 s)")
    return {"server": server_t, "drawn": drawn_t}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    main(parser.parse_args().short)
