"""One set of figures: the priority pages, the overview, meeting mode and the pack all draw the same page-model
values, from the same database snapshot, so they cannot disagree."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.models import overview, priority, site
from lancs_dash.pack import CSS, document
from lancs_dash.read.plan import for_force
from tests.apptest import switch

PRIORITIES = for_force("lancashire").priorities  # Lancashire's Plan, as the embedded default is shown against


@pytest.fixture(scope="module")
def pages(snap) -> dict[str, priority.PriorityPage]:
    shared = site.build(snap)
    return {p.id: priority.build(snap, shared, p.id, None) for p in PRIORITIES}


def blocks(page: priority.PriorityPage, kind: type) -> list:
    return [b for b in page.blocks if isinstance(b, kind)]


def app(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    switch(at, page)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("p", PRIORITIES, ids=lambda p: p.id)
def test_priority_page_model_and_briefing_hold_the_same_figures(pages, deck, p):
    page = pages[p.id]
    section = next(s for s in deck.sections if s.priority.id == p.id)
    if blocks(page, priority.Figures):
        lead = blocks(page, priority.Figures)[0].headline
        assert lead.figures == section.figures[:len(lead.figures)]
        assert lead.comparison == section.comparison
    else:  # Home Office quarters
        assert blocks(page, priority.Quarterly)[0].figures == section.figures[:2]
    districts = blocks(page, priority.DistrictMap)[0]
    table = next(iter(districts.shows.values())).table.frame
    pd.testing.assert_frame_equal(table.reset_index(drop=True), section.districts.reset_index(drop=True))


@pytest.mark.parametrize("p", PRIORITIES, ids=lambda p: p.id)
def test_page_meeting_slide_and_pack_show_the_model_values(app_db, pages, deck, p):
    number = 3 + [s.priority.id for s in deck.sections].index(p.id)
    section = deck.sections[number - 3]
    shown = {(m.label, m.value) for m in app(p.url_path).metric}
    slide = {(m.label, m.value) for m in app("pages/meeting.py", {"slide": str(number)}).metric}
    model = {(f.label, f.value) for f in section.figures}
    page_figures = {(f.label, f.value) for b in blocks(pages[p.id], priority.Figures) for f in b.headline.figures}
    page_figures |= {(f.label, f.value) for b in blocks(pages[p.id], priority.Quarterly) for f in b.figures}
    assert page_figures <= shown and page_figures <= model == slide
    html = document.html(deck, CSS)
    assert all(document.printable(value) in html or value in html for _, value in model)


def test_overview_headlines_are_the_briefing_summary(snap, deck):
    page = overview.build(snap, site.build(snap))
    assert [(h.title, h.headline) for h in page.headlines] == list(deck.overall)


def test_quarterly_chart_keeps_its_plot_height_on_a_phone(pages):
    """The DA&SV Home Office bars: the plot keeps its own height (fit-x: only the width fits the container), so
    the key cannot squash it at 390 px; the key sits on top in short words, and an outline (solid or dashed)
    tells the two measures apart without colour."""
    card = blocks(pages["dasv"], priority.Quarterly)[0].chart
    for spec in (card.figure.spec,):
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding"} and spec["height"] >= 200
        bars = spec["layer"][0]["encoding"]
        assert bars["color"]["legend"] == bars["strokeDash"]["legend"]  # one key, not two
        legend = bars["color"]["legend"]
        assert legend["orient"] == "top" and "split(datum.label, ' (')[0]" == legend["labelExpr"]
        assert bars["strokeDash"]["field"] == bars["color"]["field"] == "measure"
