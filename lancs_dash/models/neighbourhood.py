"""The neighbourhood page as a model, one per ward: is crime going up here, every police.uk crime type against the
district and the force area, the monthly trend, the ward map and what could not be placed.

A police.uk record belongs to the ward its published (anonymised) point falls in; records with no location are
not placed. Ward counts are small, so counts lead and rates come second, a change too small to judge is "too few
to tell" (figures/small_numbers.py), and the sensitive category is suppressed at ward level as in the downloads.
Rates use the only small-area populations available, Census 2011 usual residents summed from LSOAs by best fit;
the district's and the force area's rates beside them are on the same basis, so like is compared with like.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from lancs_dash.figures import comparison, crime_types, small_numbers, windows
from lancs_dash.figures.comparison import Comparison
from lancs_dash.figures.fmt import fmt_count, fmt_pct
from lancs_dash.models import charts, maps
from lancs_dash.models.parts import MISSING, MISSING_NOTE, Chart, Table, chart
from lancs_dash.models.site import Site
from lancs_dash.read import queries, registry
from lancs_dash.read.snapshot import Snapshot

TOTAL = "crimes"  # the answer and the first trend: every police.uk crime type (ASB apart)
POPULATION_LABEL = "per 1,000 residents (Census 2011)"
HIDDEN_NOTE = (f"Counts of violence and sexual offences under {small_numbers.SUPPRESS_BELOW} are not published for a ward, "
               "nor the next smallest count, which with the ward's total would reveal them.")
MAP_NOTE = ("Violence and sexual offences are not mapped, nor shown month by month, for a ward: at a single point or "
            "in a single month the counts are too small to publish.")


@dataclass(frozen=True)
class Wards:
    """Every ward the database holds, for the ward picker, the postcode box and the district pages' lists."""

    names: dict[str, str]  # ward code -> name, in name order
    district_of: dict[str, str]  # ward code -> district code
    by_district: dict[str, tuple[str, ...]]  # district code -> its ward codes, in name order

    def label(self, code: str, districts: dict[str, str]) -> str:
        """'Fulwood (Preston)': a ward's name with its district's, as the picker lists it (names repeat)."""
        return f"{self.names[code]} ({districts.get(self.district_of[code], '')})"


def wards(snap: Snapshot) -> Wards:
    frame = snap.areas("ward").sort_values(["area_name", "area_code"])
    by_district: dict[str, list[str]] = {}
    for code, district in zip(frame["area_code"], frame["parent_code"], strict=True):
        by_district.setdefault(district, []).append(code)
    return Wards(dict(zip(frame["area_code"], frame["area_name"], strict=True)),
                 dict(zip(frame["area_code"], frame["parent_code"], strict=True)),
                 {d: tuple(codes) for d, codes in by_district.items()})


@dataclass(frozen=True, eq=False)
class Neighbourhood:
    ward_code: str
    ward_name: str
    district_code: str
    district_name: str
    answer: str  # the plain sentence the page opens with: is crime going up here?
    period: str  # the months compared, as the table heads them ('Jan – Apr 2025 vs Jan – Apr 2024')
    why: str  # which months are compared and why, and how a change is judged at these sizes
    counts: Table | None  # every crime type: the ward's counts, change and status (drawn first); None: no comparison
    rates: Table | None  # every crime type per 1,000 (Census 2011): ward, district, force area; None: no population
    population_note: str  # the ward's population and how it was derived, or why there is none
    trend: Chart  # the ward's crimes each month
    trend_choices: tuple[str, ...]  # the crime types a visitor can pick for a second trend (`type_trend`)
    map: Chart
    unplaced: str  # how many of the district's records could not be placed in a ward, in words


def _area_series(snap: Snapshot, measure_id: str, level: str) -> dict[str, pd.Series]:
    """Every area's monthly series of a measure, split once per file."""
    return windows.by_area(snap.series(measure_id, level))


def by_type(snap: Snapshot, level: str, code: str) -> dict[str, pd.Series]:
    """An area's monthly series of every police.uk crime type."""
    empty = pd.Series(dtype=float)
    return {c: snap.derived(_area_series, mid, level).get(code, empty) for c, mid in crime_types.MEASURE_IDS.items()}


def _type_frames(snap: Snapshot, level: str) -> dict[str, pd.DataFrame]:
    """Every area's monthly series of every crime type, a frame an area (a column a type), made once per file: the
    types' verdicts are judged together (crime_types.rows)."""
    long = pd.concat([snap.series(mid, level)[["area_code", "month", "value"]].assign(type=c)
                      for c, mid in crime_types.MEASURE_IDS.items()], ignore_index=True)
    long["month"] = pd.to_datetime(long["month"]).dt.date
    wide = long.pivot(index=["area_code", "month"], columns="type", values="value")
    return {code: part.droplevel("area_code") for code, part in wide.groupby(level="area_code", sort=False)}


def type_frame(snap: Snapshot, level: str, code: str) -> pd.DataFrame:
    """An area's monthly series of every police.uk crime type, a column a type (shared: never modify it)."""
    return snap.derived(_type_frames, level).get(code, pd.DataFrame())


def total(snap: Snapshot, level: str, code: str) -> pd.Series:
    """An area's monthly crimes (every police.uk crime type but ASB)."""
    return snap.derived(_area_series, TOTAL, level).get(code, pd.Series(dtype=float))


def _census2011(snap: Snapshot) -> tuple[dict[str, float], dict[str, float], float, str]:
    """Census 2011 residents: each ward's, each district's (its wards' sum) and the force area's (every ward's),
    and the source's words."""
    pops = snap.populations("ward")
    ward_pop = dict(zip(pops["area_code"], pops["population"].astype(float), strict=True))
    index = snap.derived(wards)
    district_pop: dict[str, float] = {}
    for code, pop in ward_pop.items():
        district = index.district_of.get(code)
        district_pop[district] = district_pop.get(district, 0.0) + pop
    source = str(pops["source"].iloc[0]) if len(pops) else ""
    return ward_pop, district_pop, sum(ward_pop.values()), source


def answer(ward: str, total: pd.Series, c: Comparison | None) -> str:
    """Is crime going up in the ward? Counts first; the verdict by the one rule, or "too few to tell"."""
    if c is None:
        run = comparison.published_run(total)
        if run is None:
            return f"No police.uk records are published for {ward}."
        return (f"In {ward}, {fmt_count(run.total)} crimes were recorded in {run.words}. No earlier months are "
                "published to compare with, so we cannot say whether crime is going up.")
    verdict = small_numbers.verdict(total, registry.get(TOTAL).direction)
    cur, prev = c.current.total, c.previous.total
    pct = small_numbers.percent(cur - prev, prev)
    moved = ("the same number" if cur == prev else
             f"{fmt_count(abs(cur - prev))} {'more' if cur > prev else 'fewer'}"
             + (f", {'up' if cur > prev else 'down'} {fmt_pct(abs(pct))}" if pct is not None else ""))
    said = {
        "worsening": "That is more than the usual ups and downs, so crime is going up here.",
        "improving": "That is more than the usual ups and downs, so crime is going down here.",
        "no clear change": "That is within the usual ups and downs, so crime is not clearly going up or down here.",
        "too few to tell": ("The counts are too small to tell whether crime is going up or down: a change this size is "
                            "within normal variation for so few records."),
    }[verdict.status]
    return (f"In {ward}, {fmt_count(cur)} crimes were recorded in {c.current.words} against {fmt_count(prev)} in "
            f"{c.against} ({moved}). {said}")


def counts_table(rows: pd.DataFrame, c: Comparison, area: str) -> Table:
    """Every crime type's counts in the months compared, the change and its status (crime_types.rows), drawn static
    so the status wraps on a phone; the CSV adds the change in per cent, the notes and the area."""
    cur, prev = c.current.label, c.previous.label
    frame = pd.DataFrame({
        crime_types.TYPE: rows[crime_types.TYPE],
        cur: rows["current"], prev: rows["previous"], "Change": rows["change"], "Change (%)": rows["change_pct"],
        "Status": rows["status"], "Note": rows["note"], "Area": area})
    table = Table.of(frame, static=True, columns=(crime_types.TYPE, cur, prev, "Change", "Status"),
                     missing_note=f"A dash (–) means the figure is hidden. {HIDDEN_NOTE}"
                     if rows["note"].ne("").any() else MISSING_NOTE,
                     more="The CSV download also has the notes and the area. A change in per cent is given only on a "
                          f"base of at least {small_numbers.SMALL_COUNT}.")
    # The change drawn with its percentage where one is given: '+12 (+8.5%)', '-3', '0'.
    said = [change_words(n, pct) for n, pct in zip(rows["change"], rows["change_pct"], strict=True)]
    return replace(table, printed=table.printed.assign(Change=said),
                   formats={col: how for col, how in table.formats.items() if col != "Change"})


def change_words(change: float | None, pct: float | None) -> str:
    if change is None or pd.isna(change):
        return MISSING
    number = f"{change:+,.0f}" if change else "0"
    return number + (f" ({pct:+.1f}%)" if change and pct is not None and not pd.isna(pct) else "")


def _rates_table(rows: pd.DataFrame, ward_rows: pd.DataFrame, c: Comparison, pops: tuple[float, float, float],
                 names: tuple[str, str, str]) -> Table:
    """Rates over the current months: the ward's, its district's and the force area's, each on Census 2011."""
    ward_pop, district_pop, force_pop = pops
    ward, district, force = names
    frame = pd.DataFrame({
        crime_types.TYPE: ward_rows[crime_types.TYPE],
        ward: ward_rows["current"].map(lambda n: windows.rate(n, ward_pop) if pd.notna(n) else None),
        district: rows["district"].map(lambda n: windows.rate(n, district_pop)),
        force: rows["force"].map(lambda n: windows.rate(n, force_pop)),
        "Period": c.current.label}).astype({ward: "float64", district: "float64", force: "float64"})
    return Table.of(frame, static=True, columns=(crime_types.TYPE, ward, district, force),
                    formats={col: ("number", "%,.1f") for col in (ward, district, force)},
                    missing_note=f"A dash (–) means the figure is hidden. {HIDDEN_NOTE}")


def _trend(snap: Snapshot, site: Site, key: str, title: str, series: pd.Series, unit: str, area: str, source: str,
           about: str) -> Chart:
    frame = pd.DataFrame({"month": pd.to_datetime(pd.Series(series.index)), "value": series.to_numpy()})
    months = frame["month"]
    return chart(key=key, title=title, period=f"{months.min():%b %Y} – {months.max():%b %Y}",
                 figure=charts.trend_spec(frame, f"{unit.capitalize()} per month", plan=snap.plan.period),
                 alt_text=charts.trend_alt_text(frame, title.split(" each month")[0], area),
                 table=frame.assign(month=months.dt.strftime("%Y-%m"), area=area).rename(
                     columns={"month": "period", "value": unit}), source=source, about=about, built=site.built)


def _points(snap: Snapshot) -> dict[str, pd.DataFrame]:
    """The latest month's records at each police.uk point of every ward, the sensitive category left out (it is not
    mapped for a ward): ward code -> its points' month, lon, lat, records and what they were in words, made once per
    file (split once, not filtered from every ward's points for each ward)."""
    points = queries.ward_points(snap.cursor())
    points = points[~points["category"].map(crime_types.sensitive)].sort_values(
        ["ward_code", "lon", "lat", "n", "category"], ascending=[True, True, True, False, True])
    said = points.assign(said=points["n"].astype(str) + " " + points["category"].str.lower())
    every = said.groupby(["ward_code", "lon", "lat"], as_index=False, sort=True).agg(
        month=("month", "first"), records=("n", "sum"), types=("said", "; ".join))
    at = every.groupby("ward_code", sort=False).indices
    return {code: every.iloc[at.get(code, [])] for code in snap.derived(wards).names}


def _ward_outlines(snap: Snapshot) -> pd.DataFrame:
    return queries.ward_outlines(snap.cursor())


def _outlines(snap: Snapshot, district_code: str) -> maps.Districts:
    """The district's wards, for the ward map (made once per district)."""
    outlines = snap.derived(_ward_outlines)
    index = snap.derived(wards)
    return maps.districts(outlines[outlines["area_code"].isin(index.by_district.get(district_code, ()))])


def _map(snap: Snapshot, site: Site, code: str, name: str, district_code: str) -> Chart:
    month = snap.derived(_latest_month)
    mine = snap.derived(_points)[code]
    figure = maps.neighbourhood(mine[["lon", "lat", "records", "types"]], snap.derived(_outlines, district_code), code)
    period = f"{month:%B %Y}"
    m = registry.get(TOTAL)
    return chart(key=f"neighbourhood-{code}-map", title=f"Where records were placed in {name}, {period}",
                 period=period, figure=figure,
                 alt_text=(f"Map of {site.districts.get(district_code, '')}'s wards with {name} outlined, and "
                           f"{len(mine)} police.uk map points inside it holding {int(mine['records'].sum()):,} "
                           f"records in {period}. The table lists every point."),
                 table=Table.of(mine.assign(ward=name, month=f"{month:%Y-%m}")[
                     ["ward", "month", "lat", "lon", "records", "types"]],
                     columns=("types", "records"), labels={"types": "Records at the point", "records": "Records"}),
                 source=m.cited(snap.force),
                 about=(f"{registry.POLICEUK_LIMITS} Each circle is one of police.uk's anonymised map points, which "
                        "stand for a street or place near where the record happened, never an address. "
                        f"{MAP_NOTE}"), built=site.built)


def _latest_month(snap: Snapshot) -> pd.Timestamp:
    """The newest month police.uk published: the month the ward maps show."""
    return pd.to_datetime(snap.coverage("policeuk").query("status == 'present'")["month"]).max()


def _current_totals(snap: Snapshot, level: str, code: str, start, end) -> dict[str, float]:
    """An area's count of every crime type from `start` to `end` (the district's and the force area's are beside
    every one of their wards')."""
    return {t: float(s[(s.index >= start) & (s.index <= end)].sum()) for t, s in by_type(snap, level, code).items()}


def _unplaced(snap: Snapshot, district_code: str, district_name: str, c: Comparison | None) -> str:
    """How many of the district's records in the current months could not be placed in a ward, in words (the same for
    every ward of the district, so made once for it)."""
    if c is None:
        return ""
    return snap.derived(_unplaced_words, district_code, district_name, c.current.start, c.current.end)


def _unplaced_words(snap: Snapshot, district_code: str, district_name: str, start, end) -> str:
    span = comparison.Span(start, end, 0.0)
    frame = queries.ward_unplaced(snap.cursor(), start, end)
    in_district = int(frame.loc[frame["district_code"] == district_code, "n"].sum())
    nowhere = int(frame.loc[frame["district_code"].isna(), "n"].sum())
    total = sum(snap.derived(_current_totals, "district", district_code, start, end).values())
    force_total = sum(snap.derived(_current_totals, "force", snap.areas("force")["area_code"].iloc[0],
                                   start, end).values())
    district = (f"every one of {district_name}'s {fmt_count(total)} police.uk records was placed in a ward"
                if not in_district else
                f"{fmt_count(in_district)} of {district_name}'s {fmt_count(total)} police.uk records could not be "
                "placed in a ward: their published point falls in no ward")
    force = (f" Across {snap.force.short_name}, {fmt_count(nowhere)} records ({100 * nowhere / force_total:.1f}%) "
             "have no published location at all, so no district or ward can hold them: they are in the force "
             "area's figures only." if nowhere and force_total else "")
    return f"In {span.words}, {district}.{force}"


# A sensitive category's monthly ward counts are too small to publish, so it has no trend of its own for a ward.
TREND_CHOICES = tuple(c for c in crime_types.MEASURE_IDS if not crime_types.sensitive(c))


def type_trend(snap: Snapshot, site: Site, ward_code: str, category: str) -> Chart:
    """One crime type's monthly trend in a ward (one of TREND_CHOICES). Made when a visitor picks it, not published:
    each is seldom seen, and 13 a ward would multiply the publish time."""
    if category not in TREND_CHOICES:
        raise ValueError(f"no ward trend for {category!r}; the choices are {', '.join(TREND_CHOICES)}")
    index = snap.derived(wards)
    name = index.names[ward_code]
    shown_name = f"{name} ({site.districts.get(index.district_of[ward_code], '')})"
    m = registry.get(crime_types.MEASURE_IDS[category])
    return _trend(snap, site, f"neighbourhood-{ward_code}-{m.id}", f"{category} each month, {name}",
                  by_type(snap, "ward", ward_code)[category], m.unit, shown_name, m.cited(snap.force), m.limitations)


def build(snap: Snapshot, site: Site, ward_code: str) -> Neighbourhood:
    index = snap.derived(wards)
    name, district_code = index.names[ward_code], index.district_of[ward_code]
    district_name = site.districts.get(district_code, district_code)
    force_name = snap.force.short_name
    crimes = total(snap, "ward", ward_code)
    c = comparison.choose(crimes)
    shown_name = f"{name} ({district_name})"
    m = registry.get(TOTAL)
    trend = _trend(snap, site, f"neighbourhood-{ward_code}-crimes", f"All crimes each month, {name}", crimes,
                   "crimes", shown_name, m.cited(snap.force), m.limitations)
    ward_pops, district_pops, force_pop, pop_source = snap.derived(_census2011)
    pop = ward_pops.get(ward_code)
    if c is None:
        counts = rates = None
        period = why = ""
    else:
        ward_rows = crime_types.rows(type_frame(snap, "ward", ward_code), "ward")
        counts = counts_table(ward_rows, c, shown_name)
        span = (c.current.start, c.current.end)
        district = snap.derived(_current_totals, "district", district_code, *span)
        force = snap.derived(_current_totals, "force", snap.areas("force")["area_code"].iloc[0], *span)
        beside = pd.DataFrame({"district": ward_rows[crime_types.TYPE].map(district),
                               "force": ward_rows[crime_types.TYPE].map(force)})
        rates = None if pop is None else _rates_table(
            beside, ward_rows, c, (pop, district_pops.get(district_code, 0.0), force_pop),
            (name, district_name, force_name))
        period = c.label
        why = f"{c.why} {small_numbers.METHOD}"
    population_note = (
        f"{name} had {fmt_count(pop)} usual residents at the 2011 Census ({pop_source}). Rates are {POPULATION_LABEL}; "
        f"{district_name}'s and {force_name}'s beside them are the sums of their wards on the same basis."
        if pop is not None else
        f"No population can be given for {name}: no Census 2011 small area (LSOA) has its centre inside the ward, so "
        "its residents are counted in a neighbouring ward's. Counts only are shown.")
    return Neighbourhood(
        ward_code, name, district_code, district_name, answer(shown_name, crimes, c), period, why, counts, rates,
        population_note, trend, TREND_CHOICES, _map(snap, site, ward_code, name, district_code),
        _unplaced(snap, district_code, district_name, c))
