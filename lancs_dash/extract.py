"""python -m lancs_dash.extract MEASURE --area {force,division,district,ward} [--from YYYY-MM] [--to YYYY-MM]

Writes a tidy CSV to stdout: area_code,area_name,measure,period,value,unit,source. Months missing
from the published data are absent from the output, never zeros. Ward figures (police.uk measures, records
placed by their point) of violence and sexual offences under 10 are blank, as on the pages.

Force comparison measures (`crimes_per_1000`, `<crime_type>_per_1000`) give one rate per police
force area over the comparison window (period 'YYYY-MM/YYYY-MM', see lancs_dash/force_comparison.py); forces
missing from any month of the window are absent. They take --area force only, and no --from/--to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from lancs_dash.config import DEFAULT_DB
from lancs_dash.figures import comparison_groups, force_comparison
from lancs_dash.figures.periods import parse_month
from lancs_dash.figures.tidy import COLUMNS, extract
from lancs_dash.publish.first_start import ensure_database  # a command-line entry point: may build on first start
from lancs_dash.read import db, queries, registry
from lancs_dash.read.force import from_meta


def force_rates(con, measure: registry.ForceRate) -> pd.DataFrame:
    """Per-force rates for a force comparison measure, in the published extract schema."""
    comparison = force_comparison.compare(con, comparison_groups.main_group(con))
    if comparison is None:
        return pd.DataFrame(columns=COLUMNS)
    r = comparison.rates[comparison.rates["measure"] == measure.id]
    out = pd.DataFrame({"area_code": r["pfa_code"], "area_name": r["force"], "measure": measure.id,
                        "period": comparison.window.period, "value": r["rate"].round(3), "unit": measure.unit,
                        "source": measure.source})
    return out.sort_values("area_code")[COLUMNS]


def _month(text: str):
    try:
        return parse_month(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lancs_dash.extract", description=__doc__.splitlines()[0])
    parser.add_argument("measure", nargs="?", help="measure id (see --list)")
    parser.add_argument("--list", action="store_true", help="list every measure with its definition")
    parser.add_argument("--area", choices=registry.AREA_LEVELS, default="force")
    parser.add_argument("--from", dest="start", type=_month, metavar="YYYY-MM")
    parser.add_argument("--to", dest="end", type=_month, metavar="YYYY-MM")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    args = parser.parse_args(argv)

    if args.list:
        for m in registry.MEASURES.values():
            print(f"{m.id}\t{m.unit}\t{m.title}: {m.definition}")
        for f in registry.FORCE_RATES.values():
            print(f"{f.id}\t{f.unit}\t{f.title}: rate per force over the comparison window (--area force)")
        return 0
    if not args.measure:
        parser.error("give a measure id, or --list to see them")
    if args.measure in registry.FORCE_RATES:
        if args.area != "force" or args.start or args.end:
            parser.error(f"{args.measure} is a force comparison: use --area force, without --from/--to")
        _write(force_rates(db.connect(ensure_database(args.db)), registry.FORCE_RATES[args.measure]))
        return 0
    if args.measure not in registry.MEASURES:
        parser.error(f"unknown measure {args.measure!r}; run with --list to see the measures")
    if args.start and args.end and args.start > args.end:
        parser.error("--from must not be later than --to")
    con = db.connect(ensure_database(args.db))
    frame = registry.series(con, args.measure, args.area, args.start, args.end)
    _write(extract(frame, registry.get(args.measure), args.area, queries.areas(con, args.area), from_meta(queries.meta(con))))
    return 0


def _write(frame: pd.DataFrame) -> None:
    try:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    except BrokenPipeError:  # e.g. piped into `head`: the reader has what it wanted
        sys.stderr.close()


if __name__ == "__main__":
    sys.exit(main())
