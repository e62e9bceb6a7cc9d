"""The briefing's HTML parts: filters, key figures, coverage, focus areas, milestones, sources."""

from __future__ import annotations

import pandas as pd

from briefing.markup import cell_text, cite, esc, join_list
from briefing.timeline import milestone_numbers
from components import colors
from components.coverage import cities_without_programme, key_figures
from components.labels import city_names, focus_names, programme_names, scope_text
from tracker.filters import View
from tracker.i18n import Translator, localized
from tracker.safety import safe_url
from tracker.validate import split_list


def filters_text(view: View, lang: str, t: Translator) -> str:
    """The active filters in words, or "none"."""
    filters = view.filters
    if not filters.active:
        return esc(t("brief.no_filters"))
    model = view.model
    parts = []
    if filters.programmes:
        names = programme_names(model.programmes, lang)
        parts.append(f"{esc(t('filters.programme'))}: {esc(join_list((names[p] for p in filters.programmes), lang))}")
    if filters.focus_areas:
        names = focus_names(model.focus_areas, lang)
        parts.append(f"{esc(t('filters.focus'))}: {esc(join_list((names[f] for f in filters.focus_areas), lang))}")
    if filters.cities:
        names = city_names(model.cities, lang)
        parts.append(f"{esc(t('filters.city'))}: {esc(join_list((names[c] for c in filters.cities), lang))}")
    if filters.years:
        parts.append(f"{esc(t('filters.years'))}: {filters.years[0]}–{filters.years[1]}")
    return " · ".join(parts)


def _period(row: pd.Series, t: Translator) -> str:
    """``2018 – 2021`` or ``2018 – not stated (ongoing or unknown)``."""
    end = cell_text(row["end"]) or t("timeline.open_end")
    return f"{row['start']} – {end}"


def key_figures_list(view: View, lang: str, t: Translator) -> str:
    """One card per programme: its full name, period, coverage in words, summary and sources."""
    figures = key_figures(view, lang)
    if not figures:
        return f'<p class="empty">{esc(t("coverage.empty"))}</p>'
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    full = programme_names(view.model.programmes, lang, short=False)
    summaries = localized(view.model.programmes, "summary", lang)
    cards = []
    for figure in figures:
        row = view.model.programmes.loc[figure.programme_id]
        if figure.stated:
            words = t("coverage.of", covered=figure.covered, total=figure.total)
            if figure.limited:
                words += ("，" if lang == "zh" else ", ") + t("brief.only_in_part", count=figure.limited)
            note = ""
        elif figure.at_least:
            words = t("coverage.at_least", count=figure.at_least)
            note = f'<p class="note">{esc(t("coverage.at_least_note"))}</p>'
        else:
            words = t("common.not_stated")
            note = f'<p class="note">{esc(t("coverage.not_stated_note"))}</p>'
        name = str(full[figure.programme_id])
        short = "" if figure.name == name else f' <span class="short">({esc(figure.name)})</span>'
        summary = cell_text(summaries[figure.programme_id])
        cards.append(
            f'<article class="card" style="border-top-color:{palette.get(figure.programme_id, colors.NETWORK)}">'
            f"<h3>{esc(name)}{short}</h3>"
            f'<p class="period">{esc(_period(row, t))}</p>'
            f'<p class="figure">{esc(words)}</p>{note}'
            + (f'<p class="summary">{esc(summary)}</p>' if summary else "")
            + f'<p class="sources-line">{esc(t("common.sources"))}:{cite(split_list(row["source_ids"]))}</p>'
            "</article>"
        )
    return f'<div class="cards">{"".join(cards)}</div>'


def coverage_table(view: View, lang: str, t: Translator) -> str:
    """City × programme table with coloured cells, status words, scopes and sources."""
    if view.cities.empty or view.programmes.empty:
        return f'<p class="empty">{esc(t("coverage.empty"))}</p>'
    programmes = view.programmes.sort_values("order")
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    short = programme_names(view.model.programmes, lang)
    names = city_names(view.cities, lang)
    regions = localized(view.cities, "region", lang)
    notes = localized(view.cities, "joined_note", lang) if "joined_note_en" in view.cities else None
    grid = view.coverage.assign(scope=scope_text(view.coverage, lang))
    cells = {(str(r["city_id"]), str(r["programme_id"])): r for _, r in grid.iterrows()}
    head = [f"<th>{esc(t('filters.city'))}</th>", f"<th>{esc(t('city.joined'))}</th>"]
    for programme_id in programmes["programme_id"]:
        swatch = f'<span class="dot" style="background:{palette.get(programme_id, colors.NETWORK)}"></span>'
        head.append(f"<th>{swatch}{esc(short[programme_id])}</th>")
    rows = []
    for city_id, city in view.cities.iterrows():
        region = cell_text(regions[city_id])
        joined = cell_text(city["joined_c40"])
        note = cell_text(notes[city_id]) if notes is not None else None
        joined_text = " — ".join(x for x in (joined, note) if x) or t("common.not_stated")
        row = [
            f'<th scope="row">{esc(names[city_id])}'
            + (f'<span class="region">{esc(region)}</span>' if region else "")
            + "</th>",
            f'<td class="joined">{esc(joined_text)}{cite(split_list(city["source_ids"]))}</td>',
        ]
        for programme_id in programmes["programme_id"]:
            cell = cells.get((str(city_id), str(programme_id)))
            if cell is None:
                row.append("<td></td>")
                continue
            status = str(cell["status"])
            scope = cell_text(cell["scope"]) if status == "limited" else None
            sources = split_list(cell["source_ids"]) or split_list(view.model.programmes.at[programme_id, "source_ids"])
            text_class = " dark" if status == "in" else ""
            row.append(
                f'<td class="status status-{status}{text_class}" style="background:{colors.STATUS_COLORS[status]}">'
                f"{esc(t('status.' + status))}"
                + (f'<span class="scope">{esc(scope)}</span>' if scope else "")
                + cite(sources)
                + "</td>"
            )
        rows.append(f'<tr data-city="{esc(city_id)}">{"".join(row)}</tr>')
    legend = "".join(
        f'<li><span class="dot square" style="background:{colors.STATUS_COLORS[s]}"></span>{esc(t("status." + s))}</li>'
        for s in ("in", "limited", "not_in", "not_stated")
    )
    gaps = cities_without_programme(view)
    if gaps.empty:
        gap_text = f'<p class="gaps">{esc(t("coverage.no_gaps"))}</p>'
    else:
        listed = join_list(city_names(gaps, lang), lang)
        gap_text = (
            f'<p class="gaps"><strong>{esc(t("coverage.gaps"))}:</strong> '
            f"{esc(t('coverage.gaps_intro', count=len(gaps)))} {esc(listed)}</p>"
        )
    return (
        f'<table class="coverage"><thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<ul class="legend status-legend">{legend}</ul><p class="note">{esc(t("coverage.legend"))}</p>{gap_text}'
    )


def focus_areas(view: View, lang: str, t: Translator) -> str:
    """Per programme: its focus areas, what each means, the cities on it and the sources."""
    if view.focus_areas.empty:
        return f'<p class="empty">{esc(t("focus.empty"))}</p>'
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    full = programme_names(view.model.programmes, lang, short=False)
    area_names = focus_names(view.model.focus_areas, lang)
    descriptions = localized(view.model.focus_areas, "description", lang)
    cities = city_names(view.model.cities, lang)
    blocks = []
    for programme_id in view.programmes.sort_values("order")["programme_id"]:
        areas = view.focus_areas.loc[view.focus_areas["programme_id"] == programme_id]
        if areas.empty:
            continue
        items = []
        for area_id, area in areas.iterrows():
            on_it = view.city_focus.loc[view.city_focus["focus_area_id"] == area_id, "city_id"]
            named = join_list((cities[c] for c in dict.fromkeys(on_it)), lang) or t("focus.cities_not_stated")
            tag = f' <span class="tag">{esc(t("focus.explored"))}</span>' if area["status"] == "explored" else ""
            description = cell_text(descriptions[area_id])
            items.append(
                f"<li><strong>{esc(area_names[area_id])}</strong>{tag}{cite(split_list(area['source_ids']))}"
                + (f'<span class="description">{esc(description)}</span>' if description else "")
                + f'<span class="on">{esc(t("focus.cities"))}: {esc(named)}</span></li>'
            )
        colour = palette.get(programme_id, colors.NETWORK)
        blocks.append(
            f'<div class="focus-block"><h3><span class="dot" style="background:{colour}"></span>'
            f'{esc(full[programme_id])}</h3><ul class="focus">{"".join(items)}</ul></div>'
        )
    unassigned = view.focus_areas.loc[view.focus_areas["programme_id"].isna()]
    if not unassigned.empty:
        items = [f"<li><strong>{esc(area_names[a])}</strong></li>" for a in unassigned.index]
        blocks.append(f'<div class="focus-block"><ul class="focus">{"".join(items)}</ul></div>')
    return f'<div class="focus-grid">{"".join(blocks)}</div>'


def milestone_table(view: View, lang: str, t: Translator) -> str:
    """Numbered milestones (numbers as on the timeline) with date precision, certainty and sources."""
    milestones = view.milestones
    if milestones.empty:
        return f'<p class="empty">{esc(t("timeline.no_milestones"))}</p>'
    titles = localized(milestones, "title", lang)
    cities = city_names(view.model.cities, lang)
    programmes = programme_names(view.model.programmes, lang)
    numbers = milestone_numbers(view)
    head = "".join(
        f"<th>{esc(t(key))}</th>"
        for key in ("brief.number", "table.date", "table.event", "table.programme", "table.cities", "table.certainty")
    )
    rows = []
    for (_, m), title in zip(milestones.iterrows(), titles, strict=True):
        precision = t(f"precision.{m['date_precision']}")
        programme = str(programmes[m["programme_id"]]) if cell_text(m["programme_id"]) else t("timeline.network_row")
        named = join_list((cities.get(c, c) for c in split_list(m["city_ids"])), lang) or "—"
        certainty = t(f"certainty.{m['certainty'] if cell_text(m['certainty']) else 'verified'}")
        rows.append(
            f"<tr><td>{numbers[str(m['milestone_id'])]}</td>"
            f'<td class="date">{esc(m["date"])}<span class="precision">{esc(precision)}</span></td>'
            f"<td>{esc(title)}{cite(split_list(m['source_ids']))}</td><td>{esc(programme)}</td>"
            f"<td>{esc(named)}</td><td>{esc(certainty)}</td></tr>"
        )
    return f'<table class="milestones"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def cited_sources(view: View) -> list[str]:
    """Ids of the sources cited by anything in the briefing, in the sources table's order."""
    cited: set[str] = set()
    frames: list[pd.DataFrame] = [view.cities, view.programmes, view.focus_areas, view.all_milestones]
    for frame in frames:
        for cell in frame["source_ids"]:
            cited.update(split_list(cell))
    for cell in view.participation["source_ids"]:
        cited.update(split_list(cell))
    return [s for s in view.model.sources.index if s in cited]


def sources(view: View, t: Translator) -> str:
    """Every cited source with its id; only http(s) addresses become links."""
    items = []
    for source_id in cited_sources(view):
        row = view.model.sources.loc[source_id]
        parts = [f'<span class="source-id">[{esc(source_id)}]</span> <span class="title">{esc(row["title"])}</span>']
        if cell_text(row["publisher"]):
            parts.append(f" — {esc(row['publisher'])}")
        if cell_text(row["published"]):
            parts.append(f" ({esc(row['published'])})")
        url = safe_url(row["url"])
        if url:
            parts.append(f'<br><a href="{esc(url)}">{esc(url)}</a>')
        elif cell_text(row["url"]):
            parts.append(f'<br><span class="url">{esc(row["url"])}</span> ({esc(t("brief.not_a_link"))})')
        if cell_text(row["note"]):
            parts.append(f'<span class="note">{esc(row["note"])}</span>')
        items.append(f'<li data-source="{esc(source_id)}">{"".join(parts)}</li>')
    return f'<ul class="sources">{"".join(items)}</ul>'
