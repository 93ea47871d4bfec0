"""python -m lancs_dash.pack --out PACK.pdf [--db PATH] [--as-of YYYY-MM]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

from lancs_dash import files, pack
from lancs_dash.config import DEFAULT_DB
from lancs_dash.models import briefing
from lancs_dash.publish.first_start import ensure_database  # a command-line entry point: may build on first start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lancs_dash.pack",
                                     description="Write the meeting pack (PDF) for the Police and Crime Panel.")
    parser.add_argument("--out", required=True, type=Path, help="PDF file to write")
    parser.add_argument("--db", type=Path, help=f"database (default {DEFAULT_DB.name}, built from the embedded "
                                                "default if absent)")
    parser.add_argument("--as-of", help="the last month to include, YYYY-MM (default: the latest published)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        as_of = briefing.parse_as_of(args.as_of)
        if args.db is not None and not args.db.is_file():
            raise ValueError(f"database {args.db} not found: build it with python -m lancs_dash.refresh --db {args.db}")
        doc = pack.document_for(args.db if args.db is not None else ensure_database(DEFAULT_DB), as_of)
    except (ValueError, duckdb.Error) as e:
        print(f"pack: {e}", file=sys.stderr)
        return 2
    files.write_bytes(args.out, pack.to_pdf(doc))
    print(f"Wrote {args.out}: {len(doc.pages)} pages, {args.out.stat().st_size / 1024:,.0f} KB, "
          f"built in {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
