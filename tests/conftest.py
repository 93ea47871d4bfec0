"""Shared fixtures: the raw open data beside the checkout, databases built by the real loader, a
running app server and headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from bench.common import WEBGL_ARGS, server  # the benchmarks start the app the same way
from lancs_dash.config import PROJECT_ROOT
from lancs_dash.load.build import build
from lancs_dash.publish import refresh

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
CHROMIUM = Path("/usr/bin/chromium")
# CI sets this so that a missing browser or shared folder fails instead of skipping.
REQUIRE_ALL = os.environ.get("LANCS_REQUIRE_ALL") == "1"


def _skip_or_fail(reason: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(reason + " (LANCS_REQUIRE_ALL=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        _skip_or_fail("the raw open data folder ../shared/data is not beside the checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def raw_street_counts(shared_data) -> RawCounts:
    """Lancashire's crimes and ASB incidents per month, counted straight from the raw police.uk file (not by the
    loader), for checking the figures pages show."""
    rows = duckdb.sql(
        """SELECT Month, count(*) FILTER (WHERE "Crime type" <> 'Anti-social behaviour'),
                  count(*) FILTER (WHERE "Crime type" = 'Anti-social behaviour')
           FROM read_csv($p, all_varchar = true) GROUP BY 1""",
        params={"p": str(shared_data / "policeuk" / "lancashire_street.csv.gz")}).fetchall()
    return RawCounts({month: (crimes, asb) for month, crimes, asb in rows})


@dataclass(frozen=True)
class RawCounts:
    months: dict[str, tuple[int, int]]  # "YYYY-MM" -> (crimes, ASB incidents)

    def year(self, year: int) -> tuple[str, str]:
        """A calendar year's crimes and ASB incidents, formatted as the pages show them."""
        months = [self.months[f"{year}-{m:02d}"] for m in range(1, 13)]
        return f"{sum(c for c, _ in months):,}", f"{sum(a for _, a in months):,}"


@pytest.fixture(scope="session")
def real_db(shared_data, tmp_path_factory) -> Path:
    """A database built by the loader from the raw open data."""
    path = tmp_path_factory.mktemp("real") / "lancs.duckdb"
    national = SHARED_DATA.parent / "national"
    build(path, shared_data, quiet=True, national_dir=national if national.is_dir() else None)
    return path


@pytest.fixture(scope="session")
def default_db(tmp_path_factory) -> Path:
    """A database built from the embedded default with its page models published, as on a fresh clone's first start."""
    path = tmp_path_factory.mktemp("default") / "lancs.duckdb"
    refresh(path, None, quiet=True)
    return path


# STOPGAP until the loader builds other forces (branch f20-loader): Lancashire's embedded default recorded as
# Cumbria's, so a force with no Plan file. Its police.uk figures are Lancashire's; only what follows from the force
# (its Plan, the pages listed, the figures held for its force area code) is Cumbria's. The lead repoints this
# fixture at a real Cumbria database once the loader lands.
OTHER_FORCE = {"force_slug": "cumbria", "force_name": "Cumbria Constabulary", "force_short_name": "Cumbria",
               "pfa_code": "E23000002", "homeoffice_name": "Cumbria"}


@pytest.fixture(scope="session")
def other_force_db(tmp_path_factory) -> Path:
    """A database of a force with no Plan file in data/plans/, with its page models published."""
    import duckdb

    from lancs_dash.publish import publish

    path = tmp_path_factory.mktemp("other-force") / "other.duckdb"

    def as_other_force(built: Path) -> None:
        with duckdb.connect(str(built)) as con:
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [*OTHER_FORCE.items(),
                                                                         ("data_version", "other-force-stopgap")])
            # Lancashire's wards are no other force's: a force's database holds none (the loader places Lancashire's).
            for table in ("policeuk_monthly", "population", "area"):
                con.execute(f"DELETE FROM {table} WHERE area_level = 'ward'")
        publish(built, path, None)

    build(path, None, quiet=True, before_swap=as_other_force)
    return path


@pytest.fixture(scope="session")
def snap(default_db):
    """The embedded-default database as the pages read it: one snapshot, shared."""
    from lancs_dash.read.snapshot import Snapshot

    s = Snapshot.open(default_db)
    yield s
    s.close()


@pytest.fixture(scope="session")
def deck(snap):
    """What meeting mode and the pack draw, from that snapshot."""
    from lancs_dash.models import briefing

    return briefing.build(snap.cursor())


@pytest.fixture(scope="session")
def static_files(default_db, deck, tmp_path_factory) -> tuple[Path, Path]:
    """The extracts and plain pages for the embedded default, written as the loader writes them: (plain pages'
    folder, extracts' folder)."""
    import pandas as pd

    from lancs_dash import html
    from lancs_dash.publish import extracts
    from lancs_dash.read.snapshot import Snapshot

    folder = tmp_path_factory.mktemp("static")
    snap = Snapshot.open(default_db)
    try:
        staged = extracts.stage(snap, folder / "extracts")
        html.write(deck, snap, folder / "plain", pd.read_csv(staged / "index.csv", dtype=str, keep_default_na=False))
    finally:
        snap.close()
    return folder / "plain", staged


@pytest.fixture(scope="session")
def tls_cert(tmp_path_factory) -> Path:
    """A self-signed certificate for 127.0.0.1 with its key, in one PEM file as HAProxy's `ssl crt` takes it (and
    as a client's trust anchor: the key part is ignored there)."""
    if shutil.which("openssl") is None:
        _skip_or_fail("openssl is not installed (apt-get install openssl)")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    pem = folder / "site.pem"
    pem.write_text(cert.read_text() + key.read_text())
    return pem


@pytest.fixture
def app_db(default_db, monkeypatch) -> Path:
    """Point the app (AppTest runs in-process) at the embedded-default database."""
    monkeypatch.setenv("LANCS_DASH_DB", str(default_db))
    return default_db


@pytest.fixture(scope="session")
def app_url(default_db) -> str:
    """A real `streamlit run app.py` on loopback, serving the embedded-default database."""
    with server(default_db) as (url, _pid):
        yield url


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the session: a second sync_playwright() cannot start while one runs."""
    if not CHROMIUM.exists():
        _skip_or_fail("Debian chromium is not installed (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    b = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"])
    yield b
    b.close()


@pytest.fixture(scope="session")
def webgl_browser(playwright):
    """Chromium drawing WebGL (the pydeck maps) on SwiftShader."""
    b = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                   args=["--no-sandbox", "--disable-quic", "--no-first-run", *WEBGL_ARGS])
    yield b
    b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()
