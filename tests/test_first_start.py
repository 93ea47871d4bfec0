"""A fresh clone has no database: the first readers build it once from the embedded default, and publish its
page models with it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from lancs_dash.publish import models
from lancs_dash.publish.first_start import ensure_database
from lancs_dash.read import db, registry
from lancs_dash.read.snapshot import Snapshot


def test_concurrent_first_start_builds_one_database(tmp_path):
    target = tmp_path / "fresh.duckdb"
    with ThreadPoolExecutor(4) as pool:
        paths = list(pool.map(lambda _: ensure_database(target), range(4)))
    assert paths == [target] * 4
    con = db.connect(target)
    assert registry.series(con, "crimes", "force")["value"].sum() > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.duckdb", "fresh.models"]
    snap = Snapshot.open(target)
    assert models.header(models.file_for(target)).data_version == snap.data_version
    snap.close()
