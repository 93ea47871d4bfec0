"""The Police and Crime Plan a database is shown against, read from its data file (data/plans/<force slug>.toml).

A Plan is data, not code: its title, period, priorities (commitments in our own words, headline and district
measures, Appendix D outcome measures with their data status) and the Plan reference of each measure. A force
with no Plan file is shown against data/plans/open-data.toml: one page per group of police.uk crime types, with
no Plan wording, commitments or outcome measures, never another force's Plan.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, get_args

from lancs_dash.config import DATA_DIR
from lancs_dash.read import registry

PLANS_DIR = DATA_DIR / "plans"
OPEN_DATA = PLANS_DIR / "open-data.toml"

Status = Literal["measured", "proxy", "none"]
# What a page needs the database to hold beyond police.uk (figures/priorities.held says which are held).
Requirement = Literal["", "stats19"]


@dataclass(frozen=True)
class OutcomeMeasure:
    text: str  # the Appendix D measure, paraphrased
    status: Status
    measure_id: str | None = None  # registry measure used when measured or proxy
    note: str = ""  # for a proxy: what and why; for none: what data would be needed


@dataclass(frozen=True)
class Priority:
    id: str
    title: str
    section: str  # where in the Plan ("" for an open-data group)
    commitments: tuple[str, ...]  # our own summary of what the Plan commits to
    headline_measures: tuple[str, ...]  # the registry measures the page leads with, the first for the trend
    outcomes: tuple[OutcomeMeasure, ...]
    district_measure: str  # the registry measure the district table ranks
    force_rates: tuple[str, ...] = ()  # registry.FORCE_RATES compared between forces for this priority
    sensitive: bool = False  # small district counts are suppressed
    icon: str = ":material/article:"
    nav_title: str = ""  # the navigation's shorter label; empty: the title
    requires: Requirement = ""  # a page only where the database holds this source
    layout: str = ""  # a designed page layout (models/priority.LAYOUTS); empty: one made from the measures

    @property
    def url_path(self) -> str:
        """The page's address: the id with underscores (/organised_crime), as the page files were named."""
        return self.id.replace("-", "_")

    @property
    def label(self) -> str:
        return self.nav_title or self.title


@dataclass(frozen=True)
class Plan:
    file: str  # the data file's name, for messages
    title: str  # "Police and Crime Plan for Lancashire 2021-25"; for open data, what the pages are instead
    period: tuple[str, str] | None  # first and last month (YYYY-MM); None for open data
    priorities: tuple[Priority, ...]
    refs: Mapping[str, str]  # registry measure id -> the Plan section or outcome it speaks to
    contact: str = ""  # who answers questions about the Plan, and where (Markdown); "" for open data

    @property
    def is_plan(self) -> bool:
        """A published Police and Crime Plan, not the open-data pages of a force without one."""
        return self.period is not None

    def get(self, priority_id: str) -> Priority:
        try:
            return next(p for p in self.priorities if p.id == priority_id)
        except StopIteration:
            raise KeyError(f"{self.file} has no priority {priority_id!r}; it has "
                           f"{', '.join(p.id for p in self.priorities)}") from None

    def all_outcomes(self) -> list[tuple[Priority, OutcomeMeasure]]:
        return [(p, o) for p in self.priorities for o in p.outcomes]


class PlanError(ValueError):
    """A Plan file that cannot be read as a Plan: the message names the file and the key."""


def _need(table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any:
    if key not in table:
        if default is ...:
            raise PlanError(f"{where}: missing key {key!r}")
        return default
    value = table[key]
    if not isinstance(value, kind) or (kind is str and not value and default is ...):
        raise PlanError(f"{where}: key {key!r} must be a non-empty {getattr(kind, '__name__', kind)}, not {value!r}")
    return value


def _strings(table: Mapping[str, Any], key: str, where: str, default: Any = ...) -> tuple[str, ...]:
    values = _need(table, key, list, where, default)
    if not all(isinstance(v, str) and v for v in values):
        raise PlanError(f"{where}: key {key!r} must be a list of non-empty strings")
    return tuple(values)


def _measure(measure_id: str, where: str, key: str) -> str:
    if measure_id not in registry.MEASURES:
        raise PlanError(f"{where}: {key} {measure_id!r} is not a registry measure; known: {', '.join(registry.MEASURES)}")
    return measure_id


def _outcome(t: Mapping[str, Any], where: str) -> OutcomeMeasure:
    status = _need(t, "status", str, where)
    if status not in get_args(Status):
        raise PlanError(f"{where}: status {status!r} must be one of {', '.join(get_args(Status))}")
    measure = t.get("measure")
    if (measure is None) != (status == "none"):
        raise PlanError(f"{where}: a {status!r} outcome {'has no' if status == 'none' else 'needs a'} 'measure'")
    if status == "none":  # what would be needed, said the same way for every one
        note = f"Would need {_need(t, 'needs', str, where)}."
    else:
        note = _need(t, "note", str, where)
    return OutcomeMeasure(_need(t, "text", str, where), status,
                          None if measure is None else _measure(measure, where, "measure"), note)


def _priority(t: Mapping[str, Any], where: str, is_plan: bool) -> Priority:
    where = f"{where} {t.get('id', '?')!r}"
    headline = tuple(_measure(m, where, "headline measure") for m in _strings(t, "headline_measures", where))
    if not headline:
        raise PlanError(f"{where}: 'headline_measures' is empty")
    rates = _strings(t, "force_rates", where, [])
    if unknown := [r for r in rates if r not in registry.FORCE_RATES]:
        raise PlanError(f"{where}: force_rates {unknown} are not in registry.FORCE_RATES")
    outcomes = tuple(_outcome(o, f"{where} outcome {n + 1}") for n, o in enumerate(_need(t, "outcomes", list, where, [])))
    section, commitments = _need(t, "section", str, where, ""), _strings(t, "commitments", where, [])
    if is_plan and not (section and commitments and outcomes):
        raise PlanError(f"{where}: a Plan priority needs 'section', 'commitments' and 'outcomes'")
    if not is_plan and (section or commitments or outcomes):
        raise PlanError(f"{where}: an open-data page has no Plan 'section', 'commitments' or 'outcomes'")
    requires = _need(t, "requires", str, where, "")
    if requires not in get_args(Requirement):
        raise PlanError(f"{where}: requires {requires!r} must be one of {', '.join(filter(None, get_args(Requirement)))}")
    return Priority(
        _need(t, "id", str, where), _need(t, "title", str, where), section, commitments, headline, outcomes,
        _measure(_need(t, "district_measure", str, where), where, "district_measure"), rates,
        _need(t, "sensitive", bool, where, False), _need(t, "icon", str, where, Priority.icon),
        _need(t, "nav_title", str, where, ""), requires, _need(t, "layout", str, where, ""))


def read(path: Path) -> Plan:
    """The Plan in `path`, checked: every key present and of its kind, every measure one the registry has."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise PlanError(f"{path.name}: {e}") from e
    where = path.name
    period = _strings(data, "period", where, None) if "period" in data else None
    if period is not None and (len(period) != 2 or not all(len(m) == 7 and m[4] == "-" for m in period)):
        raise PlanError(f"{where}: 'period' must be the first and last month, e.g. [\"2021-04\", \"2025-03\"]")
    items = _need(data, "priorities", list, where)
    found = tuple(_priority(t, f"{where} priority", period is not None) for t in items)
    if not found or len({p.id for p in found}) != len(found):
        raise PlanError(f"{where}: 'priorities' must be a non-empty list with unique ids")
    refs = _need(data, "refs", dict, where, {})
    for measure_id, ref in refs.items():
        _measure(measure_id, f"{where} refs", "measure")
        if not isinstance(ref, str) or not ref:
            raise PlanError(f"{where}: refs.{measure_id} must be a non-empty string")
    return Plan(where, _need(data, "title", str, where), period and (period[0], period[1]), found,
                MappingProxyType(dict(refs)), _need(data, "contact", str, where, ""))


def file_for(force_slug: str) -> Path:
    """The force's Plan file, or the open-data pages' when the force has none."""
    own = PLANS_DIR / f"{force_slug}.toml"
    return own if own.is_file() else OPEN_DATA


@functools.cache
def for_force(force_slug: str) -> Plan:
    return read(file_for(force_slug))
