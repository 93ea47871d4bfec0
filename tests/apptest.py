"""AppTest help: open every table the app draws only when asked for (a chart card's "Data table and notes",
the Data page's reference tables): each sits in a keyed expander that reruns the page when opened."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def with_tables(at: AppTest) -> AppTest:
    """Open every such expander (as a visitor clicking each one would) and rerun; tables keep the page order."""
    for expander in at.expander:
        if expander.proto.id:  # only the keyed ones track being open; the id ends with the key: "$$ID-<hash>-<key>"
            at.session_state[expander.proto.id.split("-", 2)[2]] = True
    return at.run()
