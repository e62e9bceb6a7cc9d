"""Everything about one city: a pure summary builder and its thin renderer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

import pandas as pd
import streamlit as st

from components.labels import city_names, focus_names, lookup, programme_names
from components.text import md_escape, md_link
from tracker.i18n import Translator, localized_cell, normalise_lang
from tracker.model import Model
from tracker.safety import safe_url
from tracker.validate import split_list


@dataclass(frozen=True)
class ProgrammeLine:
    """One programme as it concerns a city."""

    name: str
    status: str
    scope: str | None
    focus_areas: tuple[str, ...]
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class CityDetails:
    """The facts about one city, in one language, each with its sources."""

    city_id: str
    name: str
    display: str
    name_zh: str | None
    name_en: str
    region: str | None
    adcode: str | None
    joined: str | None
    joined_note: str | None
    source_ids: tuple[str, ...]
    programmes: tuple[ProgrammeLine, ...]
    milestones: tuple[tuple[str | None, str, tuple[str, ...]], ...]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _records(frame: pd.DataFrame, positions: list[int], columns: Iterable[str]) -> list[dict[str, object]]:
    """The rows at ``positions`` as dicts of the given ``columns`` the frame has, read column by column."""
    values = {column: frame[column].to_numpy() for column in columns if column in frame.columns}
    return [{column: cells[position] for column, cells in values.items()} for position in positions]


def city_details(model: Model, city_id: str, lang: str) -> CityDetails:
    """Collect names, region, joining date, programmes and milestones of a city.

    Reads single cells and plain lists rather than pandas rows: this runs on every
    rerun with a selected city, whatever the size of the data.
    """
    position = model.cities.index.get_loc(city_id)
    row = model.cities.iloc[position].to_dict()
    coverage = model.coverage_grid(model.cities["city_id"].iloc[position : position + 1])
    columns = coverage.columns.tolist()
    parts = sorted(
        (dict(zip(columns, values, strict=True)) for values in coverage.to_numpy().tolist()),
        key=itemgetter("order"),
    )
    names = lookup(programme_names(model.programmes, lang, short=False))
    programme_sources = lookup(model.programmes["source_ids"])
    area_names = lookup(focus_names(model.focus_areas, lang))
    lines = []
    for part in parts:
        sources = part["source_ids"] if isinstance(part["source_ids"], str) else programme_sources[part["programme_id"]]
        lines.append(
            ProgrammeLine(
                name=str(names[part["programme_id"]]),
                status=str(part["status"]),
                scope=_text(localized_cell(part, "scope", lang)),
                focus_areas=tuple(str(area_names[a]) for a in split_list(part["focus_area_ids"]) if a in area_names),
                source_ids=tuple(split_list(sources)),
            )
        )
    named = [
        index
        for index, cell in enumerate(model.milestones["city_ids"].tolist())
        if isinstance(cell, str) and city_id in cell and city_id in split_list(cell)
    ]
    title_columns = ("title_en", f"title_{normalise_lang(lang)}")
    milestones = tuple(
        (
            _text(milestone["date"]),
            str(localized_cell(milestone, "title", lang)),
            tuple(split_list(milestone["source_ids"])),
        )
        for milestone in _records(model.milestones, named, ("date", *title_columns, "source_ids"))
    )
    return CityDetails(
        city_id=city_id,
        name=str(localized_cell(row, "name", lang)),
        display=str(city_names(model.cities, lang).iat[position]),
        name_zh=_text(row["name_zh"]),
        name_en=str(row["name_en"]),
        region=_text(localized_cell(row, "region", lang)),
        adcode=_text(row["adcode"]),
        joined=_text(row["joined_c40"]),
        joined_note=_text(localized_cell(row, "joined_note", lang)) if "joined_note_en" in row else None,
        source_ids=tuple(split_list(row["source_ids"])),
        programmes=tuple(lines),
        milestones=milestones,
    )


def _cite(ids: tuple[str, ...]) -> str:
    return " ".join(f"\\[{md_escape(i)}\\]" for i in ids)


def render_city_panel(model: Model, city_id: str, lang: str, t: Translator) -> None:
    """Show :func:`city_details` as text: no data text is ever read as HTML."""
    details = city_details(model, city_id, lang)
    with st.container(border=True):
        st.subheader(md_escape(details.display), anchor=False)
        facts = [
            f"**{t('city.region')}:** {md_escape(details.region or t('common.not_stated'))}",
            f"**{t('city.adcode')}:** {md_escape(details.adcode or t('common.not_stated'))}",
            f"**{t('city.joined')}:** {md_escape(details.joined or t('common.not_stated'))}"
            + (f" — {md_escape(details.joined_note)}" if details.joined_note else ""),
            f"**{t('common.sources')}:** {_cite(details.source_ids)}",
        ]
        st.markdown("  \n".join(facts))
        st.markdown(f"**{t('city.programmes')}**")
        for line in details.programmes:
            status = t(f"status.{line.status}")
            text = f"- **{md_escape(line.name)}** — {status}"
            if line.scope:
                text += f" ({md_escape(line.scope)})"
            if line.focus_areas:
                text += f"  \n  {t('city.focus')}: " + "; ".join(md_escape(a) for a in line.focus_areas)
            text += f"  \n  {t('common.sources')}: {_cite(line.source_ids)}"
            st.markdown(text)
        if details.milestones:
            st.markdown(f"**{t('city.milestones')}**")
            st.markdown(
                "\n".join(
                    f"- {md_escape(d or t('facts.date_not_stated'))}: {md_escape(title)} {_cite(s)}"
                    for d, title, s in details.milestones
                )
            )
        used = dict.fromkeys(
            [*details.source_ids, *(s for line in details.programmes for s in line.source_ids)]
            + [s for *_, ids in details.milestones for s in ids]
        )
        render_sources(model, tuple(used), t)


def render_sources(model: Model, source_ids: tuple[str, ...], t: Translator, heading: bool = True) -> None:
    """A numbered list of sources; only http(s) URLs become links."""
    rows = model.sources.reindex([s for s in source_ids if s in model.sources.index])
    if rows.empty:
        return
    lines = []
    for source_id, title, publisher, url, published in zip(
        rows["source_id"], rows["title"], rows["publisher"], rows["url"], rows["published"], strict=True
    ):
        label = f"{title}" + (f" — {publisher}" if isinstance(publisher, str) else "")
        date = f" ({md_escape(published)})" if isinstance(published, str) else ""
        lines.append(f"- \\[{md_escape(source_id)}\\] {md_link(label, safe_url(url))}{date}")
    st.markdown((f"**{t('common.sources')}**\n\n" if heading else "") + "\n".join(lines))


def sources_frame(model: Model) -> pd.DataFrame:
    """The sources table with unsafe URLs blanked (for tables and downloads)."""
    frame = model.sources.reset_index(drop=True)
    urls = [safe_url(url) for url in frame["url"].tolist()]
    frame["url"] = pd.Series(urls, index=frame.index, dtype="str")
    return frame
