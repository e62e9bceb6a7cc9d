"""Output safety: spreadsheet formulas are neutralised, links must be absolute http(s)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from tracker.safety import neutralise_cell, neutralise_frame, safe_url, to_safe_csv

TRIGGERS = [
    pytest.param("=1+1", id="equals"),
    pytest.param('=HYPERLINK("http://evil.example","click")', id="hyperlink"),
    pytest.param("+cmd|' /C calc'!A0", id="plus-dde"),
    pytest.param("-2+3", id="minus"),
    pytest.param("@SUM(A1:A2)", id="at"),
    pytest.param("\t=1+1", id="tab"),
    pytest.param("\r=1+1", id="carriage-return"),
    pytest.param("＝1+1", id="full-width-equals"),
    pytest.param("＋1", id="full-width-plus"),
    pytest.param("－1", id="full-width-minus"),
    pytest.param("＠SUM(A1)", id="full-width-at"),
]


@pytest.mark.parametrize("text", TRIGGERS)
def test_formula_triggers_get_a_leading_quote(text: str) -> None:
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    ["Beijing", "北京", "", " =1+1", "a=b", "2018-09-27", "'=already quoted", "<script>alert(1)</script>"],
)
def test_harmless_text_is_unchanged(value: str) -> None:
    assert neutralise_cell(value) == value


@pytest.mark.parametrize("value", [-2, -2.5, 0, 3, float("-inf"), None, True])
def test_non_text_values_are_unchanged(value: object) -> None:
    assert neutralise_cell(value) is value


def sample_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": pd.Series(["=1+1", "Beijing", "－1", None], dtype="str"),
            "count": pd.Series([-2, 3, 0, 7], dtype="int64"),
            "latitude": pd.Series([-33.5, 39.9, float("nan"), 0.0], dtype="float64"),
            "mixed": pd.Series(["@x", -2, "ok", None], dtype="object"),
            "kind": pd.Categorical(["+a", "b", "+a", "b"]),
        }
    )


def test_neutralise_frame_quotes_text_and_keeps_numbers() -> None:
    frame = sample_frame()
    out = neutralise_frame(frame)
    assert out["name"].tolist()[:3] == ["'=1+1", "Beijing", "'－1"]
    assert pd.isna(out["name"].iloc[3])
    assert out["count"].dtype == "int64"
    assert out["count"].tolist() == [-2, 3, 0, 7]
    assert out["latitude"].dtype == "float64"
    assert out["latitude"].iloc[0] == -33.5
    assert out["mixed"].tolist()[:3] == ["'@x", -2, "ok"]
    assert out["kind"].astype(str).tolist() == ["'+a", "b", "'+a", "b"]


def test_neutralise_frame_does_not_touch_its_input() -> None:
    frame = sample_frame()
    neutralise_frame(frame)
    pd.testing.assert_frame_equal(frame, sample_frame())


def test_neutralise_frame_quotes_column_names() -> None:
    frame = pd.DataFrame({"=cmd": ["x"], "+sum": ["y"], "name": ["z"]})
    assert list(neutralise_frame(frame).columns) == ["'=cmd", "'+sum", "name"]


def test_to_safe_csv_is_utf8_with_bom_and_keeps_numbers_numeric() -> None:
    data = to_safe_csv(sample_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["name", "count", "latitude", "mixed", "kind"]
    assert rows[1] == ["'=1+1", "-2", "-33.5", "'@x", "'+a"]
    assert rows[2] == ["Beijing", "3", "39.9", "-2", "b"]
    assert rows[3] == ["'－1", "0", "", "ok", "'+a"]
    assert b",-2," in data  # the number, not the text '-2


def test_to_safe_csv_keeps_chinese_text() -> None:
    data = to_safe_csv(pd.DataFrame({"name_zh": ["北京", "＝上海"]}))
    assert data.decode("utf-8-sig").splitlines() == ["name_zh", "北京", "'＝上海"]


def test_to_safe_csv_quotes_cells_with_newlines_and_tabs() -> None:
    data = to_safe_csv(pd.DataFrame({"note": ["\tx", "a\nb", '=HYPERLINK("x")']}))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["note"], ["'\tx"], ["a\nb"], ['\'=HYPERLINK("x")']]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.c40.org/china-office/",
        "http://english.cbcsd.org.cn/Newsroom/news/20190604/98530.shtml",
        "HTTPS://EXAMPLE.ORG/Path?q=1#top",
        "https://example.org:8443/a",
        "https://例子.中国/路径",
    ],
)
def test_safe_url_accepts_absolute_http_links(url: str) -> None:
    assert safe_url(url) == url


def test_safe_url_strips_surrounding_whitespace() -> None:
    assert safe_url("  https://example.org/a \n") == "https://example.org/a"


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("javascript:alert(1)", id="javascript"),
        pytest.param("JaVaScRiPt:alert(1)", id="javascript-mixed-case"),
        pytest.param(" javascript:alert(1)", id="javascript-leading-space"),
        pytest.param("java\tscript:alert(1)", id="javascript-tab"),
        pytest.param("java\nscript:alert(1)", id="javascript-newline"),
        pytest.param("\x01javascript:alert(1)", id="javascript-control-char"),
        pytest.param("javascript://example.org/%0Aalert(1)", id="javascript-with-slashes"),
        pytest.param("data:text/html,<script>alert(1)</script>", id="data"),
        pytest.param("vbscript:msgbox(1)", id="vbscript"),
        pytest.param("file:///etc/passwd", id="file"),
        pytest.param("ftp://example.org/a", id="ftp"),
        pytest.param("/relative/path", id="absolute-path"),
        pytest.param("relative/path", id="relative-path"),
        pytest.param("//example.org/x", id="scheme-relative"),
        pytest.param("http:/x", id="one-slash"),
        pytest.param("http:x", id="no-slash"),
        pytest.param("http:///x", id="empty-host"),
        pytest.param("https://", id="only-scheme"),
        pytest.param("https://exa mple.org", id="space-in-host"),
        pytest.param("https://example.org/a b", id="space-in-path"),
        pytest.param("https://example.org/\u3000x", id="ideographic-space"),
        pytest.param("https://example.org/\x00", id="nul"),
        pytest.param("\ufeffhttps://example.org", id="bom"),
        pytest.param("https://[::1", id="broken-ipv6"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
    ],
)
def test_safe_url_rejects_everything_else(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("value", [None, 5, b"https://example.org", float("nan")])
def test_safe_url_rejects_non_text(value: object) -> None:
    assert safe_url(value) is None
