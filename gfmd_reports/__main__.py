"""Allow ``python -m gfmd_reports``."""

import sys

from gfmd_reports.cli import main

sys.exit(main())
