"""A person's view: the real app in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import wait_drawn

pytestmark = pytest.mark.browser


def test_overview_opens_with_figures(app_url, page):
    page.goto(app_url)
    expect(page.get_by_role("heading", name="How is Lancashire doing?")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("130,047")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    expect(chart).to_be_visible(timeout=30_000)
    assert "Line chart of records per month" in (chart.get_attribute("aria-label") or chart.inner_html())


@pytest.mark.parametrize("path,heading,alt_start", [
    ("compare_forces", "How does Lancashire compare with other forces?", "Bar chart"),
    ("budget", "Budget and police precept", "Bar chart"),
    ("budget?terms=Real+terms+%28adjusted+for+CPI+inflation%29", "Budget and police precept",
     "in real terms (2024/25 prices, CPI)"),
    ("national_measures", "National Crime and Policing Measures", "Line chart"),
])
def test_new_pages_render_with_alt_text_and_downloads(app_url, page, path, heading, alt_start):
    page.goto(f"{app_url}/{path}")
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    expect(chart).to_be_visible(timeout=30_000)
    wait_drawn(page)  # the first chart can be seen before the run that draws it has finished
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert alt_start in (chart.get_attribute("aria-label") or chart.inner_html())
    expect(page.get_by_role("button", name="Download this data (CSV)").first).to_be_visible()

