"""The ``python -m tracker`` command line. Exit codes: 0 success, 1 invalid data, 2 usage.

``validate [DATA_DIR]`` lists every problem of a data directory. (The briefing pack,
which needs the drawing code above the core, has its own command: ``python -m briefing``.)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker.dataset import default_data_dir, load_dataset
from tracker.problems import errors


class UsageParser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with code 2 and a one-line message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: usage error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its sub-commands."""
    parser = UsageParser(prog="python -m tracker", description="C40 China Programme Tracker tools.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=UsageParser)
    validate = commands.add_parser("validate", help="check a data directory and list every problem")
    validate.add_argument("data_dir", nargs="?", type=Path, help="data directory (default: data/)")
    return parser


def validate_command(data_dir: Path | None) -> int:
    """Print every problem of a data directory; return the exit code."""
    directory = data_dir or default_data_dir()
    if not directory.is_dir():
        print(f"usage error: {directory} is not a directory", file=sys.stderr)
        return 2
    result = load_dataset(directory)
    for problem in result.problems:
        print(problem)
    for name, encoding in sorted(result.encodings.items()):
        if encoding != "utf-8":
            print(f"{name}.csv: read as {encoding}")
    found = errors(result.problems)
    warnings = len(result.problems) - len(found)
    if found:
        print(f"{directory}: INVALID — {len(found)} error(s), {warnings} warning(s)")
        return 1
    model = result.model
    assert model is not None
    counts = f"{len(model.cities)} cities, {len(model.programmes)} programmes, {len(model.milestones)} milestones"
    print(f"{directory}: valid — {counts}, {warnings} warning(s)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return validate_command(args.data_dir)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 2
