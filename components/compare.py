"""Cities side by side: the same rows for each city, one column per city, differences marked.

The table is plain text (cells are data text, shown by ``st.dataframe``, never as
HTML or Markdown) and the same frame is offered as a formula-safe CSV download.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from components.labels import city_names, focus_names, lookup, programme_names
from components.map_deck import bounds_text
from tracker.as_of import programme_reach
from tracker.facts import Fact, by_kind, city_facts
from tracker.i18n import Translator, localized_cell
from tracker.membership import bounds
from tracker.model import Model
from tracker.validate import split_list

MIN_CITIES = 2
MAX_CITIES = 4
COMPARED_KINDS: tuple[str, ...] = ("award", "finalist", "event", "leadership", "commitment")
"""Kinds of fact compared row by row (joining has its own row, programme steps their programme rows)."""


@dataclass(frozen=True)
class Comparison:
    """The compared cities' table and which of its rows differ between them."""

    table: pd.DataFrame
    differs: list[bool]

    @property
    def differing_rows(self) -> list[str]:
        """The row labels whose cells are not all the same."""
        return [label for label, flag in zip(self.table.index.tolist(), self.differs, strict=True) if flag]


def parse_compare(text: str | None, known: Sequence[str]) -> list[str]:
    """City ids from a ``compare=beijing,shanghai`` URL value: known ids, once each, at most four."""
    if not text:
        return []
    wanted = [item.strip() for item in text.split(",") if item.strip()]
    return [city for city in dict.fromkeys(wanted) if city in known][:MAX_CITIES]


def _cite(source_ids: Sequence[str]) -> str:
    return " ".join(f"[{source}]" for source in source_ids)


def _fact_text(fact: Fact, lang: str, t: Translator) -> str:
    date = fact.date or t("facts.date_not_stated")
    reported = f" ({t('certainty.reported')})" if fact.certainty == "reported" else ""
    return f"{date}: {fact.title(lang)}{reported} {_cite(fact.source_ids)}"


def _membership_text(model: Model, city_id: str, t: Translator) -> str:
    stated = bounds(model.cities, city_id)
    text = bounds_text(stated, t) or t("common.not_stated")
    return f"{text} {_cite(stated.source_ids)}"


def _programme_cells(model: Model, city_ids: Sequence[str], lang: str, t: Translator) -> dict[str, list[str]]:
    """One row per programme: in (scope; focus areas), not in, or not stated (with a stated count)."""
    grid = model.coverage_grid(pd.Series(list(city_ids)))
    areas = lookup(focus_names(model.focus_areas, lang))
    names = lookup(programme_names(model.programmes, lang))
    cells: dict[tuple[str, str], str] = {}
    columns = grid.columns.tolist()
    for values in grid.to_numpy().tolist():
        part = dict(zip(columns, values, strict=True))
        status = str(part["status"])
        text = t(f"status.{status}")
        scope = localized_cell(part, "scope", lang)
        if scope:
            text += f" ({scope})"
        focus = [str(areas[a]) for a in split_list(part["focus_area_ids"]) if a in areas]
        if focus:
            text += f"; {t('city.focus')}: " + ", ".join(focus)
        if status == "not_stated":
            reach = programme_reach(model.programmes, model.participation, str(part["programme_id"]))
            if reach.kind == "at_least":
                text += f" ({t('coverage.at_least', count=reach.count)})"
        if isinstance(part["source_ids"], str):
            text += f" {_cite(split_list(part['source_ids']))}"
        cells[(str(part["programme_id"]), str(part["city_id"]))] = text
    ordered = model.programmes.sort_values("order")["programme_id"].tolist()
    label = t("compare.programme")
    return {f"{label}: {names[p]}": [cells[(p, city)] for city in city_ids] for p in ordered}


def compare_cities(model: Model, city_ids: Sequence[str], lang: str, t: Translator) -> Comparison:
    """The comparison table: rows are facts, one column per city (labelled with its display name)."""
    cities = model.cities.loc[list(city_ids)]
    rows: dict[str, list[str]] = {
        t("compare.name_zh"): [str(v) if isinstance(v, str) else t("common.not_stated") for v in cities["name_zh"]],
        t("compare.name_en"): [str(v) for v in cities["name_en"]],
        t("city.region"): [
            localized_cell(row, "region", lang) or t("common.not_stated") for row in cities.to_dict("records")
        ],
        t("compare.membership"): [_membership_text(model, city, t) for city in city_ids],
    }
    rows |= _programme_cells(model, city_ids, lang, t)
    grouped = [by_kind(city_facts(model.milestones, city)) for city in city_ids]
    for kind in COMPARED_KINDS:
        rows[t(f"kinds.{kind}")] = [
            " · ".join(_fact_text(fact, lang, t) for fact in facts[kind]) or t("compare.none") for facts in grouped
        ]
    headers = [str(name) for name in city_names(cities, lang).tolist()]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=headers, dtype=object)
    table.index.name = t("compare.row")
    differs = [len(set(cells)) > 1 for cells in rows.values()]
    return Comparison(table=table, differs=differs)


def comparison_frame(comparison: Comparison, t: Translator) -> pd.DataFrame:
    """The table with a first column saying whether the cities differ on each row (for showing and CSV)."""
    marks = [t("compare.differs") if flag else t("compare.same") for flag in comparison.differs]
    frame = comparison.table.reset_index()
    frame.insert(1, t("compare.difference"), marks)
    return frame
