"""The meeting pack (PDF): a valid, tagged PDF from the real CLI, a page per section, and the same
figures as the dashboard pages for the same database."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.models import briefing
from lancs_dash.pack import CSS, document
from lancs_dash.read import db
from lancs_dash.read.plan import for_force
from tests.apptest import switch, with_tables

TITLE = "Police and Crime Plan for Lancashire 2021–25: performance pack"  # the embedded default's force's Plan
PRIORITIES = for_force("lancashire").priorities  # Lancashire's Plan, as the embedded default is shown against


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lancs_dash.pack", *args], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=300)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def pack(default_db, tmp_path_factory) -> tuple[Path, PdfReader]:
    out = tmp_path_factory.mktemp("pack") / "PACK.pdf"
    done = cli("--out", str(out), "--db", str(default_db))
    assert done.returncode == 0, done.stderr
    assert re.search(r"Wrote .*PACK\.pdf: \d+ pages", done.stdout)
    return out, PdfReader(out)


@pytest.fixture(scope="module")
def sections(pack, default_db) -> dict[str, str]:
    """Section title -> the text of its pages (a section runs until the next one starts)."""
    reader = pack[1]
    pages = [flat(p.extract_text()) for p in reader.pages]
    con = db.connect(default_db)
    titles = document.section_titles(briefing.build(con))
    con.close()
    starts: list[int] = []
    for title in titles:  # each section starts a later page, with its title at the top
        after = starts[-1] + 1 if starts else 0
        # Text extraction adds a space where a title wraps after a dash ("2021– 25"): compare without spaces.
        starts.append(next(i for i, text in enumerate(pages)
                           if i >= after and text.replace(" ", "").startswith(flat(title).replace(" ", ""))))
    ends = [*starts[1:], len(pages)]
    return {t: " ".join(pages[a:b]) for t, a, b in zip(titles, starts, ends, strict=True)}


def test_pack_is_a_valid_tagged_pdf(pack):
    path, reader = pack
    assert path.read_bytes().startswith(b"%PDF-")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], "tagged for screen readers"
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == TITLE
    assert "Page 1 of" in reader.pages[0].extract_text()  # page numbers
    assert len(reader.outline) >= 10  # one bookmark per section


def test_every_section_starts_a_page(sections, pack):
    assert list(sections)[1:] == ["Scorecard: the Plan's outcome measures", *(p.title for p in PRIORITIES),
                                  "How Lancashire compares with other forces", "Budget and police precept", "Sources"]
    assert len(pack[1].pages) >= len(sections)


def metrics(page: str) -> list[str]:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at = switch(at, page).run()
    assert not at.exception
    return [f"{m.label} {m.value}" for m in at.metric]


@pytest.mark.parametrize("priority", PRIORITIES, ids=lambda p: p.id)
def test_priority_figures_equal_the_dashboard(app_db, sections, priority):
    shown = metrics(priority.url_path)
    assert shown, "the page leads with headline figures"
    text = sections[priority.title]
    for figure in shown:
        label, value = figure.rsplit(" ", 1)
        assert flat(f"{label} {value}") in text, f"{figure!r} is on the {priority.title} page but not in the pack"


def test_overview_figures_and_exceptions_equal_the_dashboard(app_db, sections):
    cover = sections[TITLE]
    for figure in metrics("pages/overview.py"):
        assert flat(figure) in cover
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).switch_page("pages/compare_forces.py").run()
    at = with_tables(at)
    comparison = sections["How Lancashire compares with other forces"]
    # Against Lancashire's most similar group no crime type is an exception: the page and the pack both say so,
    # and name the group with its date.
    assert "No exceptions" in at.success[0].value and "above its comparator group: none." in comparison
    assert "Home Office most similar group (as listed June 2015)" in comparison


def test_as_of_gives_the_pack_as_the_data_stood_then(default_db, tmp_path):
    """At Oct 2022 the latest 12 months are the dashboard's latest complete comparison today."""
    out = tmp_path / "old.pdf"
    done = cli("--out", str(out), "--db", str(default_db), "--as-of", "2022-10")
    assert done.returncode == 0, done.stderr
    cover = flat(PdfReader(out).pages[0].extract_text())
    assert "Nov 2021 – Oct 2022 57,637" in cover  # ASB, as in the ASB page's comparison sentence
    assert "monthly figures up to Oct 2022" in cover


@pytest.mark.parametrize("args, message", [
    (["--as-of", "June 2024"], "expected YYYY-MM"),
    (["--as-of", "2010-01"], "no police.uk months are published up to Jan 2010"),
    (["--as-of", "2099-01"], "is after the latest month loaded (Dec 2025)"),
    (["--db", "no-such.duckdb"], "database no-such.duckdb not found"),
])
def test_bad_arguments_exit_2_and_write_nothing(default_db, tmp_path, args, message):
    out = tmp_path / "PACK.pdf"
    done = cli("--out", str(out), *(["--db", str(default_db)] if "--db" not in args else []), *args)
    assert done.returncode == 2 and message in done.stderr
    assert not out.exists() and not list(tmp_path.iterdir())


def test_text_from_the_data_is_escaped_in_the_pack(default_db):
    """Cells, captions, alt text, lists and paragraphs are text, never markup, whatever the data hold."""
    con = db.connect(default_db)
    b = briefing.build(con)
    con.close()
    bad = "<script>alert(1)</script> & <b>Co</b>"
    s = b.sections[0]
    s = dataclasses.replace(s, lead_title=bad, district_title=bad, alt_text=bad, comparison=bad,
                            districts=s.districts.assign(District=bad), sources=(bad,))
    link = "https://example.org/file.csv?a=1&b=<2>"
    b = dataclasses.replace(b, sections=(s, *b.sections[1:]), coverage=bad,
                            provenance=b.provenance.assign(source=bad, file=link))
    html = document.html(b, CSS)
    assert "<script" not in html and "<b>" not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;"
    assert f"<caption>{escaped}, force area</caption>" in html  # a caption
    assert f"<td>{escaped}</td>" in html  # a table cell (district, coverage, provenance source)
    assert f'alt="{escaped}"' in html and f"<li>{escaped}</li>" in html and f"<p>{escaped}</p>" in html
    assert '<td class="url">https://example.org/file.csv?a=1&amp;b=&lt;2&gt;</td>' in html  # links may break anywhere
    assert '<table class="long"><caption>Files loaded' in html and '<th scope="col">SHA-256 (first 12)</th>' in html
    assert html.count('<section id="section-') == len(document.section_titles(b))
