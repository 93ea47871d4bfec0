"""Altair chart specs shared by the pages, meeting mode and the printed pack.

Gaps stay gaps: missing months are added as empty values so the line breaks instead of bridging
them. Alt text is given where a chart is shown (see ui.components.chart_card).

Encodings are given as channel objects (alt.X("month:T"), alt.Text(...)), never as shorthand strings: altair
turns each string into its channel by hashing every class of its schema, several milliseconds a string. Layers
drawing one frame get it from their layer chart (alt.layer(..., data=frame)), as altair would hoist it, but without
hashing each layer and its frame's text to do so.
"""

from __future__ import annotations

import copy
import functools
import json
import textwrap
from collections.abc import Iterable, Mapping
from datetime import date

import altair as alt
import pandas as pd
from altair.vegalite.v6.api import _dataset_name  # the name to_dict gives a layer's data

from lancs_dash.figures.periods import add_months, months_between, parse_month

# Colours that pass WCAG 2.2 on the white chart background: every mark at least 3:1 (1.4.11) and every text 4.5:1
# (1.4.3). They are written into each spec's config, which Streamlit's chart theme (whose light-blue second series
# and grey axis text fail) only fills in around, never overrides.
BACKGROUND = "#ffffff"
TEXT = "#0b0c0c"  # GOV.UK text colour, 19.6:1
EDGE = "#505a5f"  # GOV.UK secondary text colour, 7.1:1: outlines and rules that carry meaning
# Series in this order: blue 5.2:1, dark orange 4.5:1, green 6.2:1, magenta 7.2:1, grey 7.1:1, purple 10.1:1. Red is
# kept for "worst 10% of forces" (STATUS_COLOURS), so no ordinary series is ever red.
PALETTE = ("#1d70b8", "#b26200", "#00703c", "#912b88", "#505a5f", "#4c2c92")
CONFIG = {
    "background": BACKGROUND,
    "range": {"category": list(PALETTE)},
    "mark": {"color": PALETTE[0]},
    "text": {"color": TEXT},
    # Vega-Lite draws these at 0.7 opacity by default, which would take the blue below 3:1.
    **{kind: {"opacity": 1} for kind in ("point", "circle", "square", "tick")},
    "axis": {"labelColor": TEXT, "titleColor": TEXT},
    "legend": {"labelColor": TEXT, "titleColor": TEXT},
    "title": {"color": TEXT, "subtitleColor": TEXT},
    "header": {"labelColor": TEXT, "titleColor": TEXT},
}


def merged(base: Mapping, over: Mapping) -> dict:
    """`over` laid on `base`, dict by dict (a shallow merge would drop, say, the axis colours with a font size)."""
    out = dict(base)
    for key, value in over.items():
        out[key] = merged(out[key], value) if isinstance(value, Mapping) and isinstance(out.get(key), Mapping) else value
    return out


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite dict (data inlined, no schema validation) with the accessible colours in its config."""
    made = chart.to_dict(validate=False)
    return {**made, "config": merged(CONFIG, made.get("config", {}))}


def wrapped(labels: Iterable[str], width: int = 28) -> str:
    """A labelExpr writing each category name longer than `width` characters on several lines, broken between
    words: a lookup of the names given, since a Vega expression cannot loop. Other labels stay as they are."""
    lines = {name: textwrap.wrap(name, width) for name in dict.fromkeys(map(str, labels)) if len(name) > width}
    return f"({json.dumps(lines, ensure_ascii=False)})[datum.label] || datum.label" if lines else "datum.label"


def line_count(labels: Iterable[str], width: int = 28) -> int:
    return max((len(textwrap.wrap(str(name), width)) or 1 for name in labels), default=1)


# A long label on up to three lines, broken at " — " and before " (": one line would be cut on a phone.
_DASH, _REST, _PAREN = "indexof(datum.label, ' — ')", "substring(datum.label, indexof(datum.label, ' — ') + 1)", "' ('"
LINES = (f"{_DASH} > 0 ? (indexof({_REST}, {_PAREN}) > 0 ? [substring(datum.label, 0, {_DASH}), "
             f"substring({_REST}, 0, indexof({_REST}, {_PAREN})), substring({_REST}, indexof({_REST}, {_PAREN}) + 1)] "
             f": [substring(datum.label, 0, {_DASH}), {_REST}]) "
             f": indexof(datum.label, {_PAREN}) > 0 ? [substring(datum.label, 0, indexof(datum.label, {_PAREN})), "
             f"substring(datum.label, indexof(datum.label, {_PAREN}) + 1)] : datum.label")
# Below the chart, one entry a line: a row of entries runs off a phone-width chart.
LEGEND = {"orient": "bottom", "columns": 1, "labelLimit": 260, "labelExpr": LINES}


def with_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Add a row with an empty value for every month missing between the first and last month."""
    months = pd.to_datetime(frame["month"]).dt.date
    if months.empty:
        return frame.assign(month=pd.to_datetime(frame["month"]))
    every = months_between(min(months), max(months))
    if len(every) == len(months) and months.tolist() == every:  # none missing: the join would change nothing
        rest = [col for col in frame.columns if col != "month"]
        return frame.assign(month=pd.to_datetime(months))[["month", *rest]].reset_index(drop=True)
    full = pd.DataFrame({"month": every})
    keyed = frame.assign(month=months)
    return full.merge(keyed, on="month", how="left").assign(month=lambda d: pd.to_datetime(d["month"]))


Period = tuple[str, str] | None  # a Plan's first and last month (read/plan.py); None: no Plan, no shading


def trend(frame: pd.DataFrame, y_title: str, series_field: str | None = None, *, plan: Period) -> alt.LayerChart:
    """Monthly line chart with the Plan period shaded. `frame` has month, value (and series_field)."""
    data = _trend_data(frame, series_field)
    return _trend_chart(data, y_title, series_field, *_shading(data, plan))


def trend_spec(frame: pd.DataFrame, y_title: str, series_field: str | None = None, *, plan: Period) -> dict:
    """`spec(trend(frame, y_title, series_field))`, made by putting the line's data into the spec of the same chart
    made once: trends of one measure differ between districts only in that data, and building and serialising the
    altair chart each time was most of the cost of a district's pages."""
    data = _trend_data(frame, series_field)
    shading = _shading(data, plan)
    if shading[0][0] >= shading[0][1]:  # no shading: the line is the only layer, which altair lays out differently
        return spec(_trend_chart(data, y_title, series_field, *shading))
    made = copy.deepcopy(_trend_template(y_title, series_field, *shading))  # callers own what they are given
    line = made["layer"][-1]
    del made["datasets"][line["data"]["name"]]
    values = alt.data_transformers.get()(data)["values"]  # as to_dict converts a layer's frame
    line["data"] = {"name": _dataset_name(values)}
    made["datasets"][line["data"]["name"]] = values  # the line's data last, as to_dict orders the layers'
    return made


@functools.lru_cache(maxsize=64)
def _trend_template(y_title: str, series_field: str | None, shown: tuple[date, date],
                    edges: tuple[pd.Timestamp, ...], label: str) -> dict:
    """The trend's spec with an empty line (its data is put in by `trend_spec`). Shared: never modify it."""
    return spec(_trend_chart(pd.DataFrame({"month": [], "value": []}), y_title, series_field, shown, edges, label))


def _trend_data(frame: pd.DataFrame, series_field: str | None) -> pd.DataFrame:
    if not series_field:
        return with_gaps(frame)
    return pd.concat([with_gaps(part).assign(**{series_field: name}) for name, part in frame.groupby(series_field)],
                     ignore_index=True)


def _shading(data: pd.DataFrame, plan: Period) -> tuple[tuple[date, date], tuple[pd.Timestamp, ...], str]:
    """The Plan's months within the data's span (first, after the last), where the Plan really starts or ends
    within it, and the shading's label ("Plan period 2021–25"); an empty span when there is no Plan."""
    months = pd.to_datetime(data["month"]).dt.date
    if plan is None:
        first = min(months) if len(months) else date(2000, 1, 1)
        return (first, first), (), ""
    start, end = parse_month(plan[0]), add_months(parse_month(plan[1]), 1)
    label = f"Plan period {start.year}–{plan[1][2:4]}"
    first, after = (min(months), add_months(max(months), 1)) if len(months) else (start, end)
    return ((max(start, first), min(end, after)), tuple(pd.Timestamp(d) for d in (start, end) if first <= d <= after),
            label)


def _trend_chart(data: pd.DataFrame, y_title: str, series_field: str | None, shown: tuple[date, date],
                 edges: tuple[pd.Timestamp, ...], label: str) -> alt.LayerChart:
    # The shading covers the Plan's months within the data's span only, so it never stretches the time axis past
    # the months published; a dashed edge marks where the Plan really starts or ends, when that is in the span.
    layers = []
    if shown[0] < shown[1]:
        period = alt.Chart(pd.DataFrame({"start": [pd.Timestamp(shown[0])], "end": [pd.Timestamp(shown[1])],
                                         "label": [label]}))
        # The pale fill is decoration (hidden from screen readers); dashed rules at 7:1 mark the Plan's start and end.
        layers.append(period.mark_rect(opacity=0.12, color=PALETTE[0], aria=False).encode(
            x=alt.X("start:T"), x2=alt.X2("end:T"), tooltip=alt.Tooltip("label:N", title="Shaded")))
        if edges:
            layers.append(alt.Chart(pd.DataFrame({"at": list(edges)})).mark_rule(
                color=EDGE, strokeDash=[4, 3], strokeWidth=1).encode(x=alt.X("at:T")))
        layers.append(period.mark_text(align="left", baseline="bottom", dx=4, dy=-4, color=TEXT).encode(
            x=alt.X("start:T"), y=alt.YValue(alt.expr("height")), text=alt.Text("label:N")))  # at the foot: clear of the line
    enc = {
        "x": alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y", labelOverlap=True, tickCount=8)),
        "y": alt.Y("value:Q", title=y_title),
        "tooltip": [alt.Tooltip("month:T", title="Month", format="%B %Y"),
                    alt.Tooltip("value:Q", title=y_title, format=",")],
    }
    if series_field:
        # Dash as well as colour, so series are told apart without colour; one legend drawn as line samples.
        legend = alt.Legend(**LEGEND, symbolType="stroke", symbolStrokeWidth=3, symbolSize=400)
        enc["color"] = alt.Color(f"{series_field}:N", title=None, legend=legend)
        enc["strokeDash"] = alt.StrokeDash(f"{series_field}:N", title=None, legend=legend)
        enc["tooltip"].insert(0, alt.Tooltip(f"{series_field}:N", title="Series"))
    line = alt.Chart(data).mark_line(point=True, color=PALETTE[0]).encode(**enc)
    return alt.layer(*layers, line).properties(height=320)


def trend_alt_text(frame: pd.DataFrame, what: str, area: str) -> str:
    """Alt text for a one-series trend (month, value): what it shows, the latest value and the highest."""
    months = pd.to_datetime(frame["month"])
    last, peak = frame.iloc[months.argmax()], frame.iloc[frame["value"].argmax()]
    what = what[:1].lower() + what[1:]  # keep acronyms and names as written
    return (f"Line chart of {what} per month in {area}, {months.min():%B %Y} to {months.max():%B %Y}, with "
            f"breaks where months were not published and the Plan period shaded. Latest {last['value']:,.0f} in "
            f"{pd.Timestamp(last['month']):%B %Y}; highest {peak['value']:,.0f} in {pd.Timestamp(peak['month']):%B %Y}.")


BAR_STEP = 26  # px per bar: room for an 11 px label on every bar, so no category name is dropped
# Red 4.9:1 (worst only), blue 5.2:1, grey 4.6:1: every bar at least 3:1, and the note beside each bar says the same.
STATUS_COLOURS = {"Worst 10% of forces": "#d4351c", "Home force": PALETTE[0], "Other force": "#6f777b"}


def ranked_bars(frame: pd.DataFrame, x_title: str) -> alt.LayerChart:
    """Horizontal bars ranked high to low. `frame` has label, value, status (a STATUS_COLOURS key) and
    note; the note is written beside each bar so a flag never relies on colour."""
    order = frame.sort_values("value", ascending=False)["label"].tolist()
    base = alt.Chart().encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("value:Q", title=x_title),
        tooltip=[alt.Tooltip("label:N", title="Force"), alt.Tooltip("value:Q", title=x_title, format=",.2f"),
                 alt.Tooltip("note:N", title="Flag")])
    bars = base.mark_bar().encode(color=alt.Color(
        "status:N", title=None, legend=alt.Legend(**LEGEND),
        scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))))
    text = base.mark_text(align="left", dx=4, color=TEXT).encode(text=alt.Text("note:N"))
    # A height per bar, not in total: Streamlit fits the whole chart (axis and legend too) into a fixed height.
    return alt.layer(bars, text, data=frame).properties(height=alt.Step(BAR_STEP))


def labelled_bars(frame: pd.DataFrame, x: str, y: str, y_title: str, label: str, colour: str | None = None,
                  horizontal: bool = False) -> alt.LayerChart:
    """Bars in data order with `label` written at each bar, so any category colour is also given in text.

    Horizontal bars suit long category names and narrow screens: each label sits past its bar's end (before
    it for a negative value). Upright bars put a label's bracketed part on a second line, so neighbours
    do not overlap."""
    short = frame[x].astype(str).str.len().max() <= 4
    cat = alt.X(f"{x}:N", sort=None, title=None, axis=alt.Axis(labelAngle=0 if short else -45)) if not horizontal \
        else alt.Y(f"{x}:N", sort=None, title=None, axis=alt.Axis(labelExpr=wrapped(frame[x]), labelLimit=200))
    # Horizontal: the scale runs a third past the longest bar each way, so its label never meets the axis labels.
    lo, hi = min(0.0, float(frame[y].min())), max(0.0, float(frame[y].max()))
    title = y_title.split(" (", 1)  # a bracketed part on its own line: a long title is cut on a phone
    title = [title[0], f"({title[1]}"] if len(title) == 2 else y_title
    val = alt.Y(f"{y}:Q", title=title) if not horizontal else alt.X(
        f"{y}:Q", title=title, scale=alt.Scale(domain=[lo + (lo - hi) * 0.35 * (lo < 0), hi + (hi - lo) * 0.35 * (hi > 0)]))
    enc = {"x": cat, "y": val} if not horizontal else {"y": cat, "x": val}
    data = frame if horizontal else frame.assign(**{label: frame[label].str.replace(" (", "\n(", regex=False)})
    base = alt.Chart().encode(**enc, tooltip=[alt.Tooltip(f"{x}:N"), alt.Tooltip(f"{y}:Q", format=",.2f"),
                                                  alt.Tooltip(f"{label}:N")])
    bars = base.mark_bar(color=PALETTE[0]) if colour is None else base.mark_bar().encode(
        color=alt.Color(f"{colour}:N", title=None, legend=alt.Legend(**LEGEND)))
    if not horizontal:
        text = base.mark_text(baseline="bottom", dy=-2, lineBreak="\n", color=TEXT).encode(text=alt.Text(f"{label}:N"))
        return alt.layer(bars, text, data=data).properties(height=320)
    after = base.transform_filter(f"datum['{y}'] >= 0").mark_text(align="left", dx=4, color=TEXT)
    before = base.transform_filter(f"datum['{y}'] < 0").mark_text(align="right", dx=-4, color=TEXT)
    return alt.layer(bars, after.encode(text=alt.Text(f"{label}:N")), before.encode(text=alt.Text(f"{label}:N")),
                     data=data).properties(
        height=alt.Step(bar_step(frame[x])))


def bar_step(labels: Iterable[str]) -> int:
    """px per horizontal bar: BAR_STEP, or more when a wrapped label (see `wrapped`) needs more lines."""
    return max(BAR_STEP, 15 * line_count(labels) + 6)


def grouped_bars(frame: pd.DataFrame, group: str, category: str, value: str, label: str, x_title: str) -> alt.LayerChart:
    """Horizontal bars in groups, one per measure, each under its own bold heading: one measure's bars are never
    drawn as one series with another's. `frame` lists each group's categories in order; a row with no value
    has its reason as `label`, written where the bar would be, so a missing year is said, not bridged."""
    rows = []
    for name, part in frame.groupby(group, sort=False):
        rows.append(pd.DataFrame({"row": [f"{name}|"], "heading": [name]}))
        rows.append(part.assign(row=f"{name}|" + part[category].astype(str), heading=None))
    data = pd.concat(rows, ignore_index=True)
    # The order given, every layer alike (layers drawing different rows would otherwise merge their orders).
    y = alt.Y("row:N", sort=None, title=None, scale=alt.Scale(domain=list(data["row"])),
              axis=alt.Axis(labelExpr="split(datum.label, '|')[1]", labelLimit=200))
    x = alt.X(f"{value}:Q", title=x_title, scale=alt.Scale(domain=[0, float(frame[value].max()) * 1.35]))
    base = alt.Chart().encode(y=y)
    shown, heading = f"isValid(datum['{value}'])", "isValid(datum.heading)"
    tooltip = [alt.Tooltip(f"{group}:N"), alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=",.3f")]
    bars = base.transform_filter(shown).mark_bar(color=PALETTE[0]).encode(x=x, tooltip=tooltip)
    amounts = base.transform_filter(shown).mark_text(align="left", dx=4, color=TEXT).encode(x=x, text=alt.Text(f"{label}:N"))
    gaps = base.transform_filter(f"!{shown} && !{heading}").mark_text(
        align="left", dx=4, color=TEXT, fontStyle="italic").encode(x=alt.XValue(0), text=alt.Text(f"{label}:N"))
    headings = base.transform_filter(heading).mark_text(align="left", fontWeight="bold", color=TEXT).encode(
        x=alt.XValue(0), text=alt.Text("heading:N"))
    return alt.layer(bars, amounts, gaps, headings, data=data).properties(height=alt.Step(BAR_STEP))


def with_quarter(frame: pd.DataFrame) -> pd.DataFrame:
    """Add a 'quarter' label ('Apr 2017') from the quarter's first month."""
    return frame.assign(quarter=pd.to_datetime(frame["month"]).dt.strftime("%b %Y"))


# The quarterly bars' key: above the plot, one short entry a line (the card title already names the source, so a
# label's bracketed part is dropped); the outline, solid or dashed, tells the measures apart without colour.
QUARTERLY_LEGEND = {"orient": "top", "columns": 1, "labelLimit": 260, "labelExpr": "split(datum.label, ' (')[0]",
                    "symbolStrokeWidth": 1.5, "symbolSize": 200}
QUARTERLY_DASHES = ([1, 0], [4, 2])  # solid, dashed: one per measure, in the legend's (alphabetical) order


def quarterly_bars(table: pd.DataFrame) -> alt.LayerChart:
    """Grouped bars per quarter; `table` has measure, quarter (see with_quarter) and value. Each bar is
    labelled with its value and outlined solid or dashed, so the measures are told apart by position, outline
    and text, not colour only.

    The plot keeps its height whatever the width (autosize fit-x: the width fits the container, the key and axis
    labels are added outside the plot's height), so on a phone the key cannot squash the bars."""
    base = alt.Chart().encode(x=alt.X("quarter:N", sort=None, title="Quarter starting"), xOffset=alt.XOffset("measure:N"),
                                   y=alt.Y("value:Q", title="Offences recorded"))
    legend = alt.Legend(**QUARTERLY_LEGEND)
    bars = base.mark_bar(stroke=TEXT, strokeWidth=1.5).encode(
        color=alt.Color("measure:N", title=None, legend=legend),
        strokeDash=alt.StrokeDash("measure:N", title=None, legend=legend, scale=alt.Scale(range=list(QUARTERLY_DASHES))),
        tooltip=[alt.Tooltip(c) for c in ("measure", "quarter", "value")])
    text = base.mark_text(baseline="bottom", dy=-2, color=TEXT).encode(text=alt.Text("value:Q", format=","))
    return alt.layer(bars, text, data=table).properties(height=240, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
