"""AppTest help: open every chart card's "Data table and notes", which the app draws only when opened."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lancs_dash.ui.components import DATA_AND_NOTES


def with_tables(at: AppTest) -> AppTest:
    """Open every card's table (as a visitor clicking each one would) and rerun; tables keep the page order."""
    for expander in at.expander:
        if expander.label == DATA_AND_NOTES:
            # A keyed expander's id ends with its key: "$$ID-<hash>-<key>".
            at.session_state[expander.proto.id.split("-", 2)[2]] = True
    return at.run()
