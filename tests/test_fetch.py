"""`python -m lancs_dash.load --fetch` against a stand-in police.uk on loopback: months added and revised,
range reads against whole downloads, the cache, every network fault, and a database left byte for byte
unchanged whenever a fetch fails or brings nothing new."""

from __future__ import annotations

import hashlib
import io
import random
import socket
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lancs_dash import refresh as cli
from lancs_dash.load import fetch
from lancs_dash.load.build import build
from lancs_dash.load.context import LoadError
from lancs_dash.load.newest import fetch_and_build
from lancs_dash.publish import publish
from tests import rawdata
from tests.policeuk_standin import OUTCOMES_HEADER, SEARCH_HEADER, StandIn, archive, csv_bytes
from tests.rawdata import LSOA_PRE, STREET_HEADER, street_row

NEW = "2024-05"
# police.uk's May 2024 archive: 2024-02 republished with one more record, 2024-04 as held, 2024-05 new.
STREET = {
    "2024-02": [r for r in rawdata.STREET_ROWS if r[1] == "2024-02"] + [street_row("2024-02", "Burglary", LSOA_PRE)],
    "2024-04": [r for r in rawdata.STREET_ROWS if r[1] == "2024-04"],
    NEW: [street_row(NEW, "Shoplifting")] * 2 + [street_row(NEW, "Anti-social behaviour", LSOA_PRE),
                                                 street_row(NEW, "Drugs", "")],
}
FILLER = random.Random(14).randbytes(3 << 20)  # other forces' files: incompressible, so they dominate the size


def archive_files(street: dict[str, list[list]] = STREET) -> dict[str, bytes]:
    files = {}
    for month, rows in street.items():
        files[f"{month}/{month}-lancashire-street.csv"] = csv_bytes(STREET_HEADER, rows)
        files[f"{month}/{month}-lancashire-outcomes.csv"] = csv_bytes(
            OUTCOMES_HEADER, [[r[0], month, r[2], r[3], r[4], r[5], r[6], r[7], r[8], "Under investigation"]
                              for r in rows if r[0]])
        files[f"{month}/{month}-lancashire-stop-and-search.csv"] = csv_bytes(SEARCH_HEADER, [])
        files[f"{month}/{month}-metropolitan-street.csv"] = FILLER
        files[f"{month}/{month}-cumbria-street.csv"] = csv_bytes(
            STREET_HEADER, [street_row(month, "Burglary", "E01019000", force="Cumbria Constabulary")])
    return files


GOOD = archive(archive_files())


@pytest.fixture(scope="module")
def held(tmp_path_factory) -> Path:
    """The database in use before the fetch: built from the fixture raw folder (2024-01, 02, 04)."""
    root = rawdata.write_raw(tmp_path_factory.mktemp("raw"))
    path = tmp_path_factory.mktemp("held") / "lancs.duckdb"
    build(path, root, quiet=True)
    return path


@pytest.fixture
def db(held, tmp_path) -> Path:
    path = tmp_path / "db" / "lancs.duckdb"
    path.parent.mkdir()
    path.write_bytes(held.read_bytes())
    return path


HTTP = fetch.Http  # the CLI's tests put quick() in its place


def quick(quiet: bool = True) -> fetch.Http:
    """Short timeouts and backoff, so faults are found in a second, not minutes."""
    return HTTP(timeout=0.5, retries=2, backoff=0.01, quiet=quiet)


def months(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT strftime(month, '%Y-%m'), records FROM policeuk_month ORDER BY 1").fetchall())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_range_fetch_adds_the_new_month_records_revisions_and_a_second_fetch_changes_nothing(db, tmp_path):
    extracts = tmp_path / "extracts"
    with StandIn({"2024-04": b"older archive, never asked for", NEW: GOOD}) as s:
        r = fetch_and_build(db, s.url, tmp_path / "cache", http=quick(), quiet=True,
                            before_swap=lambda built: publish(built, db, extracts))
        assert r.how == "range requests" and r.archive == f"{NEW}.zip" and r.archive_bytes == len(GOOD)
        assert not any(p.endswith("2024-04.zip") for p, _ in s.requests)
        # Only the central directory and the force's members crossed the wire.
        assert r.downloaded_bytes < len(FILLER) / 10 < len(GOOD)
        assert s.sent >= r.downloaded_bytes
        assert not list((tmp_path / "cache").glob("*.zip"))
        assert [(c.month, c.previous, c.new) for c in r.added] == [(NEW, None, 4)]
        assert [(c.month, c.previous, c.new) for c in r.revised] == [("2024-02", 2, 3)]
        assert r.revised[0].detail == "by crime type: Burglary +1"
        assert r.unchanged == 1
        # Exactly the archive's counts for the months it holds; the month it does not hold is kept.
        assert months(db) == {"2024-01": 6, "2024-02": 3, "2024-04": 1, NEW: 4}
        with duckdb.connect(str(db), read_only=True) as con:
            notes = con.execute("SELECT change, month, previous, new, difference FROM release_note "
                                "WHERE change <> 'source' ORDER BY month").fetchall()
            assert notes == [("revised", "2024-02", 2, 3, 1), ("added", NEW, None, 4, None)]
            sources = [t for (t,) in con.execute("SELECT detail FROM release_note WHERE change = 'source'").fetchall()]
            assert len(sources) == 6 and all(f"archive {NEW}.zip from 127.0.0.1" in t for t in sources)
            assert not any("stop-and-search" in t or "cumbria" in t for t in sources)
            cov = con.execute("SELECT count(*) FILTER (WHERE status = 'missing') FROM coverage "
                              "WHERE source = 'policeuk'").fetchone()[0]
            assert cov == 1  # 2024-03 is still a gap, never a zero
            built_from = con.execute("SELECT value FROM meta WHERE key = 'built_from'").fetchone()[0]
            assert built_from.startswith(f"police.uk archive {NEW}.zip")
            district = con.execute("SELECT sum(n) FROM policeuk_monthly WHERE month = '2024-05-01' AND "
                                   "area_level = 'district'").fetchone()[0]
            assert district == 3  # the record with no location is in the force total only
        changes = pd.read_csv(extracts / "changes.csv")
        assert set(changes["change"]) == {"added", "revised", "source"}
        before, mtime = digest(db), db.stat().st_mtime_ns

        again = fetch_and_build(db, s.url, tmp_path / "cache", http=quick(), quiet=True,
                                before_swap=lambda built: publish(built, db, extracts))
        assert again.nothing_new and "holds the same 6 files" in again.nothing_new
        assert digest(db) == before and db.stat().st_mtime_ns == mtime
        assert again.downloaded_bytes < 70_000  # the months list and the zip's directory only


def test_republished_archive_with_the_same_figures_changes_nothing(db, tmp_path):
    same = archive({k: v for k, v in archive_files({"2024-04": STREET["2024-04"]}).items()})
    before = digest(db)
    with StandIn({"2024-04": same}) as s:
        r = fetch_and_build(db, s.url, tmp_path / "cache", http=quick(), quiet=True)
    assert "adds no month and revises none of the 1 months" in r.nothing_new
    assert digest(db) == before


def test_server_ignoring_range_downloads_once_into_the_cache_and_reuses_it(db, held, tmp_path):
    cache = tmp_path / "cache"
    with StandIn({NEW: GOOD}, ranges=False) as s:
        r = fetch_and_build(db, s.url, cache, http=quick(), quiet=True)
        assert r.how == "downloaded" and r.downloaded_bytes >= len(GOOD)
        assert (cache / f"{NEW}.zip").read_bytes() == GOOD
        assert months(db)[NEW] == 4
        fresh = tmp_path / "fresh" / "lancs.duckdb"
        fresh.parent.mkdir()
        fresh.write_bytes(held.read_bytes())
        sent = s.sent
        r2 = fetch_and_build(fresh, s.url, cache, http=quick(), quiet=True)
        assert r2.how == "cached download" and s.sent - sent < 1000  # only the months list
        # A damaged cached archive is noticed, removed and downloaded again.
        (cache / f"{NEW}.zip").write_bytes(GOOD[: len(GOOD) // 2])
        fresh.write_bytes(held.read_bytes())
        r3 = fetch_and_build(fresh, s.url, cache, http=quick(), quiet=True)
        assert r3.how == "downloaded" and (cache / f"{NEW}.zip").read_bytes() == GOOD
        assert months(fresh)[NEW] == 4


def corrupt(data: bytes) -> bytes:
    """Flip a byte inside the force's 2024-05 street member's compressed data (its CRC then fails)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(f"{NEW}/{NEW}-lancashire-street.csv")
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


DATES, ZIP = "/api/crimes-street-dates", f"/data/archive/{NEW}.zip"
BAD_STREET = archive({f"{NEW}/{NEW}-lancashire-street.csv": csv_bytes(
    STREET_HEADER, [street_row(NEW, "Burglary"), street_row(NEW, "Bad crime type")])})

FAULTS = {
    # name: (archive, ranges, faults, dates body, message)
    "404": ({"2024-06": GOOD}, True, {}, b'[{"date": "2024-06"}, {"date": "2024-07"}]', "HTTP 404 not found"),
    "timeouts": ({NEW: GOOD}, True, {DATES: ["timeout"] * 3}, None, "failed after 3 attempts: no answer within 0.5 s"),
    "server errors": ({NEW: GOOD}, True, {DATES: [503] * 3}, None, "failed after 3 attempts: HTTP 503"),
    "dropped connections": ({NEW: GOOD}, True, {ZIP: ["drop"] * 3}, None, "failed after 3 attempts: the connection"),
    "truncated download": ({NEW: GOOD}, False, {ZIP: ["truncate"] * 3}, None, "failed after 3 attempts: the download "
                                                                               "was cut short"),
    "corrupt archive (range)": ({NEW: corrupt(GOOD)}, True, {}, None, "lancashire-street.csv is corrupt"),
    "corrupt archive (download)": ({NEW: corrupt(GOOD)}, False, {}, None, "the cached download was removed"),
    "not a zip": ({NEW: b"<html>maintenance</html>" * 100}, True, {}, None, "not a readable zip file"),
    "no force files": ({NEW: archive({f"{NEW}/{NEW}-cumbria-street.csv": b"x"})}, True, {}, None,
                       "no lancashire street files inside"),
    "bad months list": ({NEW: GOOD}, True, {}, b"<html>not json</html>", "expected a JSON list"),
    "bad file in the archive": ({NEW: BAD_STREET}, True, {}, None,
                                "lancashire-street.csv, data row 2: expected a police.uk crime type"),
}


@pytest.mark.parametrize("name", FAULTS)
def test_every_fault_is_a_clear_message_a_non_zero_exit_and_an_untouched_database(name, db, tmp_path, capsys,
                                                                                  monkeypatch):
    archives, ranges, faults, dates, message = FAULTS[name]
    monkeypatch.setattr(fetch, "Http", quick)
    before, extracts = digest(db), tmp_path / "extracts"
    with StandIn(archives, ranges=ranges, dates=dates) as s:
        for path, items in faults.items():
            s.faults[path] = list(items)
        code = cli.main(["--fetch", "--police-uk-url", s.url, "--cache", str(tmp_path / "cache"), "--db", str(db),
                         "--extracts", str(extracts), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert message in err and "The existing database was left unchanged." in err
    assert digest(db) == before and not extracts.exists()
    assert not [p for p in db.parent.iterdir() if p.name != db.name]  # no half-built file left behind


def test_connection_refused(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(fetch, "Http", quick)
    before = digest(db)
    code = cli.main(["--fetch", "--police-uk-url", f"http://127.0.0.1:{closed_port()}", "--cache",
                     str(tmp_path / "cache"), "--db", str(db), "--quiet"])
    assert code == 1 and "failed after 3 attempts: connection refused" in capsys.readouterr().err
    assert digest(db) == before


@pytest.mark.parametrize("fault", ["timeout", 503, "drop"])
def test_transient_faults_are_retried_with_backoff(fault, db, tmp_path, capsys):
    with StandIn({NEW: GOOD}) as s:
        s.faults[DATES] = [fault]
        s.faults[ZIP] = [fault]
        r = fetch_and_build(db, s.url, tmp_path / "cache", http=fetch.Http(timeout=0.5, retries=2, backoff=0.01))
    assert months(db)[NEW] == 4 and r.added
    assert "trying again in 0.01 s" in capsys.readouterr().err


def test_cli_reports_bytes_downloaded_against_the_archive_size(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(fetch, "Http", quick)
    with StandIn({NEW: GOOD}) as s:
        args = ["--fetch", "--police-uk-url", s.url, "--cache", str(tmp_path / "cache"), "--db", str(db),
                "--extracts", str(tmp_path / "extracts"), "--quiet"]
        assert cli.main(args) == 0
        out = capsys.readouterr().out
        assert f"police.uk archive {NEW}.zip: {len(GOOD):,} bytes; read by range requests; " in out
        assert f"added   {NEW}: 4 records" in out and "revised 2024-02: 2 -> 3 records (+1)" in out
        assert cli.main(args) == 0
        assert "Nothing new:" in capsys.readouterr().out


def test_fetch_rejects_from_and_a_bad_url(db, tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli.main(["--fetch", "--from", str(tmp_path)])
    assert cli.main(["--fetch", "--police-uk-url", "ftp://example.org", "--db", str(db), "--quiet"]) == 1
    assert "expected an http:// or https:// address" in capsys.readouterr().err


def test_data_page_shows_the_latest_refresh(db, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from lancs_dash.config import PROJECT_ROOT

    with StandIn({NEW: GOOD}) as s:
        fetch_and_build(db, s.url, tmp_path / "cache", http=quick(), quiet=True)
    monkeypatch.setenv("LANCS_DASH_DB", str(db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception
    shown = at.table[0].value
    assert shown.to_dict("records") == [
        {"Change": "added", "Month": NEW, "Records before": "–", "Records now": "4", "Difference": "–",
         "What moved": "new month"},
        {"Change": "revised", "Month": "2024-02", "Records before": "2", "Records now": "3", "Difference": "+1",
         "What moved": "by crime type: Burglary +1"}]
    assert "Download every refresh's changes (CSV)" in [b.label for b in at.get("download_button")]


def test_first_fetch_without_a_database_merges_with_the_embedded_default(tmp_path, default_db):
    db = tmp_path / "new" / "lancs.duckdb"
    with StandIn({NEW: GOOD}) as s:
        r = fetch_and_build(db, s.url, tmp_path / "cache", http=quick(), quiet=True)
    held = months(default_db)
    got = months(db)
    assert got[NEW] == 4 and [c.month for c in r.added] == [NEW]
    # The archive's months replace the embedded default's; every other month is kept as it was.
    assert {m: n for m, n in got.items() if m not in STREET} == {m: n for m, n in held.items() if m not in STREET}
    assert {c.month for c in r.revised} == {"2024-02", "2024-04"}


def test_fetch_for_another_force_takes_only_its_months_and_never_mixes_forces(db, tmp_path):
    """--fetch --force cumbria: a new database holds Cumbria's months alone (none of the embedded default's
    Lancashire months), and the Lancashire database in use is never given Cumbria's."""
    new = tmp_path / "cumbria.duckdb"
    with StandIn({NEW: GOOD}) as s:
        r = fetch_and_build(new, s.url, tmp_path / "cache", http=quick(), quiet=True, force="cumbria")
        assert r.members == [f"{m}/{m}-cumbria-street.csv" for m in STREET]
        assert months(new) == {m: 1 for m in STREET}
        with duckdb.connect(str(new), read_only=True) as con:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
            assert (meta["force_slug"], meta["force_name"]) == ("cumbria", "Cumbria Constabulary")
            # No Lancashire file but the national list of Lancashire's most similar group (every force's groups).
            assert con.execute("SELECT count(*) FROM provenance WHERE file LIKE '%lancashire%' AND NOT (source = "
                               "'groups' AND file LIKE '%most_similar_group_lancashire.csv')").fetchone() == (0,)
        before = digest(db)
        with pytest.raises(LoadError, match="--force cumbria: lancs.duckdb holds lancashire's records"):
            fetch_and_build(db, s.url, tmp_path / "cache", http=quick(), quiet=True, force="cumbria")
        assert digest(db) == before
