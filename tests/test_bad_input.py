"""A corpus of malformed inputs, written by the tests themselves on top of tests/rawdata.py.

Every bad file must stop `python -m lancs_dash.load` with a non-zero exit and a message naming the
file, the data row where there is one and what was expected, and leave the served database
byte-for-byte unchanged. The few cases where one bad row can safely be passed over are loaded,
and the rows are counted and reported in provenance (the decisions are tabled in the loader's
package docstring, lancs_dash/load/__init__.py).
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.load.build import build
from lancs_dash.refresh import main as load_main
from tests import rawdata
from tests.rawdata import STREET_HEADER, STREET_ROWS, street_row

STREET = "policeuk/lancashire_street.csv.gz"
LAST = len(STREET_ROWS) + 1  # data row number of a row appended to the fixture's street file
NAT_HEADER = ["month", "force_file_slug", "falls_within", "crime_type", "last_outcome_category", "n"]
NAT_ROWS = [["2024-01", "lancashire", rawdata.FORCE, "Burglary", "Under investigation", "3"],
            ["2024-01", "cumbria", "Cumbria Constabulary", "Burglary", "", "2"]]


def csv_bytes(header: list[str], rows: list[list], sep: str = ",") -> bytes:
    return ("\n".join(sep.join(map(str, r)) for r in [header, *rows]) + "\n").encode("utf-8")


def street(raw: Path, rows: list[list] = STREET_ROWS, header: list[str] = STREET_HEADER) -> None:
    rawdata.write_csv(raw / STREET, header, rows, gz=True)


def national(raw: Path, rows: list[list] = NAT_ROWS, coverage: bool = True) -> None:
    rawdata.write_csv(raw / "policeuk/national_street_counts.csv.gz", NAT_HEADER, rows, gz=True)
    if coverage:
        rawdata.write_csv(raw / "policeuk/national_street_coverage.csv", ["month", "force_file_slug", "status", "rows"],
                          [["2024-01", "lancashire", "present", "8"], ["2024-01", "cumbria", "present", "2"]])


def police_zip(raw: Path, members: dict[str, bytes]) -> Path:
    shutil.rmtree(raw / "policeuk")
    z = raw / "download.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        for name, data in members.items():
            f.writestr(name, data)
    return z


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new, 1))


def _truncated_gzip(raw: Path) -> None:
    data = (raw / STREET).read_bytes()
    (raw / STREET).write_bytes(data[: len(data) // 2])


def _truncated_zip(raw: Path) -> Path:
    z = police_zip(raw, {"2024-01/2024-01-lancashire-street.csv": csv_bytes(STREET_HEADER, STREET_ROWS * 50)})
    z.write_bytes(z.read_bytes()[:300])
    return z


def _zip_bomb(raw: Path) -> Path:
    # 80 MiB of one repeated row: a compression ratio no real police.uk file has.
    row = csv_bytes(STREET_HEADER, [street_row("2024-01", "Burglary")]).split(b"\n")[1] + b"\n"
    return police_zip(raw, {"2024-01/2024-01-lancashire-street.csv": row * ((80 << 20) // len(row))})


def _non_utf8(raw: Path) -> None:
    data = csv_bytes(STREET_HEADER, STREET_ROWS + [street_row("2024-01", "Burglary")])
    data = data[::-1].replace(b"elpmaxE", b"lpm\xe9xE", 1)[::-1]  # a Latin-1 'é' in the last row's Location
    (raw / STREET).write_bytes(gzip.compress(data))


def _lsoa_geojson(raw: Path, features) -> None:
    (raw / "geo/lsoa11_lancs14.geojson").write_text(json.dumps(features))


# (id, change to the good raw folder (returns a Path only to load that instead), words the message must contain)
Case = tuple[str, Callable[[Path], Path | None], list[str]]
FAILING: list[Case] = [
    # police.uk street files: containers and encodings
    ("truncated-gzip", _truncated_gzip, [STREET, "truncated"]),
    ("truncated-zip", _truncated_zip, ["download.zip", "not a readable zip"]),
    ("zip-without-street-files", lambda raw: police_zip(raw, {"readme.txt": b"hello"}),
     ["download.zip", "YYYY-MM-<force>-street.csv", "found none"]),
    ("zip-bomb-member", _zip_bomb, ["download.zip", "2024-01-lancashire-street.csv", "zip bomb"]),
    ("semicolon-delimiter", lambda raw: (raw / STREET).write_bytes(gzip.compress(csv_bytes(STREET_HEADER, STREET_ROWS, ";"))),
     [STREET, "expected commas", "'Month'"]),
    ("tab-delimiter", lambda raw: (raw / STREET).write_bytes(gzip.compress(csv_bytes(STREET_HEADER, STREET_ROWS, "\t"))),
     [STREET, "expected commas"]),
    ("non-utf8-bytes", _non_utf8, [STREET, f"data row {LAST}", "UTF-8"]),
    ("ragged-row", lambda raw: street(raw, STREET_ROWS + [street_row("2024-01", "Burglary") + ["extra"]]),
     [STREET, f"data row {LAST}", "12 comma-separated fields"]),
    ("empty-file", lambda raw: (raw / STREET).write_bytes(b""), [STREET, "is empty"]),
    ("empty-gzip", lambda raw: (raw / STREET).write_bytes(gzip.compress(b"")), [STREET, "is empty"]),
    ("header-only", lambda raw: street(raw, []), [STREET, "no data rows"]),
    # police.uk street files: columns
    ("missing-column", lambda raw: street(raw, [r[:7] + r[8:] for r in STREET_ROWS], STREET_HEADER[:7] + STREET_HEADER[8:]),
     [STREET, "'LSOA code'", "expected at least"]),
    ("renamed-column", lambda raw: street(raw, header=[h.replace("Crime type", "Crime Type") for h in STREET_HEADER]),
     [STREET, "'Crime type'"]),
    # police.uk street files: values
    ("future-month", lambda raw: street(raw, STREET_ROWS + [street_row("2999-01", "Burglary")]),
     [STREET, f"data row {LAST}", "no later than the current month", "2999-01"]),
    ("unparseable-month", lambda raw: street(raw, STREET_ROWS + [street_row("Jan 2024", "Burglary")]),
     [STREET, f"data row {LAST}", "YYYY-MM", "Jan 2024"]),
    ("month-13", lambda raw: street(raw, STREET_ROWS + [street_row("2024-13", "Burglary")]),
     [STREET, f"data row {LAST}", "YYYY-MM"]),
    ("blank-month", lambda raw: street(raw, STREET_ROWS + [street_row("", "Burglary")]), [STREET, f"data row {LAST}", "YYYY-MM"]),
    ("unknown-crime-type", lambda raw: street(raw, STREET_ROWS + [street_row("2024-01", "Jaywalking")]),
     [STREET, f"data row {LAST}", "police.uk crime type", "Jaywalking"]),
    ("malformed-lsoa-code", lambda raw: street(raw, STREET_ROWS + [street_row("2024-01", "Burglary", "E0101267")]),
     [STREET, f"data row {LAST}", "LSOA code such as E01012345", "E0101267"]),
    ("msoa-code-as-lsoa", lambda raw: street(raw, STREET_ROWS + [street_row("2024-01", "Burglary", "E02002633")]),
     [STREET, f"data row {LAST}", "LSOA code"]),
    # folders with no data
    ("empty-folder", lambda raw: shutil.rmtree(raw) or raw.mkdir() or raw, ["no police.uk street files"]),
    ("folder-of-unrelated-files", lambda raw: shutil.rmtree(raw / "policeuk") or (raw / "notes.txt").write_text("hi") and None,
     ["no police.uk street files"]),
    # geography
    ("mixed-lsoa-vintages-disagree", lambda raw: edit(raw / "lookups/lsoa21_to_lad_lancs14.csv",
                                                      f"{rawdata.LSOA_BPL},Blackpool 001A,{rawdata.BLACKPOOL}",
                                                      f"{rawdata.LSOA_BPL},Blackpool 001A,{rawdata.PRESTON}"),
     ["lookups/lsoa21_to_lad_lancs14.csv", rawdata.LSOA_BPL, "two different districts", "each LSOA in one district"]),
    ("malformed-lsoa-in-lookup", lambda raw: edit(raw / "lookups/lsoa11_to_lad_lancs14.csv", rawdata.LSOA_PRE, "E01-25300"),
     ["lookups/lsoa11_to_lad_lancs14.csv", "data row 2", "LSOA code"]),
    ("malformed-district-code", lambda raw: edit(raw / "lookups/lad_lancs14.csv", f"{rawdata.PRESTON},Preston",
                                                 "E7000123,Preston"),
     ["lookups/lad_lancs14.csv", "data row 2", "lad_cd"]),
    ("unknown-district-in-lsoa-lookup", lambda raw: edit(raw / "lookups/lsoa21_to_lad_lancs14.csv",
                                                         f",{rawdata.PRESTON},Preston", ",E07000999,Preston"),
     ["lookups/lsoa21_to_lad_lancs14.csv", "data row 2", "E07000999"]),
    ("geojson-truncated", lambda raw: (raw / "geo/lad_lancs14.geojson").write_text('{"type": "FeatureCollection", "feat'),
     ["geo/lad_lancs14.geojson", "GeoJSON FeatureCollection"]),
    ("geojson-not-a-collection", lambda raw: _lsoa_geojson(raw, [1, 2, 3]), ["geo/lsoa11_lancs14.geojson", "GeoJSON"]),
    ("geojson-feature-without-code", lambda raw: _lsoa_geojson(raw, {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [-3, 53.8]}}]}),
     ["geo/lsoa11_lancs14.geojson", "feature 1", "LSOA11CD"]),
    ("outline-of-unknown-district", lambda raw: edit(raw / "geo/lad_lancs14.geojson", rawdata.PRESTON, "E07000999"),
     ["geo/lad_lancs14.geojson", "E07000999"]),
    # populations
    ("negative-population", lambda raw: edit(raw / "official/population_census2021_lancs14.csv", "147835", "-147835"),
     ["official/population_census2021_lancs14.csv", "data row 2", "more than 0"]),
    ("non-numeric-population", lambda raw: edit(raw / "official/population_census2021_lancs14.csv", "147835", "about 147835"),
     ["official/population_census2021_lancs14.csv", "data row 2", "about 147835"]),
    # national counts
    ("national-negative-count", lambda raw: national(raw, NAT_ROWS + [NAT_ROWS[0][:4] + ["Local resolution", "-4"]]),
     ["policeuk/national_street_counts.csv.gz", "data row 3", "whole number", "-4"]),
    ("national-non-numeric-count", lambda raw: national(raw, NAT_ROWS + [NAT_ROWS[0][:4] + ["Local resolution", "four"]]),
     ["policeuk/national_street_counts.csv.gz", "data row 3", "whole number", "four"]),
    ("national-unknown-crime-type", lambda raw: national(raw, NAT_ROWS + [["2024-01", "lancashire", "x", "Piracy", "", "1"]]),
     ["policeuk/national_street_counts.csv.gz", "data row 3", "crime type"]),
    ("national-future-month", lambda raw: national(raw, NAT_ROWS + [["2999-12"] + NAT_ROWS[0][1:]]),
     ["policeuk/national_street_counts.csv.gz", "data row 3", "no later than"]),
    ("national-duplicate-key", lambda raw: national(raw, NAT_ROWS + [NAT_ROWS[0]]),
     ["policeuk/national_street_counts.csv.gz", "data row 1", "repeated"]),
    ("national-counts-without-coverage", lambda raw: national(raw, coverage=False),
     ["policeuk/national_street_coverage.csv", "missing"]),
    # other sources
    ("stats19-unknown-severity", lambda raw: None if rawdata.write_csv(
        raw / "stats19/lancashire_collisions_2023.csv.gz", ["accident_index", "accident_year", "police_force",
                                                            "accident_severity", "number_of_casualties", "date",
                                                            "local_authority_ons_district"],
        [["x1", 2023, 4, 9, 1, "2023-02-01", rawdata.PRESTON]], gz=True) else None,
     ["stats19/lancashire_collisions_2023.csv.gz", "data row 1", "accident_severity"]),
    ("official-without-source", lambda raw: edit(raw / "official/population_census2021_lancs14.csv",
                                                 "https://example.org/census\n", "\n"),
     ["official/population_census2021_lancs14.csv", "data row 1", "source_url"]),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    """The database being served before each bad load: built from a good fixture folder."""
    path = tmp_path_factory.mktemp("served") / "lancs.duckdb"
    build(path, rawdata.write_raw(tmp_path_factory.mktemp("good") / "raw"), quiet=True)
    return path


@pytest.fixture
def raw(tmp_path):
    return rawdata.write_raw(tmp_path / "raw")


def test_corpus_is_large_enough():
    assert len(FAILING) + len(SKIPPED) >= 30 and len({c[0] for c in FAILING}) == len(FAILING)


@pytest.mark.parametrize("change, expected", [c[1:] for c in FAILING], ids=[c[0] for c in FAILING])
def test_bad_input_fails_clearly_and_leaves_db_untouched(change, expected, raw, served, tmp_path, capsys):
    target = change(raw)
    target = target if isinstance(target, Path) else raw
    db = shutil.copy(served, tmp_path / "lancs.duckdb")
    before = served.read_bytes()
    assert load_main(["--from", str(target), "--db", str(db), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "left unchanged" in err and "Traceback" not in err
    for words in expected:
        assert words in err, f"{words!r} not in the message: {err}"
    assert Path(db).read_bytes() == before
    assert not list(tmp_path.glob(".*building*"))


@pytest.mark.parametrize("case", ["truncated-gzip", "future-month", "empty-folder"])
def test_module_exit_code(case, raw, served, tmp_path):
    """The command analysts run: `python -m lancs_dash.load` itself exits non-zero."""
    change, expected = next(c[1:] for c in FAILING if c[0] == case)
    target = change(raw)
    target = target if isinstance(target, Path) else raw
    db = shutil.copy(served, tmp_path / "lancs.duckdb")
    done = subprocess.run([sys.executable, "-m", "lancs_dash.refresh", "--from", str(target), "--db", str(db), "--quiet"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and expected[0] in done.stderr
    assert Path(db).read_bytes() == served.read_bytes()


def q(db: Path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or {}).fetchall()


def _loads(raw: Path, tmp_path: Path) -> Path:
    db = tmp_path / "ok.duckdb"
    build(db, raw, quiet=True)
    return db


def _force_total(db: Path) -> int:
    return q(db, "SELECT sum(records) FROM policeuk_month")[0][0]


def _note(db: Path, file: str = STREET) -> str:
    return q(db, "SELECT note FROM provenance WHERE file = $f", {"f": file})[0][0]


def skip_extra_column(raw: Path, tmp_path: Path) -> None:
    street(raw, [r + ["x"] for r in STREET_ROWS], STREET_HEADER + ["Notes"])
    assert _force_total(_loads(raw, tmp_path)) == len(STREET_ROWS)


def skip_coordinates_outside_uk(raw: Path, tmp_path: Path) -> None:
    far = street_row("2024-01", "Burglary")
    far[4], far[5] = "151.2", "-33.9"  # Sydney
    street(raw, STREET_ROWS + [far])
    db = _loads(raw, tmp_path)
    assert _force_total(db) == len(STREET_ROWS) + 1  # placed by its LSOA code
    assert f"1 rows (first: data row {LAST}) have coordinates outside the UK" in _note(db)


def skip_non_numeric_coordinates(raw: Path, tmp_path: Path) -> None:
    bad = street_row("2024-01", "Burglary")
    bad[4] = "west"
    street(raw, [bad] + STREET_ROWS)
    assert "1 rows (first: data row 1) have coordinates" in _note(_loads(raw, tmp_path))


def skip_unknown_lsoa(raw: Path, tmp_path: Path) -> None:
    street(raw, STREET_ROWS + [street_row("2024-01", "Burglary", "E01999999")])
    db = _loads(raw, tmp_path)
    assert q(db, "SELECT sum(n) FROM policeuk_unplaced WHERE reason = 'outside the force area'") == [(2,)]


def skip_duplicate_month_files(raw: Path, tmp_path: Path) -> None:
    # A second single-force file repeating 2024-04: the month is counted from one file only.
    rawdata.write_csv(raw / "policeuk/2024-04/2024-04-lancashire-street.csv", STREET_HEADER,
                      [r for r in STREET_ROWS if r[1] == "2024-04"])
    db = _loads(raw, tmp_path)
    assert _force_total(db) == len(STREET_ROWS)
    notes = _note(db, STREET) + _note(db, "policeuk/2024-04/2024-04-lancashire-street.csv")
    assert "2024-04" in notes and "already counted" in notes


def skip_mixed_lsoa_vintages(raw: Path, tmp_path: Path) -> None:
    # One file mixing 2011 and 2021 codes (police.uk switched during the series): both are placed.
    street(raw, STREET_ROWS + [street_row("2024-01", "Burglary", rawdata.LSOA_PRE_2021_ONLY)])
    db = _loads(raw, tmp_path)
    assert q(db, "SELECT n FROM policeuk_monthly WHERE month = DATE '2024-01-01' AND area_code = $d AND category = 'Burglary'",
             {"d": rawdata.PRESTON}) == [(1,)]


def skip_other_force_rows(raw: Path, tmp_path: Path) -> None:
    street(raw, STREET_ROWS + [street_row("2024-01", "Burglary", force="Cumbria Constabulary")])
    db = _loads(raw, tmp_path)
    assert _force_total(db) == len(STREET_ROWS) and "1 rows not counted" in _note(db)


def skip_stats19_outside_district(raw: Path, tmp_path: Path) -> None:
    path = raw / "stats19/lancashire_collisions_2023.csv.gz"
    rows = gzip.decompress(path.read_bytes()).decode() + "x9,2023,4,3,1,2023-05-05,E08000001\n"
    path.write_bytes(gzip.compress(rows.encode()))
    db = _loads(raw, tmp_path)
    assert q(db, "SELECT rows, example_row FROM rejection WHERE source = 'stats19'") == [(1, 4)]


SKIPPED = [skip_extra_column, skip_coordinates_outside_uk, skip_non_numeric_coordinates, skip_unknown_lsoa,
           skip_duplicate_month_files, skip_mixed_lsoa_vintages, skip_other_force_rows, skip_stats19_outside_district]


@pytest.mark.parametrize("case", SKIPPED, ids=[f.__name__ for f in SKIPPED])
def test_safely_skippable_rows_are_counted_and_reported(case, raw, tmp_path):
    case(raw, tmp_path)

