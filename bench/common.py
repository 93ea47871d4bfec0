"""Shared by the benchmarks: the project on sys.path, a streamlit server on loopback (the tests' app server
too), the same behind the proxy (`served`), memory readings."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SHARED_DATA = ROOT.parent / "shared" / "data"
CHROMIUM = "/usr/bin/chromium"
# Headless Chromium draws WebGL (the pydeck maps) only on SwiftShader, which needs these switches.
WEBGL_ARGS = ["--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]


def peak_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib(pid: int) -> float:
    """Current resident memory of a process and its children (a streamlit server has none)."""
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(db: Path, script: str = "app.py") -> Iterator[tuple[str, int]]:
    """`streamlit run app.py` (as the README starts it) on loopback serving `db`; yields (base URL, server pid)."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env={**os.environ, "LANCS_DASH_DB": str(db)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, "the app server")
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_healthy(url: str, what: str, context: ssl.SSLContext | None = None) -> None:
    for _ in range(240):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1, context=context).status == 200:
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"{what} did not start within 60 s")


def _routed_to_all(url: str, workers: int, context: ssl.SSLContext | None, deadline_s: float = 60) -> None:
    """Until HAProxy sends requests to every app process: each health check through it carries the affinity
    cookie of the process that answered, and leastconn takes turns among idle processes."""
    seen: set[str] = set()
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5, context=context) as r:
                if r.status == 200:
                    seen.update(c.split(";", 1)[0] for c in r.headers.get_all("Set-Cookie", [])
                                if c.startswith("LANCS_APP="))
        except OSError:
            pass
        if len(seen) == workers:
            return
        time.sleep(0.1)
    raise RuntimeError(f"the proxy routed to {len(seen)} of {workers} app processes within {deadline_s:.0f} s")


@contextlib.contextmanager
def served(db: Path, workers: int, args: Sequence[str] = (), ca: Path | None = None) -> Iterator[tuple[str, int]]:
    """`python -m lancs_dash.serve --workers N [args]` on loopback serving `db`; yields (proxy URL, supervisor
    pid). With `ca` (the certificate given to --tls-cert) the URL is https and verified against it. Ready once
    every app process passes its health check and the proxy routes to each."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "lancs_dash.serve", "--workers", str(workers), "--port", str(port), "--db", str(db),
         *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(cafile=ca) if ca else None
    url = f"{'https' if ca else 'http'}://127.0.0.1:{port}"
    try:
        for _ in range(240):
            pids = app_pids(proc.pid)
            if len(pids) == workers and all(_healthy(p) for p in pids.values()):
                break
            time.sleep(0.25)
        else:
            raise RuntimeError("the app processes behind the proxy did not start within 60 s")
        _wait_healthy(url, "the proxy", context)
        _routed_to_all(url, workers, context)
        yield url, proc.pid
    finally:
        proc.send_signal(signal.SIGINT)  # as Ctrl-C: the supervisor stops everything it started
        proc.wait(timeout=30)


def app_pids(serve_pid: int) -> dict[int, int]:
    """The supervisor's Streamlit processes: {pid: private port}."""
    try:
        children = open(f"/proc/{serve_pid}/task/{serve_pid}/children").read().split()
    except OSError:
        return {}
    out = {}
    for pid in map(int, children):
        try:
            argv = open(f"/proc/{pid}/cmdline", "rb").read().decode().split("\0")
        except OSError:
            continue
        if "--server.port" in argv:  # an app process (the others are nginx and HAProxy)
            out[pid] = int(argv[argv.index("--server.port") + 1])
    return out


def _healthy(port: int) -> bool:
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).status == 200
    except OSError:
        return False


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"
