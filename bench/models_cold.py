"""Cold cost after a data swap: building every page model from a freshly opened database snapshot, as the
first visitors after a load cause it (each page's model once, per district where the page has one).
The first view of a page waits for its model: its build time is that view's extra wait (target <= 1.5 s).
Times are CPU seconds of this process (so other jobs on a shared machine do not inflate them).

    python bench/models_cold.py [--short]
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from common import fmt


def main(short: bool) -> dict:
    from lancs_dash.figures import priorities
    from lancs_dash.load.build import build
    from lancs_dash.models import briefing, budget, compare, downloads, national, overview, priority, site
    from lancs_dash.read.snapshot import Snapshot

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        snap = Snapshot.open(db)
        timed: dict[str, float] = {}

        def timing(name: str, make):
            started = time.process_time()
            made = make()
            timed[name] = time.process_time() - started
            return made

        everything = time.process_time()
        shared = timing("site (every page's data statement)", lambda: site.build(snap))
        timing("Overview", lambda: overview.build(snap, shared))
        force_pages = {p.id: timing(p.title, lambda p=p: priority.build(snap, shared, p.id, None))
                       for p in priorities.of(snap)}
        timing("National measures", lambda: national.build(snap, shared))
        for kind in compare.KINDS:  # each group is its own view (?group=...), built when first chosen
            timing(f"Compare forces ({kind})", lambda kind=kind: compare.build(snap, shared, kind))
        timing("Budget & precept", lambda: budget.build(snap, shared))
        timing("Data and downloads", lambda: downloads.build(snap, shared))
        timing("Meeting mode (the briefing)", lambda: briefing.build(snap.cursor()))
        districts = list(shared.districts)[:2] if short else list(shared.districts)
        started = time.process_time()
        for code in districts:
            overview.district_figures(snap, shared, code)
            for p in priorities.of(snap):
                priority.build(snap, shared, p.id, code, force_pages[p.id])
        per_district = (time.process_time() - started) / len(districts)
        # In the app each build ends with a full collection before its model is frozen (ui/store.py `_settled`).
        started = time.process_time()
        gc.collect()
        settle = time.process_time() - started
        total = time.process_time() - everything + per_district * (len(shared.districts) - len(districts))
        snap.close()
    print("Page models after a data swap, CPU time (embedded-default database)")
    for name, seconds in timed.items():
        print(f"  {name:<58} {fmt(seconds):>9}")
    print(f"  {'every page of one district (overview figures + 5 priorities)':<58} {fmt(per_district):>9}")
    print(f"  {'added to each first view in the app: one full collection':<58} {fmt(settle):>9}")
    worst = max(timed, key=timed.get)
    print(f"  slowest first view after a swap: {worst}, {fmt(timed[worst])} (target <= 1.5 s)")
    print(f"  every model, all {len(shared.districts)} districts: {fmt(total)}")
    return {"models": timed, "per_district": per_district, "settle": settle, "total": total}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    main(parser.parse_args().short)
