"""python -m lancs_dash.serve [--workers N] [--port P] [--host H] [--max-sessions S] [--db PATH]"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lancs_dash.config import DEFAULT_DB
from lancs_dash.serve import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lancs_dash.serve",
        description="Serve the dashboard to a crowd: N Streamlit processes behind HAProxy (session-affinity "
                    "cookie, health checks, plain-HTML fallback), nginx for the published files. Ctrl-C stops all.")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="Streamlit processes (default: the number of CPU cores)")
    parser.add_argument("--port", type=int, default=8501, help="public port (default 8501)")
    parser.add_argument("--host", default="127.0.0.1", help="public address (default 127.0.0.1; 0.0.0.0 for all)")
    parser.add_argument("--max-sessions", type=int, default=100,
                        help="connections one app process takes before new page views get the plain version "
                             "(default 100)")
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("LANCS_DASH_DB", DEFAULT_DB)),
                        help="database to serve (default data/lancs.duckdb)")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.max_sessions < 1:
        parser.error("--workers and --max-sessions must be at least 1")
    return serve(args.workers, args.host, args.port, args.max_sessions, args.db)


if __name__ == "__main__":
    sys.exit(main())
