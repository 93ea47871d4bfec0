"""Draws a Plan priority page, or a force's open-data page, from its model (lancs_dash/models/priority.py lists
the layouts). One function draws every such page; app.py gives it the priority (lancs_dash/ui/navigation.py).

Every block honours the district picked (kept in the URL as ?district=...).
"""

from __future__ import annotations

from functools import singledispatch

import streamlit as st

from lancs_dash.figures.priorities import held_in
from lancs_dash.models import priority as model
from lancs_dash.ui import components as ui
from lancs_dash.ui import district_picker, store
from lancs_dash.ui.neighbourhood import district_wards


def page(priority_id: str) -> None:
    """Title, the plain answer for the area picked, the district picker (bound to ?district=), the Plan's
    commitments (a Plan priority only), then the page's blocks."""
    snap = store.snapshot()
    p = snap.plan.get(priority_id)
    force = store.priority_page(snap, priority_id, None)  # built before anything is drawn, as on every page
    st.title(p.title)
    answer = st.container()  # drawn above the picker once the choice is known
    code, _ = district_picker.picker(snap)
    shown = store.priority_page(snap, priority_id, code) if code else force
    with answer:
        ui.answers(shown.answers)
    if p.commitments:
        with st.expander(f"What the Plan commits to ({p.section})"):
            st.markdown("\n".join(f"- {c}" for c in p.commitments) + "\n\n*Summarised in our own words.*")
    st.caption(store.site_model(snap).plan)
    for block in shown.blocks:
        draw(block)
    if code and "wards" in held_in(snap):  # from a district to its wards' neighbourhood pages
        district_wards(store.wards(snap), code, shown.district_name)


@singledispatch
def draw(block) -> None:
    raise TypeError(f"no drawing for {type(block).__name__}")


@draw.register
def _(block: model.Text) -> None:
    if block.kind == "header":
        st.header(block.text)
    elif block.kind == "caption":
        st.caption(block.text)
    else:
        getattr(st, block.kind)(block.text, icon=block.icon)


@draw.register
def _(block: model.Figures) -> None:
    st.header(block.title)
    if block.headline is None:
        st.info("No figures published for this area.")
        return
    ui.figures(block.headline.figures)
    st.markdown(f"Status: {block.headline.verdict.text}")
    st.caption(f"{block.headline.comparison} {block.caption}")


@draw.register
def _(block: model.Card) -> None:
    ui.chart_card(block.chart)


@draw.register
def _(block: model.Published) -> None:
    # A table, not a chart: its figures differ in measure, unit, area and period (see model.Published).
    with st.container(border=True):
        st.markdown(f"### {block.title}\n\n:small[{ui.bracketed(block.caption)}]")
        ui.table(block.table)  # static: each figure, period, value and area wrap on a phone
        ui.download("Download these figures (CSV)", block.table, f"{block.key}.csv", key=f"download-{block.key}")
        st.markdown(f"**About these figures**\n\n{block.about}")
    if block.chart:
        ui.chart_card(block.chart)


@st.fragment
def _district_map(block: model.DistrictMap) -> None:
    # A fragment: switching between rate and count redraws the map card only.
    show = st.radio("Map shows", model.MAP_SHOWS, horizontal=True, key=f"map-{block.measure_id}")
    ui.chart_card(block.shows[show])


@draw.register
def _(block: model.DistrictMap) -> None:
    _district_map(block)
    st.caption(block.caption)


@draw.register
def _(block: model.Quarterly) -> None:
    st.header(block.header)
    if block.note:
        st.info(block.note)
    if block.older:
        st.warning(block.older, icon=":material/history:")
    if block.figures:
        ui.figures(block.figures)
    ui.chart_card(block.chart)


@draw.register
def _(block: model.Bullets) -> None:
    # One element, heading and all (a level-2 heading, as st.header draws it): a bulleted list reads as one
    # list, and paragraphs as one passage.
    st.markdown(f"## {block.header}\n\n" + ("\n" if block.lines[0].startswith("- ") else "\n\n").join(block.lines))
