"""Every page as plain HTML (lancs_dash/html): one per app page, the same figures as the app, charts as
SVG with alt text and their CSV, escaped text, a sitemap, published with the extracts, and axe-clean."""

from __future__ import annotations

import csv
import io
import re

import pytest

from lancs_dash import html
from lancs_dash.config import FORCE
from lancs_dash.figures import headlines as summary
from lancs_dash.figures import national
from lancs_dash.html import content
from lancs_dash.publish import refresh
from lancs_dash.publish.first_start import ensure_database
from lancs_dash.read import db, queries, registry
from lancs_dash.site import PAGES
from tests.plain import tables
from tests.test_accessibility import WCAG_TAGS, axe_source  # noqa: F401 - axe_source is a fixture


@pytest.fixture(scope="module")
def plain(static_files):
    """The plain pages for the embedded default, written as the loader writes them."""
    return static_files[0]


def test_every_app_page_has_a_plain_page_in_the_sitemap(plain):
    sitemap = (plain / "sitemap.xml").read_text()
    for info in PAGES:
        page = plain / html.file_name(info.url_path)
        assert page.exists(), info
        text = page.read_text()
        assert f'<a href="/{info.url_path}">Open the interactive version of this page</a>' in text
        assert f"<loc>{html.site_url()}/{info.url_path}</loc>" in sitemap
        assert f"<loc>{html.site_url()}{html.href(info.url_path)}</loc>" in sitemap
        assert "<script" not in text and text.count("<h1>") == 1 and "<main id=\"main\">" in text


def test_headline_figures_are_the_shared_summary(plain, default_db):
    found = dict(tables((plain / "index.html").read_text()))
    con = db.connect(default_db)
    try:
        pop = float(queries.populations(con, "force")["population"].iloc[0])
        for mid in ("crimes", "asb_incidents"):
            m = registry.get(mid)
            head = summary.latest(registry.series(con, mid, "force"), pop, m, FORCE.short_name)
            assert [r[:2] for r in found[f"{m.title}, force area"]] == [[f.label, f.value] for f in head.figures]
    finally:
        con.close()


def test_every_chart_is_an_svg_with_alt_text_and_its_csv(plain):
    charts = 0
    for info in PAGES:
        text = (plain / html.file_name(info.url_path)).read_text()
        for src, alt in re.findall(r'<img src="([^"]+)" alt="([^"]*)">', text):
            key = src.rsplit("/", 1)[-1].removesuffix(".svg")
            assert src == f"{html.URL}/charts/{key}.svg" and len(alt) > 40, (src, alt)
            assert (plain / "charts" / f"{key}.svg").read_text().lstrip().startswith("<svg")
            assert f'href="{html.URL}/csv/{key}.csv"' in text
            rows = list(csv.reader(io.StringIO((plain / "csv" / f"{key}.csv").read_text())))
            assert len(rows) > 1
            charts += 1
    assert charts >= 10


def test_published_figures_and_budget_facts_read_in_words(plain):
    """The plain pages show the same readable tables as the app: headings and names in words, money as £."""
    text = (plain / "national_measures.html").read_text()
    ids = {mid for m in national.MEASURES if m.published for mid in m.published.measures}
    published = [rows for caption, rows in tables(text) if caption.startswith("Published figures")]
    assert len(published) == 3 and not any(cell in ids for rows in published for row in rows for cell in row)
    heads = re.findall(r"<caption>Published figures[^<]*</caption>\s*<thead><tr>(.*?)</tr>", text)
    assert heads and all(re.findall(r">([^<]+)</th>", h) == ["Figure", "Period", "Value as published", "Area", "Source"]
                         for h in heads)
    assert ["Knife or sharp instrument offences", "April to June 2019", "329 offences"] == published[0][0][:3]
    facts = dict((row[0], row[1]) for caption, rows in tables((plain / "budget.html").read_text())
                 if caption.startswith("Published figures for 2021/22") for row in rows)
    assert facts["Annual cost of the Constabulary"] == "£311 million" and facts["Council-tax precept income"] == "£99.8 million"
    assert not any("GBP" in v for v in facts.values())


def test_text_is_escaped():
    page = content.Page("x", "A & B", "<script>alert(1)</script>", (content.Para("Fish & <b>chips</b>"),))
    out = html.render(page, [page], "today", "A & B dashboard")
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "Fish &amp; &lt;b&gt;chips&lt;/b&gt;" in out and "A &amp; B" in out


def test_the_loader_publishes_plain_pages_with_the_extracts_and_a_failed_load_keeps_them(tmp_path, monkeypatch):
    target = tmp_path / "static" / "extracts"
    refresh(tmp_path / "lancs.duckdb", None, target, quiet=True)
    published = tmp_path / "static" / "plain"
    before = (published / "index.html").read_text()
    assert "How is Lancashire doing?" in before and (published / "sitemap.xml").exists()

    def broken(*_args, **_kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(html, "write", broken)
    with pytest.raises(RuntimeError):
        refresh(tmp_path / "lancs.duckdb", None, target, quiet=True)
    assert (published / "index.html").read_text() == before
    assert sorted(p.name for p in published.parent.iterdir()) == ["extracts", "plain"]


@pytest.mark.browser
@pytest.mark.parametrize("info", PAGES, ids=[p.id for p in PAGES])
def test_plain_pages_pass_axe(info, default_db, app_url, page, axe_source):  # noqa: F811
    ensure_database(default_db)  # publishes the plain pages on a fresh checkout
    page.goto(f"{app_url}{html.href(info.url_path)}")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    serious = [f"{v['id']} ({v['impact']}): {n['target']}: {n['html'][:160]}" for v in result["violations"]
               if v["impact"] in ("serious", "critical") for n in v["nodes"]]
    assert not serious, "\n".join(serious)


def test_every_source_names_the_force_on_every_plain_page(plain):
    """Ward pages included: no source is left with its "{force}" placeholder unfilled."""
    pages = sorted(plain.rglob("*.html"))
    assert any(p.name.startswith("neighbourhood-E05") for p in pages), "the ward pages are published"
    assert [p.name for p in pages if "{force}" in p.read_text(encoding="utf-8")] == []
