"""Get the force's newest police.uk files from police.uk itself.

police.uk publishes one archive a month, `{URL}/data/archive/YYYY-MM.zip`, holding every force's
files for up to 36 months (`YYYY-MM/YYYY-MM-<force>-street.csv`, `-outcomes.csv`,
`-stop-and-search.csv`): well over a gigabyte. We need only this force's street and outcomes
files, so when the server honours HTTP `Range` the archive is read in place: zipfile is given a
seekable file object whose reads are range requests, and reads the central directory (at the end
of the zip) and then only the members we want. A server that ignores `Range` gets the archive
downloaded once into the cache, where later fetches reuse it after checking it.

Network faults are expected: every request has a timeout and is retried with exponential backoff
on timeouts, refused or dropped connections, truncated bodies and server errors. Anything that
still fails raises a LoadError saying what happened to which address.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPException, HTTPResponse, IncompleteRead
from pathlib import Path
from typing import TypeVar

from lancs_dash.config import FORCE
from lancs_dash.load.context import LoadError
from lancs_dash.load.policeuk import MAX_MEMBER_BYTES, MAX_RATIO, MIN_BOMB_BYTES

DEFAULT_URL = "https://data.police.uk"
DATES_PATH = "/api/crimes-street-dates"
ARCHIVE_PATH = "/data/archive/{month}.zip"
BLOCK = 1 << 20  # smallest range read: zipfile reads headers a few bytes at a time
USER_AGENT = "lancs-dash-loader (Lancashire Police and Crime Plan dashboard)"
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
T = TypeVar("T")


class RangeIgnored(Exception):
    """The server answered a range request with the whole file (status 200)."""

    def __init__(self, response: HTTPResponse):
        super().__init__("range ignored")
        self.response = response


@dataclass
class Http:
    """GET with a timeout and retries; counts the bytes received."""

    timeout: float = 60.0
    retries: int = 4  # attempts after the first
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    quiet: bool = False
    received: int = 0
    requests: int = 0

    def say(self, message: str) -> None:
        if not self.quiet:
            print(f"  {message}", file=sys.stderr, flush=True)

    def attempt(self, url: str, action: Callable[[str], T], what: str) -> T:
        """Run `action(url)` (which makes one request), retrying transient faults; LoadError when out of tries."""
        for n in range(self.retries + 1):
            try:
                return action(url)
            except urllib.error.HTTPError as e:
                if e.code < 500 and e.code not in (408, 429):
                    reason = "not found" if e.code == 404 else e.reason
                    raise LoadError(f"{url}: {what} failed: HTTP {e.code} {reason}") from e
                fault = f"HTTP {e.code} {e.reason}"
                cause = e
            except TimeoutError as e:
                fault = f"no answer within {self.timeout:g} s (timed out)"
                cause = e
            except urllib.error.URLError as e:
                fault = ("connection refused" if isinstance(e.reason, ConnectionRefusedError)
                         else "timed out" if isinstance(e.reason, TimeoutError)
                         else f"could not connect ({e.reason})")
                cause = e
            except (IncompleteRead, Truncated) as e:
                fault = f"the download was cut short ({e})"
                cause = e
            except (ConnectionError, HTTPException) as e:
                fault = f"the connection failed ({e.__class__.__name__}: {e})"
                cause = e
            if n == self.retries:
                raise LoadError(f"{url}: {what} failed after {n + 1} attempts: {fault}") from cause
            wait = self.backoff * 2 ** n
            self.say(f"{what}: {fault}; trying again in {wait:g} s")
            time.sleep(wait)
        raise AssertionError("unreachable")

    def open(self, url: str, headers: dict[str, str] | None = None) -> HTTPResponse:
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
        return urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310 - http(s) only, checked in fetch

    def read(self, response: HTTPResponse, expected: int | None = None) -> bytes:
        body = response.read()
        self.received += len(body)
        if expected is not None and len(body) != expected:
            raise Truncated(f"got {len(body):,} of {expected:,} bytes")
        return body


class Truncated(Exception):
    """A body shorter than the server said it would be."""


def newest_month(base: str, http: Http) -> str:
    """The newest month police.uk lists in `{base}/api/crimes-street-dates`."""
    url = base + DATES_PATH

    def get(u: str) -> bytes:
        with http.open(u) as r:
            return http.read(r, _length(r))

    body = http.attempt(url, get, "asking police.uk which months exist")
    try:
        dates = json.loads(body)
        months = [d["date"] for d in dates]
    except (ValueError, TypeError, KeyError) as e:
        raise LoadError(f"{url}: expected a JSON list of {{\"date\": \"YYYY-MM\", ...}}, got "
                        f"{body[:80]!r}") from e
    bad = [m for m in months if not (isinstance(m, str) and MONTH.fullmatch(m))]
    if bad or not months:
        raise LoadError(f"{url}: expected months as YYYY-MM, got {bad[0] if bad else 'an empty list'!r}")
    return max(months)


def _length(response: HTTPResponse) -> int | None:
    value = response.headers.get("Content-Length")
    return int(value) if value and value.isdigit() else None


class RemoteFile(io.RawIOBase):
    """A read-only, seekable view of a file on a server that honours Range: each read is a range request."""

    def __init__(self, url: str, http: Http):
        super().__init__()
        self.url, self.http, self.pos = url, http, 0
        self.block_start, self.block = 0, b""
        probe = self._get(0, 1)  # also learns the size from Content-Range
        self.block = probe

    def _get(self, start: int, length: int) -> bytes:
        def get(u: str) -> bytes:
            r = self.http.open(u, {"Range": f"bytes={start}-{start + length - 1}"})
            if r.status == 200:  # the whole file is coming: the caller may keep it, so it stays open
                raise RangeIgnored(r)
            with r:
                got = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", r.headers.get("Content-Range", ""))
                if r.status != 206 or not got or int(got.group(1)) != start:
                    raise LoadError(f"{u}: expected a partial answer for bytes {start}-{start + length - 1}, got "
                                    f"status {r.status} with Content-Range {r.headers.get('Content-Range')!r}")
                self.size = int(got.group(3))
                return self.http.read(r, int(got.group(2)) - start + 1)

        return self.http.attempt(self.url, get, f"reading {self.url.rsplit('/', 1)[-1]}")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.pos = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.size}[whence] + offset
        return self.pos

    def prefetch(self, start: int, length: int) -> None:
        """Read a span in one request (a whole member), so zipfile's small reads come from memory."""
        length = min(length, self.size - start)
        if length > 0:
            self.block_start, self.block = start, self._get(start, length)

    def read(self, n: int = -1) -> bytes:
        end = self.size if n is None or n < 0 else min(self.size, self.pos + n)
        if self.pos >= end:
            return b""
        lo, hi = self.block_start, self.block_start + len(self.block)
        if not (lo <= self.pos and end <= hi):
            self.prefetch(self.pos, max(end - self.pos, BLOCK))
            lo = self.block_start
        out = self.block[self.pos - lo:end - lo]
        self.pos += len(out)
        return out

    def readinto(self, b) -> int:
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)


@dataclass
class Archive:
    """An opened police.uk archive and how it was read."""

    name: str  # 'YYYY-MM.zip'
    zip: zipfile.ZipFile
    size: int
    how: str  # 'range requests', 'downloaded', 'cached download'
    remote: RemoteFile | None = None
    path: Path | None = None  # the cached file, when read from the cache


def _cached(path: Path) -> zipfile.ZipFile | None:
    """A complete earlier download, checked; None (and removed) when it is not a readable zip of the recorded size."""
    meta = path.with_name(path.name + ".json")
    try:
        expected = json.loads(meta.read_text(encoding="utf-8"))["size"]
        if path.stat().st_size != expected:
            raise ValueError(f"it is {path.stat().st_size:,} bytes, expected {expected:,}")
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, OSError, zipfile.BadZipFile) as e:
        print(f"  cached download {path.name} is incomplete or damaged ({e}); downloading it again",
              file=sys.stderr, flush=True)
        path.unlink(missing_ok=True)
        meta.unlink(missing_ok=True)
        return None


def _download(response: HTTPResponse, url: str, target: Path, http: Http) -> None:
    """Stream a whole-file answer into the cache; only a complete file gets its name (and size record)."""
    expected = _length(response)
    part = target.with_name(target.name + ".part")
    got = 0
    with response, part.open("wb") as out:
        while chunk := response.read(BLOCK):
            out.write(chunk)
            got += len(chunk)
            http.received += len(chunk)
    if expected is not None and got != expected:
        part.unlink(missing_ok=True)
        raise Truncated(f"got {got:,} of {expected:,} bytes")
    os.replace(part, target)
    target.with_name(target.name + ".json").write_text(json.dumps({"size": got, "url": url}), encoding="utf-8")


def open_archive(base: str, month: str, cache: Path, http: Http) -> Archive:
    """Open `{base}/data/archive/{month}.zip`: from the cache, by range requests, or downloaded into the cache."""
    name = f"{month}.zip"
    url = base + ARCHIVE_PATH.format(month=month)
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / name
    if (z := _cached(target)) is not None:
        return Archive(name, z, target.stat().st_size, "cached download", path=target)
    try:
        remote = RemoteFile(url, http)
        return Archive(name, _open_zip(remote, name), remote.size, "range requests", remote)
    except RangeIgnored as ignored:
        http.say(f"{url}: the server ignores Range; downloading the whole archive once into the cache")
        first = [ignored.response]  # the answer to the range request is the whole archive: keep it

        def download(u: str) -> None:
            _download(first.pop() if first else http.open(u), u, target, http)

        http.attempt(url, download, f"downloading {name}")
    z = _cached(target)
    if z is None:
        raise LoadError(f"{url}: the downloaded archive is not a readable zip file; it was removed from the cache")
    return Archive(name, z, target.stat().st_size, "downloaded", path=target)


def _open_zip(source, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, EOFError) as e:
        raise LoadError(f"police.uk archive {name}: not a readable zip file ({e}); expected YYYY-MM/"
                        f"YYYY-MM-<force>-street.csv members") from e


def wanted(archive: Archive, slug: str = FORCE.slug) -> list[zipfile.ZipInfo]:
    """The force's street and outcomes members, e.g. 2026-01/2026-01-lancashire-street.csv."""
    pattern = re.compile(rf"(?:.*/)?(\d{{4}}-\d{{2}})-{re.escape(slug)}-(street|outcomes)\.csv")
    members = [i for i in archive.zip.infolist() if not i.is_dir() and pattern.fullmatch(i.filename)]
    if not any(i.filename.endswith("-street.csv") for i in members):
        raise LoadError(f"police.uk archive {archive.name}: no {slug} street files inside; expected members "
                        f"named YYYY-MM/YYYY-MM-{slug}-street.csv")
    return sorted(members, key=lambda i: i.filename)


def extract(archive: Archive, members: list[zipfile.ZipInfo], into: Path) -> list[Path]:
    """Write the members into `into/YYYY-MM/` (police.uk's own layout), checking sizes and CRCs."""
    out = []
    for info in members:
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > MIN_BOMB_BYTES and
                                                 info.file_size > MAX_RATIO * info.compress_size):
            raise LoadError(f"police.uk archive {archive.name}: member {info.filename} would expand to "
                            f"{info.file_size:,} bytes from {info.compress_size:,}; expected a police.uk monthly "
                            "file (refusing a possible zip bomb)")
        if archive.remote is not None:  # one request for the whole member (header, name, data)
            archive.remote.prefetch(info.header_offset, 30 + len(info.filename.encode()) + len(info.extra)
                                    + info.compress_size + 1024)
        name = Path(info.filename).name
        target = into / name[:7] / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.zip.open(info) as src, target.open("wb") as dst:
                while chunk := src.read(BLOCK):
                    if dst.tell() + len(chunk) > max(info.file_size, 0) + BLOCK:
                        raise zipfile.BadZipFile(f"{info.filename} is larger than its header says")
                    dst.write(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as e:
            drop = ""
            if archive.path is not None:
                archive.zip.close()
                for p in (archive.path, archive.path.with_name(archive.path.name + ".json")):
                    p.unlink(missing_ok=True)
                drop = "; the cached download was removed, so the next fetch downloads it again"
            raise LoadError(f"police.uk archive {archive.name}: member {info.filename} is corrupt ({e}){drop}") from e
        out.append(target)
    return out
