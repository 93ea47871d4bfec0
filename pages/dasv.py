"""Domestic abuse and sexual violence: what recorded crime and published surveys can and cannot show.

The page's sections, in order, are listed in lancs_dash/models/priority.py."""

from lancs_dash.ui import priority

priority.page("dasv")
