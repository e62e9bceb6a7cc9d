"""Broken and hostile inputs from ``tests/fixtures/corpus/cases.toml``, each with its exact outcome.

Each case replaces one file of the tiny fixture (as an upload does) and says what
loading must give: ``valid = true`` (with exactly the listed ``warnings``) or
``valid = false`` with exactly the listed ``errors`` (and ``warnings``). See the
head of ``cases.toml`` for the format.
"""

from __future__ import annotations

import base64
import tomllib
from typing import Any

import pytest

from tracker import LoadResult, Model, Problem, load_dataset
from tracker.load import read_bytes
from tracker.schema import SPECS
from tracker.validate import check_table

from .support import CORPUS_FILE, TINY_DIR, set_cell, tiny_text

Case = dict[str, Any]

CASES: list[Case] = tomllib.loads(CORPUS_FILE.read_text(encoding="utf-8"))["case"]


def _text_value(value: str | dict[str, Any]) -> str:
    """A cell value: a string, or ``{repeat = "x", times = n}`` for very long cells."""
    if isinstance(value, str):
        return value
    return str(value["repeat"]) * int(value["times"]) + str(value.get("then", ""))


def build_bytes(case: Case) -> bytes:
    """The bytes that replace ``case["file"]``.

    Order: ``hex``/``base64``/``text`` or the tiny file; ``edits`` (cell edits on
    physical lines); ``replace`` (exact text, each found once); ``newline``
    (replaces every ``\\n``); ``encoding`` and ``bom``; ``patch`` (byte replacement).
    """
    if "hex" in case:
        return bytes.fromhex(case["hex"])
    if "base64" in case:
        return base64.b64decode(case["base64"])
    text: str = case["text"] if "text" in case else tiny_text(case["file"])
    for edit in case.get("edits", []):
        text = set_cell(text, edit["line"], edit["column"], _text_value(edit["value"]))
    for change in case.get("replace", []):
        assert text.count(change["find"]) == 1, f"{case['name']}: {change['find']!r} must occur once"
        text = text.replace(change["find"], change["with"])
    if "newline" in case:
        text = text.replace("\n", case["newline"])
    raw = text.encode(case.get("encoding", "utf-8"))
    if case.get("bom", False):
        raw = b"\xef\xbb\xbf" + raw
    for change in case.get("patch", []):
        find = change["find"].encode("utf-8")
        assert raw.count(find) == 1, f"{case['name']}: {change['find']!r} must occur once"
        raw = raw.replace(find, bytes.fromhex(change["hex"]))
    return raw


def _matches(problem: Problem, expected: dict[str, Any]) -> bool:
    return (
        problem.file == expected["file"]
        and problem.line == expected.get("line")
        and problem.column == expected.get("column")
        and ("value" not in expected or problem.value == _text_value(expected["value"]))
        and expected["message"] in problem.message
    )


def assert_exact_problems(actual: list[Problem], expected: list[dict[str, Any]], kind: str) -> None:
    """Every expected problem is found once and nothing else is."""
    left = list(actual)
    for wanted in expected:
        found = next((p for p in left if _matches(p, wanted)), None)
        assert found is not None, f"expected {kind} {wanted} not in {[str(p) for p in left]}"
        left.remove(found)
    assert not left, f"unexpected {kind}s: {[str(p) for p in left]}"


def cell(model: Model, table: str, row_id: str, column: str) -> object:
    """One cell of a model table, found by the table's id column."""
    frame = getattr(model, table)
    rows = frame.loc[frame[SPECS[table].key[0]] == row_id, column]
    assert len(rows) == 1, f"{table} has no single row {row_id!r}"
    return rows.iloc[0]


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case["bug"])] if "bug" in case else []
    return pytest.param(case, id=case["name"], marks=marks)


def test_corpus_is_large_and_names_are_unique() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)


def test_every_case_says_its_outcome() -> None:
    for case in CASES:
        assert isinstance(case["valid"], bool), case["name"]
        assert case["file"] in {spec.file_name for spec in SPECS.values()}, case["name"]
        assert case["valid"] != bool(case.get("errors")), f"{case['name']}: errors iff invalid"


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_case(case: Case) -> None:
    result: LoadResult = load_dataset(TINY_DIR, overrides={case["file"]: build_bytes(case)})
    errors = [p for p in result.problems if p.severity == "error"]
    warnings = [p for p in result.problems if p.severity == "warning"]
    assert_exact_problems(errors, case.get("errors", []), "error")
    assert_exact_problems(warnings, case.get("warnings", []), "warning")
    assert (result.model is not None) is case["valid"]
    for problem in result.problems:
        shown = str(problem)
        assert shown.startswith(problem.file)
        assert "\n" not in shown and "\r" not in shown, f"problem spans lines: {shown!r}"
    if "encoding_read" in case:
        assert result.encodings[case["file"].removesuffix(".csv")] == case["encoding_read"]
    for survivor in case.get("survives", []):
        assert result.model is not None
        value = cell(result.model, survivor["table"], survivor["id"], survivor["column"])
        assert value == _text_value(survivor["value"])


def test_no_payload_makes_reading_or_checking_raise_in_any_file() -> None:
    for case in CASES:
        raw = build_bytes(case)
        for spec in SPECS.values():
            table, problems = read_bytes(raw, spec.file_name)
            if table is not None:
                problems += check_table(table, spec)
            assert table is not None or problems, (case["name"], spec.file_name)
            assert all("\n" not in p.file for p in problems)
