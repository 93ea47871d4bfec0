"""Find my area: a postcode box any page can show. A postcode in the force area selects the page's district
(the widget keyed `district_key`); outside-area and malformed postcodes get a helpful message."""

from __future__ import annotations

import streamlit as st

from lancs_dash.read.force import Force
from lancs_dash.ui import store


def _look_up(key: str, district_key: str, names: dict[str, str]) -> None:
    # A callback: it runs before the page, so it may set the district widget's value (and so the URL).
    found = store.find_postcode(st.session_state.get(key) or "")
    st.session_state[f"{key}-result"] = found
    if found.status == "found" and found.district_code in names:
        st.session_state[district_key] = found.district_code


def postcode_box(district_key: str, names: dict[str, str], force: Force, key: str = "postcode") -> None:
    """A labelled postcode form; `names` maps district codes (the district widget's options, the districts
    `force` polices) to names."""
    with st.form(f"{key}-form", enter_to_submit=True, border=True):
        st.text_input("Your postcode", key=key, max_chars=16, placeholder="e.g. PR1 2AB",
                      autocomplete="postal-code",
                      help=f"Any postcode in the {len(names)} districts policed by {force.name}. We do not store it.")
        st.form_submit_button("Find my area", icon=":material/search:", on_click=_look_up,
                              args=(key, district_key, names))
    found = st.session_state.get(f"{key}-result")
    if found is None:
        return
    if found.status == "found":
        st.success(f"{found.message} Its figures are shown below.", icon=":material/location_on:")
    else:
        st.warning(found.message, icon=":material/help:")
