"""AppTest: the compare page (``compare=beijing,shanghai``), in every language."""

from __future__ import annotations

import csv
import io

import pytest

from components.compare import compare_cities, comparison_frame
from components.downloads import compare_csv
from tests.app.conftest import AppFactory, no_exception, texts
from tracker import load_dataset
from tracker.dataset import default_data_dir
from tracker.i18n import LANGUAGES, Translator


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_two_cities_from_the_url_side_by_side(make_app: AppFactory, lang: str) -> None:
    t = Translator(lang)
    at = make_app(page="compare", compare="beijing,shanghai", lang=lang)
    no_exception(at)
    (table,) = [frame.value for frame in at.table]
    beijing, shanghai = (
        ("Beijing · 北京", "Shanghai · 上海")
        if lang == "en"
        else ("北京 · Beijing", "上海 · Shanghai")
        if lang == "zh"
        else ("Peking · 北京", "Shanghai · 上海")
    )
    assert table.columns.tolist() == [t("compare.row"), t("compare.difference"), beijing, shanghai]
    rows = table.set_index(t("compare.row"))
    cbp = rows.loc[f"{t('compare.programme')}: {'CBP' if lang != 'zh' else '建筑项目'}"]
    assert cbp[beijing].startswith(t("status.in"))
    assert cbp[shanghai].startswith(t("status.limited"))
    assert cbp[t("compare.difference")] == t("compare.differs")
    awards = rows.loc[t("kinds.award")]
    assert "2022-10" in awards[beijing] and "2025-11-04" in awards[beijing] and "[S33]" in awards[beijing]
    assert awards[shanghai] == t("compare.none")
    events = rows.loc[t("kinds.event")]
    assert "2022-01" in events[shanghai] and "[S25]" in events[shanghai]
    assert rows.loc[t("city.region"), t("compare.difference")] == t("compare.differs")
    cap = rows.loc[f"{t('compare.programme')}: {'CAP China' if lang != 'zh' else '气候行动规划'}"]
    assert t("coverage.at_least", count=8) in cap[beijing]
    assert cap[t("compare.difference")] == t("compare.same")


def test_the_download_is_the_table_and_formula_safe(make_app: AppFactory) -> None:
    at = make_app(page="compare", compare="hong-kong,wuhan,beijing")
    no_exception(at)
    (table,) = [frame.value for frame in at.table]
    model = load_dataset(default_data_dir()).model
    assert model is not None
    t = Translator("en")
    frame = comparison_frame(compare_cities(model, ["hong-kong", "wuhan", "beijing"], "en", t), t)
    assert frame.to_dict("list") == table.to_dict("list")
    rows = list(csv.reader(io.StringIO(compare_csv(frame).decode("utf-8-sig"))))
    assert rows[0] == table.columns.tolist()
    assert len(rows) == len(table) + 1
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("compare.download") in labels


def test_one_city_asks_for_more(make_app: AppFactory) -> None:
    at = make_app(page="compare", compare="beijing")
    no_exception(at)
    assert not at.table
    assert Translator("en")("compare.too_few", low=2, high=4) in texts(at)


def test_unknown_and_extra_cities_are_dropped(make_app: AppFactory) -> None:
    at = make_app(page="compare", compare="beijing,atlantis,shanghai,wuhan,nanjing,dalian,beijing")
    no_exception(at)
    (table,) = [frame.value for frame in at.table]
    assert len(table.columns) == 2 + 4
    assert at.query_params["compare"] in ("beijing,shanghai,wuhan,nanjing", ["beijing,shanghai,wuhan,nanjing"])


def test_choosing_cities_writes_the_url(make_app: AppFactory) -> None:
    at = make_app(page="compare")
    no_exception(at)
    at.multiselect(key="compare.cities").set_value(["dalian", "chengdu"]).run()
    no_exception(at)
    assert len(at.table) == 1
    assert at.query_params["compare"] in ("dalian,chengdu", ["dalian,chengdu"])


def test_compare_with_keeps_the_shared_view(make_app: AppFactory) -> None:
    """The city panel's "Compare with…" opens Compare in the same language, city and filters.

    ``st.switch_page`` starts a run without the browser's widget states; shared widgets that did
    not persist their state lost the language and the selected city there (the URL said ``lang=None``).
    """
    at = make_app(city="wuhan", lang="de", programme="cbp", years="2015-2020")
    no_exception(at)
    at.segmented_control(key="ui.lang").set_value("zh").run()
    at.button(key="city.compare.wuhan").click().run()
    no_exception(at)
    t = Translator("zh")
    assert [title.value for title in at.title] == [t("compare.title")]
    assert at.multiselect(key="compare.cities").value == ["wuhan"]
    params = {key: at.query_params[key] for key in at.query_params}
    assert params == {"lang": "zh", "city": "wuhan", "compare": "wuhan", "programme": "cbp", "years": "2015-2020"}
    assert at.session_state["ui.city"] == "wuhan"
