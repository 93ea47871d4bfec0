"""Dangerous drivers: injury collisions from STATS19 and the published KSI casualty series.

The page's sections, in order, are listed in lancs_dash/models/priority.py."""

from lancs_dash.ui import priority

priority.page("roads")
