"""What the Data & downloads page offers, from the registry and the extract schema: kept out of the
page file so the page reads as a description and the figures can be tested without a browser."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from lancs_dash import official, registry
from lancs_dash.config import EXTRACTS_DIR, PROJECT_ROOT
from lancs_dash.extract import COLUMNS, tidy
from lancs_dash.periods import add_months, fmt_month
from lancs_dash.ui import data

STATIC_URL = "/app/static/" + EXTRACTS_DIR.relative_to(PROJECT_ROOT / "static").as_posix()
LEVEL_LABELS = {"force": "Force area", "division": "Division", "district": "District"}
SOURCE_LABELS = {"policeuk": "police.uk street-level crime and ASB", "stats19": "STATS19 road collisions"}


def measure_title(measure_id: str) -> str:
    return registry.get(measure_id).title


def level_label(level: str) -> str:
    return LEVEL_LABELS[level]


def months(db_version: int) -> list[str]:
    """Every month from the first to the last any monthly source covers, as YYYY-MM."""
    cov = pd.concat([data.coverage(s, db_version) for s in data.coverage_sources(db_version)])
    lo, hi = pd.to_datetime(cov["month"]).min().date(), pd.to_datetime(cov["month"]).max().date()
    out, m = [], lo
    while m <= hi:
        out.append(fmt_month(m))
        m = add_months(m, 1)
    return out


@st.cache_data(max_entries=64, show_spinner=False)
def extract(measure_ids: tuple[str, ...], level: str, start: str, end: str, db_version: int) -> pd.DataFrame:
    """The tidy extract for the chosen measures, level and months (YYYY-MM, inclusive)."""
    parts = [tidy(data.series(m, level, db_version), registry.get(m)) for m in measure_ids]
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    frame = pd.concat(parts, ignore_index=True)
    # Published figures are placed by the last month of their period ('2021/22' -> 2022-03).
    month = frame["period"].map(lambda p: official.period_month(p) or p)
    return frame[(month >= start) & (month <= end)].reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def file_stem(measure_ids: tuple[str, ...], level: str, start: str, end: str) -> str:
    what = measure_ids[0] if len(measure_ids) == 1 else f"{len(measure_ids)}-measures"
    return f"lancashire-{what}-{level}-{start}-to-{end}"


def stable_links() -> pd.DataFrame:
    """The published static extracts, from their index (empty before the first publish)."""
    index = EXTRACTS_DIR / "index.csv"
    if not index.exists():
        return pd.DataFrame()
    frame = pd.read_csv(index, dtype=str, keep_default_na=False)
    return frame.assign(link=STATIC_URL + "/" + frame["file"])


def provenance_table(db_version: int) -> pd.DataFrame:
    p = data.provenance(db_version)
    return p.rename(columns={"period_from": "months from", "period_to": "months to"}).drop(columns=["sha256"])
