"""Command line: ``python -m tracker validate [DATA_DIR]`` and ``brief``."""

from tracker.cli import main

raise SystemExit(main())
