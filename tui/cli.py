"""The `sidebyside` command line: read (the default), import, export, codebook, status and passages."""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from store.formats import FORMATS  # the export registry: --format lists every format in it
from tui.launch import DEFAULT_DB, LaunchError, open_reader
from tui.terminal_text import for_terminal, one_line

CREATED_DB_HELP = "SQLite database of the project (created if missing)."
EXISTING_DB_HELP = "SQLite database of the project (must exist: a missing one is an error, never created)."
COMMAND_LIKE = re.compile(r"[a-z][a-z_-]*")  # a word with no dot or slash: no file name one means


class ReadByDefault(click.Group):
    """`sidebyside [CORPUS...]` reads; `sidebyside import|export|...` runs that command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            if args and mistyped_command(args[0], list(self.commands)):
                raise click.UsageError(no_such_command(args[0], list(self.commands)), ctx)
            args = ["read", *args]
        return super().parse_args(ctx, args)

    # Every error message goes to a terminal and may quote a file name: shown on one line with
    # its controls as symbols (an ESC]0;...BEL in a name would retitle the window). Click's own
    # usage errors quote arguments with repr() already.
    def invoke(self, ctx: click.Context):
        with errors_shown_safely():
            return super().invoke(ctx)


@contextmanager
def errors_shown_safely() -> Iterator[None]:
    try:
        yield
    except click.ClickException as error:
        error.message = one_line(error.message)
        raise


def mistyped_command(word: str, commands: list[str]) -> bool:
    """True when `word`, the first argument, names no existing path and reads as a command name."""
    return word not in commands and COMMAND_LIKE.fullmatch(word) is not None and not os.path.lexists(word)


def no_such_command(word: str, commands: list[str]) -> str:
    """The message for a mistyped command: the nearest command, or every command when none is near."""
    from difflib import get_close_matches

    nearest = get_close_matches(word, commands, n=1, cutoff=0.6)
    if nearest:
        return f"no such command or file: {word!r}; did you mean {nearest[0]!r}?"
    return f"no such command or file: {word!r}; the commands are {', '.join(commands)}"


def open_or_exit(db: str):
    from store import open_store
    from store.errors import StoreError

    try:
        return open_store(db)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


def stdout_utf8():
    """Standard output as UTF-8 text, whatever the locale (click.get_text_stream is deprecated).

    At a terminal, control characters are shown as symbols; a file or a pipe gets the exact text."""
    return for_terminal(click.open_file("-", "w", encoding="utf-8"))


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
@click.option("--db", default=DEFAULT_DB, show_default=True, help=CREATED_DB_HELP)
@click.option("--annotator", default=None, help="Name stored on every annotation "
              "[default: $SIDEBYSIDE_ANNOTATOR, else your login name].")
@click.option("--keymap", type=click.Path(dir_okay=False), default=None,
              help="TOML file remapping keys by binding id (see `?` in the reader).")
@click.option("--codebook", type=click.Path(dir_okay=False), default=None,
              help="TOML codebook to load into the database first (see `sidebyside codebook --help`).")
def read_command(corpus: tuple[str, ...], db: str, annotator: str | None, keymap: str | None,
                 codebook: str | None) -> None:
    """Open the reader on CORPUS (files, folders, .jsonl), importing it first.

    With no CORPUS, shows the database's documents; on an empty database, the bundled seed articles.

    \b
    Examples:
      sidebyside read
      sidebyside read a.txt b.md --annotator alice
      sidebyside read corpus.jsonl --db study.db
      sidebyside read --codebook codebook.toml
    """
    try:
        open_reader(corpus, db, annotator, keymap, codebook)
    except LaunchError as error:
        raise click.ClickException(str(error)) from error


@main.command("import")
@click.argument("corpus", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=DEFAULT_DB, show_default=True, help=CREATED_DB_HELP)
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
        click.echo(one_line(f"refused {refusal}"))  # a name may hold a newline or an escape sequence
    if report.stopped:
        click.echo(stopped_message(report), err=True)
        sys.exit(INTERRUPTED_STATUS)
    if report.failed:
        click.echo(one_line(f"import stopped: {report.failed}; the {report.imported:,} articles "
                            "imported before it are kept"), err=True)
    sys.exit(0 if report.ok else 1)


def _export_formats() -> dict[str, str]:
    """Every --format of export and what it writes: the store's registry, then coverage."""
    return {**{name: f.description for name, f in FORMATS.items()},
            "coverage": "CSV matrix: one row per item, one column per document"}


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(list(_export_formats())), required=True,
              help="; ".join(f"{name}: {description}" for name, description in _export_formats().items()) + ".")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=EXISTING_DB_HELP)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="File to write [default: standard output].")
@click.option("--tag", default=None, help="With --format coverage: only this tag's items [default: every tag].")
@click.option("--raw", is_flag=True, help="With --format csv: every cell exactly as stored, without the ' "
              "that keeps spreadsheets from running =, +, -, @ as formulas (for pandas, R, scripts).")
@click.option("--force", is_flag=True, help="Replace an existing --output file that is not an earlier "
              "export (never the database itself or another SQLite file).")
def export_command(fmt: str, db: str, output: str | None, tag: str | None, raw: bool, force: bool) -> None:
    """Write one record per annotation, with the document title and exact offsets (jsonl: with
    the relations each annotation is the source of); relations-csv writes one row per relation.

    `--format coverage` writes "who carries what" instead: one row per distinct item (actors and
    other tags by normalised name, quotes and claims by shared passage, numbers by value), with
    header `tag,item,<document id>...,documents`; each cell counts that item's annotations in
    that document (0 when absent), `documents` how many documents carry it.

    \b
    Examples:
      sidebyside export --format csv --output annotations.csv
      sidebyside export --format csv --raw --output for-pandas.csv
      sidebyside export --format jsonl --db study.db > annotations.jsonl
      sidebyside export --format relations-csv --output relations.csv
      sidebyside export --format coverage --output coverage.csv
      sidebyside export --format coverage --tag actor --db study.db
      sidebyside export --format progress-csv --output progress.csv

    `--format progress-csv` writes one row per document for each annotator who marked any
    (`D` in the reader): document_id, title, annotator, status (todo, in_progress, done) and
    updated (empty for a document never marked).
    """
    from store.formats import export

    if tag is not None and fmt != "coverage":
        raise click.UsageError("--tag applies only to --format coverage")
    from store.formats import csv_format

    if raw and (fmt not in FORMATS or FORMATS[fmt].write is not csv_format.write):
        raise click.UsageError("--raw applies only to the CSV formats, csv and relations-csv (jsonl is always exact)")
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    if Path(db).is_file() and Path(db).stat().st_size == 0:
        raise click.ClickException(f"{db} is empty (0 bytes): no sidebyside database, nothing to export")
    if output is not None:
        from store.formats.output import ExportTargetError, check_export_target

        try:
            check_export_target(output, db, force=force)
        except ExportTargetError as error:
            raise click.ClickException(str(error)) from error
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
    elif fmt == "progress-csv":
        def write(out) -> int:
            return export(store, fmt, out)

        what = "document statuses"
    else:
        def write(out) -> int:
            return export(store, fmt, out, raw=raw)

        what = FORMATS[fmt].records
    if output is None:
        out = stdout_utf8()
        count = write(out)
        out.flush()
    else:
        from store.formats.output import write_output

        try:
            count = write_output(output, write)
        except OSError as error:
            store.close()
            raise click.ClickException(_write_failure(output, error)) from error
        click.echo(one_line(f"wrote {count} {what} to {output}"), err=True)
    store.close()


def _write_failure(output: str, error: OSError) -> str:
    import errno

    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"disk full while writing {output}: nothing was written there (a file it replaces is unchanged)"
    return f"cannot write {output}: {error.strerror or error} (a file it replaces is unchanged)"


@main.group("codebook")
def codebook_group() -> None:
    """Load the project's codebook into the database, or write it out.

    A codebook is a TOML file of [[tag]] tables (name, key, color, description, groups_by,
    renamed_from), each followed by its [[tag.attribute]] tables (name, choices: a list, none for
    free text; description), and [[relation]] tables (name, source, target: lists of tag names).
    Its tags join the database's (updating those of the same name) unless it says
    `replace_defaults = true`; a tag that annotations use is never removed (it is kept and
    reported). `renamed_from = "old"` renames the tag "old" and its annotations.

    \b
    Examples:
      sidebyside codebook import codebook.toml --db study.db
      sidebyside codebook export --format csv --db study.db > codebook.csv
    """


@codebook_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True, help=CREATED_DB_HELP)
@click.option("--annotator", default=None, help="Whose change it is: u in that annotator's reader undoes it "
              "(default $SIDEBYSIDE_ANNOTATOR, else your login name)")
def codebook_import(file: str, db: str, annotator: str | None) -> None:
    """Load the codebook FILE into the database, where the reader uses it from then on.

    A file that cannot be used is refused, naming its line, and nothing changes. The whole change
    (renames included) is one step that u in the annotator's reader undoes.
    """
    from store.errors import StoreError
    from tui.codebook_loading import read_checked
    from tui.launch import default_annotator

    try:
        book = read_checked(file, None)
    except (StoreError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    store = open_or_exit(db)
    store.owner = f"reader:{annotator or default_annotator()}"
    try:
        report = store.apply_codebook(book)
        count = len(store.tags())
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()
    for line in report.lines():
        click.echo(one_line(line))
    click.echo(one_line(f"codebook {file} loaded into {db}: {count} tag{'' if count == 1 else 's'}"))


@codebook_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["toml", "csv"]), default="toml", show_default=True,
              help="toml (read back by `codebook import`) or csv (name, description, key, color, groups_by, "
                   "attributes).")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=EXISTING_DB_HELP)
def codebook_export(fmt: str, db: str) -> None:
    """Write the database's codebook to standard output."""
    from store.codebook_file import write_csv, write_toml

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    store = open_or_exit(db)
    try:
        tags, relations = store.tags(), store.relation_types()
    finally:
        store.close()
    out = stdout_utf8()
    if fmt == "csv":
        write_csv(tags, out)
    else:
        write_toml(tags, relations, out)
    out.flush()


@main.command("status")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=EXISTING_DB_HELP)
@click.option("--annotator", default=None, help="Only this annotator (listed even with nothing marked).")
@click.option("--documents", "per_document", is_flag=True, help="Also list every document's status.")
def status_command(db: str, annotator: str | None, per_document: bool) -> None:
    """Print each annotator's progress: documents to do, in progress and done (D in the reader).

    A document an annotator never marked counts as to do.

    \b
    Examples:
      sidebyside status --db study.db
      sidebyside status --annotator alice --documents
    """
    from store.progress import LABELS

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    store = open_or_exit(db)
    try:
        counts = store.progress_counts(annotator)
        out = stdout_utf8()
        if not counts:
            total = len(store.document_ids())
            out.write(f"no progress marked yet: {total:,} document{'' if total == 1 else 's'}, all to do "
                      "(D in the reader marks the document shown)\n")
            out.flush()
            return
        from rich.cells import cell_len  # a wide name (CJK, emoji) takes two columns a character

        names = [one_line(c.annotator) for c in counts]
        width = max(len("annotator"), *map(cell_len, names))
        out.write(f"{'annotator':<{width}}  {'to do':>7}  {'in progress':>11}  {'done':>7}  {'documents':>9}\n")
        for name, c in zip(names, counts):
            out.write(f"{name}{' ' * (width - cell_len(name))}  {c.todo:>7,}  {c.in_progress:>11,}  {c.done:>7,}  "
                      f"{c.documents:>9,}\n")
        if per_document:
            shown = None
            for row in store.iter_progress(annotator):
                if row.annotator != shown:
                    shown = row.annotator
                    out.write(f"\n{one_line(row.annotator)}:\n")
                title = f"  {one_line(row.title)}" if row.title else ""
                out.write(f"  {LABELS[row.status]:<11}  {one_line(row.document_id)}{title}\n")
        out.flush()
    finally:
        store.close()


@main.command("passages")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=EXISTING_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table (for reading) or jsonl (one JSON object per cluster, UTF-8).")
@click.option("--no-boilerplate", "no_boilerplate", is_flag=True,
              help="Leave out boilerplate: passages that recur across many articles of one source.")
def passages_command(db: str, fmt: str, no_boilerplate: bool) -> None:
    """List passages that two or more documents share, verbatim ("shared") or nearly ("similar").

    Each cluster has an id, a kind, a score (0-100, its weakest match), a reach (how many
    documents carry it, of all documents) and its members: document id, start and end (code
    points, end exclusive) and the exact text. The result is cached in the database and
    recomputed when documents are added.

    A passage is boilerplate when at least 10 of the documents carrying it come from one
    source and they are at least 80% of them (an outlet's footer, not reporting); documents
    without a source never count towards one. It is listed and flagged, unless --no-boilerplate.

    \b
    JSONL fields: id, kind, score, reach, documents (total), boilerplate (true/false),
    and members, a list of {document_id, start, end, text}; text == document text[start:end].

    \b
    Examples:
      sidebyside passages
      sidebyside passages --db study.db --format jsonl > passages.jsonl
    """
    from store.errors import StoreError
    from store.formats.jsonl_format import dumps
    from store.passages import shared_passages

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    store = open_or_exit(db)
    try:
        clusters = shared_passages(store)
    except StoreError as error:  # the cache could not be written: disk full, read-only, busy
        store.close()
        raise click.ClickException(f"passages not computed: {error}") from error
    if no_boilerplate:
        clusters = [c for c in clusters if not c.boilerplate]
    total = len(store.document_ids())
    store.close()
    out = stdout_utf8()
    if fmt == "jsonl":
        for cluster in clusters:
            members = [{"document_id": m.document_id, "start": m.start, "end": m.end, "text": m.text}
                       for m in cluster.members]
            out.write(dumps({"id": cluster.id, "kind": cluster.kind, "score": cluster.score,
                             "reach": cluster.reach, "documents": total, "boilerplate": cluster.boilerplate,
                             "members": members}) + "\n")
        out.flush()
        return
    if not clusters:
        out.write(f"no shared passages among {total} documents\n")
    for index, cluster in enumerate(clusters):
        if index:
            out.write("\n")
        flag = "  boilerplate" if cluster.boilerplate else ""
        out.write(f"{cluster.id}  {cluster.kind}  score {cluster.score:.1f}  reach {cluster.reach}/{total}{flag}\n")
        for m in cluster.members:
            out.write(f"  {one_line(m.document_id)}  {m.start}-{m.end}  {one_line(m.text)}\n")
    out.flush()


from tui.cli_suggest import suggest_command  # noqa: E402  (its own module: cli.py stays one command each)

main.add_command(suggest_command)
