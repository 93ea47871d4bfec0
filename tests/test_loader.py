"""The loader on small fixture folders written in the real formats: counts, gaps, de-duplication,
both police.uk download layouts, and atomic replacement."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date

import duckdb
import pytest

from lancs_dash.load.build import build
from lancs_dash.load.context import LoadError
from lancs_dash.refresh import main as load_main
from tests import rawdata


def q(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or {}).fetchall()


@pytest.fixture
def raw(tmp_path):
    return rawdata.write_raw(tmp_path / "raw")


@pytest.fixture
def built(raw, tmp_path):
    db = tmp_path / "out.duckdb"
    build(db, raw, quiet=True)
    return db


def test_counts_by_district_and_force(built):
    rows = dict(((lvl, code, cat), n) for lvl, code, cat, n in q(
        built, "SELECT area_level, area_code, category, n FROM policeuk_monthly WHERE month = DATE '2024-01-01'"))
    assert rows[("district", rawdata.BLACKPOOL, "Burglary")] == 3
    assert rows[("district", rawdata.PRESTON, "Anti-social behaviour")] == 1
    assert rows[("division", "WEST", "Burglary")] == 3
    # The force counts every record it published, including the unlocated and the out-of-area ones.
    assert rows[("force", "E23000003", "Drugs")] == 1
    assert rows[("force", "E23000003", "Robbery")] == 1
    assert rows[("district", rawdata.BLACKPOOL, "Robbery")] == 0
    assert sorted(q(built, "SELECT reason, n FROM policeuk_unplaced")) == [
        ("no location", 1), ("outside the force area", 1)]


def test_gap_month_is_missing_not_zero(built):
    months = [m for (m,) in q(built, "SELECT month FROM policeuk_month ORDER BY month")]
    assert months == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 4, 1)]
    assert q(built, "SELECT count(*) FROM policeuk_monthly WHERE month = DATE '2024-03-01'") == [(0,)]
    assert q(built, "SELECT status FROM coverage WHERE source = 'policeuk' AND month = DATE '2024-03-01'") == [("missing",)]


def test_month_repeated_in_national_file_is_counted_once(built):
    # 2024-02 is in both files: two ASB rows without Crime IDs must not become four.
    assert q(built, "SELECT n FROM policeuk_monthly WHERE month = DATE '2024-02-01' AND area_level = 'force' "
                    "AND category = 'Anti-social behaviour'") == [(2,)]
    note = q(built, "SELECT note FROM provenance WHERE file LIKE '%national%'")[0][0]
    assert "2024-02" in note and "already counted" in note


def test_2021_only_lsoa_codes_are_placed(built):
    assert q(built, "SELECT n FROM policeuk_monthly WHERE month = DATE '2024-02-01' AND area_code = $d "
                    "AND category = 'Anti-social behaviour'", {"d": rawdata.PRESTON}) == [(2,)]


def test_outcomes_grouped(built):
    got = dict(q(built, "SELECT outcome_group, sum(n) FROM policeuk_outcomes WHERE area_level = 'force' GROUP BY 1"))
    assert got == {"Under investigation": 4, "Charged or summonsed": 2}


def test_stats19_and_rates_inputs(built):
    assert q(built, "SELECT sum(collisions), sum(casualties) FROM stats19_monthly WHERE area_level = 'force' "
                    "AND severity IN ('Fatal', 'Serious')") == [(2, 3)]
    assert q(built, "SELECT count(*) FROM stats19_month") == [(12,)]
    assert q(built, "SELECT population FROM population WHERE area_level = 'force'") == [(141036 + 147835,)]


def test_provenance_records_each_file(built):
    files = {f: (r, k) for f, r, k in q(built, "SELECT file, rows_read, rows_kept FROM provenance")}
    assert files["policeuk/lancashire_street.csv.gz"] == (len(rawdata.STREET_ROWS), len(rawdata.STREET_ROWS))
    assert files["policeuk/national_street_2024-02.csv.gz"] == (3, 0)
    assert all(len(h) == 64 for (h,) in q(built, "SELECT sha256 FROM provenance"))


def test_police_uk_folder_layout(raw, tmp_path):
    """YYYY-MM/YYYY-MM-<force>-street.csv (one plain, one gzipped) instead of the combined file."""
    (raw / "policeuk/lancashire_street.csv.gz").unlink()
    (raw / "policeuk/national_street_2024-02.csv.gz").unlink()
    for month in ("2024-01", "2024-02", "2024-04"):
        rows = [r for r in rawdata.STREET_ROWS if r[1] == month]
        gz = month == "2024-04"
        name = f"{month}-lancashire-street.csv" + (".gz" if gz else "")
        rawdata.write_csv(raw / "downloads" / month / name, rawdata.STREET_HEADER, rows, gz=gz)
    db = tmp_path / "folder.duckdb"
    build(db, raw, quiet=True)
    assert q(db, "SELECT sum(records) FROM policeuk_month") == [(len(rawdata.STREET_ROWS),)]


def test_police_uk_zip_alone(tmp_path):
    """A bare police.uk zip: street files are loaded, reference data come from the embedded default."""
    z = tmp_path / "download.zip"
    with zipfile.ZipFile(z, "w") as f:
        rows = [r for r in rawdata.STREET_ROWS if r[1] == "2024-01"]
        src = rawdata.write_csv(tmp_path / "s.csv", rawdata.STREET_HEADER, rows)
        f.write(src, "2024-01/2024-01-lancashire-street.csv")
        f.writestr("2024-01/2024-01-lancashire-outcomes.csv", "Crime ID,Month,Outcome type\nx,2024-01,Local resolution\n")
    db = tmp_path / "zip.duckdb"
    build(db, z, quiet=True)
    assert q(db, "SELECT sum(records) FROM policeuk_month") == [(len(rows),)]
    assert q(db, "SELECT count(*) FROM area WHERE area_level = 'district'") == [(14,)]  # from the default
    notes = [n for (n,) in q(db, "SELECT note FROM provenance WHERE source = 'geography'")]
    assert notes and all("carried over from the embedded default" in n for n in notes)


def test_bad_input_names_file_and_row_and_leaves_db_untouched(raw, built, tmp_path):
    before = built.read_bytes()
    rows = rawdata.STREET_ROWS + [rawdata.street_row("2024-13", "Burglary")]
    rawdata.write_csv(raw / "policeuk/lancashire_street.csv.gz", rawdata.STREET_HEADER, rows, gz=True)
    with pytest.raises(LoadError) as e:
        build(built, raw, quiet=True)
    msg = str(e.value)
    assert "policeuk/lancashire_street.csv.gz" in msg and f"data row {len(rows)}" in msg and "YYYY-MM" in msg
    assert built.read_bytes() == before
    assert not list(built.parent.glob(".*building*"))


def test_cli_exit_code_and_message(raw, built, capsys):
    (raw / "policeuk/lancashire_street.csv.gz").write_bytes(b"\x1f\x8b\x08\x00truncated")
    assert load_main(["--from", str(raw), "--db", str(built), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "lancashire_street.csv.gz" in err and "left unchanged" in err


def test_missing_column_is_named(raw, tmp_path):
    shutil.rmtree(raw / "policeuk")
    rawdata.write_csv(raw / "policeuk/lancashire_street.csv", ["Month", "Reported by", "LSOA code", "Crime type"],
                      [["2024-01", rawdata.FORCE, rawdata.LSOA_BPL, "Burglary"]])
    with pytest.raises(LoadError, match="Last outcome category"):
        build(tmp_path / "x.duckdb", raw, quiet=True)
