"""Every page in Streamlit's AppTest on the embedded default, read as text: no Python value such as
None, nan or <NA> in any table, and no symbol that needs an emoji font (it shows as an empty box
where the font is missing)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT
from lancs_dash.site import PAGES
from tests.apptest import with_tables

# Characters drawn from an emoji font by default: pictographs, the emoji variation selector, and the
# BMP symbols with emoji presentation the app has used (✅ ❔ ➖ ⏸).
EMOJI = re.compile("[\U0001F000-\U0001FAFF\uFE0F\u2705\u274C\u2753-\u2755\u2795-\u2797\u23E9-\u23FA\u2B50\u2B55]")
PYTHON_VALUES = re.compile(r"^(None|nan|NaN|<NA>|NaT|null)$|\bNone\b|\bnan\b|<NA>|\bNaT\b")
# Each page as a first visit, and the district pages with a district picked.
VIEWS = [(p, {}) for p in PAGES] + [
    (p, {"district": "Preston"}) for p in PAGES if "priority.page(" in (PROJECT_ROOT / p.path).read_text()]


def _run(path: str, query: dict) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    return with_tables(at.switch_page(path).run())


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
    at = _run(info.path, query)
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
        frame = table.value
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
    at = _run(info.path, {})
    assert not at.exception
    found = sorted({f"{m.group()!r} in {t[:60]!r}" for t in _texts(at) for m in EMOJI.finditer(t)})
    assert not found, "\n".join(found)
