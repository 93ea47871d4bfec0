"""Pure figures: 12-month windows, noise, rates, headline wording, district tables, the force
comparison, budgets, and the Plan's priorities and measures. No Streamlit, and no page layout."""
