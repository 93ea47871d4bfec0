"""The extract CLI: tidy schema, gaps absent, every measure listed."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.figures.tidy import COLUMNS
from lancs_dash.read import registry


def run(*args):
    return subprocess.run([sys.executable, "-m", "lancs_dash.extract", *args], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)


def rows(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


def test_crimes_and_asb_for_2021_22(default_db):
    for measure, total in (("crimes", 145_598), ("asb_incidents", 66_910)):
        r = run(measure, "--area", "force", "--from", "2021-04", "--to", "2022-03", "--db", str(default_db))
        assert r.returncode == 0, r.stderr
        assert r.stdout.splitlines()[0] == ",".join(COLUMNS)
        got = rows(r.stdout)
        assert [x["period"] for x in got] == [f"2021-{m:02d}" for m in range(4, 13)] + ["2022-01", "2022-02", "2022-03"]
        assert sum(int(x["value"]) for x in got) == total
        assert {x["area_code"] for x in got} == {"E23000003"}


def test_missing_months_are_absent(default_db):
    got = rows(run("burglary", "--area", "district", "--from", "2020-05", "--to", "2020-07", "--db", str(default_db)).stdout)
    assert {x["period"] for x in got} == {"2020-05", "2020-07"}  # 2020-06 was not published
    assert len({x["area_code"] for x in got}) == 14


def test_division_codes_and_ksi(default_db):
    got = rows(run("ksi_collisions", "--area", "division", "--db", str(default_db)).stdout)
    assert {x["area_code"] for x in got} == {"WEST", "SOUTH", "EAST"}
    assert sum(int(x["value"]) for x in got) == 906


def test_list_names_every_measure(default_db):
    out = run("--list").stdout
    for m in registry.MEASURES:
        assert f"{m}\t" in out


@pytest.mark.parametrize("args", [["no_such_measure"], ["crimes", "--from", "2021-13"], ["crimes", "--area", "parish"],
                                  ["crimes", "--from", "2022-01", "--to", "2021-01"]])
def test_bad_arguments_exit_non_zero_with_a_message(args, default_db):
    r = run(*args, "--db", str(default_db))
    assert r.returncode == 2 and r.stdout == "" and "error" in r.stderr


def test_crimes_per_1000_by_force(default_db):
    r = run("crimes_per_1000", "--area", "force", "--db", str(default_db))
    assert r.returncode == 0, r.stderr
    got = {x["area_name"]: x for x in rows(r.stdout)}
    assert got["Lancashire"]["area_code"] == "E23000003" and got["Lancashire"]["value"] == "84.935"
    assert {x["period"] for x in got.values()} == {"2025-01/2025-12"}
    assert "Metropolitan Police" not in got and len(got) == 37


def test_crime_type_per_1000_and_wrong_area(default_db):
    got = rows(run("burglary_per_1000", "--area", "force", "--db", str(default_db)).stdout)
    assert next(x for x in got if x["area_code"] == "E23000003")["value"] == "4.006"
    assert run("burglary_per_1000", "--area", "district", "--db", str(default_db)).returncode == 2


def test_shares_quarters_and_published_figures_are_labelled_honestly(default_db):
    share = rows(run("burglary_robbery_charged_share", "--area", "force", "--db", str(default_db)).stdout)
    assert share and all(0 <= float(x["value"]) <= 100 and x["unit"] == "percent" for x in share)
    quarters = rows(run("ho_sexual_offences", "--area", "force", "--db", str(default_db)).stdout)
    assert [x["period"] for x in quarters][:2] == ["2017-04/2017-06", "2017-07/2017-09"]
    published = rows(run("victim_satisfaction", "--area", "force", "--db", str(default_db)).stdout)
    assert {x["period"] for x in published} == {"YE Jun 2014"}
    assert rows(run("victim_satisfaction", "--area", "district", "--db", str(default_db)).stdout) == []
