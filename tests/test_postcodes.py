"""Find my area: postcodes typed in any spacing or case, outside the area, malformed or hostile."""

from __future__ import annotations

import duckdb
import pytest

from lancs_dash.read import postcodes
from lancs_dash.read.force import LANCASHIRE


@pytest.fixture(scope="module")
def con(default_db):
    with duckdb.connect(str(default_db), read_only=True) as c:
        yield c


@pytest.mark.parametrize("text", ["PR1 2AB", "pr12ab", "  Pr1   2aB ", "PR1\t2AB"])
def test_normalise_any_spacing_or_case(text):
    assert postcodes.normalise(text) == "PR12AB"


@pytest.mark.parametrize("text", ["BB1 1AA", "bb11aa", "BB1  1AA", " bb1 1aa "])
def test_lancashire_postcode_finds_its_district(con, text):
    got = postcodes.find(con, text, LANCASHIRE)
    assert (got.status, got.district_code, got.district_name, got.postcode) == (
        "found", "E06000008", "Blackburn with Darwen", "BB1 1AA")


def test_every_district_reachable_by_some_postcode(con):
    assert con.execute("SELECT count(DISTINCT district_code) FROM postcode").fetchone()[0] == 14


def test_terminated_postcodes_are_kept(con):
    # The ONS cut has no termination flag: every listed postcode, live or not, still finds its district.
    n = con.execute("SELECT count(*) FROM postcode").fetchone()[0]
    assert n == 57_709
    assert postcodes.find(con, "BB0 1GR", LANCASHIRE).district_name == "Blackburn with Darwen"


@pytest.mark.parametrize("text", ["SW1A 1AA", "M1 1AE", "LA9 4DL"])  # London, Manchester, Kendal (Cumbria)
def test_outside_the_force_area(con, text):
    got = postcodes.find(con, text, LANCASHIRE)
    assert got.status == "outside" and got.district_code is None and "police force area" in got.message
    assert "the 14 districts policed by Lancashire Constabulary" in got.message


@pytest.mark.parametrize("text", ["hello", "PR1", "12345", "PR1 2A", "'; DROP TABLE postcode; --", "x" * 5000,
                                  "PR1 2AB; SELECT 1", "Ω"])
def test_malformed_input_gets_a_helpful_message(con, text):
    got = postcodes.find(con, text, LANCASHIRE)
    assert got.status == "malformed" and "PR1 2AB" in got.message and len(got.message) < 300


def test_first_half_only_is_explained(con):
    assert "first half" in postcodes.find(con, "PR1", LANCASHIRE).message


def test_empty(con):
    assert postcodes.find(con, "   ", LANCASHIRE).status == "empty"
