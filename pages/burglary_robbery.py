"""Burglary and robbery: volumes, places, and how many cases end in a charge or summons."""

from lancs_dash.ui import priority as section

view = section.start("burglary-robbery")
section.headline_figures(view, "burglary_robbery")
section.trend(view, "burglary_robbery")
section.district_map(view, "burglary_robbery")
section.hotspots(view, "burglary")
section.outcomes(view, "burglary_robbery_charged_share")
section.plan_measures(view)
section.about(view, ["burglary_robbery", "burglary_robbery_charged_share"])
