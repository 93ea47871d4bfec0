"""Your neighbourhood: is crime going up in my ward? The answer first, then every police.uk crime type against the
district and the force area, the monthly trend, the ward map and what could not be placed. The ward is kept in the
URL (?ward=E05…), so a link shares it; a postcode finds it."""

import streamlit as st

from lancs_dash.ui import components as ui
from lancs_dash.ui import find_area, store, urlstate
from lancs_dash.ui.neighbourhood import district_wards

KEY = "ward"

snap = store.snapshot()
index = store.wards(snap)
site = store.site_model(snap)
title, answer = st.container(), st.container()  # drawn above the ward choice once it is known
find_area.postcode_box("district", site.districts, site.force, ward_key=KEY, wards=index.names)
# The address holds the ward's code (?ward=E05…), not its name as a bound widget's would: names repeat between
# districts, and the code is what other pages and the plain pages link with.
if not urlstate.notice_unknown(KEY, index.names, "ward"):
    urlstate.follow(KEY)
code = st.selectbox("Ward", list(index.names), index=None, format_func=lambda c: index.label(c, site.districts),
                    placeholder="Choose a ward, or enter a postcode above", key=KEY, on_change=urlstate.keep, args=(KEY,),
                    help="Wards are the 2025 electoral wards. The link keeps the choice.")
page = store.neighbourhood_page(snap, code) if code else None
with title:
    st.title(f"Is crime going up in {page.ward_name}?" if page else "Is crime going up in your neighbourhood?")
with answer:
    if page is None:
        st.markdown(f"Enter your postcode, or choose your ward, to see whether crime is going up there: every police.uk "
                    f"crime type in your ward against its district and {snap.force.short_name} as a whole.")
    else:
        st.markdown(page.answer)

if page is None:
    st.stop()

st.info(f"{site.statement} Data last updated {site.built}. A police.uk record is counted in the ward its published "
        "map point falls in; those points are anonymised, so a record near a ward boundary can be counted in the next "
        "ward.", icon=":material/calendar_month:")

if page.counts is None:
    st.warning("Too few months are published to compare, so no change can be given for this ward.")
else:
    st.header(f"Every crime type in {page.ward_name}")
    st.caption(f"{page.period}. {page.why}")
    ui.table(page.counts)
    ui.download("Download the counts (CSV)", page.counts, f"neighbourhood-{page.ward_code}-crime-types.csv",
                "download-neighbourhood-counts")
    st.subheader("Rates per 1,000 residents (Census 2011), beside the district and the force area")
    st.caption(page.population_note)
    if page.rates is not None:
        ui.table(page.rates)
        ui.download("Download the rates (CSV)", page.rates, f"neighbourhood-{page.ward_code}-rates.csv",
                    "download-neighbourhood-rates")

st.header("Each month")
ui.chart_card(page.trend, key="neighbourhood-crimes")


@st.fragment
def _picked_trend() -> None:
    # A fragment: picking a crime type redraws its trend only.
    picked = st.selectbox("A crime type each month", page.trend_choices, index=None, key="neighbourhood-type",
                          placeholder="Choose a crime type to see its trend",
                          help="Violence and sexual offences are not shown month by month for a ward: the counts are "
                               "too small to publish safely.")
    if picked:
        ui.chart_card(store.type_trend(snap, page.ward_code, picked), key="neighbourhood-type-trend")


_picked_trend()

st.header("On the map")
ui.chart_card(page.map, key="neighbourhood-map")
if page.unplaced:
    st.caption(page.unplaced)

district_wards(index, page.district_code, page.district_name)
