"""``python -m govreport``: the ``govreport`` command (see ``govreport.cli``)."""

import sys

from .cli import main

sys.exit(main())
