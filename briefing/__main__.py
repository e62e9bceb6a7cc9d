"""``python -m briefing --out FILE.html [--lang en|zh|de] [--data DIR]``."""

import sys

from briefing.cli import main

sys.exit(main())
