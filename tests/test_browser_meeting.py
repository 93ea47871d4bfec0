"""Meeting mode in headless Chromium at projector sizes: paged with the keyboard alone, the slide in the
URL after every key press, and nothing scrolls."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from lancs_dash.read.plan import for_force
from tests.browser import wait_drawn
from tests.conftest import _skip_or_fail
from tests.test_accessibility import AXE, WCAG_TAGS
from tests.test_pack import cli

PRIORITIES = for_force("lancashire").priorities  # Lancashire's Plan, as the embedded default is shown against

pytestmark = pytest.mark.browser

TITLES = ["Summary", "Exceptions", *(p.title for p in PRIORITIES)]
SIZES = [(1920, 1080), (1280, 720)]
# Both the page and Streamlit's main container (which scrolls in Streamlit) fit the screen, within 2 px.
SCROLLS = """() => {
    const main = document.querySelector('[data-testid="stMain"]'), doc = document.scrollingElement;
    return [doc, main].filter(e => e.scrollHeight > e.clientHeight + 2)
        .map(e => `${e.tagName} ${e.scrollHeight} > ${e.clientHeight}`);
}"""


def slide_param(page: Page) -> str | None:
    """The ?slide= value; slide 1 is the default, which Streamlit leaves out of the URL."""
    return parse_qs(urlparse(page.url).query).get("slide", [None])[0]


def on_slide(page: Page, number: int) -> None:
    expect(page.locator("h1").first).to_have_text(TITLES[number - 1], timeout=30_000)
    wait_drawn(page)
    # Elements of the previous slide stay (marked stale) until the rerun has finished with them.
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    assert slide_param(page) == (None if number == 1 else str(number))
    assert not page.evaluate(SCROLLS), f"slide {number} scrolls: {page.evaluate(SCROLLS)}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_keyboard_pages_through_every_slide_without_scrolling(app_url, browser, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/meeting?slide=1")
        on_slide(page, 1)
        expect(page.get_by_text("Keys: → or Page Down next")).to_be_visible()
        for number in range(2, len(TITLES) + 1):
            # Keyboards send the arrows, presentation clickers Page Down: both are used.
            page.keyboard.press("ArrowRight" if number % 2 else "PageDown")
            on_slide(page, number)
            if number > 2:  # a priority slide: its chart keeps its alt text
                chart = page.locator("[data-testid='stVegaLiteChart']")
                label = chart.get_attribute("aria-label") or chart.locator("[aria-label]").first.get_attribute("aria-label")
                assert label and len(label) > 30
        page.keyboard.press("ArrowLeft")
        on_slide(page, len(TITLES) - 1)
        page.keyboard.press("PageUp")
        on_slide(page, len(TITLES) - 2)
        page.keyboard.press("Home")
        on_slide(page, 1)
        page.keyboard.press("End")
        on_slide(page, len(TITLES))
    finally:
        context.close()


def test_buttons_move_and_a_shared_link_opens_its_slide(app_url, page):
    page.goto(f"{app_url}/meeting?slide=4")
    on_slide(page, 4)
    page.get_by_role("button", name="Previous Shortcut").click()
    on_slide(page, 3)
    page.get_by_role("button", name="Next Shortcut").click()
    on_slide(page, 4)
    page.get_by_role("button", name="Page 6", exact=True).click()
    on_slide(page, 6)
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    page.get_by_role("link", name="Exit meeting mode").click()
    expect(page.get_by_role("heading", name="How is Lancashire doing?")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid='stSidebar']")).to_be_visible()  # the presentation style left with the page


def test_focus_is_visible_and_enter_moves_on(app_url, page):
    page.goto(f"{app_url}/meeting?slide=2")
    on_slide(page, 2)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('button') && document.activeElement.innerText.includes('Next')"):
            break
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }""")
    assert ring[0] != "none" and ring[1] != "0px" and ring[2] != "none", ring
    page.keyboard.press("Enter")
    on_slide(page, 3)


@pytest.mark.parametrize("number", range(2, len(TITLES) + 1))
def test_every_slide_passes_the_axe_scan(app_url, page, number):
    """test_accessibility scans the page as first opened (slide 1); this scans the others."""
    if not AXE.exists():
        _skip_or_fail("axe-core is not installed (run `npm ci` at the project root)")
    page.goto(f"{app_url}/meeting?slide={number}")
    on_slide(page, number)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    serious = [f"{v['id']}: {n['html'][:120]}" for v in result["violations"] if v["impact"] in ("serious", "critical")
               for n in v["nodes"]]
    assert not serious, "\n".join(serious)


def test_bad_slide_in_the_url_opens_slide_1(app_url, page):
    for value in ("0", "99", "abc", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"):
        page.goto(f"{app_url}/meeting?slide={value}")
        expect(page.locator("h1").first).to_have_text("Summary", timeout=30_000)
        expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_download_button_gives_the_same_pack_as_the_command(app_url, page, default_db, tmp_path):
    """Meeting mode's button and `python -m lancs_dash.pack` give the same pages for the same database."""
    page.goto(f"{app_url}/meeting?slide=3")
    on_slide(page, 3)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Download pack (PDF)").click()
    download = info.value
    assert download.suggested_filename == "lancashire-meeting-pack.pdf"
    done = cli("--out", str(tmp_path / "PACK.pdf"), "--db", str(default_db))
    assert done.returncode == 0, done.stderr
    from_button, from_cli = PdfReader(download.path()), PdfReader(tmp_path / "PACK.pdf")
    assert [p.extract_text() for p in from_button.pages] == [p.extract_text() for p in from_cli.pages]
    assert slide_param(page) == "3"  # the download did not move the slide
