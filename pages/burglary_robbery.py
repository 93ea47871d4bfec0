"""Burglary and robbery: volumes, places, and how many cases end in a charge or summons.

The page's sections, in order, are listed in lancs_dash/models/priority.py."""

from lancs_dash.ui import priority

priority.page("burglary-robbery")
