"""Organised crime: drug and weapon offences as the open-data sign of proactive policing.

The page's sections, in order, are listed in lancs_dash/models/priority.py."""

from lancs_dash.ui import priority

priority.page("organised-crime")
