"""The public edge under hostile traffic: `python -m lancs_dash.serve` with TLS (a self-signed certificate made
here), small per-client limits and a trusted proxy, attacked on loopback by one client (127.0.0.2) while another
(127.0.0.3) reads the site. Linux routes all of 127/8 to the loopback interface, so each client binds its own
source address. Every loop is bounded in count and time; every wait is on a state with a deadline."""

from __future__ import annotations

import http.client
import shutil
import socket
import ssl
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import websockets
from playwright.sync_api import Page
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect

from bench.common import WEBGL_ARGS, _free_port, served
from lancs_dash.serve.edge import WINDOW_S, content_security_policy
from tests.browser import CSP_LISTENER, csp_violations, wait_drawn, wait_maps_drawn
from tests.conftest import CHROMIUM, _skip_or_fail

pytestmark = pytest.mark.browser

ATTACKER, READER, CDN, OTHER = "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"
# The request timeout is short so slow clients are cut quickly, yet long enough for an honest client on a busy
# machine to finish its TLS handshake and headers (2 s was not, under two extra busy processes).
PAGE_VIEWS, SESSIONS, MAX_SESSIONS, DOWNLOAD_MB, REQUEST_TIMEOUT_S = 20, 3, 10, 0.5, 6
EMBEDDER = "https://news.example"
EXTRACT = "/app/static/extracts/latest/asb_incidents_district.csv"  # about 110 kB
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
                    "Strict-Transport-Security")


@dataclass(frozen=True)
class Site:
    url: str  # https://127.0.0.1:PORT
    http_port: int  # plain HTTP, redirecting
    context: ssl.SSLContext  # trusts the test's certificate

    @property
    def port(self) -> int:
        return urlsplit(self.url).port


@pytest.fixture(scope="module")
def site(default_db, tls_cert) -> Iterator[Site]:
    for tool in ("haproxy", "nginx"):
        if shutil.which(tool) is None:
            _skip_or_fail(f"{tool} is not installed (apt-get install haproxy nginx)")
    http_port = _free_port()
    args = ["--page-views", str(PAGE_VIEWS), "--sessions-per-client", str(SESSIONS), "--max-sessions",
            str(MAX_SESSIONS), "--download-mb", str(DOWNLOAD_MB), "--request-timeout", str(REQUEST_TIMEOUT_S),
            "--client-header", "X-Forwarded-For", "--trusted-proxy", CDN, "--frame-ancestor", EMBEDDER,
            "--tls-cert", str(tls_cert), "--http-port", str(http_port)]
    with served(default_db, workers=1, args=args, ca=tls_cert) as (url, _pid):
        yield Site(url, http_port, ssl.create_default_context(cafile=str(tls_cert)))


@dataclass(frozen=True)
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float


def request(site: Site, path: str, source: str = "127.0.0.1", headers: dict[str, str] | None = None,
            tls: bool = True) -> Reply:
    """One request on a new connection from `source`."""
    if tls:
        conn = http.client.HTTPSConnection("127.0.0.1", site.port, context=site.context, timeout=30,
                                           source_address=(source, 0))
    else:
        conn = http.client.HTTPConnection("127.0.0.1", site.http_port, timeout=30, source_address=(source, 0))
    started = time.monotonic()
    try:
        conn.request("GET", path, headers=headers or {})
        r = conn.getresponse()
        return Reply(r.status, r.headers, r.read(), time.monotonic() - started)
    finally:
        conn.close()


def websocket(site: Site, source: str) -> ClientConnection:
    return connect(site.url.replace("https://", "wss://") + "/_stcore/stream", subprotocols=["streamlit"],
                   origin=site.url, ssl=site.context, source_address=(source, 0), open_timeout=30, max_size=None)


def page_run(ws: ClientConnection, deadline_s: float = 60) -> float:
    """Ask for the overview's run on an open session, as the browser does; seconds until it finished."""
    started = time.monotonic()
    msg = BackMsg()
    msg.rerun_script.page_name = ""
    ws.send(msg.SerializeToString())
    while (left := deadline_s - (time.monotonic() - started)) > 0:
        fm = ForwardMsg()
        fm.ParseFromString(ws.recv(timeout=left))
        if fm.WhichOneof("type") == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            assert fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY, fm.script_finished
            return time.monotonic() - started
    raise AssertionError(f"the page run did not finish within {deadline_s} s")


def assert_limited(reply: Reply) -> None:
    """Over a limit: 429 with Retry-After and a one-line reason, never a stack trace or the app."""
    assert reply.status == 429, reply
    assert reply.headers["Retry-After"] == str(WINDOW_S)
    assert reply.headers["Content-Type"].startswith("text/plain") and b"Traceback" not in reply.body
    assert all(reply.headers[h] for h in SECURITY_HEADERS)


def assert_app_page(reply: Reply) -> None:
    assert reply.status == 200 and not reply.headers.get("X-Lancs-Plain-Fallback"), reply
    assert b'<div id="root">' in reply.body  # Streamlit's page shell, not the plain version


def test_every_kind_of_response_carries_the_security_headers(site):
    csp = content_security_policy((EMBEDDER,))
    app, extract, plain = request(site, "/"), request(site, "/app/static/extracts/index.csv"), \
        request(site, "/app/static/plain/asb.html")
    with websocket(site, "127.0.0.1") as ws:
        upgrade = ws.response.headers
    redirect = request(site, "/asb?district=Preston", tls=False)
    for reply in (app, request(site, "/asb"), extract, plain, request(site, "/sitemap.xml"), request(site, "/nowhere/x")):
        assert reply.headers["Content-Security-Policy"] == csp, reply
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in reply.headers["Permissions-Policy"]
        assert reply.headers["Strict-Transport-Security"].startswith("max-age=")
    assert f"frame-ancestors 'self' {EMBEDDER}" in csp
    assert upgrade["Content-Security-Policy"] == csp and upgrade["Strict-Transport-Security"]
    # Plain HTTP only redirects, keeping the path and query; no HSTS over plain HTTP (browsers ignore it there).
    assert redirect.status == 301
    assert redirect.headers["Location"] == f"{site.url}/asb?district=Preston"
    assert redirect.headers["Content-Security-Policy"] == csp and not redirect.headers["Strict-Transport-Security"]
    # Files: their own types; extracts cached briefly then revalidated by ETag, plain pages revalidated each view.
    assert extract.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert extract.headers["Cache-Control"] == "public, max-age=300" and extract.headers["ETag"]
    assert plain.headers["Content-Type"] == "text/html; charset=utf-8"
    assert plain.headers["Cache-Control"] == "no-cache" and plain.headers["ETag"]
    again = request(site, "/app/static/extracts/index.csv", headers={"If-None-Match": extract.headers["ETag"]})
    assert again.status == 304 and again.body == b""
    assert_app_page(app)


def test_a_page_view_flood_from_one_client_is_limited_while_another_is_served(site):
    flood = 4 * PAGE_VIEWS
    with ThreadPoolExecutor(8) as pool:
        attack = [pool.submit(request, site, "/asb", ATTACKER) for _ in range(flood)]
        reading = [request(site, "/asb", READER) for _ in range(5)]  # a reader's few views, during the flood
        replies = [f.result() for f in attack]
    ok = [r for r in replies if r.status == 200]
    assert PAGE_VIEWS <= len(ok) <= 2 * PAGE_VIEWS, [r.status for r in replies]  # the window slides under load
    for reply in replies:
        if reply.status != 200:
            assert_limited(reply)
    for reply in reading:
        assert_app_page(reply)
        assert reply.seconds < 2, f"the reader waited {reply.seconds:.1f} s for a page during the flood"


def test_a_websocket_flood_from_one_client_cannot_push_others_to_the_plain_pages(site):
    """Without the per-client limit, the flood's sessions would fill --max-sessions and send every new reader to
    the plain fallback."""
    with websocket(site, READER) as ws:
        baseline = page_run(ws)
    with ExitStack() as held:
        opened, refused = 0, []
        for _ in range(MAX_SESSIONS + 2):
            try:
                held.enter_context(websocket(site, ATTACKER))
                opened += 1
            except websockets.exceptions.InvalidStatus as e:
                refused.append(e.response)
        assert opened == SESSIONS, (opened, [r.status_code for r in refused])
        for response in refused:
            assert response.status_code == 429 and response.headers["Retry-After"] == str(WINDOW_S)
            assert b"Traceback" not in response.body
        assert_app_page(request(site, "/", READER))
        with websocket(site, READER) as ws:
            during = page_run(ws)
        assert during <= 3 * baseline + 2, f"the reader's page took {during:.1f} s during the flood, {baseline:.1f} s before"
    # Once the attacker's sessions close, it may open one again: wait for HAProxy to see them gone.
    deadline = time.monotonic() + 30
    while True:
        try:
            with websocket(site, ATTACKER):
                break
        except websockets.exceptions.InvalidStatus:
            assert time.monotonic() < deadline, "the attacker's closed sessions still count after 30 s"
            time.sleep(0.2)


def test_a_download_flood_is_cut_after_its_bandwidth_while_another_client_downloads(site):
    limit, size, replies = DOWNLOAD_MB * 1_000_000, None, []
    for _ in range(40):  # 40 x 110 kB is many times the limit
        reply = request(site, EXTRACT, ATTACKER)
        replies.append(reply)
        if reply.status == 429:
            break
        assert reply.status == 200
        size = len(reply.body)
    assert_limited(replies[-1])
    served_bytes = size * (len(replies) - 1)
    assert limit <= served_bytes + size and served_bytes <= 2 * limit + size, (served_bytes, limit)
    other = request(site, EXTRACT, READER)
    assert other.status == 200 and len(other.body) == size


def _slow_client(site: Site, trickle_s: float, deadline_s: float) -> tuple[float, bytes]:
    """Slowloris: a request's headers sent a line at a time and never finished; (seconds until the proxy cut
    the connection, what it answered)."""
    raw = socket.create_connection(("127.0.0.1", site.port), timeout=deadline_s, source_address=(ATTACKER, 0))
    with site.context.wrap_socket(raw, server_hostname="127.0.0.1") as s:
        started = time.monotonic()
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        s.settimeout(trickle_s)
        answer = b""
        while time.monotonic() - started < deadline_s:
            try:
                s.sendall(b"X-Slow: 1\r\n")
                chunk = s.recv(4096)
            except TimeoutError:
                continue  # nothing yet: trickle the next line
            except OSError:
                break  # cut while sending
            if not chunk:
                break
            answer += chunk
        return time.monotonic() - started, answer


def test_slow_clients_are_cut_and_do_not_hold_up_others(site):
    deadline = REQUEST_TIMEOUT_S + 10
    with ThreadPoolExecutor(4) as pool:
        slow = [pool.submit(_slow_client, site, 0.25, deadline) for _ in range(4)]
        reading = [request(site, "/asb", READER) for _ in range(3)]
        cut = [f.result() for f in slow]
    for seconds, answer in cut:
        assert seconds < deadline, f"a slow client was still connected after {seconds:.0f} s"
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:80]
    for reply in reading:
        assert_app_page(reply)


def test_behind_a_trusted_proxy_the_client_comes_from_its_header_only(site):
    """From the trusted proxy's address, visitors are told apart by X-Forwarded-For; from anywhere else the
    header is ignored, so forging it does not escape the limit."""
    def views(source: str, forwarded: str | None) -> list[Reply]:
        return [request(site, "/asb", source, {"X-Forwarded-For": forwarded or f"198.51.100.{i}"})
                for i in range(PAGE_VIEWS + 5)]

    via_cdn = views(CDN, "203.0.113.7")
    assert [r.status for r in via_cdn[:PAGE_VIEWS]] == [200] * PAGE_VIEWS
    assert_limited(via_cdn[-1])
    assert_app_page(request(site, "/asb", CDN, {"X-Forwarded-For": "203.0.113.7, 203.0.113.8"}))  # another visitor
    forged = views(OTHER, None)  # a new X-Forwarded-For on every request, not from the proxy
    assert_limited(forged[-1])


@pytest.fixture
def tls_page(playwright, site) -> Iterator[Page]:
    """Chromium drawing WebGL, trusting nothing but told to accept the test's certificate."""
    if not CHROMIUM.exists():
        _skip_or_fail("Debian chromium is not installed (apt-get install chromium chromium-driver)")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=["--no-sandbox", "--disable-quic", "--no-first-run", *WEBGL_ARGS])
    context = browser.new_context(viewport={"width": 1366, "height": 1000}, ignore_https_errors=True)
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    browser.close()
    assert not console, console


def test_maps_charts_and_plain_pages_draw_over_tls_with_no_csp_violation(site, tls_page):
    tls_page.goto(f"{site.url}/asb")
    wait_drawn(tls_page)
    assert tls_page.locator("[data-testid='stDeckGlJsonChart']").count() > 0
    assert tls_page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").count() > 0
    wait_maps_drawn(tls_page)
    assert csp_violations(tls_page) == []
    tls_page.goto(f"{site.url}/app/static/plain/asb.html")
    tls_page.wait_for_function("() => document.images.length > 0"
                               " && [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert csp_violations(tls_page) == []
