"""The app's pages as Streamlit pages: a file for most, and for every Plan priority (or open-data group) the one
priority page, given its id, at the address the Plan gives it."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from lancs_dash.site import Page
from lancs_dash.ui import priority


def streamlit_page(info: Page) -> StreamlitPage:
    if info.priority:
        # A callable page: one drawing function for every priority, told which one (its address is its own).
        return st.Page(partial(priority.page, info.priority), title=info.title, icon=info.icon,
                       url_path=info.url_path)
    return st.Page(info.path, title=info.title, icon=info.icon, default=info.default)
