"""The standard extracts, published as static files beside the database so people can link to them:

    index.csv                      every file: measure, area level, months covered, rows, sha256, when
    dictionary.csv                 every measure and column: definition, unit, source, licence, limitations
    changes.csv                    what each refresh changed: months added, months revised, files read
    reconciliation.csv             police.uk counts beside the official recorded crime figures
    verdicts.csv                   every monthly measure's comparison and status, by area (force, divisions and
                                   districts), as the pages give them
    latest/<measure>_<level>.csv   tidy CSV (lancs_dash.extract.COLUMNS) of the newest figures (wards: police.uk
                                   measures, sensitive counts blanked as on the pages)

The whole folder is written beside the target and swapped in with the database (lancs_dash.publish), so a
failed refresh leaves the old files and readers never see a half-written set.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from lancs_dash.figures import changes, reconcile, verdicts
from lancs_dash.figures.tidy import extract
from lancs_dash.files import swap_folder
from lancs_dash.models.downloads import dictionary_of
from lancs_dash.read import registry
from lancs_dash.read.snapshot import Snapshot

LATEST = "latest"  # always the newest figures: the stable name to link to
INDEX_COLUMNS = ["file", "measure", "area_level", "period_from", "period_to", "rows", "sha256", "generated_at"]


def file_name(measure_id: str, level: str) -> str:
    return f"{LATEST}/{measure_id}_{level}.csv"


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def stage(snap: Snapshot, target: Path, stamp: str | None = None) -> Path:
    """Write every extract into a new folder beside `target` and return it (not yet swapped in). `stamp` is
    when the data was built (ISO 8601, UTC), written in the index; by default, now."""
    stamp = stamp or datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    con = snap.cursor()
    staging = target.with_name(f".{target.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / LATEST).mkdir(parents=True)
    index = []
    for m in registry.MEASURES.values():
        for level in registry.AREA_LEVELS:
            frame = extract(snap.series(m.id, level), m, level, snap.areas(level), snap.force)
            if frame.empty:  # e.g. published figures exist for the force area only
                continue
            body = _csv_bytes(frame)
            (staging / file_name(m.id, level)).write_bytes(body)
            index.append([file_name(m.id, level), m.id, level, frame["period"].min() if len(frame) else "",
                          frame["period"].max() if len(frame) else "", len(frame), hashlib.sha256(body).hexdigest(),
                          stamp])
    (staging / "index.csv").write_bytes(_csv_bytes(pd.DataFrame(index, columns=INDEX_COLUMNS)))
    (staging / "dictionary.csv").write_bytes(_csv_bytes(dictionary_of(snap)))
    (staging / "changes.csv").write_bytes(_csv_bytes(changes.table(con)))
    (staging / "reconciliation.csv").write_bytes(_csv_bytes(reconcile.table(con)))
    (staging / "verdicts.csv").write_bytes(_csv_bytes(verdicts.table(snap.series)))
    return staging


def publish(snap: Snapshot, target: Path) -> None:
    """Stage and swap in one go, for a database that is already in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    swap_folder(stage(snap, target, snap.meta().get("built_at")), target)
