"""Find my area: a postcode box any page can show. A postcode in the force area selects the page's district
(the widget keyed `district_key`) and, on the neighbourhood page, its ward (the widget keyed `ward_key`); on other
pages it links to the ward's page. Outside-area and malformed postcodes get a helpful message."""

from __future__ import annotations

import streamlit as st

from lancs_dash.read.force import Force
from lancs_dash.ui import store, urlstate
from lancs_dash.ui.neighbourhood import PAGE as NEIGHBOURHOOD


def _look_up(key: str, district_key: str, names: dict[str, str], ward_key: str | None, wards: dict[str, str]) -> None:
    # A callback: it runs before the page, so it may set the district and ward widgets' values (and so the URL).
    found = store.find_postcode(st.session_state.get(key) or "")
    st.session_state[f"{key}-result"] = found
    if found.status == "found" and found.district_code in names:
        st.session_state[district_key] = found.district_code
    if ward_key and found.status == "found" and found.ward_code in wards:
        st.session_state[ward_key] = found.ward_code
        urlstate.keep(ward_key)


def postcode_box(district_key: str, names: dict[str, str], force: Force, key: str = "postcode",
                 ward_key: str | None = None, wards: dict[str, str] | None = None) -> None:
    """A labelled postcode form; `names` maps district codes (the district widget's options, the districts
    `force` polices) to names, `wards` ward codes to names where the database has wards: the neighbourhood page's
    widget is keyed `ward_key`, and on the other pages a postcode found links to its ward's page."""
    with st.form(f"{key}-form", enter_to_submit=True, border=True):
        st.text_input("Your postcode", key=key, max_chars=16, placeholder="e.g. PR1 2AB",
                      autocomplete="postal-code",
                      help=f"Any postcode in the {len(names)} districts policed by {force.name}. We do not store it.")
        st.form_submit_button("Find my area", icon=":material/search:", on_click=_look_up,
                              args=(key, district_key, names, ward_key, wards or {}))
    found = st.session_state.get(f"{key}-result")
    if found is None:
        return
    if found.status != "found":
        st.warning(found.message, icon=":material/help:")
    elif ward_key:
        st.success(f"{found.message} Its ward's figures are shown below.", icon=":material/location_on:")
    else:
        st.success(f"{found.message} Its figures are shown below.", icon=":material/location_on:")
        if wards and found.ward_code in wards:
            st.page_link(NEIGHBOURHOOD, label=f"Your ward, {found.ward_name}: is crime going up there?",
                         icon=":material/home_pin:", query_params={"ward": found.ward_code})
