"""AppTest help: open every table the app draws only when asked for (a chart card's "Data table and notes",
the Data page's reference tables): each sits in a keyed expander that reruns the page when opened."""

from __future__ import annotations

import pandas as pd
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Table
from streamlit.util import calc_hash

from lancs_dash.site import Page


def with_tables(at: AppTest) -> AppTest:
    """Open every such expander (as a visitor clicking each one would) and rerun; tables keep the page order."""
    for expander in at.expander:
        if expander.proto.id:  # only the keyed ones track being open; the id ends with the key: "$$ID-<hash>-<key>"
            at.session_state[expander.proto.id.split("-", 2)[2]] = True
    return at.run()


def shown_text(table: Table) -> pd.DataFrame:
    """A static table's cells as drawn: the styled text when it is styled (numbers formatted, a dash for a
    missing figure), else its values."""
    data = table.proto.arrow_data
    return dataframe_util.convert_arrow_bytes_to_pandas_df(data.styler.display_values) if data.HasField("styler") \
        else table.value


def switch(at: AppTest, page: str | Page) -> AppTest:
    """Open `page` on the next run, as a direct link to its address would: a page file ("pages/data.py"), a page of
    the listing, or a Plan priority's address ("asb"). Priority pages are one callable (lancs_dash/ui/navigation.py),
    which AppTest.switch_page cannot name, so they are named as Streamlit names every st.Page: by its url_path's
    hash (AppTest runs the hash it holds)."""
    if isinstance(page, Page):
        page = page.url_path if page.priority else page.path
    if page.endswith(".py"):
        return at.switch_page(page)
    assert hasattr(at, "_page_hash"), "AppTest no longer holds the page to run as _page_hash"
    at._page_hash = calc_hash(page)
    return at
