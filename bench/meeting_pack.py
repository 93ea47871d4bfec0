"""Meeting pack benchmark: how long the PDF takes to build (briefing, charts, layout, writing), its
page count and size, on a database built from the embedded default.

    python bench/meeting_pack.py [--short]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from common import fmt


def main(short: bool) -> None:
    from pypdf import PdfReader

    from lancs_dash import pack
    from lancs_dash.load.build import build

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lancs.duckdb"
        build(db, None, quiet=True)
        times = []
        for _ in range(1 if short else 3):
            started = time.perf_counter()
            pdf = pack.build(db)
            times.append(time.perf_counter() - started)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"Meeting pack: {pages} pages, {len(pdf) / 1024:,.0f} KB; built in {fmt(times[0])} first time"
          + (f", best {fmt(min(times))} of {len(times)}" if len(times) > 1 else ""))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    main(parser.parse_args().short)
