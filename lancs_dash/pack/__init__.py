"""The meeting pack: the briefing (lancs_dash/briefing.py) as a printable, tagged PDF.

`python -m lancs_dash.pack --out PACK.pdf [--db PATH] [--as-of YYYY-MM]` and meeting mode's download
button both call `build`, so they produce the same pack for the same data.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import weasyprint

from lancs_dash.models import briefing
from lancs_dash.pack import document
from lancs_dash.read import db

CSS = Path(__file__).with_name("pack.css").read_text(encoding="utf-8")


def render(b: briefing.Briefing) -> weasyprint.Document:
    """Lay the briefing out as pages (the page count is known before writing)."""
    return weasyprint.HTML(string=document.html(b, CSS)).render()


def to_pdf(doc: weasyprint.Document) -> bytes:
    # PDF/UA-1: tagged structure (headings, tables, figures with alt text), document title and language.
    return doc.write_pdf(pdf_variant="pdf/ua-1")


def document_for(db_path: Path, as_of: date | None = None) -> weasyprint.Document:
    """The laid-out pack for the database at `db_path`, as of `as_of` (None: the latest data)."""
    con = db.connect(db_path)
    try:
        return render(briefing.build(con, as_of))
    finally:
        con.close()


def build(db_path: Path, as_of: date | None = None) -> bytes:
    """The pack as PDF bytes."""
    return to_pdf(document_for(db_path, as_of))
