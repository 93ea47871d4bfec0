"""The tables and meeting mode on a 390x844 phone in headless Chromium: each table's key columns are in
view without scrolling sideways, and meeting mode's Previous and Next stay on screen and work."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from lancs_dash.models import overview
from lancs_dash.read import registry
from lancs_dash.read.plan import for_force
from tests.browser import table_view, wait_drawn

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
QUERIES = ["", "?district=Preston"]
LANCASHIRE = for_force("lancashire")  # the Plan the embedded default is shown against
PRIORITIES = LANCASHIRE.priorities
PRIORITY = LANCASHIRE.get("asb")
SCORECARD_HEADINGS = ["Outcome measure (Appendix D)", "Latest value", "Change", "Status"]
# Neither the page nor Streamlit's scrolling main section scrolls sideways.
SIDEWAYS = """() => [document.scrollingElement, document.querySelector('[data-testid="stMain"]')]
    .map(e => e.scrollWidth - e.clientWidth)"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True)
    yield context.new_page()
    context.close()


def assert_in_view(page: Page, table, headings: list[str], where: str) -> None:
    table.scroll_into_view_if_needed()
    view = table_view(table)
    missing = [h for h in headings if h not in view["headers"]]
    assert not missing, f"{where}: {missing} not in view; headers in view: {view['headers']}"
    assert view["within"], f"{where}: runs past the screen's edge"
    assert view["sideways"] <= 1, f"{where}: scrolls {view['sideways']} px sideways"


def unit(measure_id: str) -> str:
    return registry.get(measure_id).unit.capitalize()


@pytest.mark.parametrize("query", QUERIES, ids=["force", "Preston"])
def test_overview_tables_show_their_key_columns(app_url, phone, query):
    phone.goto(f"{app_url}/{query}")
    wait_drawn(phone)
    drawn = phone.locator("[data-testid='stMain'] [data-testid='stTable']")
    districts = drawn.filter(has_not_text="Outcome measure (Appendix D)")  # card tables are closed
    expect(districts).to_have_count(len(overview.HEADLINE_MEASURES))
    for n, measure_id in enumerate(overview.HEADLINE_MEASURES):
        assert_in_view(phone, districts.nth(n), ["District", unit(measure_id), "Per 1,000", "Change", "Status"],
                       f"{measure_id} by district")
    scorecard = drawn.filter(has_text="Outcome measure (Appendix D)")
    expect(scorecard).to_have_count(len(PRIORITIES))
    for n, p in enumerate(PRIORITIES):
        assert_in_view(phone, scorecard.nth(n), SCORECARD_HEADINGS, f"scorecard, {p.title}")
    # A measure with figures: its value, change and status cells are wholly on screen, side by side.
    row = scorecard.locator("tbody tr").filter(has_not_text="no open data").first
    row.scroll_into_view_if_needed()
    cells = row.locator("td")
    for n in range(1, len(SCORECARD_HEADINGS)):
        expect(cells.nth(n)).to_be_in_viewport(ratio=1)
    assert phone.evaluate(SIDEWAYS) == [0, 0]


@pytest.mark.parametrize("query", QUERIES, ids=["force", "Preston"])
def test_priority_district_table_shows_its_key_columns(app_url, phone, query):
    phone.goto(f"{app_url}/asb{query}")
    wait_drawn(phone)
    title = f"{registry.get(PRIORITY.district_measure).title} by district"
    card = phone.locator("[data-testid='stVerticalBlock']").filter(
        has=phone.get_by_role("heading", name=title, exact=True)).filter(has=phone.locator("summary")).last

    notes = card.locator("summary", has_text="Data table and notes")
    notes.scroll_into_view_if_needed()
    notes.click()
    table = card.locator("[data-testid='stTable']").filter(has_not_text="Shade")  # not the map's key
    expect(table).to_have_count(1, timeout=30_000)
    wait_drawn(phone)
    assert_in_view(phone, table, ["District", unit(PRIORITY.district_measure), "Per 1,000", "Change: status"],
                   title)
    expect(table.locator("tbody tr")).to_have_count(14)  # every district, none scrolled out of sight
    assert phone.evaluate(SIDEWAYS) == [0, 0]


def test_compare_forces_tables_show_the_reason_and_each_forces_rate(app_url, phone):
    phone.goto(f"{app_url}/compare_forces?group=All+forces+of+England+and+Wales")
    wait_drawn(phone)
    table = phone.locator("[data-testid='stTable']").first
    assert_in_view(phone, table, ["Crime type", "Why"], "exception list")
    reason = table.locator("tbody tr").first.locator("td").last
    expect(reason).to_contain_text(re.compile("above the comparator group|worst 10% of forces"))
    assert reason.evaluate("td => td.scrollWidth <= td.clientWidth")  # the reason wraps, not cut short
    phone.locator("summary", has_text="Data table and notes").click()
    ranked = phone.locator("[data-testid='stExpander'] [data-testid='stTable']")
    expect(ranked).to_have_count(1, timeout=30_000)
    assert_in_view(phone, ranked, ["Force", "Per 1,000", "Flag"], "forces ranked")
    assert phone.evaluate(SIDEWAYS) == [0, 0]


def _slide(page: Page, title: str) -> None:
    expect(page.locator("h1").first).to_have_text(title, timeout=30_000)
    wait_drawn(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=30_000)


def _on_screen(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name)
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{name} runs off the side: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], f"{name} is off screen: {box}"


def test_meeting_mode_keeps_previous_and_next_on_a_phone_screen(app_url, phone):
    titles = ["Summary", "Exceptions", *(p.title for p in PRIORITIES)]
    phone.goto(f"{app_url}/meeting?slide=3")
    _slide(phone, titles[2])
    for name in ("Previous Shortcut", "Next Shortcut"):
        _on_screen(phone, name)
    # Still on screen with the slide scrolled to its end: the bar stays at the foot of the screen.
    phone.locator("[data-testid='stMain']").evaluate("m => m.scrollTo(0, m.scrollHeight)")
    for name in ("Previous Shortcut", "Next Shortcut"):
        _on_screen(phone, name)
    expect(phone.get_by_text(f"Slide 3 of {len(titles)}", exact=True)).to_be_visible()
    for name, number in (("Next Shortcut", 4), ("Previous Shortcut", 3), ("Previous Shortcut", 2)):
        phone.get_by_role("button", name=name).tap()
        _slide(phone, titles[number - 1])
    # The exceptions, and the worsening measures when any are worsening: each is a table, or the slide says in words
    # that there are none (against its most similar group Lancashire has no exception).
    expect(phone.get_by_text("No outcome measure is worsening beyond normal noise.").or_(
        phone.get_by_role("heading", name="Outcome measures worsening beyond normal month-to-month noise").locator(
            "xpath=following::*[@data-testid='stTable'][1]"))).to_be_attached()
    tables = phone.locator("[data-testid='stTable']")
    for n in range(tables.count()):
        assert_in_view(phone, tables.nth(n), [], f"meeting slide 2, table {n + 1}")
    assert phone.evaluate(SIDEWAYS) == [0, 0]
    expect(phone.get_by_role("link", name="Exit meeting mode")).to_be_in_viewport()
