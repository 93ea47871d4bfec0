"""Domestic abuse and sexual violence: what recorded crime and published surveys can and cannot show."""

import streamlit as st

from lancs_dash.ui import priority as section

view = section.start("dasv")
st.warning("police.uk merges sexual offences into 'Violence and sexual offences' and has no domestic abuse flag, "
           "so this page uses Home Office recorded-crime tables and published figures instead.",
           icon=":material/info:")
section.quarterly(view, ["ho_sexual_offences", "ho_stalking_harassment"])
section.satisfaction(view)
section.published_table(view, "published", "Published figures: sexual offences and stalking & harassment",
                        ["sexual_offences", "sexual_offences_change_pct", "stalking_and_harassment",
                         "stalking_and_harassment_change_pct"],
                        "As published by the sources named in each row; bases and periods differ, so read each "
                        "series on its own.")
st.header("Violence and sexual offences by district (police.uk, broad context)")
section.district_map(view, "violence_and_sexual_offences", sensitive=True)
section.plan_measures(view)
section.about(view, ["ho_sexual_offences", "ho_stalking_harassment", "victim_satisfaction",
                     "violence_and_sexual_offences"])
