"""The milestones as a readable table."""

from __future__ import annotations

import pandas as pd

from components.labels import city_names, programme_names
from tracker.filters import View
from tracker.i18n import Translator, localized
from tracker.validate import split_list


def milestone_table(view: View, lang: str, t: Translator) -> pd.DataFrame:
    """Date, event, programme, cities, certainty and sources of each shown milestone."""
    milestones = view.milestones
    cities = city_names(view.model.cities, lang)
    programmes = programme_names(view.model.programmes, lang)
    return pd.DataFrame(
        {
            t("table.date"): milestones["date"],
            t("table.event"): localized(milestones, "title", lang),
            t("table.programme"): milestones["programme_id"].map(programmes).fillna("—"),
            t("table.cities"): milestones["city_ids"].map(
                lambda cell: ", ".join(cities.get(c, c) for c in split_list(cell)) or "—"
            ),
            t("table.certainty"): milestones["certainty"].fillna("verified").map(lambda c: t(f"certainty.{c}")),
            t("table.sources"): milestones["source_ids"].str.replace(";", ", "),
        }
    )
