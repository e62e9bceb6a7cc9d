"""AppTest: uploaded replacement tables apply to one session only and can be reset."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import REAL_DATA, AppFactory, deck_specs, layer, no_exception, plain, texts


def renamed_cities() -> bytes:
    text = (REAL_DATA / "cities.csv").read_text(encoding="utf-8")
    return text.replace("Wuhan,武汉,Wuhan", "Wuhan (uploaded),武汉,Wuhan").encode("gb18030")


def names_on_map(at: AppTest) -> list[str]:
    return [p["text"] for p in layer(deck_specs(at)[0], "texts")["data"] if "id" in p]


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


def test_upload_marks_the_url_and_a_new_session_says_the_files_are_lost(make_app: AppFactory) -> None:
    mine = make_app(lang="de")
    assert "uploads" not in mine.query_params
    mine.session_state["data.uploads"] = {"cities.csv": renamed_cities()}
    mine.run()
    assert mine.query_params["uploads"] in ("1", ["1"])
    assert not mine.warning

    # The server that held the session is gone: a new session starts from the same URL.
    lost = make_app(lang="de", uploads="1", programme="cbp")
    no_exception(lost)
    assert [w.icon for w in lost.warning] == [":material/cloud_off:"]
    assert "Ihre hochgeladenen Dateien sind nicht mehr auf dem Server" in lost.warning[0].value
    assert "Shanghai · 上海" in names_on_map(lost)  # the bundled data, and the notice says so
    assert "uploads" not in lost.query_params  # this session has no uploads: the marker goes
    lost.switch_page("app_pages/timeline.py").run()
    assert len(lost.warning) == 1  # on every page until dismissed or the files are back

    lost.session_state["data.uploads"] = {"cities.csv": renamed_cities()}
    lost.run()
    assert not lost.warning
    assert lost.query_params["uploads"] in ("1", ["1"])


def test_the_lost_uploads_notice_can_be_dismissed_and_keeps_the_page_in_place(make_app: AppFactory) -> None:
    fresh = make_app()
    lost = make_app(uploads="1")
    # The notice lives in a container that is always there: the map keeps its place.
    kinds = [c.type for c in fresh.main.children.values()]
    assert kinds == [c.type for c in lost.main.children.values()]
    assert "flex_container" in kinds[:2]  # the notice's container, above the page, empty here
    next(b for b in lost.button if b.label == "Dismiss").click().run()
    assert not lost.warning
    assert not fresh.warning
