"""Anti-social behaviour: how much is reported, where, and what the Plan promised.

The page's sections, in order, are listed in lancs_dash/models/priority.py."""

from lancs_dash.ui import priority

priority.page("asb")
