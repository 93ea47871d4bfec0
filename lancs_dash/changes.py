"""What each data refresh changed (the `release_note` table written by `load --fetch`): months added,
months police.uk revised and by how much, and the files read. Shown on the Data page and published as
changes.csv."""

from __future__ import annotations

import duckdb
import pandas as pd

from lancs_dash.fmt import fmt_count

COLUMNS = ["released_at", "change", "month", "previous", "new", "difference", "detail"]


def table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every release note, newest refresh first. previous/new/difference are the force's records (crimes and ASB)."""
    return con.execute(
        """SELECT strftime(released_at, '%Y-%m-%dT%H:%M:%SZ') AS released_at, change, month, previous, new,
                  difference, detail
           FROM release_note ORDER BY released_at DESC, change, month, detail""").df()


def latest(frame: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The newest refresh: when, and its months added and revised (files read are left to the CSV)."""
    if frame.empty:
        return "", frame
    at = frame["released_at"].iloc[0]
    rows = frame[(frame["released_at"] == at) & (frame["change"] != "source")].drop(columns=["released_at"])
    signed = rows["difference"].map(lambda x: "–" if pd.isna(x) else f"{x:+,.0f}")
    return at, rows.assign(previous=rows["previous"].map(fmt_count), new=rows["new"].map(fmt_count),
                           difference=signed).reset_index(drop=True)
