"""A database snapshot: one loaded file, opened read-only, that every figure of a page model is read from.

The snapshot is passed explicitly to whatever reads, so one model never mixes two files even if the loader
swaps a new one in meanwhile. Results that several models read (a measure's series, areas, populations)
are kept on the snapshot, so each is queried once per file; so are values derived from them that many pages
share (`derived`: a measure's district table, the outlines every map draws).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from lancs_dash.read import db, plan, queries, registry
from lancs_dash.read.force import Force, from_meta

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Snapshot:
    path: Path
    version: int  # the file's modification time (ns): changes whenever the loader swaps in a new file
    con: duckdb.DuckDBPyConnection
    _memo: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, path: Path, version: int | None = None) -> Snapshot:
        path = Path(path)
        return cls(path, os.stat(path).st_mtime_ns if version is None else version, db.connect(path))

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on this file for the calling thread (sessions run on threads)."""
        return db.cursor(self.con)

    def close(self) -> None:
        self.con.close()

    def _kept(self, key: tuple, make: Callable[[], T]) -> T:
        # Made outside the lock (two threads may both make a value; the first kept wins), kept under it.
        if key not in self._memo:
            value = make()
            with self._lock:
                self._memo.setdefault(key, value)
        return self._memo[key]

    def _once(self, key: tuple, read: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        return self._kept(key, lambda: read(self.cursor()))

    def derived(self, make: Callable[..., T], *args: Hashable) -> T:
        """`make(self, *args)`, made once per file whichever page or district asks (`make` is a module-level
        function, so it names the value). Shared between pages and threads: callers never modify it."""
        return self._kept(("derived", make, *args), lambda: make(self, *args))

    def series(self, measure_id: str, level: str) -> pd.DataFrame:
        """A registry measure's monthly values at `level` (shared: never modify the frame)."""
        return self._once(("series", measure_id, level), lambda c: registry.series(c, measure_id, level))

    def areas(self, level: str) -> pd.DataFrame:
        return self._once(("areas", level), lambda c: queries.areas(c, level))

    def populations(self, level: str) -> pd.DataFrame:
        return self._once(("populations", level), lambda c: queries.populations(c, level))

    def coverage(self, source: str) -> pd.DataFrame:
        return self._once(("coverage", source), lambda c: queries.coverage(c, source))

    def meta(self) -> dict[str, str]:
        return self._once(("meta",), queries.meta)

    @property
    def force(self) -> Force:
        """The force this file describes (recorded by the loader)."""
        return self._kept(("force",), lambda: from_meta(self.meta()))

    @property
    def plan(self) -> plan.Plan:
        """The Plan this file's force is shown against (its data file), or the open-data pages without one."""
        return plan.for_force(self.force.slug)

    def force_population(self) -> float:
        return float(self.populations("force")["population"].iloc[0])

    @property
    def data_version(self) -> str:
        """What names this file's data (the loader's meta data_version; a file from before it, its mtime)."""
        return self.meta().get("data_version") or f"mtime-{self.version}"
