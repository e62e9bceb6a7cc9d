"""Upload checks: names, sizes and content are enforced on the server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from components.uploads import MAX_UPLOAD_BYTES, check_uploads, merged, table_name
from tracker import load_dataset

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "tiny"


@dataclass
class FakeUpload:
    name: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    def getvalue(self) -> bytes:
        return self.data


def test_only_known_table_names_from_the_base_name() -> None:
    assert table_name("cities.csv") == "cities.csv"
    assert table_name("Cities.CSV") == "cities.csv"
    assert table_name("../../etc/cities.csv") == "cities.csv"
    assert table_name("C:\\Users\\a\\milestones.csv") == "milestones.csv"
    assert table_name("passwd") is None
    assert table_name("cities.csv.exe") is None


def test_refuses_unknown_names_and_oversized_files() -> None:
    checked = check_uploads(
        [
            FakeUpload("notes.csv", b"a,b\n"),
            FakeUpload("cities.csv", b"x" * (MAX_UPLOAD_BYTES + 1)),
            FakeUpload("sources.csv", (TINY / "sources.csv").read_bytes()),
        ]
    )
    assert list(checked.accepted) == ["sources.csv"]
    messages = [str(p) for p in checked.refused]
    assert messages[0].startswith("notes.csv: error: is not one of the data files")
    assert messages[1].startswith("cities.csv: error: is too large")


def test_a_zip_named_csv_is_refused_with_a_clear_message() -> None:
    result = load_dataset(TINY, overrides={"cities.csv": b"PK\x03\x04" + b"\x00" * 40})
    assert not result.ok
    assert "cities.csv: error: is not a CSV text file: it looks like a ZIP archive or an Excel .xlsx workbook" in [
        str(p) for p in result.problems
    ]


def test_valid_upload_replaces_only_that_table_in_memory() -> None:
    cities = (TINY / "cities.csv").read_text(encoding="utf-8").replace("Xiamen,厦门", "Amoy,厦门")
    result = load_dataset(TINY, overrides={"cities.csv": cities.encode("gbk")})
    assert result.ok and result.model is not None
    assert result.model.cities.at["xiamen", "name_en"] == "Amoy"
    assert result.encodings["cities"] == "gb18030"
    assert "Amoy" not in (TINY / "cities.csv").read_text(encoding="utf-8")


def test_merged_keeps_earlier_uploads() -> None:
    assert merged({"a.csv": b"1"}, {"b.csv": b"2"}) == {"a.csv": b"1", "b.csv": b"2"}
    assert merged(None, {"a.csv": b"3"}) == {"a.csv": b"3"}
