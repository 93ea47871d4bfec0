"""Anti-social behaviour: how much is reported, where, and what the Plan promised."""

from lancs_dash.ui import priority as section

view = section.start("asb")
section.headline_figures(view, "asb_incidents")
section.trend(view, "asb_incidents")
section.district_map(view, "asb_incidents")
section.hotspots(view, "asb_incidents")
section.plan_measures(view)
section.about(view, ["asb_incidents"])
