"""The briefing timeline as inline SVG: programme bars and milestones by date precision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from briefing.markup import cell_text, esc, num
from components import colors
from components.labels import programme_names
from components.map_marks import text_width
from tracker.filters import View
from tracker.i18n import Translator, localized

# The timeline's geometry in SVG units.
TIMELINE_WIDTH = 1000.0
TIMELINE_LABELS = 190.0
TIMELINE_ROW = 46.0
TIMELINE_LANE = 18.0


@dataclass(frozen=True)
class _Scale:
    """Dates to x positions of the timeline's plot area."""

    first: date
    last: date
    left: float
    right: float

    def __call__(self, day: date) -> float:
        span = (self.last - self.first).days or 1
        return self.left + (day - self.first).days / span * (self.right - self.left)


def _as_date(value: object) -> date | None:
    """A pandas timestamp (or NaT) as a date."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _hatch(x0: float, y0: float, x1: float, y1: float, step: float = 7.0) -> str:
    """Path data of 45° hatch lines filling a rectangle (no pattern, so no ``url()``)."""
    h = y1 - y0
    segments = []
    c = x0 - h
    while c < x1:
        sx, sy = c, y1
        ex, ey = c + h, y0
        if sx < x0:
            sy -= x0 - sx
            sx = x0
        if ex > x1:
            ey += ex - x1
            ex = x1
        if ex > sx:
            segments.append(f"M{num(sx)} {num(sy)}L{num(ex)} {num(ey)}")
        c += step
    return "".join(segments)


def _milestone_shape(precision: str, x: float, y: float, fill: str) -> str:
    """Circle (day), diamond (month) or square (year) centred on ``(x, y)``."""
    stroke = 'stroke="#222222" stroke-width="1.2"'
    if precision == "day":
        return f'<circle class="milestone" cx="{num(x)}" cy="{num(y)}" r="6" fill="{fill}" {stroke}/>'
    if precision == "month":
        d = f"M{num(x)} {num(y - 7.5)}l7.5 7.5-7.5 7.5-7.5-7.5z"
        return f'<path class="milestone" d="{d}" fill="{fill}" {stroke}/>'
    corner = f'x="{num(x - 5.5)}" y="{num(y - 5.5)}"'
    return f'<rect class="milestone" {corner} width="11" height="11" fill="{fill}" {stroke}/>'


@dataclass(frozen=True)
class _Marker:
    number: int
    row: str
    precision: str
    first: date
    last: date
    middle: date
    fill: str
    tooltip: str


def _lanes(spans: list[tuple[float, float]]) -> list[int]:
    """Stack overlapping horizontal spans into lanes (first fit); returns each span's lane."""
    ends: list[float] = []
    lanes = []
    for start, end in spans:
        for lane, lane_end in enumerate(ends):
            if start >= lane_end:
                ends[lane] = end
                lanes.append(lane)
                break
        else:
            ends.append(end)
            lanes.append(len(ends) - 1)
    return lanes


def milestone_numbers(view: View) -> dict[str, int]:
    """Milestone id → its number in the briefing (chronological, from 1)."""
    return {str(m): n for n, m in enumerate(view.milestones["milestone_id"], start=1)}


def timeline_svg(view: View, lang: str, t: Translator, today: date) -> str:
    """Programme bars (hatched when open-ended) and numbered milestone markers, with year ticks."""
    programmes = view.programmes.sort_values("order")
    palette = colors.programme_colors(view.model.programmes["programme_id"])
    names = programme_names(view.model.programmes, lang)
    milestones = view.milestones
    numbers = milestone_numbers(view)
    titles = localized(milestones, "title", lang)
    network = "__network__"
    rows = [str(p) for p in programmes["programme_id"]]
    if milestones["programme_id"].isna().any():
        rows.append(network)

    starts = [d for d in (_as_date(v) for v in programmes["start_first"]) if d]
    starts += [d for d in (_as_date(v) for v in milestones["date_first"]) if d]
    first_year = min([d.year for d in starts] or [today.year])
    last_year = max([today.year, *[d.year for d in (_as_date(v) for v in programmes["end_last"]) if d]])
    if view.filters.years:
        first_year = min(first_year, view.filters.years[0])
    last_year = max(last_year, first_year, *[d.year for d in starts])
    scale = _Scale(date(first_year, 1, 1), date(last_year + 1, 1, 1), TIMELINE_LABELS + 12, TIMELINE_WIDTH - 24)

    markers: dict[str, list[_Marker]] = {row: [] for row in rows}
    for (_, m), title in zip(milestones.iterrows(), titles, strict=True):
        row = str(m["programme_id"]) if cell_text(m["programme_id"]) else network
        if row not in markers:
            continue
        precision = str(m["date_precision"])
        fill = palette.get(row, colors.NETWORK)
        certainty = t(f"certainty.{m['certainty'] if cell_text(m['certainty']) else 'verified'}")
        number = numbers[str(m["milestone_id"])]
        tooltip = f"{number}. {m['date']} ({t('precision.' + precision)}, {certainty}): {title}"
        markers[row].append(
            _Marker(
                number=number,
                row=row,
                precision=precision,
                first=_as_date(m["date_first"]) or today,
                last=_as_date(m["date_last"]) or today,
                middle=_as_date(m["date_middle"]) or today,
                fill=fill,
                tooltip=tooltip,
            )
        )

    body: list[str] = []
    y = 10.0
    row_tops: list[tuple[float, float]] = []
    for row in rows:
        items = sorted(markers[row], key=lambda m: (m.first, m.number))
        spans = []
        for m in items:
            x_first, x_last = scale(m.first), scale(m.last + timedelta(days=1))
            x_mid = scale(m.middle)
            spans.append((min(x_first, x_mid - 9), max(x_last, x_mid + 9) + 14))
        lanes = _lanes(spans)
        lane_count = max(lanes, default=0) + 1
        height = TIMELINE_ROW + TIMELINE_LANE * (lane_count - 1)
        centre = y + 20
        row_tops.append((y, height))
        if row == network:
            label, fill = t("timeline.network_row"), colors.NETWORK
        else:
            label, fill = str(names[row]), palette.get(row, colors.NETWORK)
            body.append(_bar(view, row, fill, centre, scale, today, t))
        body.append(
            f'<text class="row-label" x="{num(TIMELINE_LABELS - 10)}" y="{num(centre)}" text-anchor="end" '
            f'dominant-baseline="central">{esc(label)}</text>'
        )
        for m, lane in zip(items, lanes, strict=True):
            my = centre + lane * TIMELINE_LANE
            x_mid = scale(m.middle)
            parts = [f'<g class="milestone-marker"><title>{esc(m.tooltip)}</title>']
            if m.precision != "day":
                x0, x1 = scale(m.first), scale(m.last + timedelta(days=1))
                whisker = f"M{num(x0)} {num(my - 5)}v10M{num(x0)} {num(my)}H{num(x1)}M{num(x1)} {num(my - 5)}v10"
                parts.append(
                    f'<path class="whisker" d="{whisker}" stroke="#FFFFFF" stroke-width="4.5" fill="none"/>'
                    f'<path class="whisker" d="{whisker}" stroke="#333333" stroke-width="1.8" fill="none"/>'
                )
            parts.append(_milestone_shape(m.precision, x_mid, my, m.fill))
            parts.append(f'<text class="milestone-number" x="{num(x_mid + 9)}" y="{num(my - 7)}">{m.number}</text></g>')
            body.append("".join(parts))
        y += height

    plot_bottom = y + 4
    axis = ['<g class="axis" font-size="12" fill="#444444">']
    for year in range(first_year, last_year + 2):
        x = scale(date(year, 1, 1))
        axis.append(
            f'<line x1="{num(x)}" y1="4" x2="{num(x)}" y2="{num(plot_bottom)}" stroke="#DDDDDD" stroke-width="1"/>'
        )
        if year <= last_year:
            centre_x = scale(date(year, 7, 2))
            axis.append(f'<text x="{num(centre_x)}" y="{num(plot_bottom + 16)}" text-anchor="middle">{year}</text>')
    axis.append("</g>")
    today_x = scale(today)
    today_line = (
        f'<g class="today"><line x1="{num(today_x)}" y1="4" x2="{num(today_x)}" y2="{num(plot_bottom)}" '
        f'stroke="#888888" stroke-width="1.2" stroke-dasharray="3 3"/>'
        f'<text x="{num(today_x - 4)}" y="{num(plot_bottom - 4)}" text-anchor="end" font-size="11" fill="#555555">'
        f"{esc(t('brief.today', date=today.isoformat()))}</text></g>"
    )
    legend_y = plot_bottom + 40
    legend = _timeline_legend(t, legend_y)
    total = legend_y + 16
    bands = "".join(
        f'<rect x="0" y="{num(top)}" width="{num(TIMELINE_WIDTH)}" height="{num(h)}" fill="#F6F6F6"/>'
        for n, (top, h) in enumerate(row_tops)
        if n % 2 == 0
    )
    return (
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(TIMELINE_WIDTH)} {num(total)}" '
        f'width="{num(TIMELINE_WIDTH)}" height="{num(total)}" role="img" aria-label="{esc(t("timeline.title"))}" '
        f'font-size="13">{bands}{"".join(axis)}{"".join(body)}{today_line}{legend}</svg>'
    )


def _bar(view: View, programme_id: str, fill: str, centre: float, scale: _Scale, today: date, t: Translator) -> str:
    """One programme's bar: solid from start to end, hatched and open on the right without an end."""
    row = view.programmes.loc[programme_id]
    start = _as_date(row["start_first"]) or today
    end = _as_date(row["end_last"])
    open_ended = end is None
    x0 = scale(start)
    x1 = max(scale(today if open_ended else end + timedelta(days=1)), x0 + 2)
    y0, y1 = centre - 9, centre + 9
    end_text = t("timeline.open_end") if open_ended else str(row["end"])
    tooltip = f"{t('timeline.start')}: {row['start']} — {t('timeline.end')}: {end_text}"
    attrs = (
        f'class="programme-bar" data-programme="{esc(programme_id)}" data-open="{str(open_ended).lower()}" '
        f'x="{num(x0)}" y="{num(y0)}" width="{num(x1 - x0)}" height="{num(y1 - y0)}"'
    )
    if not open_ended:
        return f'<g><title>{esc(tooltip)}</title><rect {attrs} fill="{fill}" fill-opacity="0.85"/></g>'
    outline = f"M{num(x1)} {num(y0)}H{num(x0)}V{num(y1)}H{num(x1)}"
    arrow = f"M{num(x1 + 2)} {num(y0)}l9 9-9 9z"
    return (
        f'<g><title>{esc(tooltip)}</title><rect {attrs} fill="{colors.tint(fill, 0.7)}"/>'
        f'<path d="{_hatch(x0, y0, x1, y1)}" stroke="{fill}" stroke-width="2"/>'
        f'<path d="{outline}" fill="none" stroke="{fill}" stroke-width="1.6"/>'
        f'<path d="{arrow}" fill="{fill}" fill-opacity="0.6"/></g>'
    )


def _timeline_legend(t: Translator, y: float) -> str:
    """Shapes of the timeline explained in one line at the bottom of the SVG."""
    grey = "#9A9A9A"
    x = TIMELINE_LABELS
    parts = ['<g class="timeline-legend" font-size="12" fill="#333333">']
    hatch = _hatch(x, y - 7, x + 34, y + 7)
    parts.append(
        f'<rect x="{num(x)}" y="{num(y - 7)}" width="34" height="14" fill="#EEEEEE"/>'
        f'<path d="{hatch}" stroke="{grey}" stroke-width="2"/>'
        f'<text x="{num(x + 40)}" y="{num(y)}" dominant-baseline="central">{esc(t("brief.open_bar"))}</text>'
    )
    x += 40 + text_width(t("brief.open_bar"), 12) + 20
    for precision in ("day", "month", "year"):
        if precision != "day":
            whisker = f"M{num(x - 6)} {num(y - 5)}v10m0-5H{num(x + 22)}m0-5v10"
            parts.append(f'<path d="{whisker}" stroke="#333333" stroke-width="1.8" fill="none"/>')
        parts.append(_milestone_shape(precision, x + 8, y, grey))
        label = t(f"precision.{precision}")
        parts.append(f'<text x="{num(x + 28)}" y="{num(y)}" dominant-baseline="central">{esc(label)}</text>')
        x += 28 + text_width(label, 12) + 20
    parts.append("</g>")
    return "".join(parts)
