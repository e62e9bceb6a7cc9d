"""The whole briefing pack as one self-contained HTML document."""

from __future__ import annotations

from datetime import date

from briefing.map import map_legend, map_svg
from briefing.markup import esc
from briefing.record import awards_list, membership_table, undated_list
from briefing.tables import coverage_table, filters_text, focus_areas, key_figures_list, milestone_table, sources
from briefing.timeline import timeline_svg
from tracker.filters import View
from tracker.geo import EMPTY, LAYERS, Boundaries, load_boundaries
from tracker.i18n import Translator

HTML_LANG: dict[str, str] = {"en": "en", "zh": "zh-CN", "de": "de"}
FONT_STACK = '"Noto Sans CJK SC", "Source Sans Pro", sans-serif'

_CSS = """
@page { size: A4 landscape; margin: 11mm 12mm; }
* { box-sizing: border-box; }
html { font-family: FONTS; color: #222; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1180px; padding: 28px 36px 48px; font-size: 15px; line-height: 1.45; }
h1 { font-size: 30px; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 22px; margin: 0 0 6px; padding-bottom: 4px; border-bottom: 2px solid #222; }
h3 { font-size: 16px; margin: 0 0 4px; }
p { margin: 0 0 8px; }
section { margin: 0 0 44px; }
.subtitle { font-size: 18px; color: #444; margin-bottom: 12px; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 28px; color: #333; margin-bottom: 18px; }
.caption, .note { color: #555; font-size: 13px; }
.cite { color: #666; font-size: 11px; white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
.card { border: 1px solid #d6d6d6; border-top: 6px solid #555; padding: 10px 12px; break-inside: avoid; }
.card .figure { font-size: 20px; font-weight: 700; margin: 4px 0; }
.card .period { color: #555; font-size: 13px; margin: 0; }
.card .summary { font-size: 13px; }
.card .short { font-weight: 400; color: #555; }
.sources-line { font-size: 12px; color: #555; margin: 0; }
figure { margin: 0; }
table.membership { border-collapse: collapse; font-size: 12px; }
table.membership th, table.membership td { border: 1px solid #d6d6d6; padding: 2px 5px; text-align: center; }
table.membership tbody th { text-align: left; font-weight: 400; white-space: nowrap; }
table.membership td.status-member { background: #DCEBF5; }
table.membership td.status-not_known { color: #555;
  background: repeating-linear-gradient(45deg, #fff, #fff 3px, #eee 3px, #eee 6px); }
ul.facts { padding-left: 18px; font-size: 14px; }
ul.facts .date { font-weight: 700; }
svg { display: block; max-width: 100%; height: auto; }
svg.map, svg.timeline { width: 100%; border: 1px solid #ccc; }
svg.swatch { display: inline-block; vertical-align: middle; margin-right: 6px; border: 0; }
.city-label { paint-order: stroke; stroke: #fff; stroke-width: 3.5px; stroke-linejoin: round; fill: #1e1e1e; }
.inset-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; fill: #1e1e1e; }
.row-label { font-weight: 700; fill: #222; }
.milestone-number { font-size: 11px; font-weight: 700; fill: #222;
  paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.legend-title { margin: 8px 0 2px; font-size: 13px; color: #444; }
ul.legend { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 22px;
  font-size: 13px; align-items: center; }
ul.legend li { display: flex; align-items: center; }
.attribution { font-size: 11px; color: #666; margin-top: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #cfcfcf; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: #f2f2f2; }
table.coverage th[scope=row] { background: #fafafa; white-space: nowrap; }
.region, .scope, .precision, .description, .on { display: block; font-size: 12px; color: #555; font-weight: 400; }
.status-in.dark { color: #fff; }
.status-in.dark .cite, .status-in.dark .scope { color: #e8f0f8; }
.scope { color: #1c3f5a; font-weight: 700; }
.dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
  vertical-align: baseline; border: 1px solid #333; }
.dot.square { border-radius: 2px; }
.status-legend { margin-top: 8px; }
.gaps { margin-top: 6px; font-size: 13px; }
.focus-grid { columns: 2 420px; column-gap: 36px; }
.focus-block { margin-bottom: 14px; break-inside: avoid; }
ul.focus { margin: 0; padding-left: 20px; }
ul.focus li { margin-bottom: 6px; }
.tag { font-size: 11px; border: 1px solid #888; border-radius: 3px; padding: 0 4px; color: #444; }
td.date { white-space: nowrap; }
ul.sources { padding-left: 0; list-style: none; font-size: 13px; }
ul.sources li { margin-bottom: 8px; break-inside: avoid; }
ul.sources .note { display: block; }
.source-id { font-weight: 700; }
a { color: #0b5394; word-break: break-all; }
.cite-how { border-left: 4px solid #888; padding: 6px 10px; background: #f6f6f6; font-size: 13px; }
.empty { color: #555; font-style: italic; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { margin: 0; break-before: page; }
  section.first { break-before: auto; }
  svg.map { width: auto; height: 136mm; margin: 0 auto; }
  svg.timeline { max-height: 150mm; }
  tr, li, .card, .focus-block { break-inside: avoid; }
  table { font-size: 9pt; line-height: 1.25; }
  th, td { padding: 2px 5px; }
  .focus-grid { columns: 2; font-size: 9.5pt; line-height: 1.3; }
  ul.focus li { margin-bottom: 3px; }
  thead { display: table-header-group; }
  a { color: #222; text-decoration: none; }
}
"""


def _section(name: str, title: str, body: str, caption: str | None = None) -> str:
    """One printable section (a new A4 page when printed)."""
    intro = f'<p class="caption">{esc(caption)}</p>' if caption else ""
    return f'<section class="{name}" id="{name}"><h2>{esc(title)}</h2>{intro}{body}</section>'


def _bundled_boundaries() -> Boundaries:
    """The bundled base map, or empty layers when its files cannot be read (e.g. half-written)."""
    try:
        return load_boundaries()
    except (OSError, ValueError):
        return Boundaries(layers={name: EMPTY for name in LAYERS}, compact={}, metadata={})


def briefing_html(view: View, lang: str, today: date, boundaries: Boundaries | None = None) -> str:
    """The whole briefing pack for ``view`` in ``lang`` as one self-contained HTML document.

    ``today`` ends open programme bars and dates the pack; ``boundaries`` defaults
    to the bundled base map (empty layers give a map of city positions only).
    """
    t = Translator(lang)
    lang = t.lang
    boundaries = boundaries if boundaries is not None else _bundled_boundaries()
    model = view.model
    data_date = model.data_date.isoformat()
    title = t("app.title")

    layers = [boundaries.layers.get(name) for name in ("countries", "provinces", "national")]
    has_base = any(isinstance(layer, dict) and layer.get("features") for layer in layers)
    attribution = (
        (t("map.attribution", text=boundaries.attribution) if boundaries.attribution else "")
        if has_base
        else t("brief.no_basemap")
    )
    map_body = (
        f"<figure>{map_svg(view, lang, t, boundaries)}</figure>{map_legend(view, lang, t)}"
        f'<p class="attribution">{esc(attribution)}</p>'
    )
    if view.map_cities.empty:
        map_body = f'<p class="empty">{esc(t("brief.map_empty"))}</p>' + map_body
    if view.programmes.empty and view.milestones.empty:
        timeline_body = f'<p class="empty">{esc(t("timeline.empty"))}</p>'
    else:
        timeline_body = f"<figure>{timeline_svg(view, lang, t, today)}</figure>"
    cite_text = t("brief.cite_text", title=title, date=data_date, today=today.isoformat())

    header = (
        f"<h1>{esc(title)}</h1>"
        f'<p class="subtitle">{esc(t("brief.title"))}</p>'
        '<div class="meta">'
        f'<span class="data-date">{esc(t("brief.data_date", date=data_date))}</span>'
        f"<span>{esc(t('brief.generated', date=today.isoformat()))}</span>"
        f'<span class="filters">{esc(t("brief.filters"))}: {filters_text(view, lang, t)}</span>'
        "</div>"
    )
    sections = [
        f'<section class="cover first" id="key-figures">{header}'
        f"<h2>{esc(t('brief.key_figures'))}</h2>{key_figures_list(view, lang, t)}"
        f'<p class="cite-how"><strong>{esc(t("data.cite_title"))}:</strong> {esc(cite_text)}</p></section>',
        _section("map", t("map.title"), map_body, t("brief.map_caption")),
        _section("timeline", t("timeline.title"), timeline_body, t("brief.timeline_caption")),
        _section("coverage", t("coverage.title"), coverage_table(view, lang, t), t("coverage.caption")),
        _section("focus", t("focus.title"), focus_areas(view, lang, t), t("focus.caption")),
        _section("membership", t("brief.membership"), membership_table(view, lang, t), t("brief.membership_caption")),
        _section("awards", t("brief.awards"), awards_list(view, lang, t)),
        _section("milestones", t("timeline.milestones"), milestone_table(view, lang, t), t("brief.milestones_caption")),
        _section("undated", t("brief.undated"), undated_list(view, lang, t), t("timeline.undated_caption")),
        _section(
            "sources",
            t("data.sources"),
            sources(view, t)
            + f'<p class="cite-how"><strong>{esc(t("data.cite_title"))}:</strong> {esc(cite_text)}</p>',
            t("brief.sources_caption"),
        ),
    ]
    css = _CSS.replace("FONTS", FONT_STACK)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{HTML_LANG.get(lang, lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} — {esc(t('brief.title'))} ({esc(data_date)})</title>"
        f"<style>{css}</style></head><body>{''.join(sections)}</body></html>\n"
    )
