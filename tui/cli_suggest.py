"""`sidebyside suggest`: print the open suggestions, for researchers who pre-annotate in a pipeline."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from tui.launch import DEFAULT_DB
from tui.terminal_text import one_line

if TYPE_CHECKING:
    from store.suggestions import OpenSuggestion

TEXT_SHOWN = 70  # code points of a suggestion's text in the table (jsonl has all of it)
FIELDS = ("document_id", "tag", "start", "end", "text", "rule")


def _table_row(found: OpenSuggestion, id_width: int) -> str:
    # The text last: its width varies (wide characters, the cut), the columns before it line up.
    document, tag, rule = one_line(found.document_id, id_width), one_line(found.tag, 10), one_line(found.rule, 20)
    text = one_line(found.text, TEXT_SHOWN)
    return f"{document:<{id_width}}  {tag:<10} {found.start:>8} {found.end:>8}  {rule:<20} {text}\n"


def write_suggestions(found: Iterable[OpenSuggestion], fmt: str, out: TextIO, id_width: int = 24) -> int:
    """Write each open suggestion as it comes (a table row, or one JSON object a line); how many."""
    from store.formats.jsonl_format import dumps

    count = 0
    if fmt == "table":
        out.write(f"{'document_id':<{id_width}}  {'tag':<10} {'start':>8} {'end':>8}  {'rule':<20} text\n")
    for suggestion in found:
        if fmt == "jsonl":
            out.write(dumps(dict(zip(FIELDS, (suggestion.document_id, suggestion.tag, suggestion.start,
                                              suggestion.end, suggestion.text, suggestion.rule)))) + "\n")
        else:
            out.write(_table_row(suggestion, id_width))
        count += 1
    return count


@click.command("suggest")
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="SQLite database of the project (must exist: a missing one is an error, never created).")
@click.option("--tag", default=None, help="Only this tag's suggestions [default: every tag a rule proposes].")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table (for reading; long texts cut) or jsonl (one JSON object per suggestion, exact).")
@click.option("--document", "document", default=None, help="Only this document (its id).")
def suggest_command(db: str, tag: str | None, fmt: str, document: str | None) -> None:
    """Print the open suggestions: spans the rules propose that nobody has tagged or rejected.

    The rules (offline, no model) propose quotes, numbers and actors, each only when the codebook
    has that tag; an actor is also every text tagged as actor anywhere in the corpus. A span
    already tagged with the same tag at the same offsets is not suggested, nor one rejected in the
    reader (-). Nothing is written: accept them in the reader (+), or with the Python API
    (Store.accept_suggestion, one undo step each). Documents are read one at a time, in import
    order, and printed as they are done.

    \b
    JSONL fields: document_id, tag, start, end (code points, end exclusive), text (exactly
    the document's text[start:end]) and rule (which rule proposed it).

    \b
    Examples:
      sidebyside suggest --db study.db
      sidebyside suggest --tag quote --format jsonl > quotes.jsonl
      sidebyside suggest --document 003_c4bbd9869b3fec62
    """
    from store.errors import StoreError, UnknownDocumentError, UnknownTagError
    from tui.cli import open_or_exit, stdout_utf8

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    store = open_or_exit(db)
    try:
        try:
            found = store.iter_suggestions(tag=tag, doc_id=document)
        except UnknownTagError as error:
            raise click.ClickException(str(error)) from error
        except UnknownDocumentError as error:
            raise click.ClickException(f"no document with id {document!r} in {db}") from error
        if tag is not None and tag not in _rule_tags():
            click.echo(one_line(f"no rule proposes {tag} spans (the rules propose {', '.join(_rule_tags())})"),
                       err=True)
        out = stdout_utf8()
        try:
            count = write_suggestions(found, fmt, out)
            out.flush()
        except StoreError as error:
            raise click.ClickException(str(error)) from error
        except BrokenPipeError:  # `sidebyside suggest | head`: the reader has all it wanted
            _quiet_stdout()
            return
    finally:
        store.close()
    if fmt == "table":
        click.echo(f"{count:,} open suggestion{'' if count == 1 else 's'}", err=True)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit raises no second BrokenPipeError."""
    import os
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _rule_tags() -> tuple[str, ...]:
    from store.suggestions import RULE_TAGS

    return RULE_TAGS
