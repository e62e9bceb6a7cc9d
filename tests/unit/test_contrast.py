"""Contrast (WCAG 2.2 AA): the theme, the palette, the map and every chart's marks.

Text needs 4.5:1 against its background; marks, outlines, focus rings and chart elements 3:1.
Two of the colours Streamlit draws are derived from the theme, as measured in Chromium with
axe-core: captions are ``textColor`` at 60 % opacity, and a selected option (the language switch)
is ``primaryColor`` text on ``primaryColor`` at 10 % over the sidebar's background.
"""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import pytest

from components import colors, legend
from components.coverage import coverage_matrix, focus_matrix
from components.timeline import city_timeline, programme_timeline
from tracker import load_dataset
from tracker.filters import Filters, apply_filters
from tracker.i18n import Translator

from .support import DATA_DIR, REPO_ROOT

TEXT_MIN = 4.5
MARK_MIN = 3.0
THEME = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
BACKGROUNDS = (THEME["backgroundColor"], THEME["secondaryBackgroundColor"])


def test_contrast_ratio_matches_known_values() -> None:
    assert colors.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert colors.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # The figures axe-core reported before the theme was fixed.
    assert colors.contrast_ratio("#0072B2", "#DAE8F0") == pytest.approx(4.14, abs=0.01)
    assert colors.contrast_ratio("#767D83", "#FFFFFF") == pytest.approx(4.17, abs=0.01)
    assert colors.blend("#0072B2", "#F2F5F7", 0.1) == "#DAE8F0"
    assert colors.blend("#1B2631", "#FFFFFF", 0.6) == "#767D83"


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_theme_text_link_and_caption(background: str) -> None:
    text = THEME["textColor"]
    assert colors.contrast_ratio(text, background) >= TEXT_MIN
    assert colors.contrast_ratio(THEME["linkColor"], background) >= TEXT_MIN
    caption = colors.blend(text, background, 0.6)
    assert colors.contrast_ratio(caption, background) >= TEXT_MIN, caption


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_theme_primary_colour(background: str) -> None:
    primary = THEME["primaryColor"]
    selected = colors.blend(primary, background, 0.1)
    assert colors.contrast_ratio(primary, selected) >= TEXT_MIN, f"selected option text on {selected}"
    assert colors.contrast_ratio(primary, "#FFFFFF") >= TEXT_MIN, "white text on a primary button"
    assert colors.contrast_ratio(primary, background) >= MARK_MIN, "focus ring, checkbox, slider"


def test_programme_colours_on_charts_have_a_visible_outline_or_fill() -> None:
    """A mark whose fill is too light on white gets an outline that is not."""
    assert colors.contrast_ratio(colors.MARK_LINE, "#FFFFFF") >= MARK_MIN
    for fill in colors.PALETTE:
        assert colors.contrast_ratio(colors.mark_colour(fill), "#FFFFFF") >= MARK_MIN
    assert colors.mark_colour("#F0E442") == colors.NETWORK  # yellow alone is 1.3:1


@pytest.mark.parametrize("land", [colors.LAND_CHINA, colors.LAND_OTHER, colors.SEA])
def test_map_outlines_and_labels(land: tuple[int, ...]) -> None:
    assert colors.contrast_ratio(colors.MARKER_LINE, land) >= MARK_MIN
    assert colors.contrast_ratio(colors.SELECTED_LINE, land) >= MARK_MIN
    label_background = colors.blend("#FFFFFF", "#{:02X}{:02X}{:02X}".format(*land[:3]), 200 / 255)
    assert colors.contrast_ratio((30, 30, 30), label_background) >= TEXT_MIN


def test_map_borders_against_land() -> None:
    for line in (colors.PROVINCE_LINE, colors.NATIONAL_LINE):
        assert colors.contrast_ratio(line, colors.LAND_CHINA) >= MARK_MIN


def test_matrix_words_are_legible_on_every_status_colour() -> None:
    for status, fill in colors.STATUS_COLORS.items():
        assert colors.contrast_ratio(colors.TEXT, fill) >= TEXT_MIN, status


def test_legend_text_and_marker_outlines() -> None:
    assert colors.contrast_ratio(colors.TEXT, "#FFFFFF") >= TEXT_MIN
    model = load_dataset(DATA_DIR).model
    svg = legend.map_legend_svg(apply_filters(model, Filters()), "en", Translator("en"))
    assert 'stroke="#282828"' in svg
    assert colors.contrast_ratio("#282828", "#FFFFFF") >= MARK_MIN


def _marks(spec: dict[str, Any]) -> list[tuple[str, list[str], str | None, float]]:
    """(trace name, fills, outline colour, outline width) of every bar and marker trace."""
    out = []
    for trace in spec["data"]:
        mode = trace.get("mode", "markers")
        if trace["type"] not in ("bar", "scatter") or ("markers" not in mode and trace["type"] == "scatter"):
            continue
        marker = trace.get("marker", {})
        fill = marker.get("color", "#000000")
        fills = fill if isinstance(fill, list) else [fill]
        opacity = float(marker.get("opacity", 1))
        fills = [colors.blend(f, "#FFFFFF", opacity) for f in fills]
        line = marker.get("line", {})
        out.append((str(trace.get("name")), fills, line.get("color"), float(line.get("width", 0))))
    return out


def _lines(spec: dict[str, Any]) -> list[str]:
    return [
        trace["line"]["color"]
        for trace in spec["data"]
        if trace["type"] == "scatter" and trace.get("mode") == "lines" and "color" in trace.get("line", {})
    ]


@pytest.mark.parametrize("lang", ["en", "zh", "de"])
def test_every_chart_mark_stands_out_from_the_plot_background(lang: str) -> None:
    model = load_dataset(DATA_DIR).model
    view = apply_filters(model, Filters())
    t = Translator(lang)
    today = date(2026, 12, 1)
    specs = {
        "programme timeline": programme_timeline(view, lang, t, today),
        "city timeline": city_timeline(view, lang, t, today),
        "focus matrix": focus_matrix(view, lang),
        "coverage matrix": coverage_matrix(view, lang, t),
    }
    checked = 0
    for name, spec in specs.items():
        assert spec is not None, name
        background = spec["layout"].get("plot_bgcolor", "#FFFFFF")
        for trace_name, fills, line, width in _marks(spec):
            for fill in fills:
                outlined = line is not None and width >= 1 and colors.contrast_ratio(line, background) >= MARK_MIN
                assert outlined or colors.contrast_ratio(fill, background) >= MARK_MIN, (name, trace_name, fill)
                checked += 1
        for line in _lines(spec):
            assert colors.contrast_ratio(line, background) >= MARK_MIN, (name, line)
        for trace in spec["data"]:
            if trace["type"] == "heatmap":
                assert trace["textfont"]["color"] == colors.TEXT
    assert checked >= 10  # the marks were found
