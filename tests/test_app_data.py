"""The Data and downloads page in Streamlit's AppTest: the extract builder, its URL state (including
hostile values), the dictionary and provenance."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lancs_dash.config import PROJECT_ROOT


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/data.py")
    return at.run()


def notices(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


def test_default_view(app_db):
    at = run()
    assert not at.exception
    assert at.multiselect(key="measures").value == ["crimes"]
    assert at.selectbox(key="level").value == "district"
    assert at.selectbox(key="from").value == "2018-11" and at.selectbox(key="to").value == "2025-12"
    preview = at.dataframe[0].value
    assert list(preview.columns) == ["area_code", "area_name", "measure", "period", "value", "unit", "source"]
    assert "does not recognise" not in notices(at)
    labels = [b.label for b in at.get("download_button")]
    assert {"Download extract (CSV)", "Download extract (Parquet)", "Download the data dictionary (CSV)"} <= set(labels)
    assert any("52 of 86 months published" in m.value for m in at.markdown)


def test_filtered_view_from_the_url(app_db):
    at = run({"measures": ["Burglary", "Robbery"], "level": "Division", "from": "2021-04", "to": "2022-03"})
    assert not at.exception and "does not recognise" not in notices(at)
    assert at.multiselect(key="measures").value == ["burglary", "robbery"]
    preview = at.dataframe[0].value
    assert set(preview["measure"]) == {"burglary", "robbery"}
    assert set(preview["area_code"]) == {"WEST", "SOUTH", "EAST"}
    assert preview["period"].min() == "2021-04" and preview["period"].max() == "2022-03"
    assert len(preview) == 2 * 3 * 12


def test_unpublished_months_give_an_empty_extract_and_say_so(app_db):
    at = run({"measures": "Burglary", "from": "2023-01", "to": "2023-12"})  # police.uk did not publish 2023
    assert not at.exception and at.dataframe[0].value.empty
    assert "No figures were published" in notices(at)


def test_months_in_the_wrong_order_are_swapped(app_db):
    at = run({"from": "2024-12", "to": "2024-01"})
    assert not at.exception
    assert any("swapped" in w.value for w in at.warning)
    assert at.dataframe[0].value["period"].between("2024-01", "2024-12").all()


@pytest.mark.parametrize("key,value", [
    ("measures", "'; DROP TABLE area; --"), ("level", "ward"), ("level", "x" * 10_000), ("from", "2021-13"),
    ("to", '" OR 1=1 --'), ("measures", "Burglary' UNION SELECT * FROM meta --"), ("level", "<script>alert(1)</script>"),
])
def test_hostile_url_values_give_a_notice_and_the_default(app_db, key, value):
    at = run({key: value})
    assert not at.exception
    assert "does not recognise" in notices(at)
    assert value not in notices(at)  # never echoed back
    assert at.multiselect(key="measures").value == ["crimes"]
    assert at.selectbox(key="level").value == "district"
