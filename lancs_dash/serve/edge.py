"""What HAProxy does at the public edge besides balancing: per-client limits, security headers and TLS.

The defaults are meant never to touch readers: a crowd from a newspaper link behind one mobile carrier's NAT
address makes a few page views each (moving between pages is a websocket message, not a page view) and holds
one websocket session per open tab. A scraper or a flood from one address meets them at once.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import streamlit

WINDOW_S = 10  # page views and download bytes are counted per client over this many seconds
# Streamlit draws ":material/...:" page and tab icons as pictures from Google's font service.
MATERIAL_ICONS = "https://fonts.gstatic.com"
_INDEX_HTML = Path(streamlit.__file__).resolve().parent / "static" / "index.html"


@dataclass(frozen=True)
class Edge:
    page_views: int = 100  # page views (/, /asb, ...) per client per WINDOW_S
    sessions: int = 40  # websocket sessions (open tabs) one client holds at once
    download_mb: float = 50  # MB of files and downloads per client per WINDOW_S
    request_timeout_s: int = 10  # to send a request's headers: slow (slowloris) clients are cut
    client_header: str | None = None  # behind a CDN or proxy: the header holding the visitor's address ...
    trusted_proxies: tuple[str, ...] = ()  # ... taken only from connections from these addresses/networks
    frame_ancestors: tuple[str, ...] = ()  # origins that may embed the pages (besides the site itself)
    tls_cert: Path | None = None  # PEM with certificate chain and key: the public port speaks HTTPS
    http_bind: str | None = None  # with TLS: a plain-HTTP address that only redirects to HTTPS

    def __post_init__(self) -> None:
        if self.client_header and not self.trusted_proxies:
            raise ValueError("a client address header needs the trusted proxies that set it")
        if self.http_bind and not self.tls_cert:
            raise ValueError("an HTTP redirect address needs a TLS certificate")


DEFAULT_EDGE = Edge()


def inline_script_hashes(index_html: Path = _INDEX_HTML) -> list[str]:
    """CSP hashes of the inline scripts in Streamlit's page shell, so the policy allows exactly those."""
    scripts = re.findall(r"<script>(.*?)</script>", index_html.read_text(encoding="utf-8"), flags=re.S)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts]


def content_security_policy(frame_ancestors: tuple[str, ...] = ()) -> str:
    """What Streamlit's front end needs and nothing more: its own scripts (plus the shell's inline one) and
    WebAssembly (protobuf and deck.gl compile some; no JavaScript eval), inline styles (emotion), data:/blob:
    images and the material icons, blob: workers, fetches and its websocket to the same origin."""
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {' '.join(inline_script_hashes())}",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: blob: {MATERIAL_ICONS}",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        " ".join(["frame-ancestors", "'self'", *frame_ancestors]),
    ])
