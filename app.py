"""Entry point: page setup and navigation. Each page lives in pages/ and is reached at /<file name>.

The navigation is one flat list: Streamlit's sectioned sidebar puts list items outside a list,
which fails the WCAG checks in tests/test_accessibility.py.
"""

import streamlit as st

from lancs_dash import html

st.set_page_config(page_title="Lancashire Police & Crime Plan dashboard", page_icon=":material/local_police:",
                   layout="wide")

page = st.navigation([
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/meeting.py", title="Meeting mode", icon=":material/slideshow:"),
    st.Page("pages/asb.py", title="Anti-social behaviour", icon=":material/campaign:"),
    st.Page("pages/organised_crime.py", title="Organised crime", icon=":material/hub:"),
    st.Page("pages/dasv.py", title="Domestic abuse & sexual violence", icon=":material/shield_person:"),
    st.Page("pages/burglary_robbery.py", title="Burglary & robbery", icon=":material/home:"),
    st.Page("pages/roads.py", title="Dangerous drivers", icon=":material/directions_car:"),
    st.Page("pages/national_measures.py", title="National measures", icon=":material/flag:"),
    st.Page("pages/compare_forces.py", title="Compare forces", icon=":material/leaderboard:"),
    st.Page("pages/budget.py", title="Budget & precept", icon=":material/payments:"),
    st.Page("pages/data.py", title="Data and downloads", icon=":material/download:"),
    st.Page("pages/about.py", title="About", icon=":material/info:"),
])
# Every page is also published as plain HTML (lancs_dash/html), for readers without JavaScript.
st.sidebar.markdown(f"[Plain version, no JavaScript]({html.href(page.url_path)})")
page.run()
