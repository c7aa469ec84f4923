"""Entry point of the `sidebyside` command: the garbage collector waits until the first frame."""
from __future__ import annotations

import gc
import sys


def main(args: list[str] | None = None) -> None:
    # Start-up creates some 60,000 long-lived objects (Textual, the store, the panes). With the
    # collector running, its passes walked them over and over: about 80 ms of a 550 ms start.
    # ReaderApp.resume_collector() turns it back on, with those objects frozen, after the first
    # frame; commands other than `read` turn it back on before they start.
    gc.disable()
    try:
        if not (sys.argv[1:] if args is None else args):
            _read_with_defaults()
        else:
            from tui.cli import main as cli

            cli(args)
    finally:
        gc.enable()


def _read_with_defaults() -> None:
    """`sidebyside` alone: the reader on ./sidebyside.db, without loading the option parser."""
    from tui.launch import LaunchError, open_reader

    try:
        open_reader()
    except LaunchError as error:
        print(f"Error: {error}", file=sys.stderr)  # as click reports a ClickException
        raise SystemExit(1) from None


def resume_collector() -> None:
    """Turn the collector back on if start-up paused it; what lives now is kept out of its passes."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
