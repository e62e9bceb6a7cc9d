"""The briefing pack: one self-contained HTML file, escaped, offline, and its command (``python -m briefing``)."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing import briefing_html
from briefing.geometry import Projection, layer_paths
from briefing.map import INSET_LABEL_SIZE, LABEL_SIZE, map_cities, map_inset, wrap_label
from components.map_marks import Mark, place_labels, text_width
from tracker import load_dataset
from tracker.filters import Filters, View, apply_filters
from tracker.geo import EMPTY, LAYERS, Boundaries, load_boundaries
from tracker.model import Model
from tracker.safety import safe_url

from .support import DATA_DIR, TINY_DIR, edit_cell, run_cli

TODAY = date(2025, 11, 29)
LANGS = ("en", "zh", "de")
HTML_LANG = {"en": "en", "zh": "zh-CN", "de": "de"}
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_PROGRAMME = "CBP <script>alert(1)</script> {count} {0} {title}"
HOSTILE_URL = "javascript:alert(1)"
FORBIDDEN_TAGS = {
    "script",
    "link",
    "iframe",
    "object",
    "embed",
    "img",
    "image",
    "use",
    "base",
    "frame",
    "form",
    "input",
}
NO_BASE_MAP = Boundaries(layers={name: EMPTY for name in LAYERS}, compact={}, metadata={})


class _Collector(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(document: str) -> _Collector:
    """Parse a document with the standard library's HTML parser."""
    collector = _Collector()
    collector.feed(document)
    collector.close()
    return collector


def count(document: str, tag: str, css_class: str) -> int:
    """How many ``tag`` elements carry ``css_class``."""
    return sum(
        1 for name, attrs in parse(document).tags if name == tag and css_class in (attrs.get("class") or "").split()
    )


def assert_self_contained(document: str, model: Model) -> None:
    """No script, no external resource; the only links are the sources' http(s) addresses."""
    lowered = document.lower()
    for needle in ("<script", "<link", "@import", "url(", "<iframe", "<object", "<embed"):
        assert needle not in lowered, needle
    allowed = {url for url in (safe_url(u) for u in model.sources["url"]) if url}
    parsed = parse(document)
    for tag, attrs in parsed.tags:
        assert tag not in FORBIDDEN_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "srcset", "xlink:href", "action", "formaction", "poster", "background"), (
                tag,
                name,
            )
            if name == "href":
                assert tag == "a", tag
                assert value in allowed, value
            if name == "style":
                assert "url" not in (value or "").lower() and "expression" not in (value or "").lower()
        if tag == "meta":
            assert "http-equiv" not in attrs


@pytest.fixture(scope="module")
def model() -> Model:
    result = load_dataset(DATA_DIR)
    assert result.model is not None
    return result.model


@pytest.fixture(scope="module")
def view(model: Model) -> View:
    return apply_filters(model, Filters())


@pytest.fixture(scope="module")
def briefings(view: View) -> dict[str, str]:
    return {lang: briefing_html(view, lang, TODAY) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_every_city_and_programme_is_named_in_the_language(briefings: dict[str, str], model: Model, lang: str) -> None:
    document = briefings[lang]
    for name in model.cities[f"name_{lang}"]:
        assert html.escape(name) in document, name
    for name in model.programmes[f"name_{lang}"]:
        assert html.escape(name) in document, name
    assert f'<html lang="{HTML_LANG[lang]}">' in document
    assert '<meta charset="utf-8">' in document
    assert document.startswith("<!DOCTYPE html>")


def _cited_by_rows(model: Model) -> set[str]:
    """Sources named by any row of the tables the briefing shows (S36, cited by no row, is not among them)."""
    frames = [model.cities, model.programmes, model.focus_areas, model.participation, model.milestones]
    return {item for frame in frames for cell in frame["source_ids"] for item in cell.split(";")}


@pytest.mark.parametrize("lang", LANGS)
def test_briefing_is_self_contained_and_small(briefings: dict[str, str], model: Model, lang: str) -> None:
    document = briefings[lang]
    assert_self_contained(document, model)
    hrefs = [attrs["href"] for tag, attrs in parse(document).tags if tag == "a"]
    assert set(hrefs) == {safe_url(model.sources.loc[s, "url"]) for s in _cited_by_rows(model)}
    assert len(document.encode("utf-8")) < 3_000_000
    assert '"Noto Sans CJK SC", "Source Sans Pro", sans-serif' in document
    assert "@media print" in document and "A4 landscape" in document


def test_sections_and_counts(briefings: dict[str, str], view: View) -> None:
    document = briefings["en"]
    for section in (
        "key-figures",
        "map",
        "timeline",
        "coverage",
        "focus",
        "membership",
        "awards",
        "milestones",
        "undated",
        "sources",
    ):
        assert f'id="{section}"' in document
    assert count(document, "svg", "map") == 1
    assert count(document, "svg", "timeline") == 1
    assert count(document, "circle", "city-marker") == len(view.map_cities) == 13
    assert count(document, "rect", "programme-bar") == len(view.programmes) == 3
    assert count(document, "g", "milestone-marker") == len(view.milestones) == 34  # the dated ones
    assert document.count('<tr data-city="') == len(view.cities)
    assert document.count('<li data-source="') == len(_cited_by_rows(view.model))
    assert "Data as of " + view.model.data_date.isoformat() in document
    assert "Filters: none (all cities and programmes)" in document
    assert "How to cite" in document


def test_key_figures_and_coverage_words(briefings: dict[str, str]) -> None:
    document = briefings["en"]
    assert "4 of 13 cities, 1 only in part" in document
    assert document.count('<p class="figure">not stated</p>') == 1  # the Beijing office lists no cities
    assert document.count('<p class="figure">at least 8 cities, not named</p>') == 1  # CAP China (S10)
    assert "Changning District only" in document
    assert "仅长宁区" in briefings["zh"]
    assert "Nur Bezirk Changning" in briefings["de"]
    for status in ("in", "limited", "not_in", "not_stated"):
        assert f"status-{status}" in document


def test_timeline_marks_open_ends_and_date_precision(briefings: dict[str, str]) -> None:
    document = briefings["en"]
    assert document.count('data-open="true"') == 3  # no programme states an end
    shapes = re.findall(r'<(circle|path|rect) class="milestone"', document)
    assert shapes.count("circle") == 16  # 15 exact days and the legend's circle
    assert shapes.count("path") == 15  # 14 month-only milestones and the legend's diamond
    assert shapes.count("rect") == 6  # five year-only milestones and the legend's square
    assert "today (2025-11-29)" in document
    for year in range(2014, 2026):
        assert f">{year}</text>" in document


def test_ended_programme_is_a_solid_bar() -> None:
    tiny = load_dataset(TINY_DIR).model
    assert tiny is not None
    document = briefing_html(apply_filters(tiny, Filters()), "en", TODAY)
    assert 'data-programme="cool-cities" data-open="false"' in document
    assert 'data-programme="clean-transport" data-open="true"' in document
    assert_self_contained(document, tiny)


def test_filters_are_named_and_narrow_the_pack(model: Model) -> None:
    view = apply_filters(model, Filters(programmes=("cbp",), years=(2016, 2020)))
    document = briefing_html(view, "en", TODAY)
    assert "Programme: CBP" in document and "Years: 2016–2020" in document
    assert count(document, "circle", "city-marker") == 4
    assert count(document, "rect", "programme-bar") == 1


@pytest.mark.parametrize(
    "filters",
    [
        Filters(cities=("chengdu",), programmes=("cbp",)),
        Filters(focus_areas=("mitigation",)),
        Filters(years=(2014, 2015)),
        Filters(cities=("hong-kong",)),
    ],
)
def test_narrow_and_empty_views_still_build(model: Model, filters: Filters) -> None:
    for lang in LANGS:
        document = briefing_html(apply_filters(model, filters), lang, TODAY)
        assert_self_contained(document, model)
        assert document.rstrip().endswith("</html>")


def test_empty_boundary_layers_give_a_map_of_city_positions(view: View) -> None:
    document = briefing_html(view, "en", TODAY, boundaries=NO_BASE_MAP)
    assert "Base map not available" in document
    assert count(document, "circle", "city-marker") == 13
    assert '<g class="layer-provinces"' in document


def test_unreadable_or_odd_boundaries_do_not_break_the_pack(view: View, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.page as page

    def half_written() -> Boundaries:
        raise ValueError("Unterminated string starting at: line 1 column 90")

    monkeypatch.setattr(page, "load_boundaries", half_written)
    document = briefing_html(view, "en", TODAY)
    assert "Base map not available" in document
    assert count(document, "circle", "city-marker") == 13
    odd = Boundaries(
        layers={"countries": [], "provinces": {"features": "x"}, "national": {"type": "Point"}},  # type: ignore[dict-item]
        compact={},
        metadata={},
    )
    document = briefing_html(view, "zh", TODAY, boundaries=odd)
    assert count(document, "circle", "city-marker") == 13


def test_boundaries_are_projected_clipped_and_thinned() -> None:
    projection = Projection()
    square = [[100, 30], [110, 30], [110, 40], [100, 40], [100, 30]]
    layer = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [square]}},
            {
                "type": "Feature",
                "geometry": {"type": "MultiPolygon", "coordinates": [[square], [[[0, 0], [1, 0], [1, 1]]]]},
            },
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[120, 20], [121, 21], [200, 80]]}},
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[-10, -10], [-5, -10], [-5, -5]]]}},
            {"type": "Feature", "geometry": None},
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[["x", None], [1]]]}},
            "not a feature",
        ],
    }
    paths = layer_paths(layer, projection)
    assert len(paths) == 3  # the square, the square of the multipolygon (its far triangle dropped), the line
    x0, y0 = projection(100, 30)
    assert paths[0].startswith(f"M{round(x0, 1):g} {round(y0, 1):g}l")
    assert paths[0].endswith("z") and not paths[2].endswith("z")
    relative = re.findall(r"-?[0-9.]+", paths[0].split("l", 1)[1])
    assert len(relative) == 6  # three more corners; the repeated closing corner is left to "z"
    assert paths[1] == paths[0]
    assert layer_paths({}, projection) == [] and layer_paths(EMPTY, projection) == []
    wiggly = [[100 + i / 1000, 30 + (i % 2) / 100000] for i in range(2000)] + [[102, 35], [100, 30]]
    thinned = layer_paths(
        {"features": [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [wiggly]}}]}, projection
    )
    assert thinned and thinned[0].count("l") == 1 and len(thinned[0]) < 200


def test_labels_do_not_overlap_on_the_real_map(view: View) -> None:
    from tracker.i18n import Translator

    for lang in LANGS:
        projection = Projection()
        cities = map_cities(view, lang, Translator(lang), projection)
        labels = place_labels([city.mark for city in cities], projection.width, projection.height, LABEL_SIZE)
        boxes = [label.box for label in labels]
        for i, a in enumerate(boxes):
            assert a[0] >= 0 and a[2] <= projection.width and a[1] >= 0 and a[3] <= projection.height
            for b in boxes[i + 1 :]:
                assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (lang, a, b)


# ------------------------------------------------------- South China Sea inset

INSET_LABELS = {"en": "South China Sea Islands", "zh": "南海诸岛", "de": "Inseln im Südchinesischen Meer"}


class _InsetReader(HTMLParser):
    """The inset group of the map: its translation, frame, sea, layer paths and label lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting depth inside <g class="inset">, 0 outside it
        self.groups: list[str] = []  # classes of the open <g> elements inside the inset
        self.insets = 0
        self.origin: tuple[float, float] | None = None
        self.rects: dict[str, tuple[float, float]] = {}
        self.paths: dict[str, list[str]] = {}
        self.label_lines: list[str] = []
        self.in_label_text = False
        self.map_size: tuple[float, float] | None = None
        self.markers: list[tuple[float, float]] = []
        self.labels: list[tuple[float, float, str]] = []
        self.city_label: tuple[float, float, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        css = a.get("class", "")
        if tag == "svg" and css == "map":
            self.map_size = (float(a["width"]), float(a["height"]))
        if tag == "circle" and css == "city-marker":
            self.markers.append((float(a["cx"]), float(a["cy"])))
        if tag == "text" and css == "city-label":
            self.city_label = (float(a["x"]), float(a["y"]), a["text-anchor"])
        if tag == "g" and (self.depth or css == "inset"):
            if css == "inset":
                self.insets += 1
                x, y = re.fullmatch(r"translate\((\S+) (\S+)\)", a["transform"]).groups()  # type: ignore[union-attr]
                self.origin = (float(x), float(y))
            self.depth += 1
            self.groups.append(css)
        elif self.depth and tag == "rect":
            self.rects[css] = (float(a["width"]), float(a["height"]))
        elif self.depth and tag == "path":
            self.paths.setdefault(self.groups[-1], []).append(a["d"])
        elif self.depth and tag == "text" and self.groups[-1] == "inset-label":
            self.in_label_text = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "g":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "g" and self.depth:
            self.depth -= 1
            self.groups.pop()
        if tag == "text":
            self.in_label_text = False

    def handle_data(self, data: str) -> None:
        if self.in_label_text:
            self.label_lines.append(data)
        elif self.city_label is not None:
            self.labels.append((*self.city_label, data))
            self.city_label = None


def read_inset(document: str) -> _InsetReader:
    """Parse the map of a briefing for its inset."""
    reader = _InsetReader()
    reader.feed(document)
    reader.close()
    return reader


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two boxes ``(x0, y0, x1, y1)`` overlap."""
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@pytest.mark.parametrize("lang", LANGS)
def test_map_has_the_south_china_sea_inset_with_its_label(briefings: dict[str, str], lang: str) -> None:
    """The inset sits framed in the lower right, with its own sea, the islands, the line and its label."""
    reader = read_inset(briefings[lang])
    assert reader.insets == 1
    assert " ".join(reader.label_lines) == INSET_LABELS[lang]
    assert reader.map_size is not None and reader.origin is not None
    width, height = reader.map_size
    inset_w, inset_h = reader.rects["inset-frame"]
    assert reader.rects["inset-sea"] == (inset_w, inset_h)
    x, y = reader.origin
    assert x > width / 2 and y > height / 2  # lower right
    assert x + inset_w < width and y + inset_h < height
    assert 0.1 * width < inset_w < 0.3 * width and inset_h > inset_w  # portrait, smaller scale
    # The national layer holds the land outline, over 100 islands and the ten segments of the line.
    subpaths = sum(d.count("M") for d in reader.paths["inset-layer-national"])
    assert subpaths >= 120
    assert len(reader.paths["inset-layer-provinces"]) >= 3  # Guangdong, Guangxi, Hainan, ...
    # No city marker and no city label on the inset.
    box = (x, y, x + inset_w, y + inset_h)
    assert len(reader.markers) == 13 and len(reader.labels) == 13
    for cx, cy in reader.markers:
        assert not overlaps((cx - 1, cy - 1, cx + 1, cy + 1), box)
    for lx, ly, anchor, text in reader.labels:
        span = text_width(text, LABEL_SIZE)
        left = {"start": lx, "end": lx - span, "middle": lx - span / 2}[anchor]
        assert not overlaps((left, ly - LABEL_SIZE / 2, left + span, ly + LABEL_SIZE / 2), box), text


def test_inset_extent_comes_from_the_boundary_metadata() -> None:
    """The inset shows the extent the metadata gives (islands and the whole maritime line)."""
    boundaries = load_boundaries()
    extent = boundaries.inset_bbox
    assert extent == tuple(boundaries.metadata["south_china_sea"]["inset"]["bbox"])
    projection = Projection()
    inset = map_inset(boundaries, projection.width, projection.height)
    assert inset is not None
    frame = inset.projection
    assert (frame.west, frame.south, frame.east, frame.north) == extent
    line = next(f for f in boundaries.layers["national"]["features"] if f["properties"]["layer"] == "maritime_boundary")
    points = [frame(lon, lat) for segment in line["geometry"]["coordinates"] for lon, lat in segment]
    assert all(0 <= px <= frame.width and 0 <= py <= frame.height for px, py in points)
    assert max(py for _, py in points) > 0.9 * frame.height  # the southern end is near the bottom


@pytest.mark.parametrize(
    "metadata",
    [
        {},
        {"south_china_sea": "x"},
        {"south_china_sea": {"inset": {"bbox": [107.5, 2.5, 123.5]}}},
        {"south_china_sea": {"inset": {"bbox": ["107.5", 2.5, 123.5, 25.3]}}},
        {"south_china_sea": {"inset": {"bbox": [123.5, 2.5, 107.5, 25.3]}}},
        {"south_china_sea": {"inset": {"bbox": [107.5, 2.5, 123.5, float("nan")]}}},
    ],
)
def test_no_inset_without_a_valid_extent(view: View, metadata: dict[str, object]) -> None:
    """Metadata without a valid inset extent gives the map without an inset, not an error."""
    boundaries = Boundaries(layers={name: EMPTY for name in LAYERS}, compact={}, metadata=metadata)
    assert boundaries.inset_bbox is None
    document = briefing_html(view, "en", TODAY, boundaries=boundaries)
    assert read_inset(document).insets == 0
    assert count(document, "circle", "city-marker") == 13


def test_inset_label_wraps_to_the_inset() -> None:
    """A long label breaks at spaces to fit the inset; a short one stays on one line."""
    assert wrap_label("南海诸岛", 150, INSET_LABEL_SIZE) == ["南海诸岛"]
    lines = wrap_label("Inseln im Südchinesischen Meer", 150, INSET_LABEL_SIZE)
    assert len(lines) == 2 and " ".join(lines) == "Inseln im Südchinesischen Meer"
    assert all(text_width(line, INSET_LABEL_SIZE) <= 150 for line in lines)


def test_labels_keep_out_of_an_area_to_avoid() -> None:
    """A label that would fall on an area to avoid goes to another side of its marker."""
    marks = [Mark(100.0, 100.0, 5.0, "Label")]
    (free,) = place_labels(marks, 400, 400, LABEL_SIZE)
    assert free.anchor == "start"  # right of the marker when nothing is in the way
    (moved,) = place_labels(marks, 400, 400, LABEL_SIZE, avoid=[(104.0, 80.0, 200.0, 120.0)])
    assert moved.box[2] <= 104.0


# ------------------------------------------------------------------ hostile data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Model:
    directory = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA_DIR, directory)
    edit_cell(directory, "cities.csv", 2, "name_en", HOSTILE_NAME)  # Beijing
    edit_cell(directory, "cities.csv", 3, "name_zh", "</style><script>alert(2)</script>")  # Shanghai
    edit_cell(directory, "sources.csv", 2, "url", HOSTILE_URL)  # S1
    edit_cell(directory, "sources.csv", 3, "title", '"><a href="https://evil.example">x</a>')  # S2
    edit_cell(directory, "programmes.csv", 3, "short_en", HOSTILE_PROGRAMME)  # CBP
    edit_cell(directory, "focus_areas.csv", 2, "description_en", "url(https://evil.example/x.png) @import 'x';")
    edit_cell(directory, "milestones.csv", 2, "title_en", "{date} {title} & <b>bold</b>")
    result = load_dataset(directory)
    assert result.model is not None, result.problems
    return result.model


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_text_is_escaped_and_never_a_link(hostile: Model, lang: str) -> None:
    document = briefing_html(apply_filters(hostile, Filters()), lang, TODAY)
    for raw in (HOSTILE_NAME, "<script>", "<b>bold</b>", '<a href="https://evil.example">'):
        assert raw not in document
    parsed = parse(document)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"img", "script", "b"}
    hrefs = [attrs.get("href") for tag, attrs in parsed.tags if tag == "a"]
    assert HOSTILE_URL not in hrefs and "https://evil.example" not in hrefs
    assert all(h and h.startswith(("http://", "https://")) for h in hrefs)
    assert html.escape(HOSTILE_URL) in document  # shown as text, marked as no link
    text = "".join(parsed.text)
    if lang in ("en", "zh"):  # German shows name_de ("Peking"); Chinese shows name_en beside name_zh
        assert HOSTILE_NAME in text  # the reader sees the name literally
    if lang == "en":
        assert "not a web link" in document
        assert html.escape(HOSTILE_NAME) in document
        assert HOSTILE_PROGRAMME in text  # placeholders stay as they are
        assert "{date} {title} & <b>bold</b>" in text
    if lang == "zh":
        assert "</style><script>alert(2)</script>" in text
    allowed_style = document.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "evil" not in allowed_style and "url(" not in allowed_style
    assert document.lower().count("<script") == 0 and document.count("<style>") == 1


# ---------------------------------------------------------------------- the CLI


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cli_writes_the_briefing(tmp_path: Path, model: Model, lang: str) -> None:
    out = tmp_path / f"briefing-{lang}.html"
    completed = run_cli("--out", str(out), "--lang", lang, "--data", str(DATA_DIR), module="briefing")
    assert completed.returncode == 0, completed.stderr
    assert f"{out}: briefing written ({lang}," in completed.stdout
    document = out.read_text(encoding="utf-8")
    assert_self_contained(document, model)
    for name in model.cities[f"name_{lang}"]:
        assert html.escape(name) in document
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_defaults_to_english_and_the_bundled_data(tmp_path: Path) -> None:
    out = tmp_path / "briefing.html"
    completed = run_cli("--out", str(out), module="briefing")
    assert completed.returncode == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")


def test_cli_invalid_data_exits_1_and_lists_the_problems(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY_DIR, data)
    edit_cell(data, "cities.csv", 3, "latitude", "95.2")
    out = tmp_path / "briefing.html"
    completed = run_cli("--out", str(out), "--data", str(data), module="briefing")
    assert completed.returncode == 1
    assert "cities.csv, line 3, column latitude: error: '95.2': is out of range (-90 to 90)" in completed.stdout
    assert "INVALID" in completed.stdout
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--out", "{tmp}/b.html", "--lang", "fr"],
        ["--out", "{tmp}/b.html", "--data", "{tmp}/missing"],
        ["--out", "{tmp}/no/such/dir/b.html"],
        ["--out", "{tmp}"],
        [],
        ["--out", "{tmp}/b.html", "--unknown"],
    ],
    ids=["bad-lang", "missing-data-dir", "missing-out-dir", "out-is-a-directory", "no-out", "unknown-option"],
)
def test_cli_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    completed = run_cli(*(arg.replace("{tmp}", str(tmp_path)) for arg in args), module="briefing")
    assert completed.returncode == 2
    assert "usage error" in completed.stderr
    assert not (tmp_path / "b.html").exists()


def test_cli_keeps_validate_unchanged() -> None:
    completed = run_cli("validate", str(TINY_DIR))
    assert completed.returncode == 0
    assert completed.stdout == f"{TINY_DIR}: valid — 3 cities, 2 programmes, 3 milestones, 0 warning(s)\n"


def test_core_package_does_not_import_the_drawing_code() -> None:
    """``tracker`` sits below ``components`` and ``briefing``: none of its modules imports them."""
    offenders = [
        f"{path.name}: {line.strip()}"
        for path in sorted((DATA_DIR.parent / "tracker").glob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(from|import) (components|briefing|streamlit)\b", line)
    ]
    assert offenders == []


def test_membership_over_time_awards_and_undated_facts(briefings: dict[str, str]) -> None:
    document = briefings["en"]
    row = re.search(r'<tr data-membership="qingdao">(.*?)</tr>', document)
    assert row is not None
    cells = re.findall(r'<td class="status-([a-z_]+)"', row.group(1))
    assert cells[:5] == ["not_yet"] * 4 + ["member"]  # 2013-2016 not yet; member at the end of 2017
    hangzhou = re.search(r'<tr data-membership="hangzhou">(.*?)</tr>', document)
    assert hangzhou is not None
    statuses = re.findall(r'<td class="status-([a-z_]+)"', hangzhou.group(1))
    assert statuses[:7] == ["not_known"] * 4 + ["not_yet", "not_known", "member"]  # applying 2017, member 2019
    awards = re.search(r'<section class="awards" id="awards">(.*?)</section>', document, re.S)
    assert awards is not None
    for fact in ("shenzhen-award-2014", "wuhan-award-2015", "nanjing-award-2015", "wuhan-award-2017"):
        assert f'data-fact="{fact}"' in awards.group(1)
    for fact in ("guangzhou-award-2019", "beijing-award-2022", "beijing-award-2025", "chengdu-cop30"):
        assert f'data-fact="{fact}"' in awards.group(1)
    undated = re.search(r'<section class="undated" id="undated">(.*?)</section>', document, re.S)
    assert undated is not None
    assert re.findall(r'data-fact="([^"]+)"', undated.group(1)) == [
        "cap-china-eight-plans",
        "hong-kong-clean-bus",
        "hong-kong-vice-chair",
    ]
    assert "date not stated" in undated.group(1) and "[S19]" in undated.group(1)
