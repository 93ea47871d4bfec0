"""Hostile URL parameters on every page in the navigation: no exception and no error box.

Keys are the ones pages bind to the URL (found in the page code) plus a few a visitor might guess;
values are whatever hypothesis makes of SQL, markup, control characters and very long text. The
app reads through a read-only connection and only ever matches URL values against its own lists,
so no query is built from the text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.site import PAGES
from tests.apptest import switch

CODE = "\n".join(p.read_text(encoding="utf-8") for p in [*PROJECT_ROOT.glob("pages/*.py"),
                                                        *PROJECT_ROOT.glob("lancs_dash/ui/*.py")])
KEYS = sorted(set(re.findall(r"""key=["']([\w-]+)["']""", CODE))
              | {"period", "area", "district", "measure", "priority", "from", "to", "level", "page", "embed"})
NASTY = ["'; DROP TABLE area; --", "\" OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\x00",
         "9" * 5000, "-1", "NaN", "2024-13", "1e309", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃", "E06000009", "Latest 12 months", "", " "]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=200))
params = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=30)),
                         st.one_of(values, st.lists(values, min_size=1, max_size=3)), max_size=4)


@pytest.mark.parametrize("page", PAGES, ids=[p.id for p in PAGES])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=params)
def test_hostile_url_parameters(page, query, app_db):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    switch(at, page)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
