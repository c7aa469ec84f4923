"""The `sidebyside` command line: read (the default), import and export."""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

import click

DB_HELP = "SQLite database of the project (created if missing)."
DEFAULT_DB = "sidebyside.db"


class ReadByDefault(click.Group):
    """`sidebyside [CORPUS...]` reads; `sidebyside import|export|...` runs that command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["read", *args]
        return super().parse_args(ctx, args)


def open_or_exit(db: str):
    from store import open_store
    from store.errors import StoreError

    try:
        return open_store(db)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


def default_annotator() -> str:
    name = os.environ.get("SIDEBYSIDE_ANNOTATOR")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@click.group(cls=ReadByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sidebyside")
def main() -> None:
    """Read news articles side by side, tag spans from the keyboard, keep every annotation in SQLite.

    With no command, opens the reader (see `sidebyside read --help`).

    \b
    Examples:
      sidebyside                          # the bundled seed articles, in ./sidebyside.db
      sidebyside articles/ --db study.db  # import a folder and read it
      sidebyside export --format csv --output annotations.csv
    """


@main.command("read")
@click.argument("corpus", nargs=-1, type=click.Path())
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--annotator", default=None, help="Name stored on every annotation "
              "[default: $SIDEBYSIDE_ANNOTATOR, else your login name].")
@click.option("--keymap", type=click.Path(dir_okay=False), default=None,
              help="TOML file remapping keys by binding id (see `?` in the reader).")
def read_command(corpus: tuple[str, ...], db: str, annotator: str | None, keymap: str | None) -> None:
    """Open the reader on CORPUS (files, folders, .jsonl), importing it first.

    With no CORPUS, shows the database's documents; on an empty database, the bundled seed articles.

    \b
    Examples:
      sidebyside read
      sidebyside read a.txt b.md --annotator alice
      sidebyside read corpus.jsonl --db study.db
    """
    from store.importer import import_corpus, import_seeds
    from tui.keymap import load_keymap

    keys = load_keymap(keymap)
    store = open_or_exit(db)
    if corpus:
        report = import_corpus(store, corpus)
    elif not store.document_ids():
        report = import_seeds(store)
        report.document_ids = []
    else:
        from store.importer import ImportReport
        report = ImportReport()
    if not store.document_ids():
        raise click.ClickException("no readable documents: " + "; ".join(map(str, report.refused)))
    from tui.app import ReaderApp

    app = ReaderApp(store, annotator or default_annotator(), report.document_ids,
                    [str(refusal) for refusal in report.refused], keys)
    app.run()
    store.close()


@main.command("import")
@click.argument("corpus", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
def import_command(corpus: tuple[str, ...], db: str) -> None:
    """Read CORPUS (.txt and .md files, folders of them, .jsonl corpora) into the database.

    Prints one line per document or refused input. Exit status 0 when everything was read,
    1 when any input was refused (the others are kept).

    \b
    Examples:
      sidebyside import articles/
      sidebyside import a.txt b.md corpus.jsonl --db study.db
    """
    from store.importer import import_corpus

    store = open_or_exit(db)
    report = import_corpus(store, corpus)
    for line in report.lines:
        click.echo(line)
    store.close()
    sys.exit(0 if report.ok else 1)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), required=True,
              help="csv (RFC 4180, spreadsheet-safe) or jsonl (lossless).")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="File to write [default: standard output].")
def export_command(fmt: str, db: str, output: str | None) -> None:
    """Write one record per annotation, with the document title and exact offsets.

    \b
    Examples:
      sidebyside export --format csv --output annotations.csv
      sidebyside export --format jsonl --db study.db > annotations.jsonl
    """
    from store.formats import export

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    store = open_or_exit(db)
    if output is None:
        out = click.get_text_stream("stdout", encoding="utf-8")
        count = export(store, fmt, out)
        out.flush()
    else:
        target = Path(output)
        partial = target.with_name(target.name + ".part")
        with open(partial, "w", encoding="utf-8", newline="") as out:
            count = export(store, fmt, out)
        partial.replace(target)
        click.echo(f"wrote {count} annotations to {target}", err=True)
    store.close()
