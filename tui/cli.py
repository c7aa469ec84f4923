"""The `sidebyside` command line: read (the default), import, export and passages."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tui.launch import DEFAULT_DB, LaunchError, open_reader

DB_HELP = "SQLite database of the project (created if missing)."


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


def stdout_utf8():
    """Standard output as UTF-8 text, whatever the locale (click.get_text_stream is deprecated)."""
    return click.open_file("-", "w", encoding="utf-8")


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
      sidebyside passages                 # passages that several articles share
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
    try:
        open_reader(corpus, db, annotator, keymap)
    except LaunchError as error:
        raise click.ClickException(str(error)) from error


@main.command("import")
@click.argument("corpus", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--verbose", "-v", is_flag=True, help="Print a line per document, not only the summary.")
def import_command(corpus: tuple[str, ...], db: str, verbose: bool) -> None:
    """Read CORPUS (.txt and .md files, folders of them, .jsonl corpora) into the database.

    Reads as it goes and commits every 500 documents, showing progress on stderr. Prints a
    summary (imported, unchanged, refused) and every refused input with the reason; --verbose
    prints a line per document as well. Ctrl+C stops cleanly, keeping what was committed.
    Exit status 0 when everything was read, 1 when any input was refused (the others are kept),
    130 when stopped by Ctrl+C.

    \b
    Examples:
      sidebyside import articles/
      sidebyside import a.txt b.md corpus.jsonl --db study.db
    """
    from tui.importing import INTERRUPTED_STATUS, run_import, stopped_message

    store = open_or_exit(db)
    try:
        report = run_import(store, corpus, sys.stderr, out=sys.stdout, verbose=verbose)
    finally:
        store.close()
    click.echo(report.summary())
    for refusal in report.refused:
        click.echo(f"refused {refusal}")
    if report.stopped:
        click.echo(stopped_message(report), err=True)
        sys.exit(INTERRUPTED_STATUS)
    sys.exit(0 if report.ok else 1)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "coverage"]), required=True,
              help="csv (RFC 4180, spreadsheet-safe), jsonl (lossless), or coverage "
                   "(CSV matrix: one row per item, one column per document).")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="File to write [default: standard output].")
@click.option("--tag", default=None, help="With --format coverage: only this tag's items [default: every tag].")
def export_command(fmt: str, db: str, output: str | None, tag: str | None) -> None:
    """Write one record per annotation, with the document title and exact offsets.

    `--format coverage` writes "who carries what" instead: one row per distinct item (actors and
    other tags by normalised name, quotes and claims by shared passage, numbers by value), with
    header `tag,item,<document id>...,documents`; each cell counts that item's annotations in
    that document (0 when absent), `documents` how many documents carry it.

    \b
    Examples:
      sidebyside export --format csv --output annotations.csv
      sidebyside export --format jsonl --db study.db > annotations.jsonl
      sidebyside export --format coverage --output coverage.csv
      sidebyside export --format coverage --tag actor --db study.db
    """
    from store.formats import export

    if tag is not None and fmt != "coverage":
        raise click.UsageError("--tag applies only to --format coverage")
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    store = open_or_exit(db)
    if fmt == "coverage":
        if tag is not None and tag not in {t.name for t in store.tags()}:
            known = ", ".join(t.name for t in store.tags())
            store.close()
            raise click.ClickException(f"unknown tag {tag!r}; known tags: {known}")

        def write(out) -> int:
            from store.coverage import build_coverage, write_coverage_csv
            from store.passages import document_titles, shared_passages

            coverage = build_coverage(store, shared_passages(store), tag)
            return write_coverage_csv(coverage, out, document_titles(store))

        what = "items"
    else:
        def write(out) -> int:
            return export(store, fmt, out)

        what = "annotations"
    if output is None:
        out = stdout_utf8()
        count = write(out)
        out.flush()
    else:
        target = Path(output)
        partial = target.with_name(target.name + ".part")
        with open(partial, "w", encoding="utf-8", newline="") as out:
            count = write(out)
        partial.replace(target)
        click.echo(f"wrote {count} {what} to {target}", err=True)
    store.close()


def one_line(text: str) -> str:
    """Text for a terminal line: newlines, tabs and other control characters as visible symbols."""
    from tui.textlayout import glyph

    return "".join("⏎" if char == "\n" else "→" if char == "\t" else glyph(char) for char in text)


@main.command("passages")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table (for reading) or jsonl (one JSON object per cluster, UTF-8).")
def passages_command(db: str, fmt: str) -> None:
    """List passages that two or more documents share, verbatim ("shared") or nearly ("similar").

    Each cluster has an id, a kind, a score (0-100, its weakest match), a reach (how many
    documents carry it, of all documents) and its members: document id, start and end (code
    points, end exclusive) and the exact text. The result is cached in the database and
    recomputed when documents are added.

    \b
    JSONL fields: id, kind, score, reach, documents (total), and members,
    a list of {document_id, start, end, text}; text == document text[start:end].

    \b
    Examples:
      sidebyside passages
      sidebyside passages --db study.db --format jsonl > passages.jsonl
    """
    from store.formats.jsonl_format import dumps
    from store.passages import shared_passages

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    store = open_or_exit(db)
    clusters = shared_passages(store)
    total = len(store.document_ids())
    store.close()
    out = stdout_utf8()
    if fmt == "jsonl":
        for cluster in clusters:
            members = [{"document_id": m.document_id, "start": m.start, "end": m.end, "text": m.text}
                       for m in cluster.members]
            out.write(dumps({"id": cluster.id, "kind": cluster.kind, "score": cluster.score,
                             "reach": cluster.reach, "documents": total, "members": members}) + "\n")
        out.flush()
        return
    if not clusters:
        out.write(f"no shared passages among {total} documents\n")
    for index, cluster in enumerate(clusters):
        if index:
            out.write("\n")
        out.write(f"{cluster.id}  {cluster.kind}  score {cluster.score:.1f}  reach {cluster.reach}/{total}\n")
        for m in cluster.members:
            out.write(f"  {one_line(m.document_id)}  {m.start}-{m.end}  {one_line(m.text)}\n")
    out.flush()
