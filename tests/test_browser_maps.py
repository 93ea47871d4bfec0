"""Every map on every page, as a person sees it: headless Chromium drawing WebGL on SwiftShader.

A map counts as drawn when its picture is not one flat colour and holds the colours its key's
swatches show; with a district picked, the picked district's thick outline must be in the picture too.
Maps fill their card on a phone with the key under them, and sit beside their key on a desktop.
Maps must draw with no network: the page may fetch nothing but the app itself.

Everything waits on a state (the page's run finished, deck.gl has sized its canvas, the picture holds
what it should), polled until a deadline, so a busy machine makes the test slower, not flaky.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lancs_dash import site
from lancs_dash.models import maps
from lancs_dash.models.priority import Districts, Hotspots, layout
from lancs_dash.read.plan import for_force
from lancs_dash.site import PAGES
from tests.browser import page_url, wait_drawn, wait_maps_drawn

pytestmark = pytest.mark.browser

MAPS = "[data-testid='stDeckGlJsonChart']"
TOLERANCE = 6  # per channel: SwiftShader's blending and antialiasing
DEADLINE_S = 60  # for a map's picture to hold what it should
WIDTHS = (1366, 390)


def _expected_maps(info: site.Page) -> int:
    """Maps a page draws: one per Districts or Hotspots section of the priority page it shows."""
    if not info.priority:
        return 0
    return sum(isinstance(s, Districts | Hotspots) for s in layout(for_force("lancashire").get(info.priority)))


def _share(pixels: np.ndarray, colour, tolerance: int = TOLERANCE) -> float:
    """Share of the picture's pixels within `tolerance` of `colour`."""
    return float((np.abs(pixels - np.asarray(colour, dtype=float)).max(axis=-1) <= tolerance).mean())


def _picture(chart: Locator) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB"), dtype=float)


def _key(chart: Locator) -> Locator:
    """A map's key: the next table after it (under the map on a phone, beside it on a desktop)."""
    return chart.locator("xpath=following::*[@data-testid='stHtml'][1]")


_SWATCHES = """table => [...table.querySelectorAll('tbody tr')].map(tr => {
    const cell = tr.querySelector('td');
    return [cell.innerText, getComputedStyle(cell).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)];
})"""


def _swatches(chart: Locator) -> list[tuple[str, list[int]]]:
    """(text, colour) of each swatch in the map's key, as the browser shows them."""
    return _key(chart).locator("table").evaluate(_SWATCHES)


def _problems(pixels: np.ndarray, kind: str, swatches: list[tuple[str, list[int]]], picked: bool) -> list[str]:
    problems = []
    flat = pixels.reshape(-1, 3)
    _, counts = np.unique(flat, axis=0, return_counts=True)
    if counts.max() / len(flat) > 0.97:
        problems.append(f"one colour covers {counts.max() / len(flat):.0%} of the map")
    if kind == "choropleth":
        bands = [(text, colour) for text, colour in swatches if text.startswith("Band")]
        if len(bands) < 2:
            problems.append(f"the key lists {len(bands)} bands")
        for text, colour in bands:
            if _share(pixels, colour) < 0.002:
                problems.append(f"the key's {text} colour {colour} is not in the picture")
    else:
        if _share(pixels, maps.PALE) < 0.05:
            problems.append("the district areas are not drawn under the points")
        circle = next((colour for text, colour in swatches if "circle" in text), maps.hotspot_colour())
        if _share(pixels, circle, tolerance=12) < 0.0005:
            problems.append(f"no hotspot circles in the key's colour {circle}")
    if _share(pixels, maps.OUTLINE, tolerance=20) < 0.001:
        problems.append("no district outlines")
    if _share(pixels, maps.INK, tolerance=8) < 0.0005:  # the outlines are lighter than the names' ink
        problems.append("no district names")
    band = _share(pixels, maps.PICKED_BAND, tolerance=20)
    if picked and band < 0.0008:  # the picked outline is a few hundred pixels; no other yellow is drawn
        problems.append(f"no thick outline round the picked district ({band:.4f} of the picture)")
    if not picked and band > 0.0002:
        problems.append("a picked-district outline with no district picked")
    return problems


def _open(page: Page, url: str, expected: int) -> Locator:
    """The page with its maps drawn: its run finished (a picked district can rerun it once), every map there
    and deck.gl's canvases sized and drawn."""
    page.goto(url)
    charts = page.locator(MAPS)
    expect(charts).to_have_count(expected, timeout=60_000)
    wait_drawn(page)
    wait_maps_drawn(page)
    return charts


def _check_maps(page: Page, url: str, expected: int, picked: bool) -> int:
    charts = _open(page, url, expected)
    for i in range(expected):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        kind = "hotspots" if "Hotspots" in (chart.get_attribute("aria-label") or "") + _title(chart) else "choropleth"
        expect(_key(chart)).to_be_visible()
        swatches = _swatches(chart)
        deadline = time.monotonic() + DEADLINE_S
        while problems := _problems(_picture(chart), kind, swatches, picked):  # SwiftShader can take a few frames
            if time.monotonic() > deadline:
                break
            page.wait_for_timeout(250)
        assert not problems, f"{url}: {kind} map {i + 1} did not draw properly: {'; '.join(problems)}"
    return expected


def _title(chart: Locator) -> str:
    return chart.locator("xpath=preceding::h3[1]").inner_text()


@pytest.fixture
def map_page(webgl_browser, app_url):
    context = webgl_browser.new_context(viewport={"width": 1366, "height": 1000})
    pg = context.new_page()
    foreign: list[str] = []

    def note(request) -> None:
        url = urlsplit(request.url)
        # Streamlit draws the tab's icon (a material symbol) from Google's font service; a browser offline
        # just shows no tab icon, so that request is not counted.
        if url.scheme in ("http", "https") and url.hostname != "127.0.0.1" and "materialsymbols" not in url.path:
            foreign.append(request.url)

    pg.on("request", note)
    yield pg
    context.close()
    assert not foreign, f"the page fetched from outside the app (maps must work offline): {foreign[:3]}"


def _map_pages() -> list:
    return [p for p in PAGES if _expected_maps(p)]


def test_pages_with_maps_are_found():
    assert sum(_expected_maps(p) for p in PAGES) >= 7


@pytest.mark.parametrize("info", _map_pages(), ids=lambda p: p.id)
def test_every_map_draws_with_legend_colours_outlines_and_names(map_page, app_url, info):
    _check_maps(map_page, page_url(app_url, info), _expected_maps(info), picked=False)


@pytest.mark.parametrize("info", _map_pages(), ids=lambda p: p.id)
def test_picked_district_has_a_thick_outline(map_page, app_url, info):
    _check_maps(map_page, page_url(app_url, info) + "?district=Preston", _expected_maps(info), picked=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_maps_fill_their_card_and_have_a_key(webgl_browser, app_url, width):
    """On a phone each map's canvas spans its card (less the card's padding) with its key under it; on a desktop,
    where the outlines need only a phone's width, the key sits beside the map, inside the card."""
    context = webgl_browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        info = _map_pages()[0]
        charts = _open(page, page_url(app_url, info) + "?district=Preston", _expected_maps(info))
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            card = chart.locator("xpath=ancestor::*[@data-testid='stVerticalBlock'][1]").bounding_box()
            canvas = chart.locator("canvas").first.bounding_box()
            key = _key(chart)
            key.scroll_into_view_if_needed()
            expect(key).to_be_visible()
            box = key.bounding_box()
            if width < 640:
                assert canvas["width"] >= 0.9 * card["width"], (width, i, canvas, card)
                assert box["y"] > canvas["y"] + canvas["height"] - 1  # under the map
            else:
                assert box["x"] >= canvas["x"] + canvas["width"] and box["y"] < canvas["y"] + canvas["height"]
                assert box["x"] + box["width"] <= card["x"] + card["width"]  # beside the map, inside the card
            expect(key.locator("tbody tr").first).to_be_visible()
            assert re.search(r"\d", key.inner_text())  # limits or counts in words, not colour alone
    finally:
        context.close()


def _tooltip_after(page: Page, point: Callable[[], object], deadline_s: float = DEADLINE_S) -> str:
    """The map's tooltip text once pointing at a district shows it. deck.gl picks from the layers it has loaded;
    a pointer that arrives before they are (a busy machine) shows nothing and is not picked again, so point
    again until the tooltip shows or the deadline passes."""
    tooltip = page.locator(".deck-tooltip").locator("visible=true")
    deadline = time.monotonic() + deadline_s
    while True:
        point()
        try:
            tooltip.wait_for(state="visible", timeout=2_000)
            return tooltip.inner_text()
        except PlaywrightTimeoutError:
            if time.monotonic() > deadline:
                raise


def test_choropleth_tooltip_names_the_district_and_its_figure(map_page, app_url):
    map_page.goto(f"{app_url}/asb")
    expect(map_page.locator(MAPS)).to_have_count(2, timeout=60_000)
    wait_drawn(map_page)
    wait_maps_drawn(map_page)
    chart = map_page.locator(MAPS).first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    text = _tooltip_after(map_page, lambda: (map_page.mouse.move(x - 40, y - 40), map_page.mouse.move(x, y, steps=5)))
    assert re.search(r"per 1,000", text) and any(name in text for name in ("Preston", "Ribble Valley", "South Ribble",
                                                                            "Blackburn with Darwen", "Hyndburn",
                                                                            "Chorley", "Wyre")), text


def test_tapping_a_district_on_a_phone_shows_its_figures(webgl_browser, app_url):
    """The key says "Tap a district": on a touch screen, a tap must bring up the same tooltip as a hover."""
    context = webgl_browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        charts = _open(page, f"{app_url}/asb", 2)
        chart = charts.first
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        text = _tooltip_after(page, lambda: chart.tap(position={"x": box["width"] / 2, "y": box["height"] / 2}))
        assert re.search(r"per 1,000", text)
    finally:
        context.close()
