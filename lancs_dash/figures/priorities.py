"""Which of its Plan's pages a database can show. The Plan itself is data (data/plans/<force>.toml, read by
lancs_dash/read/plan.py): a force's priorities, or, for a force with no Plan file, its open-data pages."""

from __future__ import annotations

import duckdb

from lancs_dash.figures import budget, national
from lancs_dash.read.force import Force
from lancs_dash.read.plan import Plan, Priority
from lancs_dash.read.snapshot import Snapshot

# Pages that exist only where the database holds their figures, so a force without them gets no empty page.
HELD_SQL = """
SELECT
    (SELECT count(*) > 0 FROM stats19_month) AS stats19,
    (SELECT count(*) > 0 FROM official_figure WHERE area_code = $pfa AND list_contains($national, source_file)) AS national,
    (SELECT count(*) > 0 FROM official_figure WHERE area_code = $pfa AND list_contains($finance, source_file)) AS budget,
    (SELECT count(*) > 0 FROM area WHERE area_level = 'ward') AS wards
"""
NATIONAL_FILES = sorted({m.published.source_file for m in national.MEASURES if m.published})
EVERYTHING = frozenset({"stats19", "national", "budget", "wards"})


def held(con: duckdb.DuckDBPyConnection, force: Force) -> frozenset[str]:
    """The optional sources a database holds for its force: 'stats19', 'national' (the force's published outcome
    figures), 'budget' (its published finance figures) and 'wards' (police.uk records placed in wards)."""
    row = con.execute(HELD_SQL, {"pfa": force.pfa_code, "national": NATIONAL_FILES,
                                 "finance": [budget.FINANCE, budget.BAND_D]}).df().iloc[0]
    return frozenset(k for k, v in row.items() if v)


def shown(plan: Plan, has: frozenset[str]) -> tuple[Priority, ...]:
    """The Plan's priorities (or open-data groups) with a page, in Plan order: those whose source is held."""
    return tuple(p for p in plan.priorities if not p.requires or p.requires in has)


def _held(snap: Snapshot) -> frozenset[str]:
    return held(snap.cursor(), snap.force)


def held_in(snap: Snapshot) -> frozenset[str]:
    return snap.derived(_held)


def of(snap: Snapshot) -> tuple[Priority, ...]:
    """The priorities with a page for this database (made once per file)."""
    return shown(snap.plan, held_in(snap))
