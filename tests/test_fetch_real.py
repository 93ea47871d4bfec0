"""--fetch on the real open data: the raw police.uk files in ../shared/data, laid out as police.uk's
archive (every force's January 2025 file beside Lancashire's 2025 months) and served by the stand-in.
The database in use is the embedded default as it stood before December 2025 was published."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from lancs_dash.load import fetch
from lancs_dash.load.context import CSV_OPTIONS
from lancs_dash.load.newest import fetch_and_build
from tests.policeuk_standin import StandIn, archive

NEW = "2025-12"


def _members(shared: Path, tmp: Path) -> dict[str, bytes]:
    """Lancashire's 2025 months, and every force's January 2025, as YYYY-MM/YYYY-MM-<force>-street.csv."""
    con = duckdb.connect()
    files = {}
    sources = [(shared / "policeuk/lancashire_street.csv.gz", "starts_with(Month, '2025-')"),
               (shared / "policeuk/national_street_2025-01.csv.gz", "\"Reported by\" <> 'Lancashire Constabulary'")]
    for path, where in sources:
        con.execute(f"CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv($p, {CSV_OPTIONS}) WHERE {where}",
                    {"p": str(path)})
        groups = con.execute('SELECT DISTINCT Month, "Reported by" FROM t').fetchall()
        for month, force in groups:
            slug = force.lower().replace(" constabulary", "").replace(" police", "").replace(" ", "-")
            out = tmp / f"{month}-{slug}-street.csv"
            con.execute(f"""COPY (SELECT * FROM t WHERE Month = $m AND "Reported by" = $f) TO '{out}'
                            (HEADER, DELIMITER ',')""", {"m": month, "f": force})
            files[f"{month}/{out.name}"] = out.read_bytes()
    return files


def test_fetch_adds_the_real_newest_month_and_a_second_fetch_changes_nothing(shared_data, default_db, tmp_path,
                                                                            capsys):
    db = tmp_path / "lancs.duckdb"
    db.write_bytes(default_db.read_bytes())
    with duckdb.connect(str(db)) as con:  # the database as published before December 2025
        expected = con.execute("SELECT records FROM policeuk_month WHERE month = '2025-12-01'").fetchone()[0]
        held = dict(con.execute("SELECT month, records FROM policeuk_month").fetchall())
        for table in ("policeuk_month", "policeuk_monthly", "policeuk_unplaced", "policeuk_lsoa_monthly",
                      "policeuk_outcomes"):
            con.execute(f"DELETE FROM {table} WHERE month = '2025-12-01'")
        con.execute("DELETE FROM coverage WHERE source = 'policeuk' AND month = '2025-12-01'")
    (tmp_path / "csv").mkdir()
    body = archive(_members(shared_data, tmp_path / "csv"))
    http = fetch.Http(timeout=10, retries=2, backoff=0.1, quiet=True)
    with StandIn({NEW: body}) as s:
        r = fetch_and_build(db, s.url, tmp_path / "cache", http=http, quiet=True)
        assert [(c.month, c.new) for c in r.added] == [(NEW, expected)]
        assert not r.revised and r.unchanged == 11
        with duckdb.connect(str(db), read_only=True) as con:
            after = dict(con.execute("SELECT month, records FROM policeuk_month").fetchall())
        assert after == held  # every month as before, December 2025 with exactly the archive's records
        with capsys.disabled():
            print(f"\n  fetch of a {len(body):,}-byte archive downloaded {r.downloaded_bytes:,} bytes "
                  f"({100 * r.downloaded_bytes / len(body):.1f}%) in {r.requests} requests")
        assert r.downloaded_bytes < len(body) / 2
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        again = fetch_and_build(db, s.url, tmp_path / "cache", http=http, quiet=True)
        assert again.nothing_new and hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.fixture(autouse=True)
def _no_cache_left(tmp_path):
    yield
    assert not list((tmp_path / "cache").glob("*.zip"))  # range reads never store the archive
