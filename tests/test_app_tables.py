"""Every page in Streamlit's AppTest on the embedded default, read as text: no Python value such as
None, nan or <NA> in any table, and no symbol that needs an emoji font (it shows as an empty box
where the font is missing)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.figures import district_table
from lancs_dash.models import overview, priority, site, tables
from lancs_dash.read import registry
from lancs_dash.read.plan import for_force
from lancs_dash.read.snapshot import Snapshot
from lancs_dash.site import PAGES
from tests.apptest import shown_text, switch, with_tables

# Characters drawn from an emoji font by default: pictographs, the emoji variation selector, and the
# BMP symbols with emoji presentation the app has used (✅ ❔ ➖ ⏸).
EMOJI = re.compile("[\U0001F000-\U0001FAFF\uFE0F\u2705\u274C\u2753-\u2755\u2795-\u2797\u23E9-\u23FA\u2B50\u2B55]")
PYTHON_VALUES = re.compile(r"^(None|nan|NaN|<NA>|NaT|null)$|\bNone\b|\bnan\b|<NA>|\bNaT\b")
PRIORITIES = for_force("lancashire").priorities  # Lancashire's Plan, as the embedded default is shown against
# Each page as a first visit, and the district pages with a district picked.
VIEWS = [(p, {}) for p in PAGES] + [
    (p, {"district": "Preston"}) for p in PAGES if p.priority]


def _run(path: str, query: dict) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    return with_tables(switch(at, path).run())


def _text_problems(frame: pd.DataFrame, where: str) -> list[str]:
    problems = []
    for col in frame.columns:
        if PYTHON_VALUES.search(str(col)):
            problems.append(f"{where}: column heading {col!r}")
        values = frame[col]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            for v in values.dropna().astype(str):
                if PYTHON_VALUES.search(v):
                    problems.append(f"{where}, column {col!r}: text {v!r}")
                    break
    return problems


@pytest.mark.parametrize("info,query", VIEWS, ids=[f"{p.id}{'-' + '-'.join(q.values()) if q else ''}" for p, q in VIEWS])
def test_no_table_shows_a_python_missing_value(app_db, info, query):
    at = _run(info, query)
    assert not at.exception
    problems = []
    for n, df in enumerate(at.dataframe, start=1):
        where = f"{info.title}, table {n}"
        frame = df.value
        problems += _text_problems(frame, where)
        # Streamlit shows a missing cell as "None" unless the table names a placeholder.
        if frame.isna().any().any() and not df.proto.placeholder:
            cols = [c for c in frame.columns if frame[c].isna().any()]
            problems.append(f"{where}: missing values in {cols} with no placeholder")
    for n, table in enumerate(at.table, start=1):
        where = f"{info.title}, static table {n}"
        frame = shown_text(table)
        problems += _text_problems(frame, where)
        if frame.isna().any().any():
            problems.append(f"{where}: missing values in {[c for c in frame.columns if frame[c].isna().any()]}")
    assert not problems, "\n".join(problems)


def _texts(at: AppTest) -> list[str]:
    texts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success",
                                  "error") for e in getattr(at, kind)]
    texts += [f"{m.label} {m.value}" for m in at.metric]
    for t in [*at.table, *at.dataframe]:
        texts += [str(c) for c in t.value.columns] + [str(v) for v in t.value.astype(str).to_numpy().ravel()]
    return texts


@pytest.mark.parametrize("info", PAGES, ids=lambda p: p.id)
def test_no_text_needs_an_emoji_font(app_db, info):
    at = _run(info, {})
    assert not at.exception
    found = sorted({f"{m.group()!r} in {t[:60]!r}" for t in _texts(at) for m in EMOJI.finditer(t)})
    assert not found, "\n".join(found)


# What a 390 px phone reader sees of each table: its key columns under short headings, the rest in the CSV.
# Column names are taken from the model, as district_table.ranked makes them, so a reworded label still passes.

def test_overview_district_tables_draw_district_count_rate_change_and_status(app_db):
    at = with_tables(AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run())
    assert not at.exception
    drawn = [t.value for t in at.table if "District" in t.value.columns]
    assert len(drawn) == len(overview.HEADLINE_MEASURES)
    for table, measure_id in zip(drawn, overview.HEADLINE_MEASURES, strict=True):
        unit = registry.get(measure_id).unit.capitalize()
        assert list(table.columns) == ["District", unit, "Per 1,000", "Change", "Status"]  # static: status wraps
        assert len(table) == 14
    captions = " ".join(c.value for c in at.caption)
    assert "The CSV download also has each district's rank, division" in captions


def test_overview_scorecard_reads_measure_value_change_and_status(app_db):
    at = with_tables(AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run())
    parts = [t for t in at.table if "Outcome measure (Appendix D)" in t.value.columns]
    assert [p.title for p in PRIORITIES] == [h.value for h in at.subheader][-len(parts):]
    for part in parts:
        assert list(part.value.columns) == ["Outcome measure (Appendix D)", "Latest value", "Change", "Status"]
    proxy = next(v for p in parts for v in p.value["Outcome measure (Appendix D)"] if " — proxy: " in v)
    assert proxy.split(" — proxy: ")[1]  # a proxy names the open data used for it
    full = next(d for d in at.dataframe if "notes" in d.value.columns)  # the full view, when opened
    assert {"improvement means", "measure used", "data"} <= set(full.value.columns)


@pytest.fixture(scope="module")
def models(default_db):
    snap = Snapshot.open(default_db)
    yield snap, site.build(snap)
    snap.close()


def test_downloads_keep_every_column_as_the_district_table_makes_it(models):
    snap, shared = models
    page = overview.build(snap, shared)
    for t in page.district_tables:
        ranked = priority.ranked_districts(snap, t.measure_id)
        assert t.table.csv == ranked.to_csv(index=False).encode("utf-8")
        # Each role is the column it names in district_table.ranked (positions, should a column be added).
        c = tables.DistrictColumns.of(ranked)
        assert "Preston" in set(ranked[c.area]) and ranked[c.rate].is_monotonic_decreasing
        assert ranked[c.count].dtype == "Int64" and ranked[c.code].str.match(r"E0[67]\d{6}$").all()
        assert (ranked[c.change].fillna(0) * ranked[c.change_pct].fillna(0) >= 0).all()  # one sign for both
        assert ranked[c.status].str.contains(r"improving|worsening|no clear change|changed|too few").all()
        # The periods, which the table no longer draws, are given with it.
        assert tables.district_period(ranked) in t.caption and tables.district_compared(ranked) in t.caption
    for p in PRIORITIES:
        district_map = next(b for b in priority.build(snap, shared, p.id, None).blocks
                            if isinstance(b, priority.DistrictMap))
        ranked = priority.ranked_districts(snap, p.district_measure)
        ranked = district_table.suppress(ranked) if p.sensitive else ranked
        for card in district_map.shows.values():
            assert card.table.csv == ranked.to_csv(index=False).encode("utf-8")
            assert list(card.table.printed.columns) == ["District", registry.get(p.district_measure).unit.capitalize(),
                                                        "Per 1,000", "Change: status"]
    assert page.scorecard_table.csv.decode().splitlines()[0] == (
        "priority,outcome measure (Appendix D),data,measure used,latest value,change,improvement means,status,notes")


def test_priority_cards_draw_area_and_count_of_hotspots_and_outcomes(app_db):
    at = _run("burglary_robbery", {})
    assert not at.exception
    hotspots = next(d for d in at.dataframe if "lsoa_code" in d.value.columns)
    assert list(hotspots.proto.column_order) == ["lsoa_name", "records"]  # codes and period: in the CSV
    assert list(at.table[-1].value.columns) == ["Outcome", "Crimes", "Share (%)"]
