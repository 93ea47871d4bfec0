"""Any police force area of England and Wales from police.uk's files alone: each of the eight forces in
shared/national/forces loaded, one month's district counts checked against an independent count from the raw
file (LSOA code -> district through the raw national lookup, counted here with csv and gzip), and the errors a
wrong folder gives."""

from __future__ import annotations

import csv
import gzip
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.load.build import build
from lancs_dash.load.context import LoadError
from tests.conftest import FORCES_DIR, SHARED_NATIONAL, force_folder

FORCES = ("city-of-london", "cumbria", "humberside", "kent", "merseyside", "north-yorkshire", "nottinghamshire",
          "south-wales")
MONTH = "2022-05"  # a month every one of the eight published


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def read_gz(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def pfa_key(name: str) -> str:
    """ONS's police force area name as police.uk's slug writes it ('London, City of' -> 'city-of-london')."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        name = f"{tail} {head}"
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", "and").replace(" police", "")).strip("-")


@pytest.fixture(scope="module")
def raw_geography(shared_national) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """From the raw lookups: LSOA 2011 code -> 2022 district, 2022 district -> police force area (through
    the 2021 LSOAs' 2024 districts, the force most of them reach), and force slug -> police force area code."""
    l22 = read_gz(SHARED_NATIONAL / "lookups/lsoa11_lsoa21_lad22_ew.csv.gz")
    l24 = {r["lsoa21_code"]: r["ltla24_code"] for r in read_gz(SHARED_NATIONAL / "lookups/lsoa21_ward24_lad24_ew.csv.gz")}
    with (SHARED_NATIONAL / "lookups/lad24_csp24_pfa24_ew.csv").open(encoding="utf-8", newline="") as f:
        lad_pfa = list(csv.DictReader(f))
    pfa_of_lad24 = {r["ltla24_code"]: r["pfa24_code"] for r in lad_pfa}
    reach = Counter((r["ltla22_code"], pfa_of_lad24[l24[r["lsoa21_code"]]]) for r in l22)
    district_pfa: dict[str, str] = {}
    for (lad, pfa), _n in sorted(reach.items(), key=lambda kv: kv[1]):
        district_pfa[lad] = pfa  # ascending counts: the most-reached force is written last
    return ({r["lsoa11_code"]: r["ltla22_code"] for r in l22}, district_pfa,
            {pfa_key(r["pfa24_name"]): r["pfa24_code"] for r in lad_pfa})


@pytest.mark.parametrize("slug", FORCES)
def test_force_loads_from_its_files_alone(slug, force_db, raw_geography):
    lsoa_district, district_pfa, pfa_of = raw_geography
    db = force_db(slug)
    raw = read_gz(FORCES_DIR / MONTH / f"{MONTH}-{slug}-street.csv.gz")
    (reported_by,) = {r["Reported by"] for r in raw}
    meta = dict(rows(db, "SELECT key, value FROM meta"))
    assert (meta["force_slug"], meta["force_name"], meta["pfa_code"]) == (slug, reported_by, pfa_of[slug])

    districts = {c for c, p in district_pfa.items() if p == pfa_of[slug]}
    assert {c for (c,) in rows(db, "SELECT area_code FROM area WHERE area_level = 'district'")} == districts
    assert rows(db, "SELECT count(*) FROM area WHERE area_level = 'division'") == [(0,)]

    placed = Counter(lsoa_district.get(r["LSOA code"]) for r in raw)
    counted = dict(rows(db, f"SELECT area_code, sum(n) FROM policeuk_monthly WHERE month = DATE '{MONTH}-01' "
                            "AND area_level = 'district' GROUP BY 1"))
    assert counted == {d: placed[d] for d in districts}
    assert rows(db, f"SELECT sum(n) FROM policeuk_monthly WHERE month = DATE '{MONTH}-01' AND area_level = 'force'") \
        == [(len(raw),)]
    no_location = sum(1 for r in raw if not r["LSOA code"])
    outside = len(raw) - no_location - sum(counted.values())
    assert dict(rows(db, f"SELECT reason, sum(n) FROM policeuk_unplaced WHERE month = DATE '{MONTH}-01' GROUP BY 1")) \
        == {k: v for k, v in {"no location": no_location, "outside the force area": outside}.items() if v}
    # Every district has an outline and a Census 2021 population; the force's is their sum.
    assert rows(db, "SELECT count(*) FROM district_outline") == [(len(districts),)]
    (force_pop, district_pop), = rows(db, "SELECT sum(population) FILTER (WHERE area_level = 'force'), "
                                          "sum(population) FILTER (WHERE area_level = 'district') FROM population")
    assert force_pop == district_pop > 0
    # Lancashire's own sources are not carried over into another force's database.
    for table in ("official_figure", "stats19_monthly", "postcode"):
        assert rows(db, f"SELECT count(*) FROM {table}") == [(0,)], table


def test_cumbria_has_its_districts_of_2022(force_db):
    db = force_db("cumbria")
    assert [n for (n,) in rows(db, "SELECT area_name FROM area WHERE area_level = 'district' ORDER BY 1")] == [
        "Allerdale", "Barrow-in-Furness", "Carlisle", "Copeland", "Eden", "South Lakeland"]
    meta = dict(rows(db, "SELECT key, value FROM meta"))
    assert (meta["force_short_name"], meta["homeoffice_name"]) == ("Cumbria", "Cumbria")


def test_welsh_codes_and_city_of_london(force_db):
    assert {c[:3] for (c,) in rows(force_db("south-wales"), "SELECT area_code FROM area WHERE area_level = 'district'")} \
        == {"W06"}
    meta = dict(rows(force_db("city-of-london"), "SELECT key, value FROM meta"))
    assert (meta["force_short_name"], meta["homeoffice_name"]) == ("City of London", "London, City of")


def test_months_across_a_boundary_change_never_mix_areas(shared_national, tmp_path):
    """Cumbria's six districts were replaced by two in April 2023: a load ending after it shows the two, with
    district figures only for the months they existed; earlier months keep their force total."""
    folder = force_folder("cumbria", tmp_path)
    for month in folder.iterdir():
        if month.name != "2022-11":
            shutil.rmtree(month)
    # The same real records, dated a month of the new districts (the open data holds no Cumbria file of 2023).
    later = folder / "2023-04" / "2023-04-cumbria-street.csv.gz"
    later.parent.mkdir()
    src = FORCES_DIR / "2022-11" / "2022-11-cumbria-street.csv.gz"
    with gzip.open(src, "rt", encoding="utf-8", newline="") as f, gzip.open(later, "wt", encoding="utf-8",
                                                                              newline="") as out:
        reader = csv.DictReader(f)
        writer = csv.DictWriter(out, reader.fieldnames)
        writer.writeheader()
        writer.writerows({**r, "Month": "2023-04"} for r in reader)
    db = tmp_path / "c.duckdb"
    build(db, folder, force="cumbria", quiet=True)
    assert [n for (n,) in rows(db, "SELECT area_name FROM area WHERE area_level = 'district' ORDER BY 1")] == [
        "Cumberland", "Westmorland and Furness"]
    by_month = dict(rows(db, "SELECT strftime(month, '%Y-%m'), count(DISTINCT area_level) FROM policeuk_monthly "
                             "GROUP BY 1"))
    assert by_month == {"2022-11": 1, "2023-04": 2}  # force only, then force and districts
    total = len(read_gz(src))
    assert rows(db, "SELECT strftime(month, '%Y-%m'), sum(n) FROM policeuk_monthly WHERE area_level = 'force' "
                    "GROUP BY 1 ORDER BY 1") == [("2022-11", total), ("2023-04", total)]
    unplaced = dict(rows(db, "SELECT reason, sum(n) FROM policeuk_unplaced WHERE month = DATE '2022-11-01' GROUP BY 1"))
    assert sum(unplaced.values()) == total and unplaced["before the districts shown"] > 0
    (note,), = rows(db, "SELECT note FROM provenance WHERE source = 'geography'")
    assert "Cumberland, Westmorland and Furness" in note and "months 2022-11 to 2022-11 had other districts" in note
    assert dict(rows(db, "SELECT area_name, source FROM population WHERE area_level = 'district'"))[
        "Cumberland"].startswith("ONS Census 2021, sum of the districts it replaced (derived): Allerdale, Carlisle")


def _refresh(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lancs_dash.refresh", "--quiet", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def served(force_db, tmp_path) -> Path:
    """A served database (Cumbria's) that a failed load must leave as it was."""
    path = tmp_path / "served.duckdb"
    shutil.copy(force_db("cumbria"), path)
    return path


def test_unknown_slug_lists_the_valid_ones(shared_national, served, tmp_path):
    before = served.read_bytes()
    result = _refresh("--from", str(force_folder("cumbria", tmp_path)), "--force", "cumbra", "--db", str(served))
    assert result.returncode == 1
    assert "--force cumbra: not a territorial police force of England and Wales" in result.stderr
    assert all(s in result.stderr for s in ("cumbria", "dyfed-powys", "lancashire", "city-of-london"))
    assert "left unchanged" in result.stderr and served.read_bytes() == before


def test_another_forces_files_and_mixed_forces_name_the_file(shared_national, served, tmp_path):
    before = served.read_bytes()
    kent = force_folder("kent", tmp_path)
    with pytest.raises(LoadError, match=r"2022-01-kent-street\.csv\.gz: a police\.uk file of the force 'kent'; "
                                        "expected only cumbria's files"):
        build(served, kent, force="cumbria", quiet=True)
    mixed = force_folder("cumbria", tmp_path / "mixed")
    (mixed / "2022-03" / "2022-03-kent-street.csv.gz").symlink_to(FORCES_DIR / "2022-03" / "2022-03-kent-street.csv.gz")
    result = _refresh("--from", str(mixed), "--force", "cumbria", "--db", str(served))
    assert result.returncode == 1 and "2022-03-kent-street.csv.gz: a police.uk file of the force 'kent'" in result.stderr
    assert served.read_bytes() == before


def test_a_file_whose_records_are_another_forces_is_named(shared_national, served, tmp_path):
    """police.uk's file name says Cumbria but every record is Kent's: the 'Reported by' column is checked too."""
    before = served.read_bytes()
    folder = tmp_path / "renamed" / "2022-01"
    folder.mkdir(parents=True)
    (folder / "2022-01-cumbria-street.csv.gz").symlink_to(FORCES_DIR / "2022-01" / "2022-01-kent-street.csv.gz")
    with pytest.raises(LoadError, match=r"2022-01-cumbria-street\.csv\.gz: every record is reported by 'Kent Police'; "
                                        "expected cumbria's records"):
        build(served, folder.parent, force="cumbria", quiet=True)
    assert served.read_bytes() == before


def test_another_force_needs_its_files(served):
    with pytest.raises(LoadError, match="--force kent: expected --from DIR with kent's police.uk files"):
        build(served, None, force="kent", quiet=True)


def test_a_fetch_across_a_boundary_change_keeps_held_months_as_force_totals(force_db, tmp_path):
    """The database in use holds Cumbria's 2022 months (six districts); police.uk's archive brings a month of
    2024 (two districts): the held months keep their force totals and no longer claim districts."""
    from lancs_dash.load.newest import fetch_and_build
    from tests.policeuk_standin import StandIn, archive, csv_bytes
    from tests.rawdata import STREET_HEADER, street_row

    db = tmp_path / "cumbria.duckdb"
    shutil.copy(force_db("cumbria"), db)
    held = dict(rows(db, "SELECT strftime(month, '%Y-%m'), records FROM policeuk_month"))
    records = [street_row("2024-05", "Burglary", "E01019126", force="Cumbria Constabulary")] * 3  # Allerdale 001A
    zipped = archive({"2024-05/2024-05-cumbria-street.csv": csv_bytes(STREET_HEADER, records)})
    with StandIn({"2024-05": zipped}) as s:
        fetch_and_build(db, s.url, tmp_path / "cache", quiet=True)
    assert [n for (n,) in rows(db, "SELECT area_name FROM area WHERE area_level = 'district' ORDER BY 1")] == [
        "Cumberland", "Westmorland and Furness"]
    assert dict(rows(db, "SELECT strftime(month, '%Y-%m'), records FROM policeuk_month")) == {**held, "2024-05": 3}
    assert rows(db, "SELECT DISTINCT strftime(month, '%Y-%m') FROM policeuk_monthly WHERE area_level = 'district'") \
        == [("2024-05",)]
    assert rows(db, "SELECT sum(n) FROM policeuk_monthly WHERE area_level = 'district'") == [(3,)]
    unplaced = rows(db, "SELECT sum(n) FROM policeuk_unplaced WHERE month < DATE '2024-01-01'")[0][0]
    assert unplaced == sum(held.values())  # every held record: force total only, reported
    (note,), = rows(db, "SELECT note FROM provenance WHERE source = 'geography'")
    assert "held months 2022-01 to 2022-11 had other districts" in note
