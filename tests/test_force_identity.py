"""Every page names the force its database records (meta), never Lancashire's name from the code: the app's
pages in Streamlit's AppTest and the plain pages, on a database whose meta names Cumbria.

The database is `cumbria_db` (conftest.py): Cumbria's own police.uk files, loaded alone. Compare forces is left out
of the "never Lancashire" checks: Lancashire is one of the North West forces it compares Cumbria with."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash import html, pack
from lancs_dash.config import PROJECT_ROOT
from lancs_dash.models import briefing
from lancs_dash.publish import extracts
from lancs_dash.read.snapshot import Snapshot
from tests.apptest import switch, with_tables

TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error")


@pytest.fixture
def renamed_app(cumbria_db, monkeypatch):
    monkeypatch.setenv("LANCS_DASH_DB", str(cumbria_db))
    return cumbria_db


def open_page(path: str) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.run()
    at = with_tables(switch(at, path).run())
    assert not at.exception, path
    return at


def words(at: AppTest) -> list[str]:
    """Every piece of prose the page draws (tables of data aside), with the area picker's placeholder."""
    return ([e.value for kind in TEXT_KINDS for e in getattr(at, kind)] + [s.placeholder for s in at.selectbox]
            + [f"{m.label} {m.value}" for m in at.metric])


@pytest.mark.parametrize("path", ["pages/overview.py", "pages/data.py", "pages/about.py"])
def test_app_pages_name_the_database_force_and_never_lancashire(renamed_app, path):
    text = words(open_page(path))
    assert not [t for t in text if "Lancashire" in t], path
    assert any("Cumbria" in t for t in text), path


def test_overview_titles_the_force_and_picks_its_area(renamed_app):
    at = open_page("pages/overview.py")
    assert at.title[0].value == "How is Cumbria doing?"
    assert at.selectbox(key="district").placeholder == "All of Cumbria"
    assert not at.text_input  # no postcode box: this database has no postcode lookup
    prose = " ".join(words(at))
    assert "recorded by Cumbria Constabulary" in prose and "## Cumbria as a whole" in prose
    assert "police.uk street-level crime and ASB data, Cumbria Constabulary" in prose  # each source names the force
    assert "The CSV download also has each district's rank, change in numbers" in prose  # no divisions to mention


def test_extracts_offer_only_the_area_levels_the_database_has(renamed_app):
    at = open_page("pages/data.py")
    assert at.selectbox(key="level").options == ["Force area", "District"]  # no divisions in this database


def test_a_map_without_small_area_points_says_so(renamed_app):
    at = open_page("asb")
    assert any(i.value.startswith("No small-area hotspot map for anti-social behaviour") for i in at.info)


def test_plain_pages_name_the_database_force(cumbria_db, tmp_path):
    snap = Snapshot.open(cumbria_db)
    try:
        b = briefing.build(snap.cursor())
        staged = extracts.stage(snap, tmp_path / "extracts")
        html.write(b, snap, tmp_path / "plain", pd.read_csv(staged / "index.csv", dtype=str, keep_default_na=False))
    finally:
        snap.close()
    printed = pack.document.html(b, pack.CSS)
    assert "Cumbria Constabulary: how it performs" in printed and "How Cumbria compares with other forces" in printed
    assert r'content: "Cumbria police\00002euk open data\00003a performance pack"' in printed  # every page's footer
    assert "No figures of this kind for Cumbria are in the data loaded." in printed  # no finance figures loaded
    written = [f.read_text() for f in (tmp_path / "plain").glob("*.html")] + [printed, (staged / "dictionary.csv").read_text()]
    assert not [t for t in written if "{force}" in t]  # every source has its force filled in
    overview = (tmp_path / "plain" / "index.html").read_text()
    assert "How is Cumbria doing?" in overview and "recorded by Cumbria Constabulary" in overview
    assert "<title>How is Cumbria doing? – Cumbria police.uk open data dashboard (plain version)</title>" in overview
    assert '<th scope="col">District</th>' in overview and '<th scope="col">Division</th>' not in overview  # none
    assert not [f.name for f in (tmp_path / "plain").glob("*.html")
                if f.name != "compare_forces.html" and "Lancashire" in f.read_text()]
    dictionary = pd.read_csv(staged / "dictionary.csv", dtype=str, keep_default_na=False)
    area_code = dictionary.loc[dictionary["name"] == "area_code", "definition"].iloc[0]
    assert area_code == "ONS code of the area (E23000002 for the force area; E07 codes for districts)."  # Cumbria 2022: all E07
    crimes = pd.read_csv(staged / extracts.file_name("crimes", "force"), dtype=str)
    assert set(crimes["source"]) == {"police.uk street-level crime and ASB data, Cumbria Constabulary "
                                     "(Open Government Licence v3.0)"}
