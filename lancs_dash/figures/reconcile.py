"""police.uk counts beside the official police recorded crime figures for the same area and 12 months.

For every official total (lancs_dash.official) whose period is a known 12 months, the police.uk crimes
(every type except anti-social behaviour) for the same area and months, the difference and the
difference as a share of the official figure. A police.uk count is given only when all 12 months
were published; otherwise the row says which months are missing.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lancs_dash.figures.fmt import fmt_count
from lancs_dash.figures.periods import fmt_month, label_month, months_between
from lancs_dash.read import official, registry

COLUMNS = ["period", "area", "area_code", "months", "police_uk_count", "official_figure", "difference",
           "difference_pct", "official_basis", "note"]


WHY = (
    "**Why the two counts differ.** Both count crimes recorded by {force}, but they are "
    "compiled separately. police.uk shows the force's records as they stood when extracted for publication, "
    "a month or two after each month ends. The official statistics (ONS, from the force's returns to the Home "
    "Office) are checked and revised over the following year, so crimes later cancelled or reclassified drop "
    "out and crimes recorded late are added. Neither counts fraud, which Action Fraud records nationally rather "
    "than the force. Districts add another difference: our police.uk district counts leave out records with no "
    "location (about 1 in 20) or placed outside the force's districts, which are in the force total only, "
    "whereas the official district figures count every offence the force recorded there; and some district "
    "figures come from press reports of the official tables. So the two can differ in either direction. The "
    "gap reflects how each is made, not an error in either: use the official figures for annual totals, and "
    "police.uk for monthly detail, places and crime types.")


def why(force_name: str) -> str:
    """Why police.uk and the official statistics differ, for the force `force_name`."""
    return WHY.format(force=force_name)


DIFFERENCE_NOTE = ("Difference = police.uk count minus the official figure; % = the difference as a share of the "
                   "official figure. Derived official figures are computed from two published figures, as stated.")


def _period_label(period: str) -> str:
    first, last = official.window(period)
    return f"{period} ({label_month(first)} – {label_month(last)})"


def table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The reconciliation table: one row per official 12-month total for the force area or a district."""
    published = {fmt_month(m) for m in pd.to_datetime(
        con.execute("SELECT month FROM policeuk_month").df()["month"]).dt.date}
    rows = []
    for level in ("force", "district"):
        figures = registry.series(con, "official_recorded_crime", level)
        crimes = registry.series(con, "crimes", level)
        crimes = crimes.assign(month=pd.to_datetime(crimes["month"]).dt.strftime("%Y-%m"))
        for f in figures.itertuples(index=False):
            window = official.window(f.period)
            if window is None:  # a bare year or a quarter: not a known 12 months
                continue
            months = [fmt_month(m) for m in months_between(*window)]
            missing = [m for m in months if m not in published]
            count = None
            note = ""
            if len(missing) == len(months):
                note = "no police.uk months for this period are in the data held, so no count is given"
            elif missing:
                note = (f"police.uk did not publish {len(missing)} of these 12 months in the data held "
                        f"({', '.join(missing)}), so no count is given")
            else:
                count = int(crimes.loc[(crimes["area_code"] == f.area_code) & crimes["month"].isin(months),
                                       "value"].sum())
            difference = None if count is None else count - int(f.value)
            rows.append({
                "period": _period_label(f.period), "area": f.area_name, "area_code": f.area_code,
                "months": f"{months[0]} to {months[-1]}", "police_uk_count": count,
                "official_figure": int(f.value), "difference": difference,
                "difference_pct": None if difference is None else round(100 * difference / f.value, 1),
                "official_basis": f.source.removeprefix("Police recorded crime (official statistics), "),
                "note": note})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("police_uk_count", "official_figure", "difference"):
        frame[col] = frame[col].astype("Int64")
    frame["difference_pct"] = frame["difference_pct"].astype("Float64")
    # Matched rows first, newest first; then the official figures police.uk cannot be set beside.
    order = frame["months"].str[-7:]
    return (frame.assign(_matched=frame["police_uk_count"].notna(), _end=order)
            .sort_values(["_matched", "_end", "area_code"], ascending=[False, False, True])
            .drop(columns=["_matched", "_end"]).reset_index(drop=True))


def force_latest(frame: pd.DataFrame, force_code: str) -> pd.Series | None:
    """The newest force-area row with a police.uk count beside it, for the overview."""
    matched = frame[(frame["area_code"] == force_code) & frame["police_uk_count"].notna()]
    return None if matched.empty else matched.iloc[0]


def display(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with both figures, worded for reading on a page (counts with separators, signed changes)."""
    m = frame[frame["police_uk_count"].notna()]
    return pd.DataFrame({
        "Period": m["period"], "Area": m["area"],
        "police.uk count": m["police_uk_count"].map(fmt_count),
        "Official figure": m["official_figure"].map(fmt_count),
        "Difference": m["difference"].map(lambda x: f"{x:+,}"),
        "Difference %": m["difference_pct"].map(lambda x: f"{x:+.1f}%"),
        "Official figure is": m["official_basis"].str.split(" at | \\(").str[0],
    }).reset_index(drop=True)
