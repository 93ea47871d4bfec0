"""Links to the neighbourhood page: a district's wards, each opening its ward's page (?ward=E05…)."""

from __future__ import annotations

import streamlit as st

from lancs_dash.models.neighbourhood import Wards

PAGE = "pages/neighbourhood.py"


def ward_links(index: Wards, district_code: str) -> None:
    """One link per ward of the district, in name order."""
    with st.container(horizontal=True, gap="small"):
        for code in index.by_district.get(district_code, ()):
            st.page_link(PAGE, label=index.names[code], icon=":material/home_pin:", query_params={"ward": code})


def district_wards(index: Wards, district_code: str, district_name: str) -> None:
    """A district's wards behind an expander, drawn only when opened (most visitors never open it)."""
    wards = index.by_district.get(district_code, ())
    with st.expander(f"{district_name}'s {len(wards)} wards: see your neighbourhood", key=f"wards-{district_code}",
                     on_change="rerun") as box:
        if box.open:
            ward_links(index, district_code)
