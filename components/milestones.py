"""The milestones as a readable table, and their titles per language.

Both run on every rerun; they read plain column lists, since pandas' fixed cost per
operation (``map``, ``fillna``, ``str.replace``) outweighs the work on a few rows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from components.labels import city_names, programme_names
from components.text import md_escape
from tracker.facts import facts
from tracker.filters import View
from tracker.i18n import Translator, localized_list
from tracker.validate import split_list


def milestone_titles(milestones: pd.DataFrame, lang: str) -> list[Any]:
    """Each title in ``lang`` (English marked ``[EN]`` where missing; NaN if blank in both)."""
    return localized_list(milestones, "title", lang)


def milestone_table(view: View, lang: str, t: Translator) -> pd.DataFrame:
    """Date, event, programme, cities, certainty and sources of each shown milestone.

    The programme, cities and certainty columns are typed as pandas infers them (``str``,
    or ``object`` when no milestone is shown), as a ``Series.map`` over them would.
    """
    milestones = view.milestones
    cities = city_names(view.model.cities, lang)
    city_name = dict(zip(cities.index.tolist(), cities.tolist(), strict=True))
    programmes = programme_names(view.model.programmes, lang)
    programme_name = dict(zip(programmes.index.tolist(), programmes.tolist(), strict=True))
    programme_column = [programme_name.get(pid, "—") for pid in milestones["programme_id"].tolist()]
    city_column = [
        ", ".join(city_name.get(c, c) for c in split_list(cell)) or "—" for cell in milestones["city_ids"].tolist()
    ]
    certainty_column = [
        t(f"certainty.{c if isinstance(c, str) else 'verified'}") for c in milestones["certainty"].tolist()
    ]
    source_column = [
        cell.replace(";", ", ") if isinstance(cell, str) else cell for cell in milestones["source_ids"].tolist()
    ]
    index = milestones.index
    return pd.DataFrame(
        {
            t("table.date"): milestones["date"],
            t("table.event"): pd.Series(milestone_titles(milestones, lang), index=index, dtype="str"),
            t("table.programme"): pd.Series(programme_column, index=index),
            t("table.cities"): pd.Series(city_column, index=index),
            t("table.certainty"): pd.Series(certainty_column, index=index),
            t("table.sources"): pd.Series(source_column, index=index, dtype=object),
        },
        index=index,
        copy=False,
    )


def undated_lines(view: View, lang: str, t: Translator) -> list[str]:
    """Markdown list items (escaped) for the shown milestones whose date is not stated.

    Each item: the title, its kind, the cities it names, certainty when reported, and sources.
    """
    cities = city_names(view.model.cities, lang)
    city_name = dict(zip(cities.index.tolist(), cities.tolist(), strict=True))
    lines = []
    for fact in facts(view.undated_milestones):
        named = ", ".join(str(city_name.get(c, c)) for c in fact.city_ids)
        parts = [t(f"kind.{fact.kind}")] + ([named] if named else [])
        if fact.certainty == "reported":
            parts.append(t("certainty.reported"))
        cite = " ".join(f"\\[{md_escape(s)}\\]" for s in fact.source_ids)
        lines.append(f"- {md_escape(fact.title(lang))} ({md_escape('; '.join(parts))}) {cite}")
    return lines
