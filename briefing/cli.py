"""``python -m briefing``: write the offline briefing pack of a data directory.

Exit codes as in ``python -m tracker``: 0 written, 1 invalid data, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from briefing.page import briefing_html
from tracker.cli import UsageParser
from tracker.dataset import default_data_dir, load_dataset
from tracker.filters import Filters, apply_filters
from tracker.i18n import LANGUAGES
from tracker.problems import errors


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m briefing``."""
    parser = UsageParser(
        prog="python -m briefing", description="Write the briefing pack: one self-contained HTML file."
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="where to write the briefing")
    parser.add_argument("--lang", choices=tuple(LANGUAGES), default="en", help="language of the briefing (default: en)")
    parser.add_argument("--data", type=Path, metavar="DIR", help="data directory (default: data/)")
    return parser


def _output_problem(out: Path) -> str | None:
    """Why ``out`` cannot be written, or ``None`` when it looks writable."""
    if out.is_dir():
        return f"{out} is a directory"
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        return f"{parent} is not a directory"
    if not os.access(parent, os.W_OK):
        return f"{parent} is not writable"
    if out.exists() and not os.access(out, os.W_OK):
        return f"{out} is not writable"
    return None


def _write_atomically(out: Path, text: str) -> None:
    """Write ``text`` to ``out`` via a temporary file, so a failure leaves no half-written file."""
    parent = out.parent if str(out.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def brief_command(out: Path, lang: str, data_dir: Path | None, today: date | None = None) -> int:
    """Write the briefing pack of a data directory to ``out``; return the exit code."""
    directory = data_dir or default_data_dir()
    if not directory.is_dir():
        print(f"usage error: {directory} is not a directory", file=sys.stderr)
        return 2
    problem = _output_problem(out)
    if problem:
        print(f"usage error: cannot write {out}: {problem}", file=sys.stderr)
        return 2
    result = load_dataset(directory)
    found = errors(result.problems)
    if result.model is None or found:
        for item in result.problems:
            print(item)
        print(f"{directory}: INVALID — {len(found)} error(s); no briefing written")
        return 1
    try:
        text = briefing_html(apply_filters(result.model, Filters()), lang, today or date.today())
    except Exception as exc:  # a bug must still not print a traceback at the presenter
        print(f"error: could not build the briefing: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    try:
        _write_atomically(out, text)
    except OSError as exc:
        print(f"usage error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    size = len(text.encode("utf-8"))
    print(f"{out}: briefing written ({lang}, {size / 1024:.0f} KB, data as of {result.model.data_date.isoformat()})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return brief_command(args.out, args.lang, args.data)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
