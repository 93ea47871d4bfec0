"""A crowd through the proxy: bursts of simultaneous page views (Streamlit's websocket protocol, the driver in
concurrency.py) spread over every page, through `python -m lancs_dash.serve --workers 2`, against the framework
floor in the same run: one bare Streamlit process (bench/floor_page.py: a title and 20 paragraphs) started with
the app's own production settings (.streamlit/config.toml: no file watcher, runner.postScriptGC and
runner.magicEnabled off), each with one other visitor keeping a page open. Three moments, as a host meets them:

    (a) fresh   the server just started: the first crowd, with no page viewed before it
    (b) refresh a data refresh has just swapped in a new database (and its models) while the server serves
    (c) warm    the same server a little later

and the resident memory of each app process with its models loaded, and requests per second for the
plain-HTML pages through the proxy.

    python bench/serve_crowd.py [--short] [--sessions 50]

serve-crowd = the worst of (a), (b), (c): p95 of 50 simultaneous views / the floor's p95 (target <= 1.5).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from common import SHARED_DATA, app_pids, fmt, percentile, rss_mib, served, server
from concurrency import burst, someone_connected

PLAIN_SECONDS = 5
PLAIN_CONNECTIONS = 32
# The whole simulated crowd comes from 127.0.0.1: lift the per-client limits meant for one real visitor.
ONE_ADDRESS_CROWD = ["--page-views", "1000000", "--sessions-per-client", "100000", "--download-mb", "1000000"]


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


def _floor(tmp: Path, n: int, rounds: int) -> dict:
    with server(Path(tmp) / "lancs.duckdb", "bench/floor_page.py") as (url, pid), someone_connected(url):
        asyncio.run(burst(url, [""], 5))
        return min((measure(url, [pid], [""], n) for _ in range(rounds)), key=lambda r: r["p95"])


def main(short: bool, n: int) -> dict:
    from lancs_dash import html
    from lancs_dash.publish import refresh
    from lancs_dash.site import PAGES

    pages = [p.url_path for p in PAGES]
    n = 5 if short else n
    results: dict = {}
    print(f"Serve a crowd: {n} simultaneous views over {len(pages)} pages, serve --workers 2 against a bare page "
          f"with the same settings (load average {os.getloadavg()[0]:.1f})")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        refresh(db, None, quiet=True)
        results["floor"] = r = _floor(Path(tmp), n, 1 if short else 3)
        print(line("floor (bare page)", n, r), flush=True)
        with served(db, 2, ONE_ADDRESS_CROWD) as (url, serve_pid), someone_connected(url):
            pids = list(app_pids(serve_pid))
            results["fresh"] = r = measure(url, pids, pages, n)
            print(line("(a) fresh start", n, r), flush=True)
            refresh(db, None if short else SHARED_DATA, quiet=True)
            results["refresh"] = r = measure(url, pids, pages, n)
            print(line("(b) right after refresh", n, r), flush=True)
            time.sleep(2)  # let the processes finish switching to the new data before the warm burst
            results["warm"] = r = min((measure(url, pids, pages, n) for _ in range(1 if short else 3)),
                                      key=lambda r: r["p95"])
            print(line("(c) warm", n, r), flush=True)
            results["rss_mib"] = rss = [rss_mib(pid) for pid in pids]
            print(f"  resident memory per app process, models loaded: {', '.join(f'{m:.0f} MiB' for m in rss)}")
            rate = plain_rate(url, [html.href(p) for p in pages], 1 if short else PLAIN_SECONDS)
            results["plain_rps"] = rate
            print(f"  plain-HTML pages through the proxy: {rate:,.0f} requests/s "
                  f"({PLAIN_CONNECTIONS} keep-alive connections; target >= 1,000)", flush=True)
    floor = results["floor"]["p95"]
    ratios = {k: results[k]["p95"] / floor for k in ("fresh", "refresh", "warm")}
    results["serve_crowd"] = worst = max(ratios.values())
    errors = sum(results[k]["errors"] for k in ratios)
    print(f"  serve-crowd (p95 / floor p95): fresh {ratios['fresh']:.1f}, after refresh {ratios['refresh']:.1f}, "
          f"warm {ratios['warm']:.1f}; worst {worst:.1f} (target <= 1.5), errors {errors} (target 0)")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--sessions", type=int, default=50)
    args = parser.parse_args()
    main(args.short, args.sessions)
