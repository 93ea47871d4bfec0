"""A person's view: the real app in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bench.common import server
from tests.browser import wait_drawn

pytestmark = pytest.mark.browser


def test_overview_opens_with_figures(app_url, page, raw_street_counts):
    page.goto(app_url)
    expect(page.get_by_role("heading", name="How is Lancashire doing?")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(raw_street_counts.year(2025)[0], exact=True)).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    expect(chart).to_be_visible(timeout=30_000)
    assert "Line chart of records per month" in (chart.get_attribute("aria-label") or chart.inner_html())


@pytest.mark.parametrize("path,heading,alt_start", [
    ("compare_forces", "How does Lancashire compare with forces like it?", "Bar chart"),
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



def test_a_deep_link_to_a_fresh_server_gets_the_apps_navigation(default_db, page):
    """The first visitor of a new process arriving on /budget (a link in a news story) gets app.py's
    navigation, page settings and plain-version link, not Streamlit's list of file names."""
    with server(default_db) as (url, _pid):
        page.goto(f"{url}/budget")
        expect(page.get_by_role("heading", name="Budget and police precept")).to_be_visible(timeout=60_000)
        wait_drawn(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        expect(sidebar.get_by_role("link", name="Plain version, no JavaScript")).to_be_visible()
        expect(sidebar.get_by_text("Budget & precept", exact=True)).to_be_visible()
        expect(sidebar.get_by_text("national measures", exact=True)).to_have_count(0)
        assert page.title() == "Budget & precept · Lancashire Police & Crime Plan dashboard"
