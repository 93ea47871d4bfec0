"""The district picker every page shares: a postcode box (where postcodes are loaded) and a district choice
kept in the URL.

The widget's values are ONS district codes shown by name, so the link reads ?district=Preston and
the page gets the code. An unknown value in the URL gets a notice and the whole force area.
"""

from __future__ import annotations

import streamlit as st

from lancs_dash.figures.priorities import held_in
from lancs_dash.read.snapshot import Snapshot
from lancs_dash.ui import find_area, store, urlstate

KEY = "district"


def picker(snap: Snapshot, help_text: str = "Every figure on this page follows this choice; the link keeps it.",
           ) -> tuple[str | None, str]:
    """Draw the postcode box (where postcodes are loaded) and district choice; return (district code or None for
    the force, name)."""
    site = store.site_model(snap)
    names = site.districts
    if site.postcodes:
        find_area.postcode_box(KEY, names, site.force,
                               wards=store.wards(snap).names if "wards" in held_in(snap) else None)
    urlstate.notice_unknown(KEY, names.values(), "district")
    code = st.selectbox("District", list(names), index=None, format_func=names.get, placeholder=site.everywhere,
                        key=KEY, bind="query-params", help=help_text)
    return code, names.get(code, site.everywhere)
