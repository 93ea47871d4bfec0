"""python -m lancs_dash.load --from DIR [--db PATH] [--export-default DIR]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lancs_dash.config import DEFAULT_DB, EXTRACTS_DIR
from lancs_dash.load.build import build
from lancs_dash.load.context import LoadError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lancs_dash.load",
        description="Rebuild the dashboard's DuckDB file from open-data files (or, with no --from, "
                    "from the embedded default shipped in data/default).")
    parser.add_argument("--from", dest="source", type=Path,
                        help="folder laid out like shared/data (policeuk/, stats19/, geo/, lookups/, official/, "
                             "homeoffice/), a police.uk download folder of YYYY-MM/ files, or a police.uk zip")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="database to replace (default: data/lancs.duckdb)")
    parser.add_argument("--export-default", type=Path, metavar="DIR",
                        help="also write the aggregated tables as the embedded default (Parquet) into DIR")
    parser.add_argument("--extracts", type=Path, default=EXTRACTS_DIR, metavar="DIR",
                        help="folder of the published static extracts, replaced with the database "
                             "(default: static/extracts, served at /app/static/extracts/)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    args = parser.parse_args(argv)
    if args.source is not None and not args.source.exists():
        print(f"error: {args.source.name}: no such file or folder", file=sys.stderr)
        return 2
    try:
        report = build(args.db, args.source, export_default=args.export_default, quiet=args.quiet,
                       extracts_dir=args.extracts)
    except LoadError as e:
        print(f"error: {e}\nThe existing database was left unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the existing database was left unchanged.", file=sys.stderr)
        return 130
    read, kept, rejected = report.policeuk
    print(f"Built {report.db_path.name} in {report.seconds:.1f} s")
    print(f"police.uk rows read {read:,}; counted {kept:,}; rejected {rejected:,} "
          "(rows not counted are explained in the provenance table)")
    for table, rows in report.table_rows.items():
        print(f"  {table:<24} {rows:>9,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
