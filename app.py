"""Entry point: page setup and navigation. The pages a database has are listed in lancs_dash/site.py, from its
force's Plan (data/plans/).

The navigation is one flat list: Streamlit's sectioned sidebar puts list items outside a list,
which fails the WCAG checks in tests/test_accessibility.py.
"""

import streamlit as st

from lancs_dash import html, site
from lancs_dash.publish.first_start import ensure_database
from lancs_dash.ui import store
from lancs_dash.ui.navigation import streamlit_page

ensure_database(store.db_path())  # a fresh checkout: build the database from the embedded default, once
# The release's database, not store.snapshot(): that sends a first view through app.py, which this already is.
snap = store.release().snap
# Every page listed, never behind "View N more": a Plan's pages with the neighbourhood are more than Streamlit's
# default of ten, and a reader (or a keyboard) should reach each from the list.
page = st.navigation([streamlit_page(p) for p in site.pages(snap)], expanded=True)
# Each page's browser title names the page first (WCAG 2.4.2), then the site.
st.set_page_config(page_title=f"{page.title} · {store.site_model(snap).name}",
                   page_icon=":material/local_police:", layout="wide")
# Every page is also published as plain HTML (lancs_dash/html), for readers without JavaScript.
st.sidebar.markdown(f"[Plain version, no JavaScript]({html.href(page.url_path)})")
page.run()
