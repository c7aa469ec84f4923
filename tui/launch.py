"""Opening the reader: the database, the corpus to import, the annotator, the keymap; no click needed.

`sidebyside` with no arguments, the everyday start, comes straight here from tui.entry: parsing no
options needs no option parser, and importing click costs start-up about 10 ms. Every other
command line goes through tui.cli, whose `read` command calls open_reader too.
"""
from __future__ import annotations

import gc
import os

DEFAULT_DB = "sidebyside.db"


class LaunchError(Exception):
    """The reader cannot open: a database it must not touch, nothing readable, a bad keymap."""


def default_annotator() -> str:
    """$SIDEBYSIDE_ANNOTATOR, else the login name, else "unknown"."""
    name = os.environ.get("SIDEBYSIDE_ANNOTATOR")
    if name:
        return name
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


NO_TERMINAL = ("the reader needs a terminal, and {streams} not one (a script or a pipeline?); "
               "to write annotations to a file or a pipe, use `sidebyside export` "
               "(see `sidebyside export --help`)")


def require_terminal() -> None:
    """LaunchError unless standard input, output and error are all a terminal.

    Without one the reader wrote its escape codes into the output and then spun at full CPU, and
    Textual draws on standard error, so a redirected one gave a blank screen that looked like a hang.
    """
    names = ("standard input", "standard output", "standard error")
    missing = [name for fd, name in enumerate(names) if not _is_terminal(fd)]
    if missing:
        streams = missing[0] + " is" if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1] + " are"
        raise LaunchError(NO_TERMINAL.format(streams=streams))


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:  # a closed descriptor
        return False


def open_reader(corpus: tuple[str, ...] = (), db: str = DEFAULT_DB, annotator: str | None = None,
                keymap: str | None = None, codebook: str | None = None) -> None:
    """Import CORPUS into DB (the seeds if DB is empty and no CORPUS is given) and run the reader.

    An unexpected error inside the reader ends the process with SystemExit(tui.crash.CRASH_STATUS)
    once the terminal is restored, its traceback in a log file named on stderr."""
    require_terminal()  # before the database is opened or created, and before Textual is imported
    # Start-up creates some 60,000 long-lived objects (Textual, the store, the panes). With the
    # collector running, its passes walked them over and over: about 80 ms of a 550 ms start.
    # The reader calls resume_collector() after its first frame.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _open_reader(corpus, db, annotator, keymap, codebook)
    finally:
        if collecting:
            gc.enable()


# A document of this many characters or annotations, opened after start-up, is kept out of the
# collector's passes as start-up's objects are: a 5 MB article's cost each full pass 75-240 ms.
LARGE_DOCUMENT_CHARS = 500_000
LARGE_DOCUMENT_SPANS = 5_000


def resume_collector() -> bool:
    """Turn the collector back on if start-up paused it, keeping what lives now out of its passes.

    True if it did: from then on the reader manages the collector (see settle_large_document).
    """
    if gc.isenabled():
        return False
    gc.freeze()
    gc.enable()
    return True


def settle(collect: bool = True) -> None:
    """Keep what lives now out of the collector's passes, in a reader that manages the collector;
    `collect` first frees what is garbage (frozen, garbage with cycles would never be freed)."""
    if collect:
        gc.collect()
    gc.freeze()


def settle_large_document(chars: int, spans: int) -> None:
    """After a large document opened in a reader that manages the collector: settle()."""
    if chars >= LARGE_DOCUMENT_CHARS or spans >= LARGE_DOCUMENT_SPANS:
        settle()


def _open_reader(corpus: tuple[str, ...], db: str, annotator: str | None, keymap: str | None,
                 codebook: str | None = None) -> None:
    from store import open_store
    from store.errors import StoreError
    from tui.keymap import KeymapError, load_keymap

    warnings: list[str] = []
    try:
        keys = load_keymap(keymap, warnings)
        book = None
        if codebook:  # read and checked before the database opens: a bad file changes nothing
            from tui.codebook_loading import read_checked

            book = read_checked(codebook, keys)
        store = open_store(db, check=False)  # the reader checks the file after its first frame
    except (KeymapError, StoreError) as error:
        raise LaunchError(str(error)) from error
    if book is not None:
        # The reader's own action: its u undoes the codebook change like any other.
        store.owner = f"reader:{annotator or default_annotator()}"
        try:
            report = store.apply_codebook(book)
        except StoreError as error:
            store.close()
            raise LaunchError(str(error)) from error
        warnings.extend(f"codebook: {line}" for line in report.lines())
    requested: list[str] = []
    refused: list[str] = []
    if corpus or not store.has_documents():
        # The importer (and the corpus readers) load only when there is something to import.
        if corpus:
            report = _import_before_reading(store, corpus)
        else:
            from store.importer import import_seeds

            report = import_seeds(store)
        requested = report.document_ids if corpus else []
        refused = [str(refusal) for refusal in report.refused]
        if not store.has_documents():
            store.close()
            raise LaunchError("no readable documents: " + "; ".join(refused))
    from tui.app import ReaderApp
    from tui.paste_guard import install_paste_guard

    install_paste_guard()  # a paste holding ESC must reach the reader as text, not as commands
    app = ReaderApp(store, annotator or default_annotator(), requested, refused, keys, warnings)
    crash: str | None = None
    try:
        app.run()
        crash = app.crash_report
    except Exception:  # raised by Textual itself rather than in a handler: handled alike
        import traceback

        crash = traceback.format_exc()
    finally:
        store.close()  # every annotation was committed when it was drawn; this ends the WAL cleanly
    if crash is not None:
        from tui.crash import report_crash

        raise SystemExit(report_crash(crash, db))


def _import_before_reading(store, corpus: tuple[str, ...]):
    """Import CORPUS streaming, with a progress bar on a terminal that the reader then replaces;
    Ctrl+C stops it (keeping what was committed) and exits without opening the reader."""
    import sys

    from tui.importing import INTERRUPTED_STATUS, run_import, stopped_message

    report = run_import(store, corpus, sys.stderr, transient=True)
    if report.stopped:
        store.close()
        print(stopped_message(report), file=sys.stderr)
        raise SystemExit(INTERRUPTED_STATUS)
    return report
