"""Streamlit-side helpers: cached data access and the shared page components."""
