"""Command line: ``python -m tracker validate [DATA_DIR]``."""

from tracker.cli import main

raise SystemExit(main())
