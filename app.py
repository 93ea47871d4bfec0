"""Entry point: page setup and navigation. Each page lives in pages/."""

import streamlit as st

st.set_page_config(page_title="Lancashire Police & Crime Plan dashboard", page_icon=":material/local_police:",
                   layout="wide")

page = st.navigation([
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/about.py", title="About", icon=":material/info:"),
])
page.run()
