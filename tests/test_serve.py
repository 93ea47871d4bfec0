"""`python -m lancs_dash.serve --workers 2` on loopback, used through its proxy as a crowd would: every page
in Chromium, downloads that need session affinity, the published files, a process killed mid-burst, and
the plain-HTML answer when no app process can take a page view."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.common import ROOT, _wait_healthy, app_pids, served
from lancs_dash import html
from lancs_dash.config import PROJECT_ROOT
from lancs_dash.read import registry
from lancs_dash.site import PAGES
from tests.browser import CSP_LISTENER, csp_violations, page_url, wait_drawn
from tests.conftest import _skip_or_fail
from tests.plain import tables

sys.path.insert(0, str(ROOT / "bench"))
import concurrency  # noqa: E402 - the benchmarks' websocket session driver, on the bench path

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def proxy(default_db):
    for tool in ("haproxy", "nginx"):
        if shutil.which(tool) is None:
            _skip_or_fail(f"{tool} is not installed (apt-get install haproxy nginx)")
    with served(default_db, workers=2) as (url, pid):
        yield url, pid


def get(url: str, timeout: float = 30) -> tuple[bytes, Message]:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        assert r.status == 200, url
        return r.read(), r.headers  # names in any case: HAProxy sends them in lower case


@pytest.mark.parametrize("info", PAGES, ids=[p.id for p in PAGES])
def test_every_page_opens_through_the_proxy(info, proxy, page):
    url, _ = proxy
    page.add_init_script(CSP_LISTENER)
    page.goto(page_url(url, info))
    wait_drawn(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert csp_violations(page) == []  # the proxy's Content-Security-Policy lets the page draw
    if info.url_path != "meeting":  # meeting mode hides the sidebar on the projector
        plain = page.get_by_role("link", name="Plain version, no JavaScript")
        expect(plain).to_have_attribute("href", html.href(info.url_path))


def test_a_chart_csv_and_the_meeting_pack_download_through_the_proxy(proxy, page):
    url, _ = proxy
    page.goto(f"{url}/asb")
    wait_drawn(page)
    assert any(c["name"] == "LANCS_APP" for c in page.context.cookies()), "no affinity cookie"
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download this data (CSV)").first.click()
    rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert rows[0] == ["period", "incidents", "area"] and len(rows) > 12
    page.goto(f"{url}/meeting?slide=3")
    expect(page.get_by_role("button", name="Download pack (PDF)")).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Download pack (PDF)").click()
    assert open(info.value.path(), "rb").read(5) == b"%PDF-"


def test_extracts_and_a_plain_page_whose_figures_equal_the_apps(proxy, page):
    url, _ = proxy
    index, headers = get(f"{url}/app/static/extracts/index.csv")
    assert "uvicorn" not in headers.get("server", "").lower()  # nginx, not Python
    assert any(r["file"] == "latest/crimes_force.csv" for r in csv.DictReader(io.StringIO(index.decode())))
    body, headers = get(f"{url}/app/static/plain/index.html")
    assert headers.get("Content-Type").startswith("text/html")
    plain = {caption: rows for caption, rows in tables(body.decode())}
    page.goto(url)
    wait_drawn(page)
    app_values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    plain_values = [row[1] for mid in ("crimes", "asb_incidents") for row in plain[f"{registry.get(mid).title}, force area"]]
    assert app_values == plain_values


def run(coroutine):
    """asyncio.run on its own thread: Playwright's sync API keeps an event loop on this one."""
    out = []
    t = threading.Thread(target=lambda: out.append(asyncio.run(coroutine)))
    t.start()
    t.join()
    return out[0]


def test_a_killed_process_is_replaced_and_new_sessions_are_served(proxy):
    url, serve_pid = proxy
    before = app_pids(serve_pid)
    victim, port = next(iter(before.items()))
    pages = [p.url_path for p in PAGES]
    killer = threading.Timer(0.5, os.kill, (victim, signal.SIGKILL))
    killer.start()
    run(concurrency.burst(url, pages, 20))  # sessions on the killed process may fail: that is the test
    killer.join()
    after_kill = run(concurrency.burst(url, pages, 10))
    assert [e for _, e in after_kill if e] == [], after_kill
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = app_pids(serve_pid)
        if len(now) == 2 and victim not in now and port in now.values():
            break
        time.sleep(0.25)
    else:
        pytest.fail(f"the killed process was not started again: {app_pids(serve_pid)}")
    # The new process has a pid before it listens: wait for its health check, as the proxy does, then use it.
    _wait_healthy(f"http://127.0.0.1:{port}", "the restarted app process")
    assert run(concurrency.session(f"http://127.0.0.1:{port}", ""))[1] is None  # it serves pages again


def test_with_every_app_process_stopped_a_page_view_gets_the_plain_version(proxy):
    url, serve_pid = proxy
    pids = list(app_pids(serve_pid))
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)  # alive but unresponsive: the supervisor leaves it, the health check fails
    try:
        deadline, body, headers = time.monotonic() + 60, b"", {}
        while time.monotonic() < deadline:
            try:
                body, headers = get(f"{url}/asb", timeout=5)
            except OSError:
                pass
            if headers.get("X-Lancs-Plain-Fallback"):
                break
            time.sleep(0.5)
        assert headers.get("X-Lancs-Plain-Fallback") == "1", headers
        text = body.decode()
        assert "<h1>Anti-social behaviour</h1>" in text
        assert "Open the interactive version of this page" in text and "<script" not in text
        overview, _ = get(f"{url}/")
        assert b"How is Lancashire doing?" in overview
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


def _edge_rules(cfg: str) -> set[str]:
    """The lines that make the public edge: timeouts, limits, their tables and the security headers."""
    lines = {line.split("#", 1)[0].strip() for line in cfg.splitlines()}
    return {line for line in lines if line.startswith(("timeout", "http-request track-sc", "http-request return",
                                                       "http-after-response", "stick-table"))}


def test_the_configurations_are_valid(tmp_path, tls_cert):
    """The proxy configurations serve writes (plain, and with TLS behind a CDN) and the container ones in deploy/
    pass HAProxy's and nginx's checks; deploy/ has the same edge rules as serve's defaults with TLS on."""
    from lancs_dash import serve
    from lancs_dash.serve.edge import Edge

    for tool in ("haproxy", "nginx"):
        if shutil.which(tool) is None:
            _skip_or_fail(f"{tool} is not installed (apt-get install haproxy nginx)")
    tls = Edge(tls_cert=tls_cert, http_bind="127.0.0.1:8580", client_header="X-Forwarded-For",
               trusted_proxies=("10.0.0.0/8", "192.0.2.1"), frame_ancestors=("https://news.example",))
    (tmp_path / "haproxy.cfg").write_text(serve.haproxy_config("127.0.0.1:8501", [8601, 8602], 8603, 100))
    (tmp_path / "haproxy-tls.cfg").write_text(serve.haproxy_config("127.0.0.1:8443", [8601], 8603, 100, edge=tls))
    (tmp_path / "nginx.conf").write_text(serve.nginx_config(tmp_path, 8603))
    deploy = PROJECT_ROOT / "deploy"
    mounted = "/usr/local/etc/haproxy/certs/site.pem"  # where compose mounts deploy/certs/site.pem
    deploy_cfg = (deploy / "haproxy.cfg").read_text()
    assert f"ssl crt {mounted} " in deploy_cfg and "./certs:/usr/local/etc/haproxy/certs:ro" in (
        deploy / "compose.yaml").read_text()
    (tmp_path / "deploy-haproxy.cfg").write_text(deploy_cfg.replace(mounted, str(tls_cert)))
    template = serve.haproxy_config(":8443", [8601], 8603, 100, edge=Edge(tls_cert=Path(mounted), http_bind=":8080"))
    assert _edge_rules(deploy_cfg) == _edge_rules(template)  # the CSP's script hash follows Streamlit's shell too
    for cfg in ("haproxy.cfg", "haproxy-tls.cfg", "deploy-haproxy.cfg"):
        done = subprocess.run(["haproxy", "-c", "-q", "-f", str(tmp_path / cfg)], capture_output=True, text=True)
        assert done.returncode == 0, cfg + ": " + done.stdout + done.stderr
    for conf in (tmp_path / "nginx.conf", deploy / "nginx.conf"):
        done = subprocess.run(["nginx", "-t", "-q", "-p", str(tmp_path), "-e", "stderr", "-c", str(conf)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
