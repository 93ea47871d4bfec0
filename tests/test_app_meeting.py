"""Meeting mode in Streamlit's AppTest, on the embedded-default database: the slides show the briefing's
figures, the slide is kept in the URL, and the buttons move through the deck."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.models import briefing
from lancs_dash.read import db

PAGE = "pages/meeting.py"


@pytest.fixture(scope="module")
def expected(default_db) -> briefing.Briefing:
    return briefing.build(db.connect(default_db))


def titles(b: briefing.Briefing) -> list[str]:
    return ["Summary", "Exceptions", *(s.priority.title for s in b.sections)]


def run(query: dict | None = None, page: str = PAGE) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.switch_page(page)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def slide_param(at: AppTest) -> str | None:
    """The ?slide= value; slide 1 is the default, which Streamlit leaves out of the URL."""
    return dict(at.query_params).get("slide")


def test_opening_slide_shows_the_overview_figures(app_db, expected):
    at = run()
    assert [t.value for t in at.title] == ["Summary"]
    overview = run(page="pages/overview.py")
    shown = [(m.label, m.value) for m in at.metric]
    assert shown == [(m.label, m.value) for m in overview.metric][:len(shown)]
    assert shown == [(f.label, f.value) for _, head in expected.overall for f in head.figures]
    text = " ".join(m.value for m in at.markdown)
    assert all(head.answer in text for _, head in expected.overall)
    assert all(f"{status}: **{n}**" in text for status, n in expected.status_counts().items())
    assert any(expected.period in c.value and expected.built in c.value for c in at.caption)


def test_slide_number_from_the_url_opens_that_slide(app_db, expected):
    for number, title in enumerate(titles(expected), start=1):
        at = run({"slide": str(number)})
        assert [t.value for t in at.title] == [title]
        assert any(c.value.startswith(f"Slide {number} of 7") for c in at.caption)


def test_next_and_previous_move_and_update_the_url(app_db, expected):
    names = titles(expected)
    at = run({"slide": "4"})
    assert [t.value for t in click(at, "Next").title] == [names[4]] and slide_param(at) == "5"
    assert [t.value for t in click(at, "Previous").title] == [names[3]] and slide_param(at) == "4"
    # The hidden twins that carry Page Up/Down, Home and End move the same way.
    assert [t.value for t in click(at, "Next slide").title] == [names[4]] and slide_param(at) == "5"
    assert [t.value for t in click(at, "Last slide").title] == [names[-1]] and slide_param(at) == "7"
    assert [t.value for t in click(at, "Next").title] == [names[-1]] and slide_param(at) == "7"  # stays on the last
    assert [t.value for t in click(at, "First slide").title] == [names[0]] and slide_param(at) is None
    assert [t.value for t in click(at, "Previous").title] == [names[0]] and slide_param(at) is None  # stays on the first


@pytest.mark.parametrize("value", ["0", "99", "8", "-1", "1.5", "abc", "", "<script>alert(1)</script>",
                                   "'; DROP TABLE area; --", "9" * 5000, "4; DROP TABLE area"])
def test_bad_slide_value_falls_back_to_slide_1(app_db, value):
    at = run({"slide": value})
    assert [t.value for t in at.title] == ["Summary"]


def test_exceptions_slide_lists_force_comparison_exceptions_and_worsening_measures(app_db, expected):
    at = run({"slide": "2"})
    # Against Lancashire's most similar group no crime type is an exception: the slide says so in words.
    shown = 0 if expected.exceptions.empty else 1
    if shown:
        flagged = at.table[0].value
        assert flagged["Crime type"].tolist() == expected.exceptions["Crime type"].tolist()
        # What fits a phone: the reason in full (the rank, when it counts, is in it); what improvement means is
        # left to the status, which says which way is worse.
        assert flagged["Why"].tolist() == expected.exceptions["Why it is an exception"].tolist()
    else:
        assert any(m.value.startswith("No crime type is in the worst 10% of forces") for m in at.markdown)
    if expected.worsening.empty:
        assert len(at.table) == shown
        assert any(m.value == "No outcome measure is worsening beyond normal noise." for m in at.markdown)
    else:
        worsening = at.table[shown].value
        assert list(worsening.columns) == ["Priority", "Outcome measure (Appendix D)", "Measure used", "Change",
                                           "Status"]
        assert worsening["Outcome measure (Appendix D)"].tolist() == expected.worsening[
            "outcome measure (Appendix D)"].tolist()
        assert worsening["Measure used"].tolist() == expected.worsening["measure used"].tolist()
        assert all("worsening" in s for s in worsening["Status"])


def test_each_priority_slide_shows_its_sections_figures(app_db, expected):
    for number, section in enumerate(expected.sections, start=3):
        at = run({"slide": str(number)})
        assert [t.value for t in at.title] == [section.priority.title]
        assert [(m.label, m.value) for m in at.metric] == [(f.label, f.value) for f in section.figures]
        text = " ".join(m.value for m in at.markdown)
        assert at.markdown[0].value == section.answer  # the answer first
        assert f"Status: {section.verdict.text}" in text  # in words and a symbol, not colour
        if section.force_rows.empty:
            assert section.force_note in text
        else:
            assert all(f"**{crime}**" in text for crime in section.force_rows["Crime type"])
        top = section.districts.dropna(subset=["Per 1,000 residents"])["District"].iloc[0]
        assert f"Highest district rates per 1,000:** {top}" in text
