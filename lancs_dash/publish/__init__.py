"""Publishing: everything made from a database once per data version, for every process and every reader.

A refresh (lancs_dash.refresh) runs the loader, and then, on the finished file before it replaces the served
one, `publish`:

    data/lancs.models     every page model (lancs_dash.publish.models), which each app process loads whole
    static/extracts/      the standard CSV extracts (lancs_dash.publish.extracts)
    static/plain/         the plain-HTML pages and the sitemap (lancs_dash.html), drawn from the same models

Each is written beside its target and swapped in (the models file, then the two folders) just before the
loader swaps in the database. An app process keeps serving the data it has until the new database appears,
then loads its models in the background and switches to them (ui/store.py): no visitor waits for a build.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from lancs_dash import html
from lancs_dash.files import swap_folder
from lancs_dash.load.build import BuildReport, build
from lancs_dash.publish import extracts, models
from lancs_dash.read.snapshot import Snapshot


@dataclass
class Published:
    seconds: dict[str, float] = field(default_factory=dict)  # each stage's wall time
    models: int = 0
    failed: dict[tuple, str] = field(default_factory=dict)  # models that could not be built, and why


def publish(db_file: Path, db_target: Path, extracts_dir: Path | None) -> Published:
    """Publish from the finished database `db_file`, which is about to replace `db_target`: the models file
    beside `db_target` and, with `extracts_dir`, the extracts there and the plain pages beside them."""
    report = Published()
    staged: list[tuple[Path, Path]] = []
    snap = Snapshot.open(db_file)
    try:
        started = time.perf_counter()
        made, report.failed = models.build_all(snap)
        report.models, report.seconds["page models"] = len(made), time.perf_counter() - started
        if extracts_dir is not None:
            extracts_dir = Path(extracts_dir)
            extracts_dir.parent.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            staged.append((extracts.stage(snap, extracts_dir, snap.meta().get("built_at")), extracts_dir))
            report.seconds["extracts"] = time.perf_counter() - started
            started = time.perf_counter()
            plain = html.plain_dir(extracts_dir)
            wards = {key[1]: model for key, model in made.items() if key[0] == "neighbourhood"}
            staged.append((html.stage(made[("briefing",)], snap, plain, staged[0][0], wards), plain))
            report.seconds["plain pages"] = time.perf_counter() - started
        started = time.perf_counter()
        models.write(models.file_for(db_target), snap.data_version, made, report.seconds["page models"])
        report.seconds["models file"] = time.perf_counter() - started
    except BaseException:
        for folder, _ in staged:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        snap.close()
    for folder, target in staged:
        swap_folder(folder, target)
    return report


def refresh(db_path: Path, source_dir: Path | None = None, extracts_dir: Path | None = None,
            **load_options) -> tuple[BuildReport, Published]:
    """Load `source_dir` (or the embedded default) into a new database and publish from it, then swap both in
    (`load_options` as for lancs_dash.load.build.build)."""
    report = Published()

    def publish_from(built: Path) -> None:
        nonlocal report
        report = publish(built, db_path, extracts_dir)

    return build(db_path, source_dir, before_swap=publish_from, **load_options), report
