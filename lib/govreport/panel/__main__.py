"""``python -m govreport.panel PATH... -o OUT``: the same as ``govreport panel``."""

import sys

from .command import main

sys.exit(main())
