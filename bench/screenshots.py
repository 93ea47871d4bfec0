"""Full-height screenshots of every page at desktop (1366 px) and phone (390 px) width, to look at
what a resident sees. Saved under bench/screenshots/ (not committed).

    python bench/screenshots.py [--out DIR] [--only PAGE ...] [--query "district=Preston"]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import CHROMIUM, ROOT, WEBGL_ARGS, server

WIDTHS = {"desktop": 1366, "phone": 390}
# Streamlit scrolls its main section, not the document: grow the viewport to the content's height.
_CONTENT_HEIGHT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return Math.max(main ? main.scrollHeight : 0, document.documentElement.scrollHeight);
}"""


def _settled_height(page) -> int:
    """The content's height once it has stopped changing (late elements still arrive after the title)."""
    last = -1
    for _ in range(40):
        height = page.evaluate(_CONTENT_HEIGHT)
        if height == last:
            return height
        last = height
        page.wait_for_timeout(500)
    return last


def shoot(url: str, out: Path, pages, query: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from tests.browser import page_url, wait_drawn, wait_maps_drawn

    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", *WEBGL_ARGS])
        for name, width in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 900})
            for info in pages:
                page = context.new_page()
                page.goto(page_url(url, info) + (f"?{query}" if query else ""))
                wait_drawn(page)
                wait_maps_drawn(page)
                height = _settled_height(page)
                page.set_viewport_size({"width": width, "height": min(height, 30_000)})
                wait_drawn(page)
                wait_maps_drawn(page)
                path = out / f"{info.id}-{name}.png"
                page.screenshot(path=str(path), full_page=True)
                saved.append(path)
                page.close()
            context.close()
        browser.close()
    return saved


def main() -> None:
    from lancs_dash.load.build import build
    from lancs_dash.site import PAGES

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "screenshots")
    parser.add_argument("--only", nargs="*", help="url paths of the pages to shoot (default: all; '' is the overview)")
    parser.add_argument("--query", default="", help="query string added to every page's address")
    parser.add_argument("--db", type=Path, help="serve this database, refreshed with its page models published "
                                                 "(e.g. another force's); default: a fresh build of the embedded default")
    args = parser.parse_args()
    pages = [p for p in PAGES if args.only is None or p.url_path in args.only or p.id in args.only]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "lancs.duckdb"
            build(db, None, quiet=True)
        with server(db) as (url, _):
            for path in shoot(url, args.out, pages, args.query):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
