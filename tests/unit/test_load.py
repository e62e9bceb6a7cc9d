"""Reading CSV bytes: encodings, text cells, blank lines, line numbers, binary files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import load as load_module
from tracker import load_dataset
from tracker.load import read_bytes

from .support import TABLE_FILES, TINY_DIR, load_tiny_with, located, set_cell, tiny_text

CITY_NAMES_ZH = ["厦门", "昆明", "哈尔滨"]


def test_tiny_fixture_is_valid_utf8() -> None:
    result = load_dataset(TINY_DIR)
    assert result.problems == []
    assert result.model is not None
    assert dict(result.encodings) == {name.removesuffix(".csv"): "utf-8" for name in TABLE_FILES}


def test_utf8_with_bom_is_read_and_reported_as_utf8_sig() -> None:
    result = load_tiny_with("cities.csv", b"\xef\xbb\xbf" + tiny_text("cities.csv").encode("utf-8"))
    assert result.problems == []
    assert result.model is not None
    assert result.encodings["cities"] == "utf-8-sig"
    assert result.model.cities.columns[0] == "city_id"  # the BOM is not part of the first header cell
    assert result.model.cities["name_zh"].tolist() == CITY_NAMES_ZH


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_chinese_windows_encodings_are_read_as_gb18030(encoding: str) -> None:
    result = load_tiny_with("cities.csv", tiny_text("cities.csv").encode(encoding))
    assert result.problems == []
    assert result.model is not None
    assert result.encodings["cities"] == "gb18030"
    assert result.model.cities["name_zh"].tolist() == CITY_NAMES_ZH
    assert result.model.cities.loc["harbin", "region_zh"] == "黑龙江省"


def test_gb18030_four_byte_character_survives() -> None:
    text = set_cell(tiny_text("cities.csv"), 2, "name_zh", "厦门𠀀")  # U+20000 is not in GBK
    result = load_tiny_with("cities.csv", text.encode("gb18030"))
    assert result.model is not None
    assert result.model.cities.loc["xiamen", "name_zh"] == "厦门𠀀"


def test_undecodable_byte_names_its_line() -> None:
    raw = tiny_text("sources.csv").encode("utf-8").replace(b"Harbin electrifies", b"Harbin \xff electrifies")
    result = load_tiny_with("sources.csv", raw)
    assert result.model is None
    offset = raw.index(b"\xff")
    assert located(result.problems) == [("sources.csv", 3, None, None)]
    assert result.problems[0].message == f"cannot be decoded as UTF-8 or GB18030/GBK (byte 0xff at byte {offset})"
    assert str(result.problems[0]).startswith("sources.csv, line 3: error: cannot be decoded")


def test_undecodable_byte_after_bom_counts_the_bom_in_the_offset() -> None:
    raw = b"\xef\xbb\xbf" + tiny_text("sources.csv").encode("utf-8").replace(b"Kunming adopts", b"Kunming \xff")
    offset = raw.index(b"\xff")
    result = load_tiny_with("sources.csv", raw)
    assert located(result.problems) == [("sources.csv", 4, None, None)]
    assert f"byte 0xff at byte {offset}" in result.problems[0].message


def test_corrupt_byte_in_gbk_file_names_the_line_of_the_corrupt_byte() -> None:
    raw = tiny_text("cities.csv").encode("gbk").replace("哈尔滨".encode("gbk"), b"\xff\xfe")
    result = load_tiny_with("cities.csv", raw)
    assert located(result.problems) == [("cities.csv", 4, None, None)]


def test_undecodable_byte_line_with_cr_line_endings() -> None:
    raw = tiny_text("sources.csv").replace("\n", "\r").encode("utf-8").replace(b"Kunming adopts", b"Kunming \xff")
    result = load_tiny_with("sources.csv", raw)
    assert located(result.problems) == [("sources.csv", 4, None, None)]


def test_ids_with_leading_zeros_and_na_like_names_stay_text(tiny: Path) -> None:
    for file in ("cities.csv", "participation.csv", "milestones.csv"):
        path = tiny / file
        path.write_text(path.read_text(encoding="utf-8").replace("harbin", "007"), encoding="utf-8")
    cities = tiny / "cities.csv"
    text = set_cell(cities.read_text(encoding="utf-8"), 4, "name_en", "NA")
    text = set_cell(text, 3, "name_de", "N/A")
    text = set_cell(text, 2, "name_de", "null")
    text = set_cell(text, 2, "region_de", "NaN")
    cities.write_text(text, encoding="utf-8")
    result = load_dataset(tiny)
    assert result.problems == []
    assert result.model is not None
    cities_frame = result.model.cities
    assert cities_frame["city_id"].tolist() == ["xiamen", "kunming", "007"]
    assert cities_frame.loc["007", "name_en"] == "NA"
    assert cities_frame.loc["kunming", "name_de"] == "N/A"
    assert cities_frame.loc["xiamen", "name_de"] == "null"
    assert cities_frame.loc["xiamen", "region_de"] == "NaN"
    assert cities_frame.loc["007", "adcode"] == "230100"
    coverage = result.model.coverage.set_index(["programme_id", "city_id"])["status"]
    assert coverage.loc[("clean-transport", "007")] == "in"


def test_adcode_keeps_its_text_form() -> None:
    raw, _ = read_bytes(tiny_text("cities.csv").encode("utf-8"), "cities.csv")
    assert raw is not None
    assert raw.frame["adcode"].tolist() == ["350200", "530100", "230100"]
    assert raw.frame["latitude"].tolist() == ["24.4798", "25.0389", "45.8038"]


def test_blank_lines_are_skipped_and_later_rows_keep_physical_line_numbers() -> None:
    lines = tiny_text("cities.csv").split("\n")
    # header, xiamen, blank, whitespace-only, kunming (line 5, bad latitude), blank, harbin (line 7)
    bad_kunming = set_cell("\n".join(lines), 3, "latitude", "95.2").split("\n")[2]
    text = "\n".join([lines[0], lines[1], "", "   ", bad_kunming, "", lines[3], ""])
    result = load_tiny_with("cities.csv", text.encode("utf-8"))
    assert [str(p) for p in result.problems] == [
        "cities.csv, line 5, column latitude: error: '95.2': is out of range (-90 to 90)"
    ]


def test_row_of_empty_cells_counts_as_blank() -> None:
    text = tiny_text("cities.csv").replace("\nkunming", "\n,,,,,,,,,,,\nkunming")
    result = load_tiny_with("cities.csv", text.encode("utf-8"))
    assert result.problems == []
    assert result.model is not None
    assert len(result.model.cities) == 3


def test_quoted_multiline_cell_keeps_line_numbers_of_later_rows() -> None:
    text = set_cell(tiny_text("cities.csv"), 2, "name_de", "Xiamen\n(Amoy)\n厦门")  # line 2 now spans lines 2-4
    # kunming starts on line 5, harbin on line 6
    text = text.replace("530100", "53010").replace("45.8038", "north")
    result = load_tiny_with("cities.csv", text.encode("utf-8"))
    assert [str(p) for p in result.problems] == [
        "cities.csv, line 6, column latitude: error: 'north': is not a number",
        "cities.csv, line 5, column adcode: error: '53010': is not a six-digit administrative code (GB/T 2260)",
    ]


def test_quoted_multiline_cell_survives_verbatim() -> None:
    text = set_cell(tiny_text("cities.csv"), 2, "name_de", "Xiamen\n(Amoy)")
    result = load_tiny_with("cities.csv", text.encode("utf-8"))
    assert result.model is not None
    assert result.model.cities.loc["xiamen", "name_de"] == "Xiamen\n(Amoy)"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_endings(newline: str) -> None:
    text = set_cell(tiny_text("cities.csv"), 4, "longitude", "200").replace("\n", newline)
    result = load_tiny_with("cities.csv", text.encode("utf-8"))
    assert located(result.problems) == [("cities.csv", 4, "longitude", "200")]


def test_surrounding_whitespace_is_stripped_from_cells_and_header() -> None:
    text = tiny_text("cities.csv").replace("city_id,name_en", " city_id , name_en").replace("45.8038", " 45.8038\t")
    result = load_tiny_with("cities.csv", text.encode("utf-8"))
    assert result.problems == []
    assert result.model is not None
    assert result.model.cities.loc["harbin", "latitude"] == pytest.approx(45.8038)


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive or an Excel .xlsx workbook", id="xlsx"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls or other Office file", id="xls"),
        pytest.param(b"%PDF-1.7\n", "a PDF document", id="pdf"),
        pytest.param(b"\x1f\x8b\x08\x00", "a gzip archive", id="gzip"),
    ],
)
def test_binary_files_are_refused_by_their_magic_bytes(raw: bytes, what: str) -> None:
    result = load_tiny_with("cities.csv", raw + b"city_id,name_en\n")
    assert result.model is None
    assert [str(p) for p in result.problems] == [f"cities.csv: error: is not a CSV text file: it looks like {what}"]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(tiny_text("cities.csv").encode("utf-16"), id="utf-16"),
        pytest.param(tiny_text("cities.csv").encode("utf-8").replace(b"Kunming", b"Kun\x00ming"), id="nul-in-cell"),
    ],
)
def test_nul_bytes_are_refused(raw: bytes) -> None:
    result = load_tiny_with("cities.csv", raw)
    assert result.model is None
    assert [str(p) for p in result.problems] == [
        "cities.csv: error: is not a CSV text file: it contains NUL bytes (UTF-16 or binary?)"
    ]


def test_nul_byte_late_in_a_large_file_is_refused() -> None:
    text = tiny_text("sources.csv") + "".join(f"X{n},Extra source {n},Example,,en,,\n" for n in range(300))
    raw = text.encode("utf-8").replace(b"Extra source 299", b"Extra\x00source 299")
    assert raw.index(b"\x00") > 4096
    result = load_tiny_with("sources.csv", raw)
    assert result.model is None
    assert "NUL bytes" in result.problems[0].message


@pytest.mark.parametrize(
    "raw", [b"", b"\xef\xbb\xbf", b" \n\t\n", b"\r\n\r\n"], ids=["empty", "bom-only", "whitespace", "blank-lines"]
)
def test_empty_files_need_a_header(raw: bytes) -> None:
    result = load_tiny_with("milestones.csv", raw)
    assert result.model is None
    assert [str(p) for p in result.problems] == ["milestones.csv: error: is empty: it needs a header row"]


def test_leading_blank_line_is_not_reported_as_an_empty_file() -> None:
    result = load_tiny_with("cities.csv", ("\n" + tiny_text("cities.csv")).encode("utf-8"))
    assert not any("is empty" in p.message for p in result.problems)


def test_quote_error_names_its_line_and_keeps_earlier_rows() -> None:
    text = tiny_text("cities.csv").replace("harbin,Harbin,", '"harbin"x,Harbin,')
    raw, problems = read_bytes(text.encode("utf-8"), "cities.csv")
    assert [str(p) for p in problems] == ["cities.csv, line 4: error: is not valid CSV: ',' expected after '\"'"]
    assert raw is not None
    assert raw.frame["city_id"].tolist() == ["xiamen", "kunming"]


def test_header_problems_blank_and_repeated_column_names() -> None:
    header, *rows = tiny_text("sources.csv").splitlines()
    # "published" renamed to a second "language"; a trailing delimiter on every line
    text = "".join(line + ",\n" for line in [header.replace(",published,", ",language,"), *rows])
    result = load_tiny_with("sources.csv", text.encode("utf-8"))
    assert [str(p) for p in result.problems] == [
        "sources.csv, line 1, column language: error: 'language': column name appears twice in the header",
        "sources.csv, line 1, column #8: error: '': header cell is blank",
        "sources.csv, line 1, column published: error: required column is missing from the header",
        "sources.csv, line 1, column language#6: warning: unknown column (ignored)",
        "sources.csv, line 1, column #8: warning: unknown column (ignored)",
    ]


def test_file_larger_than_the_limit_is_refused(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = (tiny / "sources.csv").stat().st_size
    monkeypatch.setattr(load_module, "MAX_FILE_BYTES", size - 1)
    result = load_dataset(tiny)
    assert result.model is None
    assert f"sources.csv: error: is too large ({size:,} bytes; the limit is {size - 1:,})" in [
        str(p) for p in result.problems
    ]


def test_overrides_replace_files_without_touching_the_disk(tiny: Path) -> None:
    before = (tiny / "cities.csv").read_bytes()
    broken = set_cell(before.decode("utf-8"), 2, "latitude", "-91")
    result = load_dataset(tiny, overrides={"cities.csv": broken.encode("utf-8")})
    assert located(result.problems) == [("cities.csv", 2, "latitude", "-91")]
    assert (tiny / "cities.csv").read_bytes() == before
    assert load_dataset(tiny).ok
