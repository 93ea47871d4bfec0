"""Helpers for driving the real app in Chromium: page URLs and waiting until a page has finished drawing."""

from __future__ import annotations

from playwright.sync_api import Page

from lancs_dash import site

# Streamlit shows its status widget while a script runs, and skeletons/spinners until elements arrive.
_DRAWN = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return !!main && !!main.querySelector('h1')
        && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')
        && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]')
        && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(c => c.querySelector('canvas, svg'));
}"""


def page_url(base: str, info: site.Page) -> str:
    return f"{base}/{info.url_path}"


def wait_drawn(page: Page, timeout_ms: int = 60_000) -> None:
    """Until the page's title is shown, the script has stopped and every chart has drawn."""
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
