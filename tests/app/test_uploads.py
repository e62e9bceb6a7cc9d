"""AppTest: uploaded replacement tables apply to one session only and can be reset."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import REAL_DATA, AppFactory, deck_specs, layer, no_exception, plain, texts


def renamed_cities() -> bytes:
    text = (REAL_DATA / "cities.csv").read_text(encoding="utf-8")
    return text.replace("Wuhan,武汉,Wuhan", "Wuhan (uploaded),武汉,Wuhan").encode("gb18030")


def names_on_map(at: AppTest) -> list[str]:
    return [p["name"] for p in layer(deck_specs(at)[0], "city-labels")["data"]]


def test_upload_is_used_by_its_session_only_and_resets(make_app: AppFactory) -> None:
    mine = make_app()
    mine.session_state["data.uploads"] = {"cities.csv": renamed_cities()}
    mine.run()
    no_exception(mine)
    assert "Wuhan (uploaded) · 武汉" in names_on_map(mine)

    other = make_app()
    assert "Wuhan · 武汉" in names_on_map(other)
    assert "Wuhan (uploaded) · 武汉" not in names_on_map(other)

    mine.switch_page("app_pages/data_sources.py").run()
    assert "Your session uses uploaded files: cities.csv" in plain(texts(mine))
    next(b for b in mine.button if b.label == "Back to the server's data").click().run()
    mine.switch_page("app_pages/map.py").run()
    assert "Wuhan · 武汉" in names_on_map(mine)
