"""Everything about one city: a pure summary builder and its thin renderer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import pandas as pd
import streamlit as st

from components import state
from components.labels import city_names, focus_names, lookup, programme_names
from components.text import md_escape, md_link
from tracker.facts import Fact, by_kind, city_facts
from tracker.i18n import Translator, localized_cell
from tracker.membership import Bounds, bounds
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
    membership: Bounds
    facts: dict[str, list[Fact]]

    @property
    def milestones(self) -> list[Fact]:
        """Every fact naming the city: dated ones by date, then those whose date is not stated."""
        found = [fact for group in self.facts.values() for fact in group]
        return [f for f in found if f.dated] + [f for f in found if not f.dated]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _records(frame: pd.DataFrame, positions: list[int], columns: Iterable[str]) -> list[dict[str, object]]:
    """The rows at ``positions`` as dicts of the given ``columns`` the frame has, read column by column."""
    values = {column: frame[column].to_numpy() for column in columns if column in frame.columns}
    return [{column: cells[position] for column, cells in values.items()} for position in positions]


def city_details(model: Model, city_id: str, lang: str) -> CityDetails:
    """Collect names, region, membership bounds, programmes and the facts (by kind) of a city.

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
        membership=bounds(model.cities, city_id),
        facts=by_kind(city_facts(model.milestones, city_id)),
    )


def _cite(ids: tuple[str, ...]) -> str:
    return " ".join(f"\\[{md_escape(i)}\\]" for i in ids)


def _fact_line(fact: Fact, lang: str, t: Translator) -> str:
    """One fact as an escaped Markdown list item: date (or "date not stated"), title, certainty, sources."""
    date = fact.date or t("facts.date_not_stated")
    reported = f" ({t('certainty.reported')})" if fact.certainty == "reported" else ""
    return f"- {md_escape(date)}: {md_escape(fact.title(lang))}{reported} {_cite(fact.source_ids)}"


PANEL_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kinds.award", ("award", "finalist")),
    ("kinds.event", ("event",)),
    ("kinds.leadership", ("leadership",)),
    ("kinds.commitment", ("commitment",)),
)
"""The city panel's groups of facts after membership and programmes (heading key, kinds)."""


def _membership_lines(details: CityDetails, t: Translator) -> list[str]:
    stated = details.membership
    lines = []
    if stated.joined:
        lines.append(t("city.joined_on", date=md_escape(stated.joined)))
    else:
        lines.append(t("city.joined_not_stated"))
    if stated.applying_on:
        reported = f" ({t('certainty.reported')})" if stated.applying_certainty == "reported" else ""
        lines.append(t("city.applying_on", date=md_escape(stated.applying_on)) + reported)
    if stated.member_by:
        lines.append(t("city.member_by", date=md_escape(stated.member_by)))
    if details.joined_note:
        lines.append(md_escape(details.joined_note))
    return lines


PANELS = 64
"""How many city panels (model build, city, language) :func:`panel_blocks` keeps."""

Block = tuple[str, str]
"""One element of the panel: ``(kind, text)``, kind ``subheader``, ``markdown`` or ``caption``."""


@lru_cache(maxsize=PANELS)
def panel_blocks(model: Model, city_id: str, lang: str, t: Translator) -> tuple[Block, ...]:
    """The city panel's elements in order, their text escaped: no data text is ever read as HTML.

    A pure function of the model build, the city and the language, memoised (the panel of a
    selected city is drawn again on every rerun of the page).
    """
    details = city_details(model, city_id, lang)
    blocks: list[Block] = [("subheader", md_escape(details.display))]
    facts = [
        f"**{t('city.region')}:** {md_escape(details.region or t('common.not_stated'))}",
        f"**{t('city.adcode')}:** {md_escape(details.adcode or t('common.not_stated'))}",
        f"**{t('common.sources')}:** {_cite(details.source_ids)}",
    ]
    blocks.append(("markdown", "  \n".join(facts)))
    blocks.append(("markdown", f"**{t('city.membership')}**"))
    membership = [f"- {line}" for line in _membership_lines(details, t)]
    membership += [_fact_line(fact, lang, t) for fact in details.facts["joined"]]
    blocks.append(
        ("markdown", "\n".join(membership) + f"\n\n{t('common.sources')}: {_cite(details.membership.source_ids)}")
    )
    blocks.append(("markdown", f"**{t('city.programmes')}**"))
    for line in details.programmes:
        status = t(f"status.{line.status}")
        text = f"- **{md_escape(line.name)}** — {status}"
        if line.scope:
            text += f" ({md_escape(line.scope)})"
        if line.focus_areas:
            text += f"  \n  {t('city.focus')}: " + "; ".join(md_escape(a) for a in line.focus_areas)
        text += f"  \n  {t('common.sources')}: {_cite(line.source_ids)}"
        blocks.append(("markdown", text))
    if details.facts["programme"]:
        blocks.append(("markdown", "\n".join(_fact_line(fact, lang, t) for fact in details.facts["programme"])))
    for heading, kinds in PANEL_GROUPS:
        found = [fact for kind in kinds for fact in details.facts[kind]]
        blocks.append(("markdown", f"**{t(heading)}**"))
        if found:
            blocks.append(("markdown", "\n".join(_fact_line(fact, lang, t) for fact in found)))
        else:
            blocks.append(("caption", t("city.none_stated")))
    used = dict.fromkeys(
        [
            *details.source_ids,
            *(s for line in details.programmes for s in line.source_ids),
            *(s for fact in details.milestones for s in fact.source_ids),
        ]
    )
    listed = sources_text(model, tuple(used), t)
    if listed is not None:
        blocks.append(("markdown", listed))
    return tuple(blocks)


def render_city_panel(model: Model, city_id: str, lang: str, t: Translator, compare: bool = True) -> None:
    """Show :func:`panel_blocks` in a bordered container, grouped.

    ``compare`` offers the "Compare with…" button (it opens the Compare page with this city chosen).
    """
    blocks = panel_blocks(model, city_id, lang, t)
    with st.container(border=True):
        for kind, text in blocks:
            if kind == "subheader":
                st.subheader(text, anchor=False)
            elif kind == "caption":
                st.caption(text)
            else:
                st.markdown(text)
        if compare and st.button(
            t("city.compare"),
            icon=":material/compare_arrows:",
            help=t("city.compare_help"),
            key=f"city.compare.{city_id}",
        ):
            st.session_state[state.COMPARE] = [city_id]
            st.switch_page("app_pages/compare.py")


@lru_cache(maxsize=PANELS)
def sources_text(model: Model, source_ids: tuple[str, ...], t: Translator, heading: bool = True) -> str | None:
    """A numbered list of sources as Markdown (``None`` when none is known); only http(s) URLs become links.

    Memoised per model build, sources and language.
    """
    rows = model.sources.reindex([s for s in source_ids if s in model.sources.index])
    if rows.empty:
        return None
    lines = []
    for source_id, title, publisher, url, published in zip(
        rows["source_id"], rows["title"], rows["publisher"], rows["url"], rows["published"], strict=True
    ):
        label = f"{title}" + (f" — {publisher}" if isinstance(publisher, str) else "")
        date = f" ({md_escape(published)})" if isinstance(published, str) else ""
        lines.append(f"- \\[{md_escape(source_id)}\\] {md_link(label, safe_url(url))}{date}")
    return (f"**{t('common.sources')}**\n\n" if heading else "") + "\n".join(lines)


def render_sources(model: Model, source_ids: tuple[str, ...], t: Translator, heading: bool = True) -> None:
    """:func:`sources_text` as one Markdown element (nothing when no source is known)."""
    listed = sources_text(model, source_ids, t, heading)
    if listed is not None:
        st.markdown(listed)


def sources_frame(model: Model) -> pd.DataFrame:
    """The sources table with unsafe URLs blanked (for tables and downloads)."""
    frame = model.sources.reset_index(drop=True)
    urls = [safe_url(url) for url in frame["url"].tolist()]
    frame["url"] = pd.Series(urls, index=frame.index, dtype="str")
    return frame
