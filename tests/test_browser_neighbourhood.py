"""A resident on a 390x844 phone types a real Lancashire postcode into the postcode box, follows the link to their
ward's page, and the first screen answers "is crime going up here?"; a ward's page passes axe's WCAG checks."""

from __future__ import annotations

import duckdb
import pytest
from playwright.sync_api import expect

from tests.browser import wait_drawn, wait_maps_drawn
from tests.test_accessibility import axe_source, serious_violations  # noqa: F401 - axe_source is a fixture

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True)
    yield context.new_page()
    context.close()


def test_a_postcode_on_a_phone_reaches_its_ward_and_the_first_screen_answers(app_url, phone, shared_data, default_db):
    postcode, = duckdb.sql("SELECT pcd FROM read_csv($p, all_varchar = true) WHERE lad_nm = 'Fylde' ORDER BY pcd "
                           "LIMIT 1 OFFSET 200",
                           params={"p": str(shared_data / "lookups" / "postcode_to_lad_lancs14.csv")}).fetchall()[0]
    with duckdb.connect(str(default_db), read_only=True) as con:
        ward, = con.execute("""SELECT w.area_name FROM postcode p JOIN area w ON w.area_level = 'ward'
                               AND w.area_code = p.ward_code WHERE p.postcode = $pc""",
                            {"pc": postcode.replace(" ", "")}).fetchone()
    phone.goto(app_url)
    wait_drawn(phone)
    phone.get_by_role("textbox", name="Your postcode").fill(postcode)
    phone.get_by_role("button", name="Find my area").click()
    link = phone.get_by_role("link", name=f"Your ward, {ward}: is crime going up there?")
    link.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"Is crime going up in {ward}?", timeout=60_000)
    wait_drawn(phone)
    assert "ward=E05" in phone.url
    answer = phone.get_by_text(f"In {ward} (Fylde), ", exact=False).first
    expect(answer).to_be_visible()
    box = answer.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box  # on the first screen, unscrolled


def test_a_ward_page_has_no_serious_accessibility_violations(app_url, page, axe_source):  # noqa: F811
    page.goto(f"{app_url}/neighbourhood?ward=E05012195")
    wait_drawn(page)
    wait_maps_drawn(page)
    ours = serious_violations(page, axe_source)
    assert not ours, "\n".join(ours)
