"""The static extracts the loader publishes: index, sha256, tidy content, CSVs that round-trip through
pandas and the csv module, and the atomic swap with the database."""

from __future__ import annotations

import csv
import hashlib
import io
import re

import duckdb
import pandas as pd
import pytest

from lancs_dash.figures import dictionary, small_numbers
from lancs_dash.figures.tidy import COLUMNS
from lancs_dash.load.context import LoadError
from lancs_dash.publish import extracts, refresh
from lancs_dash.read import registry
from lancs_dash.read.snapshot import Snapshot
from tests import rawdata


@pytest.fixture(scope="module")
def published(default_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("static") / "extracts"
    snap = Snapshot.open(default_db)
    try:
        extracts.publish(snap, out)
    finally:
        snap.close()
    return out


@pytest.fixture(scope="module")
def index(published) -> pd.DataFrame:
    return pd.read_csv(published / "index.csv", dtype=str, keep_default_na=False)


def test_index_lists_every_measure_and_level(index):
    assert list(index.columns) == extracts.INDEX_COLUMNS
    # Every measure at every level where it has figures (published figures: force area only, but the
    # official recorded crime series also has districts; wards: police.uk street records only).
    assert {(m, lvl) for m, lvl in zip(index["measure"], index["area_level"], strict=True)} == {
        (m.id, lvl) for m in registry.MEASURES.values() for lvl in registry.AREA_LEVELS
        if (m.kind not in ("published", "quarterly") or lvl == "force"
            or (m.id == "official_recorded_crime" and lvl == "district"))
        and not (m.kind == "share" and lvl == "division")
        and (lvl != "ward" or m.sql == registry.POLICEUK_SQL)}
    assert all(f.startswith("latest/") for f in index["file"])


def test_sha256_rows_and_periods_match_the_files(published, index):
    for r in index.itertuples():
        body = (published / r.file).read_bytes()
        assert hashlib.sha256(body).hexdigest() == r.sha256
        frame = pd.read_csv(io.BytesIO(body), dtype=str)
        assert len(frame) == int(r.rows)
        assert (frame["period"].min(), frame["period"].max()) == (r.period_from, r.period_to)


def test_content_is_the_registry_series(published, default_db):
    got = pd.read_csv(published / "latest/crimes_force.csv")
    with duckdb.connect(str(default_db), read_only=True) as con:
        expected = registry.series(con, "crimes", "force")
    assert got["value"].sum() == expected["value"].sum()
    assert len(got) == 52  # published months only: the 34 missing months are absent, never zeros
    assert (got["value"] > 0).all()
    district = pd.read_csv(published / "latest/ksi_collisions_division.csv")
    assert set(district["area_code"]) == {"WEST", "SOUTH", "EAST"} and district["value"].sum() == 906


def test_every_csv_is_plain_utf8_iso_and_round_trips(published, index):
    for name in list(index["file"]) + ["index.csv", "dictionary.csv"]:
        body = (published / name).read_bytes()
        text = body.decode("utf-8")  # raises if not UTF-8
        assert not text.startswith("\ufeff") and "\r" not in text and not text.startswith("#")
        # pandas: read everything as text and write it back: byte-identical.
        frame = pd.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False)
        assert frame.to_csv(index=False, lineterminator="\n").encode("utf-8") == body
        # csv module: the same.
        rows = list(csv.reader(io.StringIO(text)))
        assert len({len(r) for r in rows}) == 1
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        assert buf.getvalue() == text
        if name.startswith("latest/"):
            assert rows[0] == COLUMNS
            kind = registry.get(rows[1][2]).kind
            month = r"\d{4}-(0[1-9]|1[0-2])"
            period = {"monthly": month, "share": month, "quarterly": f"{month}/{month}", "published": r".+"}[kind]
            assert all(re.fullmatch(period, r[3]) for r in rows[1:])
            number = r"\d+" if kind in ("monthly", "quarterly") else r"-?\d+(\.\d+)?"
            # Plain numbers, never blank: except the hidden small counts of a sensitive crime type by ward.
            blank_ok = name.endswith("_ward.csv") and small_numbers.sensitive(registry.get(rows[1][2]))
            assert all(re.fullmatch(number, r[4]) or (blank_ok and r[4] == "") for r in rows[1:])
            assert all("Open Government Licence v3.0" in r[6] for r in rows[1:])


def test_dictionary_covers_every_measure_and_column(published):
    d = pd.read_csv(published / "dictionary.csv", dtype=str, keep_default_na=False)
    assert set(d.loc[d["kind"] == "measure", "name"]) == set(registry.MEASURES)
    assert list(d.loc[d["kind"] == "column", "name"]) == COLUMNS
    assert d["licence"].str.contains("Open Government Licence v3.0").all()
    assert (d.loc[d["kind"] == "measure", "limitations"] != "").all()
    assert dictionary.SUPPRESSION_NOTE in " ".join(d["definition"])


def test_published_with_the_database_and_kept_on_a_failed_load(tmp_path):
    raw = rawdata.write_raw(tmp_path / "raw")
    db, out = tmp_path / "x.duckdb", tmp_path / "static" / "extracts"
    refresh(db, raw, out, quiet=True)
    before = (out / "index.csv").read_bytes()
    assert pd.read_csv(out / "latest/burglary_district.csv")["value"].sum() == 3  # the fixture's figures
    rows = rawdata.STREET_ROWS + [rawdata.street_row("2024-13", "Burglary")]
    rawdata.write_csv(raw / "policeuk/lancashire_street.csv.gz", rawdata.STREET_HEADER, rows, gz=True)
    with pytest.raises(LoadError):
        refresh(db, raw, out, quiet=True)
    assert (out / "index.csv").read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["extracts", "plain"]  # no staging folder left behind
