"""The official police recorded crime series: total recorded crime for the force area and its districts,
as published (official/crime_recorded_lancashire.csv), plus figures derived from published ones.

A derived figure is never a guess: the year before a published financial-year total is that total minus
the published change on the year, and it is only derived when that year's total is not itself published.
Every row says whether it is published or derived, and how.
"""

from __future__ import annotations

import re
from datetime import date

from lancs_dash.config import LICENCE
from lancs_dash.periods import add_months

TOTALS = ("recorded_crime_excl_fraud", "recorded_crime_total")
CHANGE = "recorded_crime_excl_fraud_change"

SOURCE = (f"Police recorded crime (official statistics, ONS / Home Office), as published by Lancashire County "
          f"Council and reported in the local press ({LICENCE})")
LIMITATIONS = (
    "Total police recorded crime for the area and period named, as published: offences excluding fraud where the "
    "publisher says so (force-area totals), otherwise the total as reported (district figures, from ONS community "
    "safety partnership tables quoted by the local press). Periods are financial years (e.g. 2021/22), years "
    "ending a month (e.g. YE Mar 2022) or, where the publisher did not say which 12 months, a bare year. "
    "Rows marked derived are computed from two published figures, as stated in their source.")

# One row per figure at $level: the published totals, then totals derived as (published total) minus
# (published change on the previous year) for financial years with no published total.
SQL = """
WITH pub AS (
    SELECT f.area_code, f.period, f.value, f.source_url
    FROM official_figure f
    WHERE list_contains($totals, f.measure) AND f.unit = 'offences' AND f.value IS NOT NULL
),
derived AS (
    SELECT t.area_code,
           printf('%d/%02d', left(t.period, 4)::INT - 1, left(t.period, 4)::INT % 100) AS period,
           t.value - c.value AS value,
           format('derived: the published {} total of {:,} minus its published change on the year of {:,} ({})',
                  t.period, t.value::BIGINT, c.value::BIGINT, t.source_url) AS source_url
    FROM official_figure t
    JOIN official_figure c ON c.area_code = t.area_code AND c.period = t.period AND c.measure = $change
    WHERE t.measure = 'recorded_crime_excl_fraud' AND regexp_full_match(t.period, '\\d{4}/\\d{2}')
      AND t.value IS NOT NULL AND c.value IS NOT NULL
),
figures AS (
    SELECT *, 'published' AS basis FROM pub
    UNION ALL
    SELECT d.*, 'derived' FROM derived d
    WHERE NOT EXISTS (SELECT 1 FROM pub p WHERE p.area_code = d.area_code AND p.period = d.period)
)
SELECT a.area_code, a.area_name, f.period, f.value::BIGINT AS value, format('{:,}', f.value::BIGINT) AS value_text,
       'offences' AS unit, f.basis,
       'Police recorded crime (official statistics), '
       || CASE WHEN f.basis = 'published' THEN 'published at ' || f.source_url ELSE f.source_url END
       || ' ({licence})' AS source
FROM figures f JOIN area a ON a.area_code = f.area_code AND a.area_level = $level
ORDER BY a.area_code, f.period
""".replace("{licence}", LICENCE)

_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                        "Dec"), start=1)}


def window(period: str) -> tuple[date, date] | None:
    """The 12 months an official period covers, first and last; None when it is not a known 12 months.

    '2021/22' is April 2021 to March 2022; 'YE Mar 2022' is April 2021 to March 2022. A bare year ('2021')
    is None: its publisher did not say whether it is a calendar or financial year.
    """
    if m := re.fullmatch(r"(\d{4})/(\d{2})", period):
        first = date(int(m.group(1)), 4, 1)
        return (first, add_months(first, 11)) if (first.year + 1) % 100 == int(m.group(2)) else None
    if (m := re.fullmatch(r"YE (\w{3}) (\d{4})", period)) and m.group(1) in _MONTHS:
        last = date(int(m.group(2)), _MONTHS[m.group(1)], 1)
        return add_months(last, -11), last
    return None


def period_month(period: str) -> str | None:
    """The last month (YYYY-MM) of a published period, for filtering by month; None when not known."""
    if (m := re.fullmatch(r"\w{3}-(\w{3}) (\d{4})", period)) and m.group(1) in _MONTHS:  # a quarter, 'Apr-Jun 2020'
        return f"{m.group(2)}-{_MONTHS[m.group(1)]:02d}"
    w = window(period)
    return None if w is None else f"{w[1]:%Y-%m}"
