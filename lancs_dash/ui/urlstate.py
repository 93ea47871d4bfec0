"""Shareable views: page state lives in the URL through widgets bound with bind="query-params".

Streamlit drops a bound value it does not recognise and shows the default; `notice_unknown` runs before
the widget so the person is told why, without echoing the text back. URL text never reaches a query:
widgets only return values from their own option lists.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st


def notice_unknown(key: str, valid: Iterable[str], what: str) -> bool:
    """Show a friendly notice if the URL's `key` holds a value outside `valid`; True if it did."""
    known = set(valid)
    if any(v not in known for v in st.query_params.get_all(key) if v != ""):
        st.info(f"The link you followed asked for a {what} this page does not recognise, so the default is "
                "shown instead.", icon=":material/link_off:")
        return True
    return False


def follow(key: str) -> None:
    """For a widget kept in the URL by code rather than bound (its options' labels are not unique): the URL's value,
    when it has one, becomes the widget's (a link followed); without one, the URL takes the widget's. Call before
    the widget, after `notice_unknown` has found the URL's value valid."""
    value = st.query_params.get(key)
    if value:
        if st.session_state.get(key) != value:
            st.session_state[key] = value
    elif st.session_state.get(key):
        st.query_params[key] = st.session_state[key]


def keep(key: str) -> None:
    """The widget's on_change (and a callback that sets it): its value into the URL, or out of it when cleared."""
    if st.session_state.get(key):
        st.query_params[key] = st.session_state[key]
    else:
        st.query_params.pop(key, None)
