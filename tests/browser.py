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


# pydeck maps draw into a WebGL canvas inside the chart once deck.gl has loaded.
_MAPS_HAVE_CANVAS = """() => [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
    .every(c => [...c.querySelectorAll('canvas')].some(k => k.width > 0 && k.height > 0))"""


def wait_maps_drawn(page: Page, timeout_ms: int = 60_000) -> None:
    """Until every map on the page has a sized canvas, then a moment for deck.gl's first frames."""
    page.wait_for_function(_MAPS_HAVE_CANVAS, timeout=timeout_ms, polling=100)
    page.wait_for_timeout(1_000)
