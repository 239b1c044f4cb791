"""The README's table of commands, generated from the ``govreport`` command's parser.

``python docs/readme.py`` rewrites the block between ``<!-- commands`` and
``<!-- /commands -->`` in README.md (``make docs`` runs it); ``tests/test_docs.py`` fails when
the README's block differs from what the parser gives. So the README shows each command's
usage and one-line help, never a pasted copy of ``--help``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from govreport import cli

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- commands:"
END = "<!-- /commands -->"


def _wide(prog: str) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(prog, width=10_000)  # one line, whatever the terminal


def commands_table() -> str:
    """``| command | what it does |``, one row per subcommand, in the parser's order."""
    parser = cli.parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub._choices_actions}
    rows = ["| command | what it does |", "|---|---|"]
    for name, command in sub.choices.items():
        command.formatter_class = _wide
        usage = re.sub(r"^usage: ", "", command.format_usage().strip()).replace(" [-h]", "")
        what = helps[name].replace("<", "&lt;").replace(">", "&gt;")
        rows.append(f"| `{usage}` | {what}. |")
    return "\n".join(rows)


def update(readme: str) -> str:
    """``readme`` with the commands block replaced by a fresh table."""
    start = readme.index("\n", readme.index(START)) + 1
    end = readme.index(END)
    return readme[:start] + commands_table() + "\n" + readme[end:]


if __name__ == "__main__":
    README.write_text(update(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated the commands table in {README.name}")
