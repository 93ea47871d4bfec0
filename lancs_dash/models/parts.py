"""The pieces page models are made of: charts (a Vega-Lite spec or a map, with alt text, the table behind
it, its CSV and notes), tables ready to show, and the data statement every page carries."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial

import altair as alt
import pandas as pd
import pyarrow as pa
import pydeck as pdk
from pydeck.bindings import json_tools

from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.figures.fmt import even_decimals
from lancs_dash.models import charts


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite dict with its data inlined and the accessible colours, built once without schema
    validation."""
    return charts.spec(chart)


def arrow_bytes(records: list[dict]) -> bytes:
    """A dataset as Arrow IPC stream bytes: the form Streamlit sends chart data in, so it need not convert
    the dataset again on every page view."""
    table = pa.Table.from_pandas(pd.DataFrame.from_records(records), preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


@dataclass(frozen=True, eq=False)
class Spec:
    """A Vega-Lite spec (a plain JSON dict, data included) and its datasets pre-serialised as Arrow."""

    spec: dict
    arrow: Mapping[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, chart: alt.TopLevelMixin | dict) -> Spec:
        spec = chart if isinstance(chart, dict) else vega_spec(chart)
        return cls(spec, {name: arrow_bytes(rows) for name, rows in spec.get("datasets", {}).items()})

    def with_arrow(self) -> dict:
        """The spec with Arrow datasets in place of the JSON rows (a shallow copy; the model is unchanged)."""
        return {**self.spec, "datasets": dict(self.arrow)} if self.arrow else dict(self.spec)


@dataclass(frozen=True)
class KeyRow:
    """One entry of a map's key: a swatch in exactly the colour the map draws, the text shown on it (in a
    colour readable on the swatch) and what it stands for, in words, so colour is never the only cue."""

    colour: tuple[int, int, int]
    text_colour: tuple[int, int, int]
    shade: str  # e.g. "Band 1 (lowest)"
    meaning: str  # e.g. "17.8 to 26.5"


@dataclass(frozen=True)
class MapKey:
    """A map's key as a small table (swatch, meaning), and a line on reading the map."""

    headings: tuple[str, str]
    rows: tuple[KeyRow, ...]
    note: str


@dataclass(frozen=True, eq=False)
class Map:
    """A pydeck map serialised once, compactly (pydeck indents its JSON, which is most of the bytes sent on
    every view): its deck.gl JSON and tooltip, its key, and the height it is drawn at (fitted to its outlines)."""

    json: str
    tooltip: dict | None
    key: MapKey
    height: int

    @classmethod
    def of(cls, deck: pdk.Deck, key: MapKey, height: int, texts: Mapping[str, str] | None = None) -> Map:
        """`deck`'s layers hold plain rows (pydeck cannot serialise a pandas 3 frame), coordinates already rounded.
        Serialised as Deck.to_json does (its object hook, keys sorted), but compact and so by json's C encoder: an
        indent selects its pure-Python one, several times slower. `texts`: JSON serialised already (keys sorted,
        compact), each put in place of the string standing for it."""
        compact = json.dumps(deck, default=json_tools.default_serialize, sort_keys=True, separators=(",", ":"),
                             ensure_ascii=False)
        for stand_in, text in (texts or {}).items():
            compact = compact.replace(json.dumps(stand_in, ensure_ascii=False), text)
        return cls(compact, getattr(deck, "_tooltip", None), key, height)

    @property
    def spec(self) -> dict:
        return json.loads(self.json)


def arrow_table(frame: pd.DataFrame) -> pa.Table | None:
    """The frame as an Arrow table, converted once (as Streamlit would on every view); None if it cannot be."""
    try:
        return pa.Table.from_pandas(frame)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None


MISSING = "–"
MISSING_NOTE = "A dash (–) means there is no figure for that cell."
_SITE = r"https?://(?:www\.)?([^/]+)"  # a long address is shown as its site, and still opens in full
_LINK = re.compile(r"https?://")


def _is_links(values: pd.Series) -> bool:
    # The cheap tests first (the dtype, then the first value): most columns are not links.
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return False
    every = values.to_numpy(dtype=object)  # on the array: pandas' per-call overhead was most of a table's making
    text = every[~pd.isna(every)]
    return len(text) > 0 and str(text[0]).startswith(("http://", "https://")) \
        and all(_LINK.match(str(t)) for t in text)


def column_formats(frame: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """How each column reads: ("number", printf format) with thousands separators and one number of decimals
    per column (years stay as written), or ("link", the text shown for an address). Values keep their type,
    so sorting and the CSV download see plain values."""
    formats = {}
    for col, values in frame.items():
        if _is_links(values):
            formats[col] = ("link", _SITE)
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            decimals = even_decimals(values, 2)
            year = "year" in str(col).lower() and decimals == 0
            formats[col] = ("number", "%d" if year else f"%,.{decimals}f" if decimals else "%,d")
    return formats


_PRINTF = re.compile(r"%([+]?)(,?)(?:\.(\d+))?([df])(.*)")


def printf(how: str, value: object) -> str:
    """A number as a grid's printf format ("%,.1f", "%+.1f%%") shows it, for a static table; a dash if missing."""
    if value is None or pd.isna(value):
        return MISSING
    sign, thousands, decimals, kind, rest = _PRINTF.fullmatch(how).groups()
    spec = f"{sign}{thousands}" + (f".{decimals or 0}f" if kind == "f" else "d")
    return format(float(value) if kind == "f" else int(value), spec) + rest.replace("%%", "%")


def _printed(frame: pd.DataFrame, formats: Mapping[str, tuple[str, str]]) -> pd.DataFrame:
    """The drawn columns for a static table: a dash for a missing text (a number's dash comes with its format)."""
    numbers = [col for col, (kind, _) in formats.items() if kind == "number"]
    return frame.apply(lambda col: col if col.name in numbers else col.astype(object).where(col.notna(), MISSING))


@dataclass(frozen=True, eq=False)
class Table:
    """A table ready to show (also as Arrow, so showing it converts nothing), with its CSV download, how each
    column reads, and the note shown under it when a figure is missing (drawn as a dash).

    `columns` are the ones drawn, in order, so that a 390 px phone shows a table's key columns without
    scrolling sideways; the CSV keeps every column (and a grid's column menu can show them). `labels` are
    shorter headings for drawn columns (a grid keeps the full name as the heading's tooltip). A table of long
    text, or one inside a chart card (too narrow on a phone for a grid's unwrapped cells), is drawn static
    (`printed`: the drawn columns under their headings), so its text wraps."""

    frame: pd.DataFrame
    csv: bytes
    arrow: pa.Table | None = None
    formats: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    missing_note: str = ""  # empty when no figure drawn is missing
    columns: tuple[str, ...] = ()  # empty: every column, as the frame orders them
    labels: Mapping[str, str] = field(default_factory=dict)
    printed: pd.DataFrame | None = None  # drawn static: the drawn columns under their headings; None: a grid
    more: str = ""  # what the CSV has beyond the columns drawn, in words (empty: every column is drawn)

    @classmethod
    def of(cls, frame: pd.DataFrame, csv: bool | bytes = True, missing_note: str = MISSING_NOTE,
           columns: tuple[str, ...] = (), labels: Mapping[str, str] | None = None,
           formats: Mapping[str, tuple[str, str]] | None = None, static: bool = False, more: str = "") -> Table:
        """`csv`: make the CSV (True), none (False: not offered for download), or these bytes. `formats`
        replace the inferred ones for those columns; `static` draws the table as text that wraps. `more`
        says what the CSV has beyond the columns drawn (by default, their names)."""
        labels = dict(labels or {})
        unknown = [c for c in (*columns, *labels, *(formats or {})) if c not in frame.columns]
        if unknown:
            raise KeyError(f"no such columns: {unknown}")
        drawn = frame[list(columns or frame.columns)]
        made = csv_bytes(frame) if csv is True else b"" if csv is False else csv
        missing = missing_note if drawn.isna().any().any() else ""
        formats = {**column_formats(frame), **(formats or {})}
        printed = _printed(drawn, formats) if static else None
        if labels and printed is not None:  # only then: a rename copies the frame
            printed = printed.rename(columns=labels)
        hidden = [str(c) for c in frame.columns if c not in drawn.columns]
        more = (more or f"Also in the CSV download: {', '.join(hidden)}.") if hidden and made else ""
        return cls(frame, made, arrow_table(frame), formats, missing,
                   tuple(columns), labels, printed, more)

    @cached_property
    def drawn(self) -> pa.Table:
        """The static table as drawn, made once for every view: numbers as the grid formats them and a dash where a
        figure is missing, all as text, in Arrow form (a pandas Styler, or a frame Streamlit converts, costs a
        few milliseconds a table on every view)."""
        numbers = {self.labels.get(col, col): how for col, (kind, how) in self.formats.items()
                   if kind == "number" and self.labels.get(col, col) in self.printed.columns}
        text = self.printed.apply(lambda col: col.map(partial(printf, numbers[col.name])) if col.name in numbers
                                  else col.map(lambda v: MISSING if v is None or v is pd.NA or v != v else str(v)))
        return pa.Table.from_pandas(text, preserve_index=False)

    @property
    def shown(self) -> pa.Table | pd.DataFrame:
        return self.frame if self.arrow is None else self.arrow


@dataclass(frozen=True, eq=False)
class Chart:
    """A chart card: title, period, the chart, alt text, the table behind it, its CSV and notes on the data."""

    key: str
    title: str
    caption: str  # period · source · data last updated
    figure: Spec | Map
    alt_text: str
    table: Table  # exactly what is plotted, shown and downloaded
    about: str  # the notes on the data, with source and licence


def chart(*, key: str, title: str, period: str, figure: alt.TopLevelMixin | dict | Spec | Map, alt_text: str,
          table: pd.DataFrame | Table, source: str, about: str, built: str) -> Chart:
    """A chart card's content, with the period, source and data date in its caption. `table`: the data
    plotted, or a Table of it that chooses the columns drawn."""
    shown = figure if isinstance(figure, Spec | Map) else Spec.of(figure)
    return Chart(key=key, title=title, caption=f"{period} · Source: {source} · Data last updated {built}",
                 figure=shown, alt_text=alt_text, table=table if isinstance(table, Table) else Table.of(table),
                 about=f"{about}\n\n**Source:** {source}. **Licence:** {LICENCE}. {ATTRIBUTION}")

