"""Every dashboard page as plain HTML: no JavaScript, semantic headings and tables, charts as SVG with
their alt text, a CSV of each chart, and a sitemap. For readers without JavaScript, screen readers on slow
devices, search engines, and the proxy's answer when every app process is down or saturated.

Published with the static extracts, from the same page models as the app (lancs_dash.publish), and swapped
in with them, so the pages always describe the database being served:

    index.html, <page>.html     one per app page ("" -> index.html), Jinja2 templates with autoescape
    neighbourhood-<code>.html   one per district (its wards) and one per ward, where the database has wards
    charts/<key>.svg            drawn by vl-convert from the dashboard's own Altair specs
    csv/<key>.csv               exactly what each chart plots
    plain.css, sitemap.xml

Streamlit serves the folder at /app/static/plain/ and so does the proxy (lancs_dash.serve), without Python.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pandas as pd
import vl_convert

from lancs_dash.config import ATTRIBUTION, EXTRACTS_DIR, PROJECT_ROOT
from lancs_dash.html import content
from lancs_dash.models import neighbourhood
from lancs_dash.models import site as site_model
from lancs_dash.models.briefing import Briefing
from lancs_dash.models.neighbourhood import Neighbourhood
from lancs_dash.read.snapshot import Snapshot


def plain_dir(extracts_dir: Path) -> Path:
    """The plain pages live beside the extracts (static/plain beside static/extracts)."""
    return Path(extracts_dir).with_name("plain")


PLAIN_DIR = plain_dir(EXTRACTS_DIR)
URL = "/app/static/" + PLAIN_DIR.relative_to(PROJECT_ROOT / "static").as_posix()
EXTRACTS_URL = "/app/static/" + EXTRACTS_DIR.relative_to(PROJECT_ROOT / "static").as_posix()
CHART_WIDTH = 640  # px in the Vega-Lite spec; the picture scales down to narrow screens
FONT = "Liberation Sans"
TEMPLATES = Path(__file__).with_name("templates")
# Public address of the site for the sitemap's absolute URLs (sitemaps require them).
SITE_URL_ENV = "LANCS_SITE_URL"

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                          trim_blocks=False, lstrip_blocks=False)


@dataclass(frozen=True)
class Entry:
    slug: str
    title: str

    @property
    def file(self) -> str:
        return file_name(self.slug)


def file_name(slug: str) -> str:
    """The plain page for an app page's URL path ("" is the overview)."""
    return f"{slug or 'index'}.html"


def href(slug: str) -> str:
    """Where the plain version of the app page at /<slug> is served."""
    return f"{URL}/{file_name(slug)}"


def site_url() -> str:
    return os.environ.get(SITE_URL_ENV, "http://localhost:8501").rstrip("/")


def svg(spec: dict) -> str:
    sized = {**spec, "width": CHART_WIDTH, "config": {**spec.get("config", {}), "font": FONT}}
    return vl_convert.vegalite_to_svg(sized)


def render(page: content.Page, pages: list[content.Page], built: str, site: str) -> str:
    """`page` with the navigation of `pages` (the app's pages; a district's or ward's page is reached from them);
    `site` is the site's name, as the app's browser titles end with it."""
    return _env.get_template("page.html.j2").render(
        page=page, pages=[Entry(p.slug, p.title) for p in pages], base=URL, file=file_name(page.slug),
        app_href=page.app_href, site=site, built=built, attribution=ATTRIBUTION, site_url=site_url())


def sitemap(pages: list[content.Page], lastmod: str) -> str:
    base = site_url()
    urls = [f"{base}{p.app_href}" for p in pages] + [f"{base}{href(p.slug)}" for p in pages]
    return _env.get_template("sitemap.xml.j2").render(urls=urls, lastmod=lastmod)


def write(b: Briefing, snap: Snapshot, folder: Path, extracts_index: pd.DataFrame,
          wards: Mapping[str, Neighbourhood] | None = None) -> list[content.Page]:
    """Write every plain page, chart and CSV into `folder` (which must not exist yet), from the briefing the app's
    meeting mode draws and the snapshot it was built from; a district's and a ward's pages from the neighbourhood
    page models published with them (`wards`; built here when not given)."""
    pages = content.every_page(b, snap, extracts_index, EXTRACTS_URL, href)
    extra = []
    if any(p.slug == "neighbourhood" for p in pages):
        if wards is None:
            shared = site_model.build(snap)
            wards = {code: neighbourhood.build(snap, shared, code) for code in snap.derived(neighbourhood.wards).names}
        extra = content.neighbourhood_pages(b, snap, dict(wards), href)
    (folder / "charts").mkdir(parents=True)
    (folder / "csv").mkdir()
    for page in (*pages, *extra):
        for c in page.charts:
            (folder / "charts" / f"{c.key}.svg").write_text(svg(c.spec), encoding="utf-8")
            (folder / "csv" / f"{c.key}.csv").write_bytes(c.data.to_csv(index=False, lineterminator="\n").encode())
        (folder / file_name(page.slug)).write_text(render(page, pages, b.built, b.name), encoding="utf-8")
    shutil.copyfile(TEMPLATES / "plain.css", folder / "plain.css")
    (folder / "sitemap.xml").write_text(sitemap([*pages, *extra], datetime.now(UTC).date().isoformat()),
                                        encoding="utf-8")
    return [*pages, *extra]


def stage(b: Briefing, snap: Snapshot, target: Path, extracts_dir: Path,
          wards: Mapping[str, Neighbourhood] | None = None) -> Path:
    """Write the plain pages into a new folder beside `target` and return it (not yet swapped in).
    `extracts_dir` holds the extracts published (or staged) with the same database, for the Data page; `wards`
    the neighbourhood page models published with them, by ward code."""
    staging = target.with_name(f".{target.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    index = pd.read_csv(extracts_dir / "index.csv", dtype=str, keep_default_na=False)
    try:
        write(b, snap, staging, index, wards)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging
