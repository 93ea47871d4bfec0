"""About: methodology, accessibility statement, known limitations and contact."""

import streamlit as st

from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.figures.comparison import RULE
from lancs_dash.figures.noise import METHOD
from lancs_dash.ui import store

ISSUES = "the project's public issue tracker"
snap = store.snapshot()
site = store.site_model(snap)
force = site.force
districts = len(site.districts)
summed = "divisions and the force area" if len(snap.areas("division")) else "the force area"
against = f"against the {snap.plan.title}" if snap.plan.is_plan else "by group of police.uk crime types"

st.title("About this dashboard")
st.markdown(
    f"An open-source dashboard of how {force.name} performs, {against}, built only on published open data. It is "
    "not an official statistics publication of the Police and Crime Commissioner or of the force.")
st.info(f"{site.statement} Data last updated {site.built}. The data are refreshed after "
        "police.uk publishes a new month.",
        icon=":material/calendar_month:")

st.header("Methodology")
st.markdown(f"""
- **Crime and anti-social behaviour** are counts of records published on police.uk for the force, by month
  and crime type. Records are placed in a district by their small-area (LSOA) code; both the 2011 and the 2021
  codes are mapped. Records with no location, or placed outside the force's {districts} districts, count in the
  force total only.
- **Latest 12 months**: counts and rates cover the latest 12 months when all 12 are published; otherwise the
  latest run of months published one after another, labelled with how many. A missing month is a gap, never a
  zero, never estimated.
- **How changes are compared**: {RULE}
- **How changes are judged**: {METHOD} Drug and weapon possession offences are mostly found by police activity,
  so more recorded can mean more proactive policing: their changes are shown but not judged better or worse.
- **Rates per 1,000 residents** use Census 2021 populations of the {districts} districts, summed for {summed}.
- **Outcomes** are the last outcome recorded for each crime at the time the data were downloaded; they change
  as investigations finish, so recent months show more crimes "under investigation".
- **Road safety** figures come from DfT STATS19 collision records: a collision where someone was killed or
  seriously injured (KSI) is not the same as the number of people killed or seriously injured.
- **Published figures** (budgets, satisfaction surveys, casualty series) are shown as published, with their
  base (force area or county council area) in the label and a link to the source.
- Every figure names its source and period; the downloads are the exact tables behind each chart, and the
  loader records every file read, with rows read, counted and rejected, in a provenance table.
""")

st.header("Accessibility statement")
st.markdown(f"""
We want everyone to be able to use this dashboard, and aim to meet the Web Content Accessibility Guidelines
(WCAG) 2.2 at level AA, as UK public-sector websites must.

**What we do and check**
- Every chart has a text description of what it shows, a table alternative and a CSV download.
- Changes are shown with an arrow and a word ("up", "down"), never by colour alone.
- Every page is scanned automatically with axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) in each test run;
  the tests also walk the overview with the keyboard alone (navigation, choices and downloads) and check that
  text on every page can be enlarged to 200 % without loss of content.

**Known issues** (from the Streamlit framework the dashboard is built on, which we cannot change here;
the automated scan currently finds no serious or critical failures)
- Charts are drawn on a canvas: screen readers read the chart's text description and the table alternative,
  not the marks themselves.
- Tables are drawn on a canvas with keyboard navigation inside the grid; the CSV download next to each
  table is the accessible alternative.

**Reporting a problem**: if you find something you cannot use, please tell us through {ISSUES}, saying which
page and what happened.
""")

st.header("Known limitations")
st.markdown("""
- police.uk files are missing for some months; comparisons across those months are not made.
- police.uk merges sexual offences into "Violence and sexual offences", so domestic abuse and sexual
  violence cannot be shown from it; the Plan's measures without open data are listed as such, never estimated.
- Locations on police.uk are approximate (snapped to anonymous points) and about 5 % of records have none.
- Outcomes are "as at download" and are revised by police.uk as cases progress.
""")

# Questions about the Plan go to whoever its file names; a force without one is asked through its own channels.
about_policing = (f"**About the Police and Crime Plan**: {snap.plan.contact}" if snap.plan.contact else
                  f"**About policing in {force.short_name}**: {force.name} and its Police and Crime Commissioner, "
                  "through their own websites (police.uk lists every force's).")
st.header("Contact")
st.markdown(f"""
- **About the dashboard** (errors, accessibility, suggestions): {ISSUES}.
- {about_policing}
- **To report a crime**: this dashboard cannot take reports; call 999 in an emergency, otherwise 101.

**Licence**: {LICENCE}. {ATTRIBUTION}
""")
