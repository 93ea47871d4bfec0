"""The Data & downloads page as a model: the months and measures an extract can cover, the data dictionary,
the stable links, and what was loaded; and the extract itself for a visitor's choices."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from lancs_dash.config import EXTRACTS_DIR, PROJECT_ROOT
from lancs_dash.figures import changes, dictionary, reconcile
from lancs_dash.figures.tidy import COLUMNS
from lancs_dash.figures.tidy import extract as tidy_extract
from lancs_dash.models.parts import Table
from lancs_dash.models.site import Site
from lancs_dash.read import official, queries, registry
from lancs_dash.read.snapshot import Snapshot

STATIC_URL = "/app/static/" + EXTRACTS_DIR.relative_to(PROJECT_ROOT / "static").as_posix()
LEVEL_LABELS = {"force": "Force area", "division": "Division", "district": "District", "ward": "Ward (2025)"}
SOURCE_LABELS = {"policeuk": "police.uk street-level crime and ASB", "stats19": "STATS19 road collisions"}


def measure_title(measure_id: str) -> str:
    return registry.get(measure_id).title


def level_label(level: str) -> str:
    return LEVEL_LABELS[level]


def months(snap: Snapshot) -> list[str]:
    """Every month from the first to the last any monthly source covers, as YYYY-MM."""
    cov = pd.concat([snap.coverage(s) for s in queries.coverage_sources(snap.cursor())])
    return [str(p) for p in pd.period_range(pd.to_datetime(cov["month"]).min(), pd.to_datetime(cov["month"]).max(),
                                            freq="M")]


PREVIEW_ROWS = 200  # enough to check an extract before downloading it, and light to send to a phone


@dataclass(frozen=True, eq=False)
class Extract:
    frame: pd.DataFrame
    preview: Table  # the first PREVIEW_ROWS rows, as shown
    stem: str  # the file name without extension
    csv: bytes
    parquet: bytes


def extract_files(snap: Snapshot, measure_ids: tuple[str, ...], level: str, start: str, end: str) -> Extract:
    """The extract for a visitor's choices, with its CSV and Parquet files."""
    frame = extract(snap, measure_ids, level, start, end)
    return Extract(frame, Table.of(frame.head(PREVIEW_ROWS), csv=False),
                   file_stem(snap.force.slug, measure_ids, level, start, end),
                   csv_bytes(frame), parquet_bytes(frame))


def extract(snap: Snapshot, measure_ids: tuple[str, ...], level: str, start: str, end: str) -> pd.DataFrame:
    """The tidy extract for the chosen measures, level and months (YYYY-MM, inclusive)."""
    parts = [tidy_extract(snap.series(m, level), registry.get(m), level, snap.areas(level), snap.force)
             for m in measure_ids]
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


def file_stem(force_slug: str, measure_ids: tuple[str, ...], level: str, start: str, end: str) -> str:
    """'lancashire-crimes-district-2024-01-to-2024-12': the force (police.uk's slug) first."""
    what = measure_ids[0] if len(measure_ids) == 1 else f"{len(measure_ids)}-measures"
    return f"{force_slug}-{what}-{level}-{start}-to-{end}"


def stable_links() -> pd.DataFrame:
    """The published static extracts, from their index (empty before the first publish)."""
    index = EXTRACTS_DIR / "index.csv"
    if not index.exists():
        return pd.DataFrame()
    frame = pd.read_csv(index, dtype=str, keep_default_na=False)
    return frame.assign(link=STATIC_URL + "/" + frame["file"])


def dictionary_of(snap: Snapshot) -> pd.DataFrame:
    """The data dictionary of this database's force and areas."""
    return dictionary.frame(snap.force, list(snap.areas("district")["area_code"]),
                            list(snap.areas("division")["area_code"]), wards=len(snap.areas("ward")) > 0)


def provenance_table(snap: Snapshot) -> pd.DataFrame:
    p = queries.provenance(snap.cursor())
    return p.rename(columns={"period_from": "months from", "period_to": "months to"}).drop(columns=["sha256"])


@dataclass(frozen=True, eq=False)
class DataPage:
    site: Site
    months: tuple[str, ...]
    levels: tuple[str, ...]  # the area levels this database has (a force may have no divisions)
    dictionary: Table
    links: Table  # empty until the standard files are published
    sources: tuple[str, ...]  # one statement per monthly source: "**label.** coverage"
    provenance: Table
    refreshed_at: str  # when police.uk last refreshed the data ("" if never)
    latest_changes: Table  # what the latest refresh changed, as shown
    release_notes: Table  # every refresh's changes, for download
    reconciliation: Table  # police.uk beside the official statistics, for download
    reconciliation_shown: Table


def build(snap: Snapshot, site: Site) -> DataPage:
    glossary = dictionary_of(snap)
    notes = changes.table(snap.cursor())
    refreshed_at, latest = changes.latest(notes)
    reconciliation = reconcile.table(snap.cursor())
    return DataPage(
        site, tuple(months(snap)), tuple(lvl for lvl in registry.AREA_LEVELS if len(snap.areas(lvl))),
        Table.of(glossary, csv_bytes(glossary)), Table.of(stable_links(), csv=False),
        tuple(f"**{SOURCE_LABELS.get(s, s)}.** {site.statements[s]}" for s in queries.coverage_sources(snap.cursor())),
        Table.of(provenance_table(snap), csv=False), refreshed_at,
        Table.of(latest.rename(columns={"change": "Change", "month": "Month", "previous": "Records before",
                                        "new": "Records now", "difference": "Difference", "detail": "What moved"}),
                 csv=False),
        Table.of(notes, csv_bytes(notes)), Table.of(reconciliation, csv_bytes(reconciliation)),
        Table.of(reconcile.display(reconciliation), csv=False))
