"""A stand-in for police.uk on loopback: its months API and monthly archives in police.uk's layout
(YYYY-MM/YYYY-MM-<force>-street.csv, -outcomes.csv, -stop-and-search.csv), with or without HTTP
Range support, and faults on demand. Every byte it sends is counted."""

from __future__ import annotations

import io
import json
import re
import threading
import time
import zipfile
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OUTCOMES_HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                   "LSOA code", "LSOA name", "Outcome type"]
SEARCH_HEADER = ["Type", "Date", "Part of a policing operation", "Latitude", "Longitude", "Gender", "Age range"]


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def archive(files: dict[str, bytes]) -> bytes:
    """A zip of `files` (member name -> bytes), deflated like police.uk's."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


class StandIn:
    """`with StandIn(archives) as s:` serves `s.url`. `archives` maps 'YYYY-MM' to zip bytes; the newest is
    listed first by the API. `faults[path]` is a list of faults used up one per request:
    'timeout' (no answer for a while), 'drop' (close without answering), 'truncate' (half the body),
    or an HTTP status code."""

    def __init__(self, archives: dict[str, bytes], ranges: bool = True, dates: bytes | None = None):
        self.archives, self.ranges, self.dates = dict(archives), ranges, dates
        self.faults: dict[str, list] = defaultdict(list)
        self.sent = 0
        self.requests: list[tuple[str, str | None]] = []
        self.lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                standin.requests.append((self.path, self.headers.get("Range")))
                with standin.lock:
                    fault = standin.faults[self.path].pop(0) if standin.faults[self.path] else None
                if fault == "timeout":
                    time.sleep(1.5)
                    return self._send(503, b"late")
                if fault == "drop":
                    self.close_connection = True
                    return None
                if isinstance(fault, int):
                    return self._send(fault, b"fault")
                body = standin.body(self.path)
                if body is None:
                    return self._send(404, b"not found")
                if fault == "truncate":
                    return self._send(200, body, cut=len(body) // 2)
                match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
                if standin.ranges and match and self.path.endswith(".zip"):
                    start = int(match.group(1))
                    end = min(int(match.group(2) or len(body) - 1), len(body) - 1)
                    return self._send(206, body[start:end + 1],
                                      extra={"Content-Range": f"bytes {start}-{end}/{len(body)}"})
                return self._send(200, body)

            def _send(self, status: int, body: bytes, cut: int | None = None, extra: dict | None = None):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                if standin.ranges:
                    self.send_header("Accept-Ranges", "bytes")
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                part = body if cut is None else body[:cut]
                try:
                    self.wfile.write(part)
                except (BrokenPipeError, ConnectionResetError):
                    return
                with standin.lock:
                    standin.sent += len(part)
                if cut is not None:
                    self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def body(self, path: str) -> bytes | None:
        if path == "/api/crimes-street-dates":
            if self.dates is not None:
                return self.dates
            return json.dumps([{"date": m, "stop-and-search": []} for m in sorted(self.archives, reverse=True)]
                              ).encode()
        m = re.fullmatch(r"/data/archive/(\d{4}-\d{2})\.zip", path)
        return self.archives.get(m.group(1)) if m else None

    def __enter__(self) -> StandIn:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
