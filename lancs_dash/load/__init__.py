"""The loader: raw open-data files -> aggregated DuckDB file (see build.py and schema.sql)."""
