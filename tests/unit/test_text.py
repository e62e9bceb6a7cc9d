"""Showing data text in charts: labels are escaped and wrapped, never interpreted."""

from __future__ import annotations

import pytest

from components.text import plot_label, plot_text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Mitigation", "Mitigation"),
        (
            "Coordinated control of air and climate pollutants",
            "Coordinated<br>control of air and<br>climate pollutants",
        ),
        ("Net-zero-carbon communities", "Net-zero-carbon<br>communities"),
        ("大气污染物与温室气体协同控制", "大气污染物与温室气<br>体协同控制"),
        ("Klimaschadstoffkoordinierungsmaßnahmen", "Klimaschadstoffkoordinierungsmaßnahmen"),
        ("Netto-Null-Kohlenstoff-Gemeinschaften", "Netto-Null-<br>Kohlenstoff-<br>Gemeinschaften"),
        ("", ""),
    ],
)
def test_labels_wrap_at_word_boundaries(text: str, label: str) -> None:
    assert plot_label(text) == label


def test_label_markup_from_data_stays_text() -> None:
    hostile = '<img src=x onerror="alert(1)"> <br> and <b>bold</b> words here'
    label = plot_label(hostile)
    assert "<img" not in label and "<b>" not in label
    assert "<br>" in label  # only the wrapping adds markup: undo it and the escaped text is back
    assert label.replace("<br>", " ") == plot_text(hostile)
