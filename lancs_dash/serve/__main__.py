"""python -m lancs_dash.serve [--workers N] [--port P] [--host H] [--max-sessions S] [--db PATH] [limits] [TLS]"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lancs_dash.config import DEFAULT_DB
from lancs_dash.serve import serve
from lancs_dash.serve.edge import DEFAULT_EDGE, WINDOW_S, Edge


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lancs_dash.serve",
        description="Serve the dashboard to a crowd: N Streamlit processes behind HAProxy (session-affinity "
                    "cookie, health checks, plain-HTML fallback, per-client limits, security headers, optional "
                    "TLS), nginx for the published files. Ctrl-C stops all.")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="Streamlit processes (default: the number of CPU cores)")
    parser.add_argument("--port", type=int, default=8501, help="public port (default 8501)")
    parser.add_argument("--host", default="127.0.0.1", help="public address (default 127.0.0.1; 0.0.0.0 for all)")
    parser.add_argument("--max-sessions", type=int, default=100,
                        help="connections one app process takes before new page views get the plain version "
                             "(default 100)")
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("LANCS_DASH_DB", DEFAULT_DB)),
                        help="database to serve (default data/lancs.duckdb)")
    default = DEFAULT_EDGE
    limits = parser.add_argument_group("per-client limits (over them a client gets 429 with Retry-After)")
    limits.add_argument("--page-views", type=int, default=default.page_views,
                        help=f"page views per client per {WINDOW_S} s (default {default.page_views})")
    limits.add_argument("--sessions-per-client", type=int, default=default.sessions,
                        help=f"websocket sessions (open tabs) one client holds at once (default {default.sessions})")
    limits.add_argument("--download-mb", type=float, default=default.download_mb,
                        help=f"MB of files and downloads per client per {WINDOW_S} s (default {default.download_mb:g})")
    limits.add_argument("--request-timeout", type=int, default=default.request_timeout_s,
                        help=f"seconds a client has to send a request's headers (default {default.request_timeout_s})")
    limits.add_argument("--client-header", metavar="NAME",
                        help="behind a CDN or proxy: the header with the visitor's address (X-Forwarded-For, "
                             "CF-Connecting-IP, ...), trusted only from --trusted-proxy addresses")
    limits.add_argument("--trusted-proxy", action="append", default=[], metavar="CIDR",
                        help="address or network of the CDN or proxy in front (repeatable)")
    parser.add_argument("--frame-ancestor", action="append", default=[], metavar="ORIGIN",
                        help="an origin (https://news.example) allowed to embed the pages in a frame (repeatable; "
                             "default: none but the site itself)")
    tls = parser.add_argument_group("TLS")
    tls.add_argument("--tls-cert", type=Path, metavar="PEM",
                     help="certificate chain and private key in one PEM file: the public port speaks HTTPS")
    tls.add_argument("--http-port", type=int, help="with --tls-cert: a plain-HTTP port that redirects to HTTPS")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.max_sessions < 1:
        parser.error("--workers and --max-sessions must be at least 1")
    if min(args.page_views, args.sessions_per_client, args.request_timeout) < 1 or args.download_mb <= 0:
        parser.error("the per-client limits and --request-timeout must be positive")
    if args.tls_cert and not args.tls_cert.is_file():
        parser.error(f"--tls-cert {args.tls_cert}: no such file")
    try:
        edge = Edge(page_views=args.page_views, sessions=args.sessions_per_client, download_mb=args.download_mb,
                    request_timeout_s=args.request_timeout, client_header=args.client_header,
                    trusted_proxies=tuple(args.trusted_proxy), frame_ancestors=tuple(args.frame_ancestor),
                    tls_cert=args.tls_cert.resolve() if args.tls_cert else None,
                    http_bind=f"{args.host}:{args.http_port}" if args.http_port else None)
    except ValueError as e:
        parser.error(str(e))
    return serve(args.workers, args.host, args.port, args.max_sessions, args.db, edge)


if __name__ == "__main__":
    sys.exit(main())
