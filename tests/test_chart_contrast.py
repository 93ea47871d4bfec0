"""Every chart meets WCAG 2.2 contrast on its background: each mark colour at least 3:1 (1.4.11) and each text
colour at least 4.5:1 (1.4.3).

Checked where charts are made and where they are drawn: every Vega-Lite spec the page models, meeting mode and
the pack produce (resolving each colour as Streamlit's chart theme would, so a colour left to the theme counts
as the theme's failing default), the SVG the plain pages and the pack are drawn as, and in Chromium the SVG
Streamlit itself draws."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from lancs_dash.models import briefing, budget, compare, national, overview, priority, site
from lancs_dash.models.parts import Chart, Spec
from lancs_dash.pack import CSS, document
from lancs_dash.read.plan import for_force
from lancs_dash.ui import meeting
from tests.browser import wait_drawn

PRIORITIES = for_force("lancashire").priorities  # Lancashire's Plan, as the embedded default is shown against

MARK, TEXT = 3.0, 4.5
# What Streamlit's light chart theme uses where a spec's config says nothing (its CustomTheme.tsx): grey 70 for
# axis, legend and header text (#808495, 3.7:1) and its own blue for marks.
THEME_TEXT, THEME_MARK = "#808495", "#0068c9"
NAMED = {"white": "#ffffff", "black": "#000000"}


def _rgb(colour: str) -> tuple[float, float, float]:
    c = NAMED.get(colour.strip().lower(), colour.strip().lower())
    if m := re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*[\d.]+)?\)", c):
        return tuple(float(v) / 255 for v in m.groups())
    h = c.lstrip("#")
    h = "".join(ch * 2 for ch in h) if len(h) == 3 else h
    assert re.fullmatch(r"[0-9a-f]{6}", h), f"not a colour: {colour!r}"
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _over(colour: str, background: str, opacity: float) -> tuple[float, float, float]:
    """The colour seen when drawn at `opacity` over the background."""
    fg, bg = _rgb(colour), _rgb(background)
    return tuple(opacity * f + (1 - opacity) * b for f, b in zip(fg, bg, strict=True))


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour with channels in 0-1."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour: str, background: str, opacity: float = 1.0) -> float:
    a, b = luminance(_over(colour, background, opacity)), luminance(_rgb(background))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def test_contrast_matches_known_wcag_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey passing 4.5:1
    assert contrast("#83c9ff", "#ffffff") < MARK < contrast("#808495", "#ffffff") < TEXT  # the theme's failing pair


# --- the specs -----------------------------------------------------------------------------------------------


def _views(spec: dict) -> Iterator[dict]:
    """Every single view (one mark) in a spec, through layers, concatenations and facets."""
    if "mark" in spec:
        yield spec
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from _views(child)
    if isinstance(spec.get("spec"), dict):
        yield from _views(spec["spec"])


def _axes_and_legends(spec: dict) -> Iterator[tuple[str, dict | None]]:
    for view in _views(spec):
        for channel, enc in view.get("encoding", {}).items():
            if not isinstance(enc, dict) or "field" not in enc:
                continue
            if channel in ("x", "y"):
                yield f"axis{channel.upper()}", enc.get("axis", {})
            elif channel in ("color", "fill", "stroke", "shape", "strokeDash", "size", "opacity"):
                yield "legend", enc.get("legend", {})


def text_colours(spec: dict) -> list[tuple[str, str]]:
    """(what, colour) of every kind of text the spec draws besides text marks: axis labels and titles, legend
    labels and titles, the chart title and facet headers."""
    config = spec.get("config", {})
    found = []
    for where, props in _axes_and_legends(spec):
        if props is None:  # axis or legend switched off
            continue
        for part in ("label", "title"):
            key = f"{part}Color"
            scoped = config.get(where, {}) if where != "legend" else {}
            base = config.get("axis" if where != "legend" else "legend", {})
            found.append((f"{where} {part}", props.get(key) or scoped.get(key) or base.get(key) or THEME_TEXT))
    if spec.get("title"):
        found.append(("title", config.get("title", {}).get("color") or THEME_TEXT))
    return found


def _colour_scale(view: dict, channel: str, config: dict) -> list[str]:
    enc = view.get("encoding", {}).get(channel)
    if not isinstance(enc, dict):
        return []
    if "value" in enc:
        return [enc["value"]] if isinstance(enc["value"], str) else []
    if "field" in enc:
        scale_range = (enc.get("scale") or {}).get("range")
        return list(scale_range) if isinstance(scale_range, list) else list(config.get("range", {}).get("category", [])) \
            or ["#83c9ff"]  # the theme's second colour would be drawn
    return []


def mark_colours(spec: dict) -> list[tuple[str, str, float, float]]:
    """(mark type, colour, opacity, needed ratio) of every mark; decorative marks (aria false) are left out."""
    config = spec.get("config", {})
    found = []
    for view in _views(spec):
        mark = view["mark"] if isinstance(view["mark"], dict) else {"type": view["mark"]}
        kind = mark["type"]
        if mark.get("aria") is False:
            assert kind == "rect", f"only background shading may be decorative, not a {kind} mark"
            continue
        needed = TEXT if kind == "text" else MARK
        # Vega-Lite's own default: 0.7 for points, circles, squares and ticks, unless the config says otherwise.
        faded = 0.7 if kind in ("point", "circle", "square", "tick") else 1.0
        opacity = float(mark.get("opacity", config.get(kind, {}).get("opacity", faded)))
        encoded = [c for ch in ("color", "fill", "stroke") for c in _colour_scale(view, ch, config)]
        own = [mark[k] for k in ("color", "fill", "stroke") if isinstance(mark.get(k), str)]
        default = config.get(kind, {}).get("color") or config.get("mark", {}).get("color") or THEME_MARK
        for colour in encoded or own or [default]:
            found.append((kind, colour, opacity, needed))
        if encoded and own:  # an outline drawn in its own colour around an encoded fill
            found += [(kind, c, opacity, needed) for c in own]
    return found


@pytest.fixture(scope="module")
def specs(snap) -> dict[str, dict]:
    """Every Vega-Lite spec the page models and meeting mode draw, by where it is drawn."""
    shared = site.build(snap)
    found: dict[str, dict] = {}

    def add(where: str, chart: Chart | None) -> None:
        if chart is not None and isinstance(chart.figure, Spec):
            found[f"{where}: {chart.title}"] = chart.figure.spec

    for p in PRIORITIES:
        for code in (None, next(iter(shared.districts))):
            for block in priority.build(snap, shared, p.id, code).blocks:
                add(p.id, getattr(block, "chart", None))  # cards, quarterly bars and published series; maps aside
    page = overview.build(snap, shared)
    add("overview", page.trend)
    money = budget.build(snap, shared)
    for terms in money.terms.values():
        add("budget", terms.band_d)
        add("budget", terms.budget)
    for card in (*money.bands.values(), *money.outturn, money.spend):
        add("budget", card)
    for kind in compare.KINDS:
        for card in compare.build(snap, shared, kind).crime_types.values():
            add(f"compare {kind}", card)
    for section in national.build(snap, shared).sections:
        add("national", section.trend)
    for section in briefing.build(snap.cursor()).sections:
        if section.spec:
            found[f"meeting: {section.chart_title}"] = meeting._projected(section.spec).spec
    return found


def test_every_kind_of_chart_is_checked(specs):
    keys = " ".join(specs)
    for where in ("asb", "organised-crime", "dasv", "burglary-robbery", "roads", "overview", "budget", "compare",
                  "national", "meeting"):
        assert f"{where}" in keys, f"no chart found for {where}"
    kinds = {m[0] for spec in specs.values() for m in mark_colours(spec)}
    assert {"bar", "line", "text", "rule", "point"} <= kinds


def test_every_spec_sets_its_background_and_text_colours(specs):
    for where, spec in specs.items():
        assert spec.get("config", {}).get("background") == "#ffffff", where
        for what, colour in text_colours(spec):
            assert contrast(colour, "#ffffff") >= TEXT, f"{where}: {what} {colour}"


def test_every_mark_meets_3_to_1_and_every_text_mark_4_5_to_1(specs):
    for where, spec in specs.items():
        background = spec["config"]["background"]
        for kind, colour, opacity, needed in mark_colours(spec):
            assert contrast(colour, background, opacity) >= needed, \
                f"{where}: {kind} mark {colour} at opacity {opacity} is {contrast(colour, background, opacity):.2f}:1"


def test_the_check_catches_a_colour_left_to_streamlits_theme(specs):
    """A series coloured by Streamlit's palette, and axis text in its grey, fail: the check is not vacuous."""
    spec = next(s for s in specs.values() if any(k == "line" for k, *_ in mark_colours(s)))
    bare = {k: v for k, v in spec.items() if k != "config"}
    bare["layer"] = [*bare["layer"], {"mark": "line", "encoding": {"color": {"field": "series", "type": "nominal"},
                                                                   "y": {"field": "value", "type": "quantitative"}}}]
    assert any(contrast(c, "#ffffff", o) < n for _, c, o, n in mark_colours(bare))
    assert any(contrast(c, "#ffffff") < TEXT for _, c in text_colours(bare))


# --- the SVG the plain pages and the pack are drawn as --------------------------------------------------------


def _svg_failures(svg: str) -> list[str]:
    """Every drawn fill or stroke in an SVG below its ratio against the SVG's background rect. Gridlines and the
    plot's frame are supplementary and skipped; decorative marks (aria-hidden) may only be rects."""
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    back = next(e for e in root if e.tag == f"{ns}rect")
    background = back.get("fill")
    assert contrast(background, "#ffffff") == pytest.approx(1.0), "charts are drawn on white"
    failures = []

    def walk(node: ET.Element, classes: str, hidden: bool) -> None:
        for child in node:
            if child is back:
                continue
            own = child.get("class", "")
            inside = f"{classes} {own}"
            hide = hidden or child.get("aria-hidden") == "true"
            if "role-axis-grid" in own or own == "background":
                continue
            if hide and "role-mark" in own:
                assert "mark-rect" in own, f"a decorative mark that is not shading: {own}"
                continue
            tag = child.tag.removeprefix(ns)
            text = tag in ("text", "tspan") or "mark-text" in inside
            for attr in ("fill", "stroke"):
                colour = child.get(attr)
                if not colour or colour in ("none", "transparent") or tag == "g":
                    continue
                opacity = float(child.get("opacity", 1)) * float(child.get(f"{attr}-opacity", 1))
                if opacity == 0:
                    continue
                needed = TEXT if text else MARK
                ratio = contrast(colour, background, opacity)
                if ratio < needed:
                    failures.append(f"{tag} in {inside.split()[-2:] or ['svg']} {attr} {colour} x{opacity}: {ratio:.2f}")
            walk(child, inside, hide)

    walk(root, "", False)
    return failures


@pytest.fixture(scope="module")
def plain_svgs(static_files) -> dict[str, str]:
    """The plain pages' charts, written as the loader writes them."""
    return {p.name: p.read_text() for p in (static_files[0] / "charts").glob("*.svg")}


def test_the_plain_pages_charts_draw_in_passing_colours(plain_svgs):
    assert {"overview-monthly-crime-asb.svg", "budget-by-year.svg", "compare-crimes_per_1000.svg"} <= set(plain_svgs)
    for name, svg in plain_svgs.items():
        assert not _svg_failures(svg), (name, _svg_failures(svg))


def test_the_packs_charts_draw_in_passing_colours(snap):
    page = document.html(briefing.build(snap.cursor()), CSS)
    svgs = [base64.b64decode(m).decode("utf-8") for m in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page)]
    assert len(svgs) >= 8  # five priorities, the comparison and two budget charts
    for i, svg in enumerate(svgs):
        assert not _svg_failures(svg), (i, _svg_failures(svg))


# --- what Streamlit draws, in Chromium -----------------------------------------------------------------------

_DRAWN_COLOURS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')].map(svg => {
    const out = [];
    svg.querySelectorAll('path, rect, line, text, circle').forEach(el => {
        const g = el.closest('g[class]');
        const cls = g ? g.getAttribute('class') : '';
        if (cls.includes('role-axis-grid') || el.getAttribute('class') === 'background') return;
        if (el.closest('[aria-hidden="true"]') && cls.includes('role-mark')) return;
        const st = getComputedStyle(el);
        const op = parseFloat(st.opacity);
        for (const attr of ['fill', 'stroke']) {
            const v = st[attr];
            const o = op * parseFloat(st[attr + 'Opacity'] || '1');
            if (!v || v === 'none' || v.startsWith('rgba(0, 0, 0, 0)') || o === 0) continue;
            out.push({tag: el.tagName, cls, attr, colour: v, opacity: o});
        }
    });
    return out;
})"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["budget", "roads", "dasv"])
def test_streamlit_draws_the_charts_in_passing_colours(app_url, page, path):
    page.goto(f"{app_url}/{path}")
    expect(page.locator("[data-testid='stVegaLiteChart'] svg").first).to_be_attached(timeout=60_000)
    wait_drawn(page)
    charts = page.evaluate(_DRAWN_COLOURS)
    assert charts and all(charts), "every chart is drawn as SVG"
    seen = set()
    for drawn in charts:
        for el in drawn:
            text = el["tag"] == "text"
            ratio = contrast(el["colour"], "#ffffff", el["opacity"])
            assert ratio >= (TEXT if text else MARK), f"{path}: {el}: {ratio:.2f}:1"
            seen.add(el["colour"])
    assert "rgb(29, 112, 184)" in seen  # the bars in the accessible blue, not Streamlit's own
    assert "rgb(11, 12, 12)" in seen  # text in the GOV.UK text colour, not the theme's grey
