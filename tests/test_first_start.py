"""A fresh clone has no database: the first readers build it once from the embedded default."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from lancs_dash.load.first_start import ensure_database
from lancs_dash.read import db, registry


def test_concurrent_first_start_builds_one_database(tmp_path):
    target = tmp_path / "fresh.duckdb"
    with ThreadPoolExecutor(4) as pool:
        paths = list(pool.map(lambda _: ensure_database(target), range(4)))
    assert paths == [target] * 4
    con = db.connect(target)
    assert registry.series(con, "crimes", "force")["value"].sum() > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.duckdb"]
