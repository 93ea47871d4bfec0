"""Page models: everything a page shows, computed once per database snapshot (and district), as plain
immutable objects with no Streamlit in them. Streamlit pages, meeting mode and the pack only draw them."""
