"""AppTest help: open every table the app draws only when asked for (a chart card's "Data table and notes",
the Data page's reference tables): each sits in a keyed expander that reruns the page when opened."""

from __future__ import annotations

import pandas as pd
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Table


def with_tables(at: AppTest) -> AppTest:
    """Open every such expander (as a visitor clicking each one would) and rerun; tables keep the page order."""
    for expander in at.expander:
        if expander.proto.id:  # only the keyed ones track being open; the id ends with the key: "$$ID-<hash>-<key>"
            at.session_state[expander.proto.id.split("-", 2)[2]] = True
    return at.run()


def shown_text(table: Table) -> pd.DataFrame:
    """A static table's cells as drawn: the styled text when it is styled (numbers formatted, a dash for a
    missing figure), else its values."""
    data = table.proto.arrow_data
    return dataframe_util.convert_arrow_bytes_to_pandas_df(data.styler.display_values) if data.HasField("styler") \
        else table.value
