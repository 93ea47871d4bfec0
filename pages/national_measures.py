"""National Crime & Policing Measures: what open data says for the force area on each national priority."""

import streamlit as st

from lancs_dash.figures import comparison, national
from lancs_dash.models.national import STATUS_TEXT
from lancs_dash.ui import components as ui
from lancs_dash.ui import store

snap = store.snapshot()
page = store.national_page(snap)
force = snap.force

st.title("National Crime and Policing Measures")
st.markdown(
    f"The Plan ({national.PLAN_REF}) adopts the Home Secretary's six national priorities alongside its own five, "
    "and commits the Commissioner to hold the Chief Constable to account for them and to report on them "
    f"publicly. Below, for each priority, is what open data shows for {force.short_name}: the figure used, why "
    "it is only a proxy where it is one, and what would be needed where nothing is published.")
st.info(f"{page.site.statement} Missing months are gaps, never zeros. {comparison.RULE}",
        icon=":material/calendar_month:")

for s in page.sections:
    nm, m = s.measure, s.proxy
    st.header(nm.priority)
    used = f"  \n**Measure used:** {m.title}. {m.definition}  \n**Proxy and its limits:** {nm.proxy}" if m else ""
    # What the Plan asks and, where there is a measure, the answer: one element.
    answer = f"\n\n{s.headline.answer}" if m else ""
    st.markdown(f"**What the Plan asks** ({national.PLAN_REF}): {nm.summary}  \n"
                f"**Data status:** {STATUS_TEXT[nm.status]}.{used}{answer}")
    if m:
        ui.figures(s.headline.figures)
        st.markdown(f"Status: {s.headline.verdict.text}")
        st.caption(f"{s.headline.comparison} Source: {m.cited(force)}.")
        ui.chart_card(s.trend)
    elif nm.status == "no open data":
        st.warning(f"**No open data published** for {force.short_name} on this priority.", icon=":material/block:")
    published = f"\n\n**Published figures:** {nm.published.note}" if s.published is not None else ""
    st.markdown(f"**What would measure it properly:** {nm.needed}{published}")
    if s.published is not None:
        ui.table(s.published)
