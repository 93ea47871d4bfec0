"""Dangerous drivers: injury collisions from STATS19 and the published KSI casualty series."""

import streamlit as st

from lancs_dash.ui import priority as section

view = section.start("roads")
st.info("KSI collisions are not KSI casualties: one collision can kill or injure several people. STATS19 here "
        "counts collisions; the published series below count casualties.", icon=":material/info:")
section.headline_figures(view, "ksi_collisions")
section.severity_trend(view)
section.district_map(view, "ksi_collisions")
section.published_table(view, "ksi-published", "Published KSI casualties (base in each label)",
                        ["ksi_casualties", "ksi_casualties_adjusted", "killed", "seriously_injured"],
                        "Casualties, not collisions. Bases differ: Lancashire-14 is the police force area, Lancashire-12 "
                        "the county council's roads only; 'adjusted' figures correct for changes in how police "
                        "record severity and are not comparable with unadjusted ones.")
st.caption("Road-user groups (pedestrians, cyclists, motorcyclists) need the STATS19 casualty table, which is not in "
           "the data available, so they are not shown.")
section.plan_measures(view)
section.about(view, ["ksi_collisions", "road_collisions"])
