"""The framework floor for bench/page_cpu.py: a bare Streamlit page of a title and 20 paragraphs."""

import streamlit as st

st.title("Floor")
for i in range(20):
    st.markdown(f"Paragraph {i + 1}: a sentence of plain text, as long as a typical line of a dashboard page.")
