"""The refresh command: load the raw open data into a new database, publish from it, then swap both in.

    python -m lancs_dash.refresh --from DIR [--force SLUG] [--national DIR] [--db PATH] [--export-default DIR]
    python -m lancs_dash.refresh --fetch [--force SLUG] [--police-uk-url URL] [--cache DIR] [--db PATH]

The loader (lancs_dash.load) writes the database; publishing (lancs_dash.publish) builds every page model,
the extracts and the plain pages from the finished file before it replaces the served one. A failure in
either leaves everything served as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lancs_dash.config import DEFAULT_DB, EXTRACTS_DIR
from lancs_dash.load.build import BuildReport
from lancs_dash.load.context import LoadError
from lancs_dash.load.fetch import DEFAULT_URL
from lancs_dash.load.newest import DEFAULT_CACHE, FetchReport, fetch_and_build
from lancs_dash.publish import Published, publish, refresh


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lancs_dash.refresh",
        description="Rebuild the dashboard's DuckDB file from open-data files (or, with no --from, "
                    "from the embedded default shipped in data/default), and publish its page models, extracts "
                    "and plain pages.")
    parser.add_argument("--from", dest="source", type=Path,
                        help="folder laid out like shared/data (policeuk/, stats19/, geo/, lookups/, official/, "
                             "homeoffice/), a police.uk download folder of YYYY-MM/ files, or a police.uk zip")
    parser.add_argument("--national", type=Path, metavar="DIR",
                        help="folder laid out like shared/national (national geography, populations and comparison "
                             "groups of every force); without it those tables come from the embedded default")
    parser.add_argument("--force", metavar="SLUG",
                        help="police.uk's slug of the force to load (cumbria, dyfed-powys, ...); --from then holds only "
                             "its police.uk files, and its districts, outlines and populations come from the national "
                             "geography. Default: lancashire (with --fetch: the force the database records)")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="database to replace (default: data/lancs.duckdb)")
    parser.add_argument("--export-default", type=Path, metavar="DIR",
                        help="also write the aggregated tables as the embedded default (Parquet) into DIR")
    parser.add_argument("--extracts", type=Path, default=EXTRACTS_DIR, metavar="DIR",
                        help="folder of the published static extracts, replaced with the database "
                             "(default: static/extracts, served at /app/static/extracts/)")
    parser.add_argument("--fetch", action="store_true",
                        help="get police.uk's newest archive and add this force's new or revised months to the "
                             "database in use (the other sources are kept)")
    parser.add_argument("--police-uk-url", default=DEFAULT_URL, metavar="URL",
                        help=f"police.uk address for --fetch (default: {DEFAULT_URL})")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                        help="where --fetch keeps a whole archive when the server cannot send parts of it "
                             "(default: data/cache/policeuk)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    args = parser.parse_args(argv)
    if args.fetch and (args.source is not None or args.export_default is not None):
        parser.error("--fetch adds police.uk's newest months to the database in use: give it without --from "
                     "and --export-default")
    for given in (args.source, args.national):
        if given is not None and not given.exists():
            print(f"error: {given.name}: no such file or folder", file=sys.stderr)
            return 2
    published = Published()

    def publish_from(built: Path) -> None:
        nonlocal published
        published = publish(built, args.db, args.extracts)

    try:
        if args.fetch:
            fetched = fetch_and_build(args.db, args.police_uk_url, args.cache, quiet=args.quiet,
                                      before_swap=publish_from, force=args.force)
            return _fetch_summary(fetched, published)
        report, published = refresh(args.db, args.source, args.extracts, export_default=args.export_default,
                                    national_dir=args.national, quiet=args.quiet, force=args.force)
    except LoadError as e:
        print(f"error: {e}\nThe existing database was left unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the existing database was left unchanged.", file=sys.stderr)
        return 130
    read, kept, rejected = report.policeuk
    print(f"Built {report.db_path.name} in {report.seconds:.1f} s ({_stages(report, published)})")
    _failed(published)
    print(f"police.uk rows read {read:,}; counted {kept:,}; rejected {rejected:,} "
          "(rows not counted are explained in the provenance table)")
    for table, rows in report.table_rows.items():
        print(f"  {table:<24} {rows:>9,} rows")
    return 0


def _failed(published: Published) -> None:
    for key, error in published.failed.items():
        print(f"warning: page model {' / '.join(str(k) for k in key)} could not be built from this data ({error}); "
              "that page will show an error", file=sys.stderr)


def _stages(report: BuildReport, published: Published) -> str:
    """Each stage's time: the load, then each part of publishing, e.g. 'load 4.1 s, 97 page models 2.0 s, ...'."""
    stages = {"load": report.loaded_seconds, **published.seconds}
    counted = {"page models": f"{published.models} page models"}
    return ", ".join(f"{counted.get(name, name)} {seconds:.1f} s" for name, seconds in stages.items())


def _fetch_summary(r: FetchReport, published: Published) -> int:
    share = f" ({100 * r.downloaded_bytes / r.archive_bytes:.1f}%)" if r.archive_bytes else ""
    how = {"range requests": "read by range requests", "downloaded": "downloaded whole into the cache (the server "
           "ignores Range)", "cached download": "read from the cached download"}[r.how]
    print(f"police.uk archive {r.archive}: {r.archive_bytes:,} bytes; {how}; {r.downloaded_bytes:,} bytes downloaded"
          f"{share} in {r.requests} requests; {len(r.members)} files for the force")
    if r.nothing_new:
        print(f"Nothing new: {r.nothing_new}. The database was left unchanged.")
        return 0
    for c in r.added:
        print(f"  added   {c.month}: {c.new:,} records")
    for c in r.revised:
        print(f"  revised {c.month}: {c.previous:,} -> {c.new:,} records ({c.new - c.previous:+,}); {c.detail}")
    print(f"{len(r.added)} months added, {len(r.revised)} revised, {r.unchanged} republished unchanged; "
          f"built {r.build.db_path.name} in {r.build.seconds:.1f} s ({_stages(r.build, published)})")
    _failed(published)
    return 0


if __name__ == "__main__":
    sys.exit(main())
