"""Export annotations as CSV or JSONL (one record per annotation) and relations as CSV, streamed from the database."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TextIO

from ..records import ANNOTATION_ORDER, CORE_ANNOTATION_COLUMNS
from . import csv_format, jsonl_format, relations_csv

if TYPE_CHECKING:
    from ..store import Store



def _entity_fields() -> tuple[tuple[str, str], ...]:
    """The entity an actor span names (issue 12): its id and its name, NULL for a span naming none
    (`e` is the LEFT JOIN of entities in _FROM)."""
    return (("entity_id", "a.entity_id"), ("entity", "e.name"))


# Each field and its SQL in the export's join: the annotation's column, its document's title
# after its id, then the newer fields each in a function of its own.
_SOURCES = (*((f, "d.title" if f == "document_title" else f"a.{f}")
              for f in (*CORE_ANNOTATION_COLUMNS[:2], "document_title", *CORE_ANNOTATION_COLUMNS[2:], "updated_by")),
            *_entity_fields())
# Column order of every export.
FIELDS = tuple(field for field, _ in _SOURCES)
COLUMNS = tuple(column for _, column in _SOURCES)

Batch = list[tuple[Any, ...]]  # rows as the cursor gives them, a batch at a time
# Rows fetched from the cursor at a time: memory stays flat, Python touches each batch once.
BATCH_ROWS = 1000


# The stored attributes as a JSON value (not a string holding JSON); a hand-edited cell that is
# not JSON comes out as the string it is rather than breaking the line.
ATTRIBUTES_JSON = "json(CASE WHEN json_valid(a.attributes) THEN a.attributes ELSE json_quote(a.attributes) END)"


def attribute_columns(store: Store) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSV's attribute columns: attr_<name> per attribute the codebook defines (over all its
    tags, in codebook order, each name once)."""
    from ..attributes import CSV_PREFIX, csv_columns

    return tuple(CSV_PREFIX + name for name in csv_columns(store.tags())), tuple(csv_columns(store.tags()))


def csv_select(store: Store, raw: bool = False) -> tuple[tuple[str, ...], str]:
    """The CSV's header and SELECT list: the export's fields, then the stored attributes, which
    csv_writer's writer turns into one column per attribute (store/formats/csv_attributes.py)."""
    from .csv_attributes import AttributeCells

    headers, names = attribute_columns(store)
    cells = AttributeCells(store.conn, names, raw).select_sql()
    return (*FIELDS, *headers), ", ".join([csv_format.select_sql(COLUMNS, raw=raw), *cells])


def csv_writer(store: Store, raw: bool, fields: tuple[str, ...]) -> Callable[..., int]:
    """csv_format.write with the attr_<name> columns of `fields` (csv_select's) to fill."""
    from ..attributes import CSV_PREFIX
    from .csv_attributes import AttributeCells

    names = [field.removeprefix(CSV_PREFIX) for field in fields[len(FIELDS):]]
    return partial(csv_format.write, attributes=AttributeCells(store.conn, names, raw) if names else None)


def jsonl_select(store: Store, raw: bool = False) -> tuple[tuple[str, ...], str]:
    """Each JSONL record's keys and the SQL of its line: the export's fields, `attributes` (an object)
    and `relations` (the relations the annotation is the source of: a list of objects with id, type,
    target_id, target_text, annotator, created)."""
    fields = (*FIELDS, "attributes", "relations")
    return fields, jsonl_format.line_sql(fields, (*COLUMNS, ATTRIBUTES_JSON, relations_csv.JSONL_RELATIONS))


@dataclass(frozen=True)
class Format:
    """An export format: its name, usual file extension, writer, and the SQL of what it writes."""

    name: str
    extension: str
    write: Callable[..., int]  # (batches of selected rows, out, fields) -> count
    description: str
    select: Callable[..., tuple[tuple[str, ...], str]]  # (store, raw=False) -> (fields, SELECT list)
    # A format whose records are not annotations reads its own rows: (store, SELECT list) -> batches.
    # None: one record per annotation (iter_batches).
    rows: Callable[[Store, str], Iterator[list[tuple[Any, ...]]]] | None = None
    records: str = "annotations"  # what one record is: messages say it, the x key names its file by it
    # (store, raw, fields) -> the write function for this export, when it depends on them
    writer: Callable[[Store, bool, tuple[str, ...]], Callable[..., int]] | None = None


# Progress (issue 12): one record per document for each annotator who marked any, to do included.
PROGRESS_FIELDS = ("document_id", "title", "annotator", "status", "updated")


def progress_select(store: Store, raw: bool = False) -> tuple[tuple[str, ...], str]:
    """The progress CSV's header and the SQL of its cells (titles and names guarded unless raw)."""
    from ..progress import DOCUMENT_CELLS

    return PROGRESS_FIELDS, csv_format.select_sql(DOCUMENT_CELLS, raw=raw)


def progress_batches(store: Store, select: str) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of the progress rows: every (annotator, document) pair in import order."""
    from ..progress import documents_sql

    sql, params = documents_sql(columns=select)
    cursor = store.conn.execute(sql, params)
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield batch


FORMATS: dict[str, Format] = {
    "csv": Format("csv", ".csv", csv_format.write,
                  "RFC 4180 CSV with header, a column attr_<name> per attribute; formula-like cells "
                  "start with ' (unless raw)", csv_select, writer=csv_writer),
    "jsonl": Format("jsonl", ".jsonl", jsonl_format.write,
                    "one JSON object per line, UTF-8, lossless; attributes as an object, the relations "
                    "the annotation is the source of as a list", jsonl_select),
    "relations-csv": Format("relations-csv", ".csv", csv_format.write,
                            "one CSV row per relation (id, document_id, type, source_id, source_text, target_id, "
                            "target_text, annotator, created); formula-like cells start with ' (unless raw)",
                            relations_csv.select, relations_csv.batches, "relations"),
    "progress-csv": Format("progress-csv", ".csv", csv_format.write,
                           "CSV of each annotator's status of every document: document_id, title, annotator, "
                           "status (todo, in_progress, done), updated", progress_select, progress_batches, "progress"),
}

# Documents first, in import order (idx_documents_order), each one's annotations through
# idx_annotations_document_start: the rows come out sorted by position and start, and SQLite sorts
# only the ties on start (RIGHT PART OF ORDER BY). Left to choose, it scanned the annotations and
# sorted every row in a temporary B-tree, which cost about half of reading them. CROSS JOIN fixes
# the order of the loops; the rows and their order are the same.
_FROM = ("FROM documents d CROSS JOIN annotations a ON d.id = a.document_id "
         f"LEFT JOIN entities e ON e.id = a.entity_id {ANNOTATION_ORDER}")


def iter_records(store: Store) -> Iterator[dict[str, Any]]:
    """Annotations joined with their document title, streamed in the store's order."""
    cursor = store.conn.execute(f"SELECT {', '.join(COLUMNS)} {_FROM}")
    return (dict(zip(FIELDS, row)) for row in cursor)


def iter_batches(store: Store, select: str) -> Iterator[Batch]:
    """Batches of rows of the SELECT list `select` over every annotation, in the store's order.

    Per-cell work runs in the query (csv_format.neutralise_sql, jsonl_format.line_sql): done
    per cell in Python each cost about as much as reading the rows (benchmarks/README.md).
    """
    # One SELECT reads one consistent snapshot (WAL), however long the export takes.
    cursor = store.conn.execute(f"SELECT {select} {_FROM}")
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield batch


def export(store: Store, fmt: str, out: TextIO, *, raw: bool = False) -> int:
    """Write every record of format `fmt` (each annotation; each relation for relations-csv) to
    `out`; returns the number of records.

    raw (CSV formats only): no formula guard, every cell exactly as stored, for programs rather than
    spreadsheets. Open files with newline="" (and encoding="utf-8") so CSV's \\r\\n row ends stay
    intact.
    """
    try:
        chosen = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}") from None
    if raw and chosen.write is not csv_format.write:
        raise ValueError(f"raw applies to the CSV formats only; {fmt} is always written as stored")
    fields, select = chosen.select(store, raw=raw)
    batches = chosen.rows(store, select) if chosen.rows is not None else iter_batches(store, select)
    write = chosen.write if chosen.writer is None else chosen.writer(store, raw, fields)
    return write(batches, out, fields)


__all__ = ["BATCH_ROWS", "FIELDS", "FORMATS", "Format", "export", "iter_batches", "iter_records"]
