"""Loader benchmark: a full build from the raw open data against a bare DuckDB scan of the same
police.uk file (the floor) and a plain pandas read-and-group (the baseline); national scale; and another
force's 11 months loaded from its police.uk files alone, per record against Lancashire's load.

Each measurement runs in its own process so its peak memory is its own; times are the best of 3:
    python bench/loader.py            # all of it
    python bench/loader.py --short    # national month only (CI)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, SHARED_DATA, peak_mib

STREET = "policeuk/lancashire_street.csv.gz"
FORCES_DIR = SHARED_DATA.parent / "national" / "forces"
# The largest and a small one of the eight other forces' files: their difference is the cost of a record alone.
OTHER_FORCES = ("kent", "cumbria")
NATIONAL = "policeuk/national_street_2025-01.csv.gz"


def measure(kind: str, arg: str) -> dict:
    """One measurement in this process: seconds, rows and peak MiB."""
    from lancs_dash.load.build import build
    from lancs_dash.load.context import CSV_OPTIONS

    started = time.perf_counter()
    stages: dict[str, float] = {}
    if kind == "refresh":  # arg: a folder laid out like shared/data; the load, then publishing everything
        from lancs_dash.publish import refresh

        with tempfile.TemporaryDirectory() as tmp:
            report, published = refresh(Path(tmp) / "lancs.duckdb", Path(arg), Path(tmp) / "static" / "extracts",
                                        quiet=True)
        rows, stages = report.policeuk[0], {"load": report.loaded_seconds, **published.seconds}
    elif kind == "build":  # arg: a folder laid out like shared/data
        with tempfile.TemporaryDirectory() as tmp:
            report = build(Path(tmp) / "lancs.duckdb", Path(arg), quiet=True)
        rows = report.policeuk[0]
    elif kind == "force":  # arg: a police.uk slug; its YYYY-MM/ files alone, geography from the embedded default
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / arg
            for path in sorted(FORCES_DIR.glob(f"*/*-{arg}-street.csv.gz")):
                (folder / path.parent.name).mkdir(parents=True, exist_ok=True)
                (folder / path.parent.name / path.name).symlink_to(path)
            report = build(Path(tmp) / f"{arg}.duckdb", folder, force=arg, quiet=True)
        rows = report.policeuk[0]
    elif kind == "scan":  # arg: one police.uk file; parse every column into a table, as the loader's staging does
        import duckdb

        con = duckdb.connect()
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv($p, {CSV_OPTIONS})", {"p": arg})
        rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
    elif kind == "pandas":  # arg: one police.uk file; the obvious script an analyst would write
        import pandas as pd

        df = pd.read_csv(arg, dtype=str)
        df.groupby(["Month", "LSOA code", "Crime type"], dropna=False).size()
        rows = len(df)
    else:
        raise ValueError(kind)
    return {"seconds": time.perf_counter() - started, "rows": rows, "peak_mib": peak_mib(), "stages": stages}


def run(kind: str, arg: Path, repeat: int) -> dict:
    """Best of `repeat` runs (each a fresh process): the machine is shared, so the minimum is the signal."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--measure", kind, str(arg)], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def national_folder(tmp: Path) -> Path:
    """shared/data with only the national month as police.uk street data (all 43 forces' records)."""
    folder = tmp / "national"
    for sub in SHARED_DATA.iterdir():
        if sub.is_dir() and sub.name != "policeuk":
            (folder / sub.name).parent.mkdir(parents=True, exist_ok=True)
            (folder / sub.name).symlink_to(sub)
    (folder / "policeuk").mkdir()
    (folder / NATIONAL).symlink_to(SHARED_DATA / NATIONAL)
    return folder


def per_100k(r: dict) -> float:
    return 100_000 * r["seconds"] / r["rows"]


def line(label: str, r: dict) -> str:
    return (f"  {label:<44} {r['seconds']:7.2f} s  {r['rows']:>10,} rows  {r['rows'] / r['seconds']:>12,.0f} rows/s  "
            f"peak {r['peak_mib']:6.0f} MiB")


def main(short: bool) -> dict:
    print("Loader")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        national = national_folder(Path(tmp))
        cases = [("national month: loader build (policeuk + all)", "build", national),
                 ("national month: bare DuckDB scan", "scan", SHARED_DATA / NATIONAL),
                 ("national month: pandas read + group", "pandas", SHARED_DATA / NATIONAL)]
        if not short:
            cases = [("full refresh from shared/data (load + publish)", "refresh", SHARED_DATA),
                     ("full build from shared/data", "build", SHARED_DATA),
                     ("lancashire_street: bare DuckDB scan", "scan", SHARED_DATA / STREET),
                     ("national_street_2025-01: bare DuckDB scan", "scan", SHARED_DATA / NATIONAL),
                     ("lancashire_street: pandas read + group", "pandas", SHARED_DATA / STREET)] + cases[:1]
            if FORCES_DIR.is_dir():
                cases += [(f"{slug}: 11 months from its files alone", "force", slug) for slug in OTHER_FORCES]
        for label, kind, arg in cases:
            results[label] = r = run(kind, arg, 1 if short else 3)
            print(line(label, r), flush=True)
    if not short:
        build, floor = results["full build from shared/data"], results["lancashire_street: bare DuckDB scan"]
        floor_all = floor["seconds"] + results["national_street_2025-01: bare DuckDB scan"]["seconds"]
        whole = results["full refresh from shared/data (load + publish)"]
        stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in whole["stages"].items())
        print(f"  refresh (load + publish) / bare scan of both street files: {whole['seconds'] / floor_all:.2f}x "
              f"(target <= 3x); stages: {stages}")
        pandas = results["lancashire_street: pandas read + group"]
        print(f"  build / bare scan of both street files it reads: {build['seconds'] / floor_all:.2f}x (target <= 1.5x)")
        print(f"  pandas / build: {pandas['seconds'] / build['seconds']:.1f}x (target >= 10x); "
              f"pandas / bare scan: {pandas['seconds'] / floor['seconds']:.1f}x")
        big, small = (results.get(f"{slug}: 11 months from its files alone") for slug in OTHER_FORCES)
        if big and small:
            slope = 100_000 * (big["seconds"] - small["seconds"]) / (big["rows"] - small["rows"])
            print(f"  per 100,000 records: {OTHER_FORCES[0]} {per_100k(big):.2f} s, {OTHER_FORCES[1]} "
                  f"{per_100k(small):.2f} s, Lancashire's full build {per_100k(build):.2f} s (target: no more per "
                  f"record); each further record {slope:.2f} s per 100,000 (the rest is a fixed cost per load)")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
    else:
        if not SHARED_DATA.is_dir():
            sys.exit("the raw open data folder ../shared/data is not beside the checkout")
        main(args.short)
        shutil.rmtree(ROOT / "bench" / "__pycache__", ignore_errors=True)
