"""The answer first: every page about crime, ASB, roads or outcomes opens, right under its title, with a plain
sentence for the area picked that states the current comparison; no headline card is a bare dash."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.read.plan import for_force
from lancs_dash.site import PAGES
from tests.apptest import switch

PRIORITIES = for_force("lancashire").priorities  # Lancashire's Plan, as the embedded default is shown against
ANSWERED = ["pages/overview.py", *(p.url_path for p in PRIORITIES)]


def run(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return switch(at, page).run()


@pytest.mark.parametrize("page", ANSWERED)
@pytest.mark.parametrize(("query", "area"), [({}, "Lancashire"), ({"district": "Preston"}, "Preston")])
def test_the_first_paragraph_answers_for_the_area_picked(app_db, page, query, area):
    at = run(page, query)
    assert not at.exception
    first = at.markdown[0].value  # the first element after the title, above the postcode box and district picker
    assert first.startswith(f"In {area}, ")
    if page != "roads":  # STATS19 holds one year only: the roads page says so instead
        assert "in January to April 2025 compared with the same months of 2024" in first
    else:
        assert "no change can be given" in first


@pytest.mark.parametrize("info", PAGES, ids=lambda p: p.id)
def test_no_headline_card_is_a_bare_dash(app_db, info):
    at = run(info)
    assert not at.exception
    assert all(m.value.strip() not in ("–", "-", "—", "", "nan") for m in at.metric), [
        (m.label, m.value) for m in at.metric]
