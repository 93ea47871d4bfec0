"""Every map on every page, as a person sees it: headless Chromium drawing WebGL on SwiftShader.

A map counts as drawn when its picture is not one flat colour and holds the colours its legend
names; with a district picked, the picked district's thick outline must be in the picture too.
Maps must draw with no network: the page may fetch nothing but the app itself.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.models import maps
from lancs_dash.models.priority import LAYOUTS, Districts, Hotspots
from lancs_dash.site import PAGES
from tests.browser import page_url, wait_drawn, wait_maps_drawn

pytestmark = pytest.mark.browser

MAPS = "[data-testid='stDeckGlJsonChart']"
FILL_ALPHA = 230 / 255  # the choropleth's fill opacity over the white page
TOLERANCE = 6  # per channel: SwiftShader's blending and antialiasing


def _expected_maps(path: str) -> int:
    """Maps a page draws: one per Districts or Hotspots section of the priority page it shows."""
    found = re.search(r'\bpriority\.page\("([^"]+)"\)', (PROJECT_ROOT / path).read_text(encoding="utf-8"))
    return sum(isinstance(s, Districts | Hotspots) for s in LAYOUTS[found.group(1)]) if found else 0


def _blend(colour: list[int], alpha: float) -> np.ndarray:
    return np.array(colour[:3]) * alpha + 255 * (1 - alpha)


def _share(pixels: np.ndarray, colour, tolerance: int = TOLERANCE) -> float:
    """Share of the picture's pixels within `tolerance` of `colour`."""
    return float((np.abs(pixels - np.asarray(colour, dtype=float)).max(axis=-1) <= tolerance).mean())


def _picture(chart: Locator) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB"), dtype=float)


def _legend_band_count(chart: Locator) -> int:
    legend = chart.locator("xpath=following::*[contains(., 'Legend')][1]").inner_text()
    bands = re.findall(r"band \d+ of (\d+)", legend)
    assert bands, f"no bands listed in the map's legend: {legend!r}"
    return int(bands[0])


def _problems(pixels: np.ndarray, kind: str, bands: int, picked: bool) -> list[str]:
    problems = []
    flat = pixels.reshape(-1, 3)
    _, counts = np.unique(flat, axis=0, return_counts=True)
    if counts.max() / len(flat) > 0.97:
        problems.append(f"one colour covers {counts.max() / len(flat):.0%} of the map")
    if kind == "choropleth":
        for i, colour in enumerate(maps.BLUES[:bands]):
            if _share(pixels, _blend(colour, FILL_ALPHA)) < 0.002:
                problems.append(f"legend band {i + 1} colour {colour} is not in the picture")
    else:
        if _share(pixels, maps.PALE) < 0.05:
            problems.append("the district areas are not drawn under the points")
        if _share(pixels, _blend(maps.HOTSPOT, maps.HOTSPOT_ALPHA / 255), tolerance=12) < 0.0005:
            problems.append("no hotspot circles")
    if _share(pixels, maps.OUTLINE, tolerance=40) < 0.001:
        problems.append("no district outlines")
    if _share(pixels, maps.INK, tolerance=60) < 0.0005:
        problems.append("no district names")
    band = _share(pixels, maps.PICKED_BAND, tolerance=20)
    if picked and band < 0.0008:  # the picked outline is a few hundred pixels; no other yellow is drawn
        problems.append(f"no thick outline round the picked district ({band:.4f} of the picture)")
    if not picked and band > 0.0002:
        problems.append("a picked-district outline with no district picked")
    return problems


def _check_maps(page: Page, url: str, expected: int, picked: bool) -> int:
    page.goto(url)
    wait_drawn(page)
    charts = page.locator(MAPS)
    expect(charts).to_have_count(expected, timeout=60_000)  # a picked district can rerun the page once
    wait_maps_drawn(page)
    for i in range(expected):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        kind = "hotspots" if "Hotspots" in (chart.get_attribute("aria-label") or "") + _title(chart) else "choropleth"
        bands = _legend_band_count(chart) if kind == "choropleth" else 0
        problems: list[str] = []
        for _ in range(40):  # SwiftShader can take a few frames
            problems = _problems(_picture(chart), kind, bands, picked)
            if not problems:
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


def test_pages_with_maps_are_found():
    assert sum(_expected_maps(p.path) for p in PAGES) >= 7


@pytest.mark.parametrize("info", [p for p in PAGES if _expected_maps(p.path)], ids=lambda p: p.id)
def test_every_map_draws_with_legend_colours_outlines_and_names(map_page, app_url, info):
    _check_maps(map_page, page_url(app_url, info), _expected_maps(info.path), picked=False)


@pytest.mark.parametrize("info", [p for p in PAGES if _expected_maps(p.path)], ids=lambda p: p.id)
def test_picked_district_has_a_thick_outline(map_page, app_url, info):
    _check_maps(map_page, page_url(app_url, info) + "?district=Preston", _expected_maps(info.path), picked=True)


def test_choropleth_tooltip_names_the_district_and_its_figure(map_page, app_url):
    map_page.goto(f"{app_url}/asb")
    wait_drawn(map_page)
    wait_maps_drawn(map_page)
    chart = map_page.locator(MAPS).first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    map_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    tooltip = map_page.locator(".deck-tooltip").locator("visible=true")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert re.search(r"per 1,000", text) and any(name in text for name in ("Preston", "Ribble Valley", "South Ribble",
                                                                            "Blackburn with Darwen", "Hyndburn",
                                                                            "Chorley", "Wyre")), text
