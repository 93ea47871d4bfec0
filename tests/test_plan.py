"""The Plan as data (data/plans/, read by lancs_dash/read/plan.py): Lancashire's Plan file gives the pages they
had when the Plan was code, a bad file is refused naming the file and key, and a force with no Plan file gets the
open-data pages only, each drawn without an error and without any Plan wording."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash import site
from lancs_dash.config import PROJECT_ROOT
from lancs_dash.figures import priorities
from lancs_dash.read import plan, registry
from lancs_dash.read.snapshot import Snapshot
from tests.apptest import switch

LANCASHIRE = plan.for_force("lancashire")


def test_lancashires_plan_file_reads_as_the_plan_in_code_did():
    # Pinned from the Plan as it was written in Python before it moved to data/plans/lancashire.toml.
    assert LANCASHIRE.title == "Police and Crime Plan for Lancashire 2021–25"
    assert LANCASHIRE.period == ("2021-04", "2025-03") and LANCASHIRE.is_plan
    assert [(p.id, p.title, p.url_path, len(p.commitments), len(p.outcomes)) for p in LANCASHIRE.priorities] == [
        ("asb", "Anti-social behaviour", "asb", 3, 4),
        ("organised-crime", "Organised crime", "organised_crime", 3, 8),
        ("dasv", "Domestic abuse & sexual violence", "dasv", 3, 8),
        ("burglary-robbery", "Burglary & robbery", "burglary_robbery", 3, 5),
        ("roads", "Dangerous drivers (road danger)", "roads", 3, 4)]
    dasv = LANCASHIRE.get("dasv")
    assert dasv.headline_measures == ("violence_and_sexual_offences", "ho_sexual_offences", "ho_stalking_harassment",
                                      "victim_satisfaction")
    assert dasv.sensitive and dasv.force_rates == ("violence_and_sexual_offences_per_1000",)
    assert dasv.section == "Plan §2 'Tackling domestic abuse and sexual violence'; Appendix D"
    assert LANCASHIRE.get("organised-crime").force_rates == ("drugs_per_1000", "possession_of_weapons_per_1000")
    assert [o.status for o in LANCASHIRE.get("burglary-robbery").outcomes] == ["proxy", "proxy", "none", "none", "none"]
    ksi = LANCASHIRE.get("roads").outcomes[1]
    assert (ksi.status, ksi.measure_id) == ("measured", "ksi_collisions")
    assert LANCASHIRE.get("asb").outcomes[0].note == ("Would need the 'Lancashire Talking' survey results published "
                                                      "as data, by area and date.")
    assert LANCASHIRE.get("asb").commitments[0] == ("Cut ASB across the county, treating it as the public's top "
                                                    "local concern (§2).")
    assert len(LANCASHIRE.all_outcomes()) == 29
    # Every measure the Plan's pages use names the Plan section it speaks to.
    used = {m for p in LANCASHIRE.priorities for m in (*p.headline_measures, p.district_measure)}
    used |= {o.measure_id for _, o in LANCASHIRE.all_outcomes() if o.measure_id}
    assert used <= set(LANCASHIRE.refs)
    assert LANCASHIRE.refs["ksi_collisions"] == "Plan §2: Targeting dangerous drivers (Appendix D: reduce KSIs)"


def test_lancashires_pages_keep_their_addresses():
    assert [p.url_path for p in site.PAGES] == [
        "", "neighbourhood", "meeting", "asb", "organised_crime", "dasv", "burglary_robbery", "roads",
        "national_measures", "compare_forces", "budget", "data", "about"]
    assert [p.title for p in site.PAGES if p.priority] == [
        "Anti-social behaviour", "Organised crime", "Domestic abuse & sexual violence", "Burglary & robbery",
        "Dangerous drivers"]


@pytest.mark.parametrize(("text", "message"), [
    ('title = "A Plan"\nperiod = ["2021-04", "2025-03"]\n', "bad.toml: missing key 'priorities'"),
    ('title = "A Plan"\nperiod = ["2021-04"]\n[[priorities]]\n', "bad.toml: 'period' must be the first and last month"),
    ('title = "Open"\n[[priorities]]\nid = "x"\ntitle = "X"\nheadline_measures = ["no_such_measure"]\n'
     'district_measure = "crimes"\n', "bad.toml priority 'x': headline measure 'no_such_measure' is not a registry"),
    ('title = "Open"\n[[priorities]]\nid = "x"\ntitle = "X"\nheadline_measures = ["crimes"]\n'
     'district_measure = "crimes"\ncommitments = ["A promise"]\n',
     "bad.toml priority 'x': an open-data page has no Plan 'section', 'commitments' or 'outcomes'"),
    ('title = "A Plan"\nperiod = ["2021-04", "2025-03"]\n[[priorities]]\nid = "x"\ntitle = "X"\nsection = "§1"\n'
     'commitments = ["A promise"]\nheadline_measures = ["crimes"]\ndistrict_measure = "crimes"\n'
     '[[priorities.outcomes]]\ntext = "Less crime"\nstatus = "maybe"\n',
     "bad.toml priority 'x' outcome 1: status 'maybe' must be one of measured, proxy, none"),
    ('title = \n', "bad.toml: "),
])
def test_a_bad_plan_file_is_refused_naming_the_file_and_key(tmp_path, text, message):
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(plan.PlanError) as e:
        plan.read(tmp_path / "bad.toml")
    assert str(e.value).startswith(message), str(e.value)


def test_a_force_with_no_plan_file_gets_the_open_data_pages():
    assert plan.file_for("cumbria") == plan.OPEN_DATA and plan.file_for("lancashire").name == "lancashire.toml"
    open_data = plan.for_force("cumbria")
    assert not open_data.is_plan and open_data.period is None
    assert all(not (p.section or p.commitments or p.outcomes) for p in open_data.priorities)
    # Every police.uk crime type is on one open-data page, and ASB on its own.
    pages = [{c for m in p.headline_measures for c in registry.get(m).params.get("categories", ())}
             for p in open_data.priorities]
    assert sorted(c for page in pages for c in page) == sorted(registry.CATEGORIES)


@pytest.fixture(scope="module")
def other(cumbria_db):
    s = Snapshot.open(cumbria_db)
    yield s
    s.close()


def test_the_other_forces_pages_are_the_open_data_pages_only(other):
    assert other.force.slug == "cumbria" and other.plan.file == "open-data.toml"
    # Its database holds no published outcome or finance figures for its own force area code: no such pages.
    assert priorities.held_in(other) == set()
    pages = site.pages(other)
    assert [p.url_path for p in pages] == [
        "", "violence", "burglary_robbery_theft", "vehicle_crime", "criminal_damage", "drugs_weapons_public_order",
        "asb", "compare_forces", "data", "about"]


@pytest.fixture
def other_app(cumbria_db, monkeypatch):
    monkeypatch.setenv("LANCS_DASH_DB", str(cumbria_db))


def _plan_words(at: AppTest) -> list[str]:
    shown = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info")
             for e in getattr(at, kind) if isinstance(e.value, str)]
    shown += [e.label for e in at.expander]
    words = ("Police and Crime Plan", "the Plan", "Appendix D", "commits to", "Plan priority")
    return [t for t in shown if any(w in t for w in words)]


@pytest.mark.parametrize("info", [p for p in site.listing(plan.for_force("cumbria"), frozenset())],
                         ids=lambda p: p.id)
def test_every_open_data_page_runs_without_an_error_or_plan_wording(other_app, info):
    at = switch(AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120), info).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if info.priority:
        assert at.title[0].value == plan.for_force("cumbria").get(info.priority).title
    if info.url_path in ("", *(p.url_path for p in plan.for_force("cumbria").priorities)):
        assert not _plan_words(at), _plan_words(at)


def test_the_other_forces_published_models_are_its_own_pages(cumbria_db):
    from lancs_dash.publish import models

    head = models.header(models.file_for(cumbria_db))
    assert head is not None
    kinds = {k[0] for k in head.keys}
    assert "national" not in kinds and "budget" not in kinds
    assert {k[1] for k in head.keys if k[0] == "priority"} == {
        p.id for p in priorities.shown(plan.for_force("cumbria"), frozenset())}  # no road collisions: no roads page
