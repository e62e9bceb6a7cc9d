"""AppTest: the focus-areas page."""

from __future__ import annotations

from tests.app.conftest import TINY_DATA, AppFactory, no_exception, plotly_specs, texts


def test_treemap_programme_focus_city(make_app: AppFactory) -> None:
    at = make_app(page="focus_areas")
    no_exception(at)
    tree = plotly_specs(at)[0]["data"][0]
    assert tree["type"] == "treemap"
    parents = dict(zip(tree["ids"], tree["parents"], strict=True))
    assert parents["f/ultra-low-energy"] == "p/cbp"
    assert parents["c/ultra-low-energy/beijing"] == "f/ultra-low-energy"
    assert parents["f/mitigation"] == "p/cap-china"
    assert not any(i.startswith("c/mitigation/") for i in tree["ids"])  # CAP China cities: not stated
    labels = dict(zip(tree["ids"], tree["labels"], strict=True))
    # Tiles without cities wrap their names; headers of tiles with cities stay on one line.
    assert labels["f/air-climate-pollutants"] == "Coordinated<br>control of air and<br>climate pollutants"
    assert labels["f/ultra-low-energy"] == "Ultra-low-energy buildings"


def test_readable_text_with_sources(make_app: AppFactory) -> None:
    shown = texts(make_app(page="focus_areas"))
    assert "Renewable energy in buildings" in shown
    assert "Fuzhou · 福州" in shown
    assert "cities not stated" in shown
    assert "China Today" in shown


def test_focus_filter(make_app: AppFactory) -> None:
    at = make_app(page="focus_areas", focus="adaptation")
    tree = plotly_specs(at)[0]["data"][0]
    assert tree["ids"] == ["p/cap-china", "f/adaptation"]


def test_other_data_directory(make_app: AppFactory) -> None:
    at = make_app(TINY_DATA, page="focus_areas")
    no_exception(at)
    tree = plotly_specs(at)[0]["data"][0]
    assert "c/urban-greening/kunming" in tree["ids"]
