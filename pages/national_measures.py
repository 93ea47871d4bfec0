"""National Crime & Policing Measures: what open data says for Lancashire on each national priority."""

import streamlit as st

from lancs_dash import charts, national, registry
from lancs_dash.config import FORCE
from lancs_dash.ui import components as ui
from lancs_dash.ui import data, overview
from lancs_dash.ui import national as page

v = data.version()

st.title("National Crime and Policing Measures")
st.markdown(
    f"The Plan ({national.PLAN_REF}) adopts the Home Secretary's six national priorities alongside its own five, "
    "and commits the Commissioner to hold the Chief Constable to account for them and to report on them "
    f"publicly. Below, for each priority, is what open data shows for {FORCE.short_name}: the figure used, why "
    "it is only a proxy where it is one, and what would be needed where nothing is published.")
st.info(f"{ui.data_statement(v)} Missing months are gaps, never zeros; a 12-month change is given only when "
        "both 12-month windows are complete.", icon=":material/calendar_month:")

for nm in national.MEASURES:
    st.header(nm.priority)
    st.markdown(f"**What the Plan asks** ({national.PLAN_REF}): {nm.summary}  \n"
                f"**Data status:** {page.STATUS_TEXT[nm.status]}.")
    if nm.measure_id:
        m = registry.get(nm.measure_id)
        st.markdown(f"**Measure used:** {m.title}. {m.definition}  \n**Proxy and its limits:** {nm.proxy}")
        head = overview.force_headline(m.id, v)
        for col, f in zip(st.columns(3), head.figures, strict=True):
            col.metric(f.label, f.value, help=f.help, border=True)
        st.caption(f"{head.comparison} Source: {m.source}.")
        table = page.trend_table(m.id, v)
        ui.chart_card(
            key=f"national-{nm.id}", title=f"{m.title}, force area, per month",
            period=f"{table['month'].min()} to {table['month'].max()}",
            chart=charts.trend(table, f"{m.unit.capitalize()} per month"),
            alt_text=page.trend_alt(table, m.title, head.comparison), table=table, source=m.source,
            about=f"{m.definition} {m.limitations}", db_version=v)
    elif nm.status == "no open data":
        st.warning(f"**No open data published** for {FORCE.short_name} on this priority.", icon=":material/block:")
    st.markdown(f"**What would measure it properly:** {nm.needed}")
    if nm.published:
        st.markdown(f"**Published figures:** {nm.published.note}")
        ui.data_table(page.published(nm.id, v))
