"""What the neighbourhood pages add to publishing: every ward's page model and its plain page, in CPU seconds of
this process (other jobs on a shared machine do not inflate them), beside the whole publish step by stage (wall
time) of the same database.

    python bench/wards_publish.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import fmt


def main() -> dict:
    import pandas as pd

    from lancs_dash import html
    from lancs_dash.html import content
    from lancs_dash.load.build import build
    from lancs_dash.models import briefing, neighbourhood, site
    from lancs_dash.publish import extracts, publish
    from lancs_dash.read.snapshot import Snapshot

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        snap = Snapshot.open(db)
        shared, deck = site.build(snap), briefing.build(snap.cursor())
        started = time.process_time()
        wards = {code: neighbourhood.build(snap, shared, code) for code in snap.derived(neighbourhood.wards).names}
        models = time.process_time() - started
        index = pd.read_csv(extracts.stage(snap, Path(tmp) / "extracts") / "index.csv", dtype=str,
                            keep_default_na=False)
        nav = content.every_page(deck, snap, index, html.EXTRACTS_URL, html.href)
        started = time.process_time()
        pages = content.neighbourhood_pages(deck, snap, wards, html.href)
        written = sum(len(html.render(page, nav, deck.built, deck.name)) for page in pages)
        plain = time.process_time() - started
        snap.close()
        report = publish(db, Path(tmp) / "served.duckdb", Path(tmp) / "static" / "extracts")
    print("Publishing the neighbourhood pages (embedded-default database)")
    print(f"  {len(wards)} ward page models, CPU: {fmt(models)} ({fmt(models / len(wards))} a ward)")
    print(f"  {len(pages)} plain pages (districts and wards), CPU: {fmt(plain)} ({written / 1e6:.1f} MB of HTML)")
    print(f"  the whole publish step, wall, by stage ({report.models} models): "
          + ", ".join(f"{stage} {fmt(s)}" for stage, s in report.seconds.items()))
    return {"ward_models": models, "per_ward": models / len(wards), "plain": plain, "publish": report.seconds}


if __name__ == "__main__":
    main()
