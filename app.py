"""Entry point: page setup and navigation. Each page lives in pages/ and is listed in lancs_dash/site.py.

The navigation is one flat list: Streamlit's sectioned sidebar puts list items outside a list,
which fails the WCAG checks in tests/test_accessibility.py.
"""

import streamlit as st

from lancs_dash import html
from lancs_dash.publish.first_start import ensure_database
from lancs_dash.site import PAGES
from lancs_dash.ui import store

ensure_database(store.db_path())  # a fresh checkout: build the database from the embedded default, once
page = st.navigation([st.Page(p.path, title=p.title, icon=p.icon, default=p.default) for p in PAGES])
# Each page's browser title names the page first (WCAG 2.4.2), then the site.
st.set_page_config(page_title=f"{page.title} · {store.site_model(store.snapshot()).name}",
                   page_icon=":material/local_police:", layout="wide")
# Every page is also published as plain HTML (lancs_dash/html), for readers without JavaScript.
st.sidebar.markdown(f"[Plain version, no JavaScript]({html.href(page.url_path)})")
page.run()
