"""Every priority page in headless Chromium: no error, every chart with alt text and a download."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import wait_drawn

pytestmark = pytest.mark.browser

# page path -> (title, number of charts and maps on the page). DA&SV's published figures are a table, not a chart:
# they differ in measure, unit, area and period, and no series of them is comparable year on year; the page leads
# with police.uk's monthly violence and sexual offences trend.
PAGES = {"asb": ("Anti-social behaviour", 3), "organised_crime": ("Organised crime", 3),
         "dasv": ("Domestic abuse & sexual violence", 4),
         "burglary_robbery": ("Burglary & robbery", 4), "roads": ("Dangerous drivers (road danger)", 3)}
CHARTS = "[data-testid='stVegaLiteChart'], [data-testid='stDeckGlJsonChart']"


@pytest.mark.parametrize("path", PAGES)
def test_priority_page_renders_with_alt_text_and_downloads(app_url, page, path):
    page.goto(f"{app_url}/{path}?district=Preston")
    title, n_charts = PAGES[path]
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=30_000)
    charts = page.locator(CHARTS)
    expect(charts).to_have_count(n_charts, timeout=30_000)
    # A cold page draws its cards one by one: wait until the script has finished before counting what it drew.
    wait_drawn(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    for i in range(charts.count()):
        chart = charts.nth(i)
        label = chart.get_attribute("aria-label") or chart.locator("[aria-label]").first.get_attribute("aria-label")
        assert label and len(label) > 30, f"chart {i} on {path} has no alt text"
    # Every card has its download button once drawn (waiting on the state, not a count taken mid-draw).
    downloads = page.locator("[data-testid='stDownloadButton']")
    expect(downloads.nth(n_charts - 1)).to_be_attached(timeout=30_000)
    assert "district=Preston" in page.url


def test_a_cards_table_opens_from_the_keyboard(app_url, page):
    """Card tables are drawn only when opened: opening one with the keyboard shows the chart's rows and notes."""
    page.goto(f"{app_url}/burglary_robbery")
    expect(page.get_by_role("heading", name="Burglary & robbery", exact=True)).to_be_visible(timeout=30_000)
    notes = page.locator("[data-testid='stExpander']", has_text="Data table and notes").first
    expect(notes.locator("[data-testid='stDataFrame']")).to_have_count(0)
    notes.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(notes.locator("[data-testid='stDataFrame']")).to_have_count(1, timeout=30_000)
    expect(notes.get_by_text("About this data", exact=True)).to_be_visible()
