"""Overview: how crime and anti-social behaviour are moving across the force area."""

import pandas as pd
import streamlit as st

from lancs_dash import charts, priorities, registry
from lancs_dash.config import FORCE
from lancs_dash.ui import components as ui
from lancs_dash.ui import data, district, overview

v = data.version()
population = overview.force_population(v)

st.title(f"How is {FORCE.short_name} doing?")
st.markdown(
    "Crime and anti-social behaviour (ASB) recorded by Lancashire Constabulary, as published on police.uk, "
    "against the priorities of the Police and Crime Plan for Lancashire 2021–25.")
st.info(f"{ui.data_statement(v)} Data last updated {ui.last_updated(v)}. "
        "Missing months are shown as gaps, never as zeros.", icon=":material/calendar_month:")

st.header("Find my area")
district_code, district_name = district.picker(v, "Shows your district's figures; the link keeps the choice.")
if district_code:
    for measure_id in overview.HEADLINE_MEASURES:
        m, row = registry.get(measure_id), overview.district_row(measure_id, district_code, v)
        st.subheader(f"{m.title} in {district_name}")
        cols = st.columns(3)
        cols[0].metric(row["period"], ui.fmt_count(row["count"]), border=True)
        cols[1].metric("Per 1,000 residents of the district", ui.fmt_rate(row["rate"]), border=True)
        cols[2].metric("Rank by rate (1 = highest)", f"{row['rank']} of {row['of']} districts", border=True)

st.header("The latest 12 months")
st.markdown(f"**Series: police.uk street-level records** (not the official police recorded crime statistics). "
            f"{overview.official_beside(v)}")
st.page_link("pages/data.py", label="How police.uk compares with the official statistics, and why they differ",
             icon=":material/compare_arrows:")
for measure_id in overview.HEADLINE_MEASURES:
    head = overview.force_headline(measure_id, v)
    st.subheader(registry.get(measure_id).title)
    for col, f in zip(st.columns(3), head.figures, strict=True):
        col.metric(f.label, f.value, help=f.help, border=True)
    st.caption(head.comparison)

trend = overview.monthly_force(v)
ui.chart_card(
    key="overview-monthly-crime-asb", title="Crimes and ASB each month, force area",
    period=f"{pd.to_datetime(trend['month']).min():%b %Y} – {pd.to_datetime(trend['month']).max():%b %Y}",
    chart=charts.trend(trend, "Records per month", series_field="series"),
    alt_text=overview.trend_alt_text(trend),
    table=trend.assign(month=pd.to_datetime(trend["month"]).dt.strftime("%Y-%m")).rename(
        columns={"series": "measure", "month": "period"}),
    source=registry.POLICEUK_SOURCE, about=registry.POLICEUK_LIMITS, db_version=v)

st.header("By district")
st.markdown("Districts ranked by rate per 1,000 residents (Census 2021). "
            "Records with no location, or located outside the force's districts, are in the force total only.")
basis = st.radio("Period", list(overview.DISTRICT_PERIODS), horizontal=True, key="period", bind="query-params",
                 help="The latest 12 months have no complete previous 12 months to compare with, so the "
                      "change is shown for the latest pair of complete years.")
for measure_id in overview.HEADLINE_MEASURES:
    m = registry.get(measure_id)
    table = overview.district_table(measure_id, v, comparable_only=overview.DISTRICT_PERIODS[basis])
    st.subheader(f"{m.title} by district")
    ui.data_table(table, missing_note="A dash (–) means no figure: the 12 months before are not all published, so "
                                      "no change is given. Choose the latest year-on-year comparison above for one.")
    st.download_button(f"Download {m.title.lower()} by district (CSV)", table.to_csv(index=False).encode("utf-8"),
                       file_name=f"overview-{m.id}-by-district.csv", mime="text/csv", on_click="ignore",
                       key=f"download-district-{m.id}", icon=":material/download:")

st.header("Scorecard: the Plan's outcome measures (Appendix D)")
st.markdown(
    "Every outcome measure the Plan lists, grouped by priority, with what open data can say about it. Status is "
    "given in words and an icon. A change counts only when it is more than normal month-to-month noise; "
    "measures with no open data are listed, never hidden.")
card = overview.scorecard_rows(v)
for p in priorities.PRIORITIES:
    st.subheader(p.title)
    st.table(card[card["priority"] == p.title].drop(columns=["priority", "notes"]), hide_index=True)
    st.page_link(p.page, label=f"Go to the {p.title} page", icon=":material/arrow_forward:",
                 query_params={"district": st.query_params["district"]} if "district" in st.query_params else None)
st.download_button("Download the scorecard (CSV)", card.to_csv(index=False).encode("utf-8"),
                   file_name="overview-scorecard.csv", mime="text/csv", on_click="ignore", key="download-scorecard",
                   icon=":material/download:")
