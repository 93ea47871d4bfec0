"""A crowd through the proxy: bursts of simultaneous page views (Streamlit's websocket protocol, the driver
in concurrency.py) through `python -m lancs_dash.serve` with 1 and 2 app processes, against the framework
floor (one bare Streamlit process showing a title, same bursts) in the same run; memory per app process;
and requests per second for the plain-HTML pages through the proxy.

    python bench/serve_crowd.py [--short] [--sessions 10 50 100]

serve-crowd = p95 of 50 simultaneous views over every page with 2 app processes / the floor's p95.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from common import _free_port, _wait_healthy, app_pids, fmt, percentile, rss_mib, served
from concurrency import burst

PLAIN_SECONDS = 5
PLAIN_CONNECTIONS = 32
# The whole simulated crowd comes from 127.0.0.1: lift the per-client limits meant for one real visitor.
ONE_ADDRESS_CROWD = ["--page-views", "1000000", "--sessions-per-client", "100000", "--download-mb", "1000000"]


@contextlib.contextmanager
def floor_server(tmp: Path):
    """One bare Streamlit process with a one-line page: what any Streamlit page costs."""
    script = tmp / "floor.py"
    script.write_text('import streamlit as st\n\nst.title("Floor")\n')
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true",
                             "--server.fileWatcherType", "none"], cwd=tmp,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, "the floor server")
        yield url, [proc.pid]
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def measure(url: str, pids: list[int], pages: list[str], n: int) -> dict:
    peak = {pid: rss_mib(pid) for pid in pids}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            for pid in pids:
                with contextlib.suppress(OSError, StopIteration):
                    peak[pid] = max(peak[pid], rss_mib(pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    outcome = asyncio.run(burst(url, pages, n))
    stop.set()
    sampler.join()
    times = [t for t, _ in outcome]
    errors = [e for _, e in outcome if e]
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "errors": len(errors),
            "first_error": errors[0] if errors else "", "rss_mib": max(peak.values())}


def line(name: str, n: int, r: dict) -> str:
    return (f"  {name:<22} {n:>3} views: p50 {fmt(r['p50']):>8}  p95 {fmt(r['p95']):>8}  errors {r['errors']}  "
            f"peak per process {r['rss_mib']:.0f} MiB" + (f"  first error: {r['first_error']}" if r["errors"] else ""))


async def _hammer(host: str, port: int, paths: list[str], until: float) -> int:
    """One keep-alive HTTP/1.1 connection fetching plain pages in turn; returns responses read."""
    reader, writer = await asyncio.open_connection(host, port)
    done = 0
    try:
        while time.perf_counter() < until:
            path = paths[done % len(paths)]
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(head.split(b"\r\n", 1)[0].decode())
            length = next(int(h.split(b":", 1)[1]) for h in head.split(b"\r\n") if h.lower().startswith(b"content-length"))
            await reader.readexactly(length)
            done += 1
    finally:
        writer.close()
    return done


def plain_rate(url: str, paths: list[str], seconds: float) -> float:
    u = urllib.parse.urlsplit(url)

    async def run() -> int:
        until = time.perf_counter() + seconds
        return sum(await asyncio.gather(*(_hammer(u.hostname, u.port, paths, until)
                                          for _ in range(PLAIN_CONNECTIONS))))

    started = time.perf_counter()
    done = asyncio.run(run())
    return done / (time.perf_counter() - started)


def main(short: bool, sizes: list[int]) -> dict:
    from lancs_dash import html
    from lancs_dash.load.build import build
    from lancs_dash.site import PAGES

    pages = [p.url_path for p in PAGES]
    sizes = [5] if short else sizes
    results: dict = {}
    print(f"Serve a crowd (views spread over {len(pages)} pages; load average {os.getloadavg()[0]:.1f})")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        with floor_server(Path(tmp)) as (url, pids):
            asyncio.run(burst(url, [""], 5))
            for n in sizes:
                results["floor", n] = r = measure(url, pids, [""], n)
                print(line("floor (bare Streamlit)", n, r), flush=True)
        for workers in (1, 2):
            with served(db, workers, ONE_ADDRESS_CROWD) as (url, serve_pid):
                asyncio.run(burst(url, pages, len(pages) * workers))  # every page once per process: warm caches
                for n in sizes:
                    results[workers, n] = r = measure(url, list(app_pids(serve_pid)), pages, n)
                    print(line(f"serve --workers {workers}", n, r), flush=True)
                if workers == 2:
                    rate = plain_rate(url, [html.href(p) for p in pages], 1 if short else PLAIN_SECONDS)
                    results["plain_rps"] = rate
                    print(f"  plain-HTML pages through the proxy: {rate:,.0f} requests/s "
                          f"({PLAIN_CONNECTIONS} keep-alive connections; target >= 1,000)", flush=True)
    n = 50 if 50 in sizes else max(sizes)
    ratio = results[2, n]["p95"] / results["floor", n]["p95"]
    results["serve_crowd"] = ratio
    print(f"  serve-crowd ({n} views, 2 workers, p95 / floor p95): {ratio:.1f} (target <= 2.0), "
          f"errors {results[2, n]['errors']} (target 0)")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 100])
    args = parser.parse_args()
    main(args.short, args.sessions)
