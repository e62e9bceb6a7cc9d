"""``python -m tracker validate``: exit codes 0 valid, 1 invalid, 2 usage; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import DATA_DIR, TINY_DIR, edit_cell, run_cli


def test_real_data_is_valid() -> None:
    completed = run_cli("validate", str(DATA_DIR))
    assert completed.returncode == 0
    assert completed.stdout.strip().endswith("valid — 13 cities, 3 programmes, 37 milestones, 0 warning(s)")


def test_default_directory_is_the_real_data() -> None:
    completed = run_cli("validate")
    assert completed.returncode == 0
    assert "valid — 13 cities" in completed.stdout


def test_tiny_fixture_is_valid() -> None:
    completed = run_cli("validate", str(TINY_DIR))
    assert completed.returncode == 0
    assert completed.stdout == f"{TINY_DIR}: valid — 3 cities, 2 programmes, 3 milestones, 0 warning(s)\n"


def test_broken_directory_exits_1_and_names_file_line_column(tiny: Path) -> None:
    edit_cell(tiny, "cities.csv", 3, "latitude", "95.2")
    edit_cell(tiny, "milestones.csv", 4, "date", "2019-02-30")
    completed = run_cli("validate", str(tiny))
    assert completed.returncode == 1
    assert completed.stdout.splitlines() == [
        "cities.csv, line 3, column latitude: error: '95.2': is out of range (-90 to 90)",
        "milestones.csv, line 4, column date: error: '2019-02-30': is an impossible date (2019-02 has no day 30)",
        f"{tiny}: INVALID — 2 error(s), 0 warning(s)",
    ]


def test_warnings_and_encodings_are_printed_but_data_stays_valid(tiny: Path) -> None:
    cities = tiny / "cities.csv"
    header, *rows = cities.read_text(encoding="utf-8").splitlines()
    text = "".join(f"{line},{'remarks' if n == 0 else 'checked'}\n" for n, line in enumerate([header, *rows]))
    cities.write_bytes(text.encode("gbk"))
    completed = run_cli("validate", str(tiny))
    assert completed.returncode == 0
    assert completed.stdout.splitlines() == [
        "cities.csv, line 1, column remarks: warning: unknown column (ignored)",
        "cities.csv: read as gb18030",
        f"{tiny}: valid — 3 cities, 2 programmes, 3 milestones, 1 warning(s)",
    ]


def test_missing_file_exits_1(tiny: Path) -> None:
    (tiny / "sources.csv").unlink()
    completed = run_cli("validate", str(tiny))
    assert completed.returncode == 1
    assert "sources.csv: error: is missing" in completed.stdout.splitlines()


def test_binary_file_exits_1(tiny: Path) -> None:
    (tiny / "cities.csv").write_bytes(b"PK\x03\x04" + bytes(range(256)))
    completed = run_cli("validate", str(tiny))
    assert completed.returncode == 1
    assert "cities.csv: error: is not a CSV text file" in completed.stdout


def test_missing_directory_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir"
    completed = run_cli("validate", str(missing))
    assert completed.returncode == 2
    assert f"{missing} is not a directory" in completed.stderr


def test_file_instead_of_directory_exits_2() -> None:
    completed = run_cli("validate", str(DATA_DIR / "cities.csv"))
    assert completed.returncode == 2
    assert "is not a directory" in completed.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param((), id="no-command"),
        pytest.param(("frobnicate",), id="unknown-command"),
        pytest.param(("validate", "data", "extra"), id="extra-argument"),
        pytest.param(("validate", "--no-such-option"), id="unknown-option"),
    ],
)
def test_bad_usage_exits_2(args: tuple[str, ...]) -> None:
    completed = run_cli(*args)
    assert completed.returncode == 2
    assert "usage" in completed.stderr
    assert completed.stdout == ""


def test_help_exits_0() -> None:
    completed = run_cli("--help")
    assert completed.returncode == 0
    assert "validate" in completed.stdout
