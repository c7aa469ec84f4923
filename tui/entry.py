"""Entry point of the `sidebyside` command: the bare command goes straight to the reader."""
from __future__ import annotations

import sys


def main(args: list[str] | None = None) -> None:
    if not (sys.argv[1:] if args is None else args):
        _read_with_defaults()
    else:
        from tui.cli import main as cli

        cli(args)


def _read_with_defaults() -> None:
    """`sidebyside` alone: the reader on ./sidebyside.db, without loading the option parser."""
    from tui.launch import LaunchError, open_reader

    try:
        open_reader()
    except LaunchError as error:
        from tui.terminal_text import one_line

        print(f"Error: {one_line(str(error))}", file=sys.stderr)  # as click reports a ClickException
        raise SystemExit(1) from None
