"""One verdict per measure, area and period: the priority pages, meeting mode, the pack, the plain pages, the
scorecard and the district tables all give the same status text, decided once (figures/headlines.judge)."""

from __future__ import annotations

import html as htmlmod

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash import html
from lancs_dash.config import PROJECT_ROOT
from lancs_dash.models import overview, priority, site
from lancs_dash.pack import CSS, document
from lancs_dash.read.plan import for_force
from tests.apptest import switch

PRIORITIES = for_force("lancashire").priorities  # Lancashire's Plan, as the embedded default is shown against


@pytest.fixture(scope="module")
def plain(static_files):
    pages, staged = static_files
    return pages, pd.read_csv(staged / "verdicts.csv", keep_default_na=False)


def app(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    switch(at, page)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def lead(page: priority.PriorityPage) -> priority.Figures:
    return next(b for b in page.blocks if isinstance(b, priority.Figures))


@pytest.mark.parametrize("p", PRIORITIES, ids=lambda p: p.id)
def test_the_same_verdict_on_every_page_and_in_every_renderer(app_db, snap, deck, plain, p):
    model = lead(priority.build(snap, site.build(snap), p.id, None))
    verdict = model.headline.verdict.text
    number = 3 + [s.priority.id for s in deck.sections].index(p.id)
    section = deck.sections[number - 3]
    assert section.verdict.text == verdict  # meeting mode and the pack draw the briefing
    page_text = " ".join(m.value for m in app(p.url_path).markdown)
    slide_text = " ".join(m.value for m in app("pages/meeting.py", {"slide": str(number)}).markdown)
    assert f"Status: {verdict}" in page_text and f"Status: {verdict}" in slide_text
    assert htmlmod.escape(f"Status: {verdict}", quote=False) in document.html(deck, CSS)
    key = p.url_path
    pages, published = plain
    plain_text = htmlmod.unescape((pages / html.file_name(key)).read_text())
    assert f"Status: {verdict}" in plain_text
    # The scorecard row whose measure is the page's lead measure says the same.
    card = deck.scorecard[deck.scorecard["measure used"] == model.title.rsplit(",", 1)[0]]
    assert set(card["status"]) <= {verdict}
    # The published extract of every verdict says the same status for the same months.
    row = published[(published["measure"] == p.headline_measures[0]) & (published["area_level"] == "force")].iloc[0]
    c = model.headline.verdict.compared
    assert row["status"] == model.headline.verdict.status
    assert row["current_period"] == (f"{c.current.start:%Y-%m}/{c.current.end:%Y-%m}" if c else "")


def shown(row: pd.Series) -> str:
    """A district table row's status as the verdict text: the status and, when compared, the months."""
    return row["Status"] + (f" ({row['Change compares']})" if row["Change compares"] else "")


def test_a_districts_verdict_is_the_same_in_its_page_and_every_district_table(snap):
    shared = site.build(snap)
    preston = next(code for code, name in shared.districts.items() if name == "Preston")
    for p in PRIORITIES:
        model = lead(priority.build(snap, shared, p.id, preston))
        table = priority.ranked_districts(snap, p.headline_measures[0]).set_index("District")
        assert shown(table.loc["Preston"]) == model.headline.verdict.text
    figures = overview.district_figures(snap, shared, preston)
    for head, table in zip(figures.measures, overview.build(snap, shared).district_tables, strict=True):
        row = table.table.frame.set_index("District").loc["Preston"]
        assert shown(row) == head.headline.verdict.text
