"""Every page of the app, for each of the eight other forces' databases loaded from their police.uk files alone:
no error, and the pages the force has are the ones its database can fill."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash import site
from lancs_dash.config import PROJECT_ROOT
from lancs_dash.read.snapshot import Snapshot
from tests.apptest import switch
from tests.test_forces import FORCES


@pytest.mark.parametrize("slug", FORCES)
def test_every_page_runs_for_the_forces_database(force_db, slug, monkeypatch):
    path = force_db(slug)
    monkeypatch.setenv("LANCS_DASH_DB", str(path))
    snap = Snapshot.open(path)
    try:
        pages, force = site.pages(snap), snap.force
    finally:
        snap.close()
    # Its own police.uk data only: no Plan, no published outcome figures, budget or road collisions of its own.
    assert [p.url_path for p in pages if not p.priority] == ["", "compare_forces", "data", "about"]
    for page in pages:
        at = switch(AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120), page).run()
        assert not at.exception, (page.id, [e.message for e in at.exception])
        assert not at.error, (page.id, [e.value for e in at.error])
        assert at.title, page.id
    # The overview names the force's area, with its own districts in the picker.
    at = switch(AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120), pages[0]).run()
    assert force.short_name in at.title[0].value
