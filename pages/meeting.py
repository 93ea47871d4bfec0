"""Meeting mode: the briefing as full-screen slides for a projector at public scrutiny meetings.
The slide is kept in the URL (?slide=4); the paging bar sits at the foot of the screen."""

import streamlit as st

from lancs_dash.ui import meeting, store

briefing = store.briefing(store.snapshot())
deck = meeting.slides(briefing)
meeting.presentation_style()
slide = st.container(key="meeting-slide")  # drawn after the paging bar has read the slide number
number = meeting.paging(deck, store.pack_pdf(), briefing.force.slug)
with slide:
    deck[number - 1].draw()
