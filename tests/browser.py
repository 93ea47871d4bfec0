"""Helpers for driving the real app in Chromium: page URLs and waiting until a page has finished drawing."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from lancs_dash import site

# Streamlit marks its app element with the script's run state ("initial", "running", "rerunRequested",
# "notRunning", ...) and the connection's, at once (its status widget's running icon shows only after a delay,
# so a fast first paint could pass for a finished run); skeletons and spinners stand in until elements arrive.
_DRAWN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    return !!app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED'
        && !!main && !!main.querySelector('h1')
        && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')
        && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]')
        && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(c => c.querySelector('canvas, svg'));
}"""


CSP_LISTENER = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));"""


def csp_violations(page: Page) -> list[str]:
    """What the page's Content-Security-Policy blocked (install CSP_LISTENER with add_init_script first, so it
    hears the violations of the page's first scripts)."""
    return page.evaluate("window.__violations")


def page_url(base: str, info: site.Page) -> str:
    return f"{base}/{info.url_path}"


def wait_drawn(page: Page, timeout_ms: int = 60_000) -> None:
    """Until the page's run has finished (connected, not running), its title is shown and every chart has drawn."""
    page.wait_for_function(_DRAWN, timeout=timeout_ms, polling=50)


# A map's canvas starts with the browser's default 300x150 drawing buffer; deck.gl sizes it to the canvas's box
# (times the pixel ratio) when it first draws, so a buffer matching its box means deck.gl has drawn.
_MAPS_HAVE_DRAWN = """() => [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
    .every(c => [...c.querySelectorAll('canvas')].some(k => k.clientWidth > 0 && k.clientHeight > 0
        && Math.abs(k.width - k.clientWidth * devicePixelRatio) <= 1
        && Math.abs(k.height - k.clientHeight * devicePixelRatio) <= 1))"""


def wait_maps_drawn(page: Page, timeout_ms: int = 60_000) -> None:
    """Until deck.gl has sized and drawn every map's canvas on the page."""
    page.wait_for_function(_MAPS_HAVE_DRAWN, timeout=timeout_ms, polling=100)


# What a reader sees of a table, by its header cells. st.dataframe draws a canvas grid (glide-data-grid) and
# keeps an accessible <table role="grid"> beside it listing the columns in view; its cells have no layout of
# their own, so a grid's columns are all in view when the grid does not scroll sideways (its .dvn-scroller
# is no wider than its box). st.table is a real table, whose header cells have boxes.
_TABLE_VIEW = """el => {
    const box = el.getBoundingClientRect(), width = document.documentElement.clientWidth;
    const grid = el.querySelector('table[role="grid"]');
    if (grid) {
        const scroller = el.querySelector('.dvn-scroller');
        return {headers: [...grid.querySelectorAll('th[role="columnheader"]')].map(th => th.textContent.trim()),
                within: box.left >= 0 && box.right <= width,
                sideways: scroller.scrollWidth - scroller.clientWidth};
    }
    const ths = [...el.querySelectorAll('thead th')];
    const over = e => e.scrollWidth - e.clientWidth;
    return {headers: ths.map(th => th.innerText.trim()),
            within: ths.every(th => { const b = th.getBoundingClientRect(); return b.left >= 0 && b.right <= width; })
                && box.left >= 0 && box.right <= width,
            sideways: Math.max(...[el, ...el.querySelectorAll('div')].map(over))};
}"""


def table_view(table: Locator) -> dict:
    """A drawn table (st.dataframe or st.table): its header texts in view, whether it lies within the
    viewport's width, and how far (px) it scrolls sideways. Waits until its header cells are in the DOM (a
    grid writes its accessible table after its first paint)."""
    table.locator("th").first.wait_for(state="attached")
    return table.evaluate(_TABLE_VIEW)
