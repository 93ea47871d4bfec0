"""The read layer: a database snapshot and every query the dashboard reads with (parameters only)."""
