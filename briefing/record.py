"""The briefing's wave-2 record: membership over time, awards and finalist places, undated facts."""

from __future__ import annotations

from briefing.markup import cite, esc, join_list
from components.labels import city_names
from tracker.dates import parse_partial_date
from tracker.facts import Fact, facts
from tracker.filters import View
from tracker.i18n import Translator
from tracker.membership import first_member_year, statuses_at


def membership_table(view: View, lang: str, t: Translator) -> str:
    """City × year grid: each city's membership at the end of each year (member / not yet / not known)."""
    cities = view.cities
    if cities.empty:
        return f'<p class="empty">{esc(t("coverage.empty"))}</p>'
    first = first_member_year(view.model.cities)
    last = view.model.data_date.year
    if first is None:
        return f'<p class="empty">{esc(t("membership.not_known"))}</p>'
    years = list(range(first - 1, last + 1))
    statuses = {year: statuses_at(cities, parse_partial_date(str(year))) for year in years}
    names = city_names(cities, lang)
    head = f"<th>{esc(t('table.cities'))}</th>" + "".join(f"<th>{year}</th>" for year in years)
    rows = []
    for city_id, name in zip(names.index.tolist(), names.tolist(), strict=True):
        cells = []
        for year in years:
            status = statuses[year][city_id]
            cells.append(f'<td class="status-{status}" title="{esc(t("membership." + status))}">{_mark(status)}</td>')
        rows.append(f'<tr data-membership="{esc(city_id)}"><th>{esc(name)}</th>{"".join(cells)}</tr>')
    key = "; ".join(f"{_mark(s)} = {esc(t('membership.' + s))}" for s in ("member", "not_yet", "not_known"))
    return (
        f'<table class="membership"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<p class="note">{key}</p>'
    )


def _mark(status: str) -> str:
    """A cell's sign: the word is in its title and in the key below the table."""
    return {"member": "●", "not_yet": "○", "not_known": "?"}[status]


def _fact_item(fact: Fact, lang: str, t: Translator, cities: dict[str, str]) -> str:
    date = fact.date or t("facts.date_not_stated")
    named = join_list((cities.get(c, c) for c in fact.city_ids), lang)
    parts = [t(f"kind.{fact.kind}")] + ([named] if named else [])
    if fact.certainty == "reported":
        parts.append(t("certainty.reported"))
    return (
        f'<li data-fact="{esc(fact.milestone_id)}"><span class="date">{esc(date)}</span> {esc(fact.title(lang))} '
        f'<span class="note">({esc("; ".join(parts))})</span>{cite(fact.source_ids)}</li>'
    )


def _names(view: View, lang: str) -> dict[str, str]:
    names = city_names(view.model.cities, lang)
    return {str(k): str(v) for k, v in zip(names.index.tolist(), names.tolist(), strict=True)}


def awards_list(view: View, lang: str, t: Translator) -> str:
    """Awards won and finalist places of the shown cities, dated ones by date, then undated ones."""
    found = [f for f in facts(view.all_milestones) if f.kind in ("award", "finalist")]
    if not found:
        return f'<p class="empty">{esc(t("compare.none"))}</p>'
    cities = _names(view, lang)
    return f'<ul class="facts">{"".join(_fact_item(f, lang, t, cities) for f in found)}</ul>'


def undated_list(view: View, lang: str, t: Translator) -> str:
    """The shown facts whose date is not stated (they are on no time axis)."""
    found = facts(view.undated_milestones)
    if not found:
        return f'<p class="empty">{esc(t("compare.none"))}</p>'
    cities = _names(view, lang)
    return f'<ul class="facts">{"".join(_fact_item(f, lang, t, cities) for f in found)}</ul>'
