"""Comparison groups and force profiles, on a database the loader built from the raw open data (shared/national
for the groups): each checked against the raw files, read here independently of the loader."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict

import duckdb
import pytest

from lancs_dash.figures import comparison_groups, force_comparison
from lancs_dash.read import registry
from lancs_dash.read.force import LANCASHIRE, Force
from tests.conftest import SHARED_DATA

NATIONAL = SHARED_DATA.parent / "national"
CUMBRIA = Force("cumbria", "Cumbria Constabulary", "Cumbria", "E23000002", "Cumbria")


@pytest.fixture(scope="module")
def con(real_db):
    if not NATIONAL.is_dir():
        pytest.skip("the national open data folder ../shared/national is not beside the checkout")
    return duckdb.connect(str(real_db), read_only=True)


def raw_groups() -> dict[str, list[tuple[str, str]]]:
    with (NATIONAL / "official" / "most_similar_group_lancashire.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = defaultdict(list)
    for r in rows:
        out[r["group"]].append((r["pfa_code"], r["force_name"]))
    return out


def test_lancashire_groups_are_the_listed_most_similar_group_and_region(con):
    raw = raw_groups()
    similar, region, every = comparison_groups.groups(con)
    assert similar.kind == "most_similar" and not similar.ours
    assert similar.name == "Home Office most similar group (as listed June 2015)"
    assert sorted(zip(similar.pfa_codes, similar.names, strict=True)) == sorted(raw["most_similar_group"])
    assert set(similar.names) == {"Lancashire", "Humberside", "Kent", "Northumbria", "Nottinghamshire", "South Wales",
                                  "South Yorkshire", "West Yorkshire"}
    assert "23 June 2015" in similar.source and similar.source_url.startswith("https://")
    assert region.kind == "region" and region.name == "North West region"
    assert sorted(zip(region.pfa_codes, region.names, strict=True)) == sorted(raw["north_west_region"])
    assert every.pfa_codes is None and every.name == comparison_groups.ALL_FORCES
    assert comparison_groups.main_group(con) == similar


def test_computed_group_is_deterministic_excludes_the_force_and_says_it_is_ours(con):
    """Cumbria has no listed most similar group: its group is computed from the Census 2021 profile."""
    first = comparison_groups.similar_group(con, CUMBRIA)
    assert first == comparison_groups.similar_group(con, CUMBRIA)
    assert first.ours and "not a Home Office group" in first.name and "not the Home Office's" in first.source
    assert first.pfa_codes[0] == CUMBRIA.pfa_code and CUMBRIA.pfa_code not in first.pfa_codes[1:]
    assert len(set(first.pfa_codes)) == 1 + comparison_groups.SIMILAR_SIZE
    assert "London, City of" not in first.names  # under 100,000 residents: takes no part
    for label in comparison_groups.SIMILARITY.values():
        assert label in first.source
    profile = con.execute("SELECT pfa_code, indicator, value FROM force_profile").df()
    nearest = comparison_groups.similar_forces(profile, CUMBRIA.pfa_code)
    assert [d for _, d in nearest] == sorted(d for _, d in nearest)


def test_force_profile_sums_a_force_areas_authorities_from_the_raw_profile(con):
    """Cumbria's six 2021 districts (merged into two in 2023) from the raw profile: residents summed, the share
    born outside the UK weighted by residents."""
    districts = {"E07000026", "E07000027", "E07000028", "E07000029", "E07000030", "E07000031"}
    with (NATIONAL / "official" / "census2021_lad_profile_ew.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["code"] in districts]
    residents = sum(int(r["population_total"]) for r in rows)
    born = sum(float(r["born_outside_UK_perc"]) * int(r["population_total"]) for r in rows) / residents
    got = dict(con.execute("SELECT indicator, value FROM force_profile WHERE pfa_code = 'E23000002'").fetchall())
    assert len(rows) == 6 and got["residents"] == residents == 499_847
    assert got["born_outside_uk_pct"] == pytest.approx(born, abs=1e-9)
    assert con.execute("SELECT count(DISTINCT pfa_code) FROM force_profile").fetchone()[0] == 43
    total = con.execute("SELECT sum(value) FROM force_profile WHERE indicator = 'residents'").fetchone()[0]
    assert total == 59_597_533  # every local authority of England and Wales, each in one force area


def test_rate_of_a_most_similar_group_force_equals_the_raw_counts_over_its_population(con):
    """Kent, all crime per 1,000 residents over the window, summed from the raw national counts file."""
    c = force_comparison.compare(con, comparison_groups.main_group(con))
    start, end = c.window.period.split("/")
    crime_types = set(registry.FORCE_RATES["crimes_per_1000"].categories)
    with gzip.open(SHARED_DATA / "policeuk" / "national_street_counts.csv.gz", "rt", encoding="utf-8") as f:
        crimes = sum(int(r["n"]) for r in csv.DictReader(f)
                     if r["force_file_slug"] == "kent" and start <= r["month"] <= end and r["crime_type"] in crime_types)
    with (SHARED_DATA / "official" / "population_pfa_census2021_derived.csv").open(encoding="utf-8") as f:
        population = next(int(r["value"]) for r in csv.DictReader(f) if r["area_code"] == "E23000032")
    kent = c.rates[(c.rates["measure"] == "crimes_per_1000") & (c.rates["force_slug"] == "kent")].iloc[0]
    assert kent["in_group"] and not kent["home"]
    assert kent["crimes"] == crimes and kent["population"] == population
    assert kent["rate"] == pytest.approx(1000 * crimes / population)


def test_group_forces_without_data_are_named_missing_never_zero(con):
    c = force_comparison.compare(con, comparison_groups.main_group(con))
    missing = c.missing_members()
    assert list(missing["force"]) == ["West Yorkshire"]
    assert "no data in the files available for 12 of the 12 months" in missing["reason"].iloc[0]
    assert "West Yorkshire" not in set(c.rates["force"])
    every = force_comparison.compare(con, comparison_groups.groups(con)[-1]).missing_members()
    assert {"West Yorkshire", "Metropolitan Police", "West Midlands"} <= set(every["force"])


def test_home_force_is_the_one_the_database_records(con):
    assert comparison_groups.home_force(con) == LANCASHIRE
    rates = force_comparison.compare(con, comparison_groups.main_group(con)).rates
    assert set(rates.loc[rates["home"], "force_slug"]) == {"lancashire"}
