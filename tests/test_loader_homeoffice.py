"""The Home Office recorded-crime source on a small fixture in the real format."""

from __future__ import annotations

from datetime import date

import pytest

from lancs_dash.load.build import build
from lancs_dash.load.context import LoadError
from tests import rawdata
from tests.test_loader import q


@pytest.fixture
def raw(tmp_path):
    root = rawdata.write_raw(tmp_path / "raw")
    rawdata.write_homeoffice(root)
    return root


def test_offences_summed_to_subgroup_by_force_and_quarter(raw, tmp_path):
    db = tmp_path / "out.duckdb"
    build(db, raw, quiet=True)
    rows = q(db, "SELECT force_name, quarter, quarter_start, offence_subgroup, n FROM homeoffice_recorded ORDER BY ALL")
    assert rows == [
        ("Cumbria", 1, date(2017, 4, 1), "Stalking and harassment", 3),
        ("Lancashire", 1, date(2017, 4, 1), "Rape offences", 7),
        ("Lancashire", 3, date(2017, 10, 1), "Stalking and harassment", 3),  # 4 and a published -1
    ]
    assert q(db, "SELECT rows_read, period_from FROM provenance WHERE source = 'homeoffice'") == [(5, "2017/18")]


def test_bad_quarter_names_file_and_row(raw, tmp_path):
    bad = [r[:] for r in rawdata.PRC_ROWS]
    bad[2][1] = 5
    rawdata.write_homeoffice(raw, bad)
    with pytest.raises(LoadError, match=r"prc_pfa_2017-18_quarterly.csv.gz, data row 3: expected Financial_Quarter 1-4"):
        build(tmp_path / "out.duckdb", raw, quiet=True)
