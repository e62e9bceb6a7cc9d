"""Text alternatives for the charts and the map, generated from the filtered data in each language.

Each view has a :class:`Summary`: a short, specific ``alt`` (the chart's accessible name), a
``text`` that states the chart's facts in sentences (read by screen readers, and shown to
presenters as speaker notes) and a ``table`` of the same values. Names in sentences are in the
page's language only (no Chinese beside an English name), so a screen reader reads them in one
voice; the tables keep the names as the rest of the page shows them.

Pure pandas: no Streamlit, nothing from ``components``. Every summary is a pure function of a
view (a model build and its filters), the language and its translator, so each is memoised
(at most :data:`SUMMARIES` per builder, least recently used dropped): the pages ask for the same
summaries on rerun after rerun. A summary and its table are shared and never changed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import pandas as pd
import pyarrow as pa

from tracker.filters import View
from tracker.i18n import Translator, localized_list
from tracker.validate import split_list

SUMMARIES = 32
"""How many summaries each builder keeps."""


@dataclass(frozen=True)
class Summary:
    """A chart's text alternative: accessible name, sentences, and the values as a table."""

    alt: str
    text: str
    table: pd.DataFrame

    @cached_property
    def arrow(self) -> pa.Table:
        """The table as Arrow, converted once: what ``st.dataframe`` would make of ``table`` on each run."""
        return pa.Table.from_pandas(self.table)


def _join(parts: list[str], t: Translator) -> str:
    """Parts joined by the language's list separator, ending with a full stop."""
    return t("a11y.sep").join(parts) + t("a11y.end") if parts else ""


def _plain_names(frame: pd.DataFrame, id_column: str, lang: str) -> dict[str, str]:
    """Id → name in ``lang`` only (English where the data has no such name, without a mark)."""
    names = localized_list(frame, "name", lang, blank="")
    english = frame["name_en"].tolist()
    return {
        key: (name.removesuffix(" [EN]") if name else str(fallback))
        for key, name, fallback in zip(frame[id_column].tolist(), names, english, strict=True)
    }


def _short_names(programmes: pd.DataFrame, lang: str) -> dict[str, str]:
    """Programme id → its short name in ``lang`` (the full name where there is none)."""
    column = f"short_display_{lang}"
    if column in programmes.columns:
        return dict(zip(programmes["programme_id"].tolist(), programmes[column].tolist(), strict=True))
    return _plain_names(programmes, "programme_id", lang)


def _display_names(cities: pd.DataFrame, lang: str) -> dict[str, str]:
    """City id → the name as the pages show it (with the other script beside it)."""
    column = f"display_{lang}"
    values = cities[column].tolist() if column in cities.columns else cities["name_en"].tolist()
    return dict(zip(cities["city_id"].tolist(), values, strict=True))


def _text(value: object, t: Translator) -> str:
    return value if isinstance(value, str) and value else t("common.not_stated")


@dataclass(frozen=True)
class ProgrammeCoverage:
    """How many of the shown cities a programme covers, and where only in part."""

    programme_id: str
    name: str
    stated: bool
    city_ids: tuple[str, ...]
    partial: tuple[tuple[str, str], ...]  # (city id, scope in the language)
    total: int


def programme_coverage(view: View, lang: str) -> list[ProgrammeCoverage]:
    """Per shown programme (data order): the shown cities in it and those only in part."""
    participation = view.participation
    scopes = localized_list(participation, "scope", lang, blank="")
    cities: dict[str, list[str]] = defaultdict(list)
    partial: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for programme_id, city_id, status, scope in zip(
        participation["programme_id"].tolist(),
        participation["city_id"].tolist(),
        participation["status"].tolist(),
        scopes,
        strict=True,
    ):
        cities[programme_id].append(city_id)
        if status == "limited":
            partial[programme_id].append((city_id, scope.removesuffix(" [EN]")))
    names = _short_names(view.model.programmes, lang)
    programmes = view.programmes.sort_values("order")
    return [
        ProgrammeCoverage(
            programme_id=programme_id,
            name=names[programme_id],
            stated=participants == "listed" or bool(cities[programme_id]),
            city_ids=tuple(cities[programme_id]),
            partial=tuple(partial[programme_id]),
            total=len(view.cities),
        )
        for programme_id, participants in zip(
            programmes["programme_id"].tolist(), programmes["participants"].tolist(), strict=True
        )
    ]


@lru_cache(maxsize=SUMMARIES)
def coverage_summary(view: View, lang: str, t: Translator) -> Summary:
    """Key figures and the city × programme matrix: "CBP: 4 of 13 cities, Shanghai only in …"."""
    plain = _plain_names(view.model.cities, "city_id", lang)
    shown = _display_names(view.model.cities, lang)
    parts, rows = [], []
    for item in programme_coverage(view, lang):
        count = view.model.programmes.loc[item.programme_id, "participant_count"]
        if not item.stated and not pd.isna(count):
            parts.append(t("a11y.labelled", label=item.name, value=t("coverage.at_least", count=int(count))))
        elif not item.stated:
            parts.append(t("a11y.coverage_not_stated", programme=item.name))
        else:
            part = t("a11y.coverage_count", programme=item.name, covered=len(item.city_ids), total=item.total)
            if item.partial:
                scoped = [t("a11y.partial", city=plain[c], scope=s or t("common.not_stated")) for c, s in item.partial]
                part += t("a11y.comma") + t("a11y.list").join(scoped)
            parts.append(part)
        rows.append(
            {
                t("table.programme"): item.name,
                t("a11y.col_in"): len(item.city_ids) if item.stated else t("common.not_stated"),
                t("a11y.col_of"): item.total,
                t("a11y.col_partial"): ", ".join(f"{shown[c]} ({s})" for c, s in item.partial) or "—",
                t("table.cities"): ", ".join(shown[c] for c in item.city_ids)
                if item.stated
                else t("common.not_stated"),
            }
        )
    alt = t("a11y.coverage_alt", cities=len(view.cities), programmes=len(view.programmes))
    return Summary(alt=alt, text=_join(parts, t), table=pd.DataFrame(rows, dtype=object))


@lru_cache(maxsize=SUMMARIES)
def coverage_table(view: View, lang: str, t: Translator) -> pd.DataFrame:
    """The city × programme matrix as a table: one row per city, the status word per programme."""
    grid = view.coverage
    names = _short_names(view.model.programmes, lang)
    shown = _display_names(view.model.cities, lang)
    scopes = localized_list(grid, "scope", lang, blank="") if "scope_en" in grid.columns else [""] * len(grid)
    cells: dict[tuple[str, str], str] = {}
    for city_id, programme_id, status, scope in zip(
        grid["city_id"].tolist(), grid["programme_id"].tolist(), grid["status"].tolist(), scopes, strict=True
    ):
        word = t(f"status.{status}")
        cells[(city_id, programme_id)] = f"{word}: {scope.removesuffix(' [EN]')}" if scope else word
    programmes = view.programmes.sort_values("order")["programme_id"].tolist()
    rows = [
        {t("a11y.col_city"): shown[city_id], **{names[p]: cells.get((city_id, p), "") for p in programmes}}
        for city_id in view.cities["city_id"].tolist()
    ]
    return pd.DataFrame(rows, columns=[t("a11y.col_city"), *(names[p] for p in programmes)], dtype=object)


@lru_cache(maxsize=SUMMARIES)
def map_summary(view: View, lang: str, t: Translator) -> Summary:
    """The map: which cities are shown, which programmes each takes part in; a row per city."""
    cities = view.map_cities
    plain = _plain_names(view.model.cities, "city_id", lang)
    shown = _display_names(view.model.cities, lang)
    names = _short_names(view.model.programmes, lang)
    regions = localized_list(cities, "region", lang, blank="")
    scopes = localized_list(view.participation, "scope", lang, blank="")
    taking_part: dict[str, list[str]] = defaultdict(list)
    for programme_id, city_id, scope in zip(
        view.participation["programme_id"].tolist(), view.participation["city_id"].tolist(), scopes, strict=True
    ):
        scope = scope.removesuffix(" [EN]")
        taking_part[city_id].append(f"{names[programme_id]} ({scope})" if scope else names[programme_id])
    rows = []
    for city_id, region, joined in zip(cities["city_id"].tolist(), regions, cities["joined_c40"].tolist(), strict=True):
        rows.append(
            {
                t("a11y.col_city"): shown[city_id],
                t("city.programmes"): ", ".join(taking_part[city_id]) or t("map.no_programme"),
                t("city.region"): region.removesuffix(" [EN]") or t("common.not_stated"),
                t("city.joined"): _text(joined, t),
            }
        )
    table = pd.DataFrame(rows, columns=[t("a11y.col_city"), t("city.programmes"), t("city.region"), t("city.joined")])
    ids = cities["city_id"].tolist()
    in_some = [c for c in ids if taking_part[c]]
    parts = [t("a11y.map_count", count=len(ids))]
    for item in programme_coverage(view, lang):
        if item.city_ids:
            listed = [plain[c] for c in item.city_ids if c in set(ids)]
            parts.append(t("a11y.map_programme", programme=item.name, cities=t("a11y.list").join(listed)))
    without = [plain[c] for c in ids if not taking_part[c]]
    if without:
        parts.append(t("a11y.map_none", count=len(without), cities=t("a11y.list").join(without)))
    alt = t("a11y.map_alt", count=len(ids), taking_part=len(in_some))
    return Summary(alt=alt, text=_join(parts, t), table=table.set_axis(ids).astype(object))


@lru_cache(maxsize=SUMMARIES)
def timeline_summary(view: View, lang: str, t: Translator) -> Summary:
    """Programme bars and milestones: start and end of each programme, milestones per year span."""
    names = _short_names(view.model.programmes, lang)
    milestones = view.milestones
    counts: dict[str, int] = defaultdict(int)
    for programme_id in milestones["programme_id"].tolist():
        counts[programme_id if isinstance(programme_id, str) else ""] += 1
    parts, rows = [], []
    programmes = view.programmes.sort_values("order")
    for programme_id, start, end in zip(
        programmes["programme_id"].tolist(), programmes["start"].tolist(), programmes["end"].tolist(), strict=True
    ):
        ended = isinstance(end, str) and bool(end)
        key = "a11y.timeline_ended" if ended else "a11y.timeline_open"
        parts.append(t(key, programme=names[programme_id], start=start, end=end, count=counts[programme_id]))
        rows.append(
            {
                t("table.programme"): names[programme_id],
                t("timeline.start"): _text(start, t),
                t("timeline.end"): end if ended else t("timeline.open_end"),
                t("timeline.milestones"): counts[programme_id],
            }
        )
    if counts[""]:
        parts.append(t("a11y.timeline_network", count=counts[""]))
        rows.append(
            {
                t("table.programme"): t("timeline.network_row"),
                t("timeline.start"): "—",
                t("timeline.end"): "—",
                t("timeline.milestones"): counts[""],
            }
        )
    if not milestones.empty:
        years = milestones["year"].tolist()
        parts.append(t("a11y.timeline_milestones", count=len(years), first=min(years), last=max(years)))
    alt = t("a11y.timeline_alt", programmes=len(programmes), milestones=len(milestones))
    return Summary(alt=alt, text=_join(parts, t), table=pd.DataFrame(rows, dtype=object))


@lru_cache(maxsize=SUMMARIES)
def city_timeline_summary(view: View, lang: str, t: Translator) -> Summary:
    """The per-city timeline: when each city joined C40 and since when it takes part in what."""
    plain = _plain_names(view.model.cities, "city_id", lang)
    shown = _display_names(view.model.cities, lang)
    names = _short_names(view.model.programmes, lang)
    since: dict[str, list[str]] = defaultdict(list)
    for programme_id, city_id, start in zip(
        view.participation["programme_id"].tolist(),
        view.participation["city_id"].tolist(),
        view.participation["start"].tolist(),
        strict=True,
    ):
        since[city_id].append(t("a11y.since", programme=names[programme_id], start=_text(start, t)))
    parts, rows = [], []
    for city_id, joined in zip(view.cities["city_id"].tolist(), view.cities["joined_c40"].tolist(), strict=True):
        joined_text = _text(joined, t)
        rows.append(
            {
                t("a11y.col_city"): shown[city_id],
                t("city.joined"): joined_text,
                t("city.programmes"): ", ".join(since[city_id]) or t("map.no_programme"),
            }
        )
        if (isinstance(joined, str) and joined) or since[city_id]:
            what = [t("a11y.joined", date=joined_text), *since[city_id]]
            parts.append(t("a11y.labelled", label=plain[city_id], value=t("a11y.list").join(what)))
    alt = t("a11y.city_timeline_alt", count=len(rows))
    return Summary(alt=alt, text=_join(parts, t), table=pd.DataFrame(rows, dtype=object))


@lru_cache(maxsize=SUMMARIES)
def focus_summary(view: View, lang: str, t: Translator) -> Summary:
    """The focus-area treemap: per programme its focus areas and the cities stated for each."""
    plain = _plain_names(view.model.cities, "city_id", lang)
    shown = _display_names(view.model.cities, lang)
    names = _short_names(view.model.programmes, lang)
    area_names = _plain_names(view.model.focus_areas, "focus_area_id", lang)
    cities: dict[str, list[str]] = defaultdict(list)
    for city_id, area_id in zip(
        view.city_focus["city_id"].tolist(), view.city_focus["focus_area_id"].tolist(), strict=True
    ):
        if city_id in cities[area_id]:
            continue
        cities[area_id].append(city_id)
    by_programme: dict[str, list[str]] = defaultdict(list)
    for area_id, programme_id in zip(
        view.focus_areas["focus_area_id"].tolist(), view.focus_areas["programme_id"].tolist(), strict=True
    ):
        by_programme[programme_id].append(area_id)
    parts, rows = [], []
    for programme_id in view.programmes.sort_values("order")["programme_id"].tolist():
        areas = by_programme[programme_id]
        if not areas:
            continue
        described = []
        for area_id in areas:
            who = [plain[c] for c in cities[area_id]]
            described.append(f"{area_names[area_id]} ({t('a11y.list').join(who) or t('focus.cities_not_stated')})")
            rows.append(
                {
                    t("table.programme"): names[programme_id],
                    t("a11y.col_focus"): area_names[area_id],
                    t("table.cities"): ", ".join(shown[c] for c in cities[area_id]) or t("focus.cities_not_stated"),
                }
            )
        parts.append(
            t("a11y.focus_programme", programme=names[programme_id], count=len(areas)) + t("a11y.list").join(described)
        )
    alt = t("a11y.focus_alt", programmes=len({r[t("table.programme")] for r in rows}), areas=len(rows))
    return Summary(alt=alt, text=_join(parts, t), table=pd.DataFrame(rows, dtype=object))


@lru_cache(maxsize=SUMMARIES)
def city_focus_summary(view: View, lang: str, t: Translator) -> Summary:
    """The city × focus-area grid: per city the focus areas it works on."""
    plain = _plain_names(view.model.cities, "city_id", lang)
    shown = _display_names(view.model.cities, lang)
    area_names = _plain_names(view.model.focus_areas, "focus_area_id", lang)
    areas: dict[str, list[str]] = defaultdict(list)
    for city_id, area_id in zip(
        view.city_focus["city_id"].tolist(), view.city_focus["focus_area_id"].tolist(), strict=True
    ):
        if area_names[area_id] not in areas[city_id]:
            areas[city_id].append(area_names[area_id])
    ordered = [c for c in view.cities["city_id"].tolist() if areas[c]]
    parts = [t("a11y.labelled", label=plain[c], value=t("a11y.list").join(areas[c])) for c in ordered]
    rows = [{t("a11y.col_city"): shown[c], t("a11y.col_focus"): ", ".join(areas[c])} for c in ordered]
    alt = t("a11y.city_focus_alt", cities=len(ordered), areas=len({a for c in ordered for a in areas[c]}))
    return Summary(alt=alt, text=_join(parts, t), table=pd.DataFrame(rows, dtype=object))


@lru_cache(maxsize=SUMMARIES)
def city_summary(view: View, city_id: str, lang: str, t: Translator) -> Summary:
    """One city (the presenter's city step): joining date, programmes with scope, focus areas."""
    model = view.model
    city = model.cities.loc[[city_id]]
    name = _plain_names(city, "city_id", lang)[city_id]
    names = _short_names(model.programmes, lang)
    area_names = _plain_names(model.focus_areas, "focus_area_id", lang)
    rows_of_city = model.participation.loc[model.participation["city_id"] == city_id]
    scopes = localized_list(rows_of_city, "scope", lang, blank="")
    programmes = [
        f"{names[p]} ({s.removesuffix(' [EN]')})" if s else names[p]
        for p, s in zip(rows_of_city["programme_id"].tolist(), scopes, strict=True)
    ]
    focus = [
        area_names[a] for cell in rows_of_city["focus_area_ids"].tolist() for a in split_list(cell) if a in area_names
    ]
    region = localized_list(city, "region", lang, blank="")[0].removesuffix(" [EN]")
    joined = city["joined_c40"].tolist()[0]
    parts = [
        t("a11y.city_region", city=name, region=region or t("common.not_stated")),
        t("a11y.joined", date=_text(joined, t)),
        t("a11y.city_programmes", programmes=t("a11y.list").join(programmes) or t("map.no_programme")),
    ]
    if focus:
        parts.append(t("a11y.city_focus", areas=t("a11y.list").join(focus)))
    table: dict[str, Any] = {
        t("city.region"): region or t("common.not_stated"),
        t("city.joined"): _text(joined, t),
        t("city.programmes"): ", ".join(programmes) or t("map.no_programme"),
        t("city.focus"): ", ".join(focus) or "—",
    }
    alt = t("a11y.city_alt", city=name)
    return Summary(alt=alt, text=_join(parts, t), table=pd.DataFrame([table], dtype=object))
