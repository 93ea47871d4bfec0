"""Accessibility in headless Chromium, for every page in the navigation: an axe-core scan against
WCAG 2.0/2.1/2.2 A and AA, a keyboard-only walk, and text at 200 % zoom without loss.

axe-core comes from npm (package.json / package-lock.json; `npm ci` in .ci/run) and is injected
into each page by the test.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.site import PAGES
from tests.browser import page_url, wait_drawn
from tests.conftest import _skip_or_fail

pytestmark = pytest.mark.browser

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Violations that come from Streamlit itself and cannot be fixed here: (axe rule, text in the element's
# HTML, the reason given in the accessibility statement on the About page). Empty while there are none.
FRAMEWORK: list[tuple[str, str, str]] = []


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        _skip_or_fail("axe-core is not installed (run `npm ci` at the project root)")
    return AXE.read_text(encoding="utf-8")


def _from_framework(rule: str, html: str) -> bool:
    return any(rule == r and text in html for r, text, _ in FRAMEWORK)


def serious_violations(page, axe_source: str) -> list[str]:
    """axe-core's serious and critical WCAG violations on the page as drawn, the framework's own left aside."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {n['target']}: {n['html'][:160]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")
            for n in v["nodes"] if not _from_framework(v["id"], n["html"])]


@pytest.mark.parametrize("info", PAGES, ids=[p.id for p in PAGES])
def test_axe_finds_no_serious_or_critical_violations(info, app_url, page, axe_source):
    page.goto(page_url(app_url, info))
    wait_drawn(page)
    ours = serious_violations(page, axe_source)
    assert not ours, "\n".join(ours)


def test_framework_exceptions_are_in_the_accessibility_statement():
    about = (PROJECT_ROOT / "pages" / "about.py").read_text(encoding="utf-8")
    assert "Accessibility statement" in about and "Reporting a problem" in about
    assert all(reason in about for _, _, reason in FRAMEWORK)


def _focused(page) -> str:
    return page.evaluate(r"""() => {
        const e = document.activeElement, ids = [];
        for (let a = e; a && ids.length < 4; a = a.parentElement) if (a.dataset && a.dataset.testid) ids.push(a.dataset.testid);
        return [e.tagName, e.getAttribute('role') || '', e.getAttribute('aria-label') || '',
                (e.innerText || e.value || '').trim().slice(0, 80).replace(/\s+/g, ' '), ids.join('/')].join('|');
    }""")


CHOICE = "|combobox|district"  # the district picker, as _focused describes it


def test_keyboard_only_walk_reaches_navigation_choices_and_downloads(app_url, page):
    page.goto(app_url)
    wait_drawn(page)
    seen = []
    for _ in range(150):
        page.keyboard.press("Tab")
        seen.append(_focused(page))
        # Stop on a download button once navigation and a choice (the district picker) have been passed.
        if "stDownloadButton" in seen[-1] and any(CHOICE in s.lower() for s in seen):
            break
    visited = "\n".join(seen)
    for info in PAGES:
        assert info.title in visited, f"navigation link '{info.title}' not reached by Tab:\n{visited}"
    assert CHOICE in visited.lower(), visited
    assert "stDownloadButton" in visited, visited
    # The focused element is visibly marked.
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }""")
    assert outline
    # A download starts from the keyboard alone.
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


@pytest.mark.parametrize("info", PAGES, ids=[p.id for p in PAGES])
def test_text_at_200_percent_zoom_without_loss(info, app_url, browser):
    # 200 % zoom of a 1280 px window: the page lays out in 640 CSS px at twice the pixel density.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(page_url(app_url, info))
        wait_drawn(page)
        expect(page.locator("h1").first).to_be_visible()
        lost = page.evaluate("""() => {
            const doc = document.scrollingElement;
            const out = doc.scrollWidth > doc.clientWidth + 1 ? ['the page scrolls sideways'] : [];
            for (const e of document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3, p, li, label)')) {
                if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                    out.push('clipped: ' + e.innerText.slice(0, 60));
            }
            return out;
        }""")
        assert not lost, lost
    finally:
        context.close()
