"""Which columns a table draws, so that on a 390 px phone each shows its key columns (area, count, rate,
change, status) without scrolling sideways. Only what is drawn is chosen here: every table's CSV keeps all
its columns, and a grid's column menu can still show the others."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from lancs_dash.models.parts import MISSING_NOTE, Table, printf


@dataclass(frozen=True)
class DistrictColumns:
    """The district table's columns by role, found by position as district_table.ranked orders them (the
    count's label carries the measure's unit, and labels may be reworded): the one place that says which
    column is which."""

    rank: str
    area: str
    division: str
    count: str
    rate: str
    change: str
    change_pct: str
    status: str
    period: str
    compared: str
    code: str

    @classmethod
    def of(cls, frame: pd.DataFrame) -> DistrictColumns:
        return cls(*frame.columns[:11])


def district(frame: pd.DataFrame, unit: str, missing_note: str = MISSING_NOTE, static: bool = False) -> Table:
    """A district table drawing district, count, rate, percentage change and status under short headings, drawn
    static so the status wraps within 390 px (a grid would cut it). The rows are in rank order (the rank itself,
    the change in numbers and the rest are in the CSV); the periods, the same on every row, are given with the
    table."""
    c = DistrictColumns.of(frame)
    divisions = "division, " if frame[c.division].notna().any() else ""  # a force may have none
    return Table.of(frame, missing_note=missing_note, static=static,
                    columns=(c.area, c.count, c.rate, c.change_pct, c.status),
                    labels={c.count: unit.capitalize(), c.rate: "Per 1,000", c.change_pct: "Change"},
                    formats={c.change_pct: ("number", "%+.1f%%")},
                    more=f"The CSV download also has each district's rank, {divisions}change in numbers, periods and "
                         "district code.")


def district_in_card(frame: pd.DataFrame, unit: str) -> Table:
    """The district table inside a chart card, where a phone leaves about 290 px: the change and its status share
    one column, so both wrap there. The frame and the CSV are the district table as made."""
    table = district(frame, unit, static=True)
    c = DistrictColumns.of(frame)
    both = [f"{printf('%+.1f%%', pct)}: {status}" for pct, status in zip(frame[c.change_pct], frame[c.status],
                                                                         strict=True)]
    return replace(table, printed=table.printed.drop(columns=["Change", c.status]).assign(**{"Change: status": both}))


def district_period(frame: pd.DataFrame) -> str:
    """The 12 months a district table's counts and rates cover."""
    return str(frame[DistrictColumns.of(frame).period].iloc[0]) if len(frame) else ""


def district_compared(frame: pd.DataFrame) -> str:
    """The months a district table's change compares ('Jan – Apr 2025 vs Jan – Apr 2024')."""
    compared = frame[DistrictColumns.of(frame).compared].replace("", pd.NA).dropna() if len(frame) else frame
    return str(compared.iloc[0]) if len(compared) else "not given: too few months published"


OUTCOME = "Outcome measure (Appendix D)"


def _outcome(rows: pd.DataFrame) -> pd.Series:
    """Each outcome measure with the open data used for it, when there is any: "… — proxy: <measure>"."""
    used = rows["measure used"].where(~rows["measure used"].isin(["–", "none published"]))
    return (rows["outcome measure (Appendix D)"] + (" — " + rows["data"] + ": " + used).fillna("")).rename(OUTCOME)


def scorecard_part(rows: pd.DataFrame) -> Table:
    """One priority's scorecard rows (figures.scorecard.rows) as read on a phone: the outcome measure with the
    data used, latest value, change and status, drawn static so the text wraps. What improvement means and
    the notes are in the full scorecard and its CSV."""
    shown = pd.concat([_outcome(rows), rows[["latest value", "change", "status"]]], axis=1).reset_index(drop=True)
    return Table.of(shown, csv=False, static=True,
                    labels={"latest value": "Latest value", "change": "Change", "status": "Status"})


def worsening(rows: pd.DataFrame) -> Table:
    """Scorecard rows worsening beyond normal noise, for a meeting slide: priority, outcome measure, the data
    used, change and status (which already says which way is worse)."""
    shown = rows[["priority", "outcome measure (Appendix D)", "measure used", "change", "status"]]
    return Table.of(shown.reset_index(drop=True), csv=False, static=True,
                    labels={"priority": "Priority", "outcome measure (Appendix D)": OUTCOME, "measure used": "Measure used",
                            "change": "Change", "status": "Status"})


def exceptions(frame: pd.DataFrame, csv: bool = True) -> Table:
    """The force comparison's exception list (columns as force_comparison.home_rows orders them: crime type,
    the force's rate, the group's rate, rank, reason), drawn static so the reason reads in full on a phone (a
    grid cuts long text short); the rank, which the reason gives when it counts, is in the CSV. `csv`: False
    where none is offered (a meeting slide)."""
    crime_type, rate, group, _rank, why = frame.columns[:5]
    return Table.of(frame, csv=csv, static=True, columns=(crime_type, rate, group, why),
                    labels={group: "Group per 1,000", why: "Why"})


def force_ranking(frame: pd.DataFrame) -> Table:
    """One crime type's forces (compare.ranked), in rank order, drawn static inside its chart card: force, rate
    and flag, which fit a phone with long flags wrapping. The crime type and period are the card's title and
    caption; ranks, counts, populations and the rest are in the CSV."""
    return Table.of(frame, static=True, columns=("force", "rate_per_1000", "flag"),
                    labels={"force": "Force", "rate_per_1000": "Per 1,000", "flag": "Flag"},
                    more="The CSV download also has each force's rank, crimes and population.")


def hotspots(frame: pd.DataFrame, unit: str) -> Table:
    """Records by small area (queries.lsoa_hotspots, busiest first): the area's name and its count, which fit
    a phone inside the card; the period is the card's caption, and the codes are in the CSV."""
    return Table.of(frame, columns=("lsoa_name", "records"), labels={"lsoa_name": "Small area", "records": unit.capitalize()},
                    more="The CSV download also has each small area's code, its district's code and the period.")


def outcomes(frame: pd.DataFrame) -> Table:
    """How cases ended (queries.outcome_groups with each group's share): outcome, crimes and share, drawn static
    so a long outcome wraps inside the card on a phone; the period is the card's caption and in the CSV."""
    return Table.of(frame, static=True, columns=("outcome_group", "crimes", "share_pct"),
                    labels={"outcome_group": "Outcome", "crimes": "Crimes", "share_pct": "Share (%)"})


def _site(address: str) -> str:
    """An address as its site's name, breakable at its dots so a phone can wrap it: 'gov.\u200buk'."""
    site = re.sub(r"^https?://(?:www\.)?([^/]+).*$", r"\1", str(address))
    return site.replace(".", ".\u200b")


def published(frame: pd.DataFrame, csv: bool | bytes = True) -> Table:
    """Published figures (Figure, Period, Value as published, Area in words as fmt.area_words gives it, Source)
    drawn static in four columns that wrap on a phone: the figure with its area, the period, the value, and the
    source as its site's name (the full address is in the CSV)."""
    table = Table.of(frame, csv=csv, static=True)
    printed = pd.DataFrame({"Figure": frame["Figure"] + ", " + frame["Area"],
                            "Period": frame["Period"], "Value": frame["Value as published"],
                            "Source": frame["Source"].map(_site)})
    return replace(table, printed=printed)
