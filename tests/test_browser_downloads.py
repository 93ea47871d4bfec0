"""A journalist's view in headless Chromium: download a CSV from the Data page, and fetch the stable
links the app serves statically."""

from __future__ import annotations

import csv
import hashlib
import io
import urllib.request

import pytest
from playwright.sync_api import expect

from lancs_dash.figures.tidy import COLUMNS
from tests.browser import wait_drawn

pytestmark = pytest.mark.browser


def test_download_a_filtered_extract_from_the_data_page(app_url, page):
    page.goto(f"{app_url}/data?measures=Burglary&level=Division&from=2021-04&to=2022-03")
    expect(page.get_by_role("heading", name="Build an extract")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Preview: 36 rows")).to_be_visible(timeout=30_000)
    wait_drawn(page)  # the button is drawn after the preview: click it once the run has finished
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download extract (CSV)").click()
    download = info.value
    assert download.suggested_filename == "lancashire-burglary-division-2021-04-to-2022-03.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows[0] == COLUMNS and len(rows) == 1 + 36
    assert {r[0] for r in rows[1:]} == {"WEST", "SOUTH", "EAST"} and {r[2] for r in rows[1:]} == {"burglary"}
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert "measures=Burglary" in page.url  # the view is still the shared one: the download did not reset it


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as r:
        assert r.status == 200
        return r.read()


def test_stable_links_are_served(app_url, page):
    page.goto(f"{app_url}/data")  # the first page view publishes the files on a fresh checkout
    expect(page.get_by_role("heading", name="Stable links")).to_be_visible(timeout=30_000)
    index = list(csv.DictReader(io.StringIO(get(f"{app_url}/app/static/extracts/index.csv").decode("utf-8"))))
    entry = next(r for r in index if r["file"] == "latest/crimes_force.csv")
    body = get(f"{app_url}/app/static/extracts/latest/crimes_force.csv")
    assert hashlib.sha256(body).hexdigest() == entry["sha256"]
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == COLUMNS and len(rows) - 1 == int(entry["rows"]) == 52
    assert rows[1][:4] == ["E23000003", "Lancashire Constabulary", "crimes", "2018-11"]
