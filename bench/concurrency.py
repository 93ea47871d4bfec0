"""Concurrency benchmark: N simultaneous sessions (default 10, 25, 50) against a real server on
loopback, each a client speaking Streamlit's own websocket protocol: open a session, ask for a page
run, wait for "script finished". Reports p50/p95 time to a finished page, errors and server memory.

    python bench/concurrency.py [--short] [--sessions 10 25 50]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from common import fmt, percentile, rss_mib, server
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

TIMEOUT_S = 60


async def session(base: str, url_path: str, texts: list[str] | None = None, query: str = "") -> tuple[float, str | None]:
    """One visitor's page view (`query`: the address's query string, e.g. "ward=E05012195"): seconds until the run
    finished, and the error if any. With `texts`, the text of every markdown element drawn (captions included) is
    appended to it."""
    started = time.perf_counter()
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with connect(ws_url, subprotocols=["streamlit"], origin=base, max_size=None,
                           open_timeout=TIMEOUT_S) as ws:
            msg = BackMsg()
            page_name, _, in_path = url_path.partition("?")  # as a browser sends a deep link: page, then query
            msg.rerun_script.query_string = query or in_path
            msg.rerun_script.page_name = page_name
            await ws.send(msg.SerializeToString())
            async with asyncio.timeout(TIMEOUT_S):
                while True:
                    fm = ForwardMsg()
                    fm.ParseFromString(await ws.recv())
                    kind = fm.WhichOneof("type")
                    if kind == "page_not_found":
                        return time.perf_counter() - started, f"page not found: {fm.page_not_found.page_name}"
                    if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                        el = fm.delta.new_element
                        if texts is not None and el.WhichOneof("type") == "markdown":
                            texts.append(el.markdown.body)
                        if el.WhichOneof("type") == "exception" or (
                                el.WhichOneof("type") == "alert" and el.alert.format == Alert.ERROR):
                            return time.perf_counter() - started, "error element on the page"
                    if kind == "script_finished":
                        if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            continue  # the page reran itself (as a first visit to a new process does): wait for it
                        ok = fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
                        return time.perf_counter() - started, None if ok else f"run ended: {fm.script_finished}"
    except Exception as e:  # noqa: BLE001 - every failure is an error to count
        return time.perf_counter() - started, f"{type(e).__name__}: {e}"


@contextlib.contextmanager
def someone_connected(base: str) -> Iterator[None]:
    """A visitor with a page open (connected, idle) for the duration."""
    stop, ready = threading.Event(), threading.Event()

    async def stay() -> None:
        async with connect(base.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                           origin=base, max_size=None):
            ready.set()
            while not stop.is_set():
                await asyncio.sleep(0.05)

    thread = threading.Thread(target=asyncio.run, args=(stay(),), daemon=True)
    thread.start()
    ready.wait(30)
    try:
        yield
    finally:
        stop.set()
        thread.join(5)


def _sample(pid: int, stop: threading.Event, peak: list[float]) -> None:
    while not stop.wait(0.05):
        peak.append(rss_mib(pid))


async def burst(base: str, pages: list[str], n: int) -> list[tuple[float, str | None]]:
    return await asyncio.gather(*(session(base, pages[i % len(pages)]) for i in range(n)))


def main(short: bool, sizes: list[int]) -> dict:
    from lancs_dash.load.build import build
    from lancs_dash.site import PAGES

    pages = [p.url_path for p in PAGES]
    sizes = [5] if short else sizes
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        with server(db) as (base, pid):
            asyncio.run(burst(base, pages, len(pages)))  # warm the caches once, as a served site is
            idle = rss_mib(pid)
            print(f"Concurrency (sessions spread over {len(pages)} pages; server idle after warm-up {idle:.0f} MiB)")
            for n in sizes:
                peak, stop = [rss_mib(pid)], threading.Event()
                sampler = threading.Thread(target=_sample, args=(pid, stop, peak))
                sampler.start()
                started = time.perf_counter()
                outcome = asyncio.run(burst(base, pages, n))
                wall = time.perf_counter() - started
                stop.set()
                sampler.join()
                times = [t for t, _ in outcome]
                errors = [e for _, e in outcome if e]
                results[n] = {"p50": percentile(times, 50), "p95": percentile(times, 95), "errors": len(errors),
                              "rss_peak_mib": max(peak), "wall": wall}
                r = results[n]
                print(f"  {n:>3} sessions: p50 {fmt(r['p50']):>8}  p95 {fmt(r['p95']):>8}  errors {r['errors']}  "
                      f"server peak {r['rss_peak_mib']:.0f} MiB  (all done in {fmt(wall)})"
                      + (f"  first error: {errors[0]}" if errors else ""), flush=True)
    worst = results[max(results)]
    print(f"  at {max(results)} sessions: p95 {fmt(worst['p95'])} (target <= 2 s), errors {worst['errors']} (target 0), "
          f"server {worst['rss_peak_mib']:.0f} MiB (target <= 400 MiB)")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50])
    args = parser.parse_args()
    main(args.short, args.sessions)
