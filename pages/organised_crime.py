"""Organised crime: drug and weapon offences as the open-data sign of proactive policing."""

from lancs_dash.ui import priority as section

view = section.start("organised-crime")
section.headline_figures(view, "proactive_drugs_weapons")
section.trend(view, "proactive_drugs_weapons")
section.district_map(view, "proactive_drugs_weapons")
section.outcomes(view, "drugs_weapons_charged_share")
section.plan_measures(view)
section.about(view, ["proactive_drugs_weapons", "drugs_weapons_charged_share"],
              "No open data describes organised crime groups themselves; these offences are a proxy only.")
