"""Export annotations as CSV or JSONL (one record per annotation) and relations as CSV, streamed from the database."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


def _attribute_cell(name: str, raw: bool) -> str:
    """SQL of one attr_<name> cell: the value, guarded unless raw; NULL (empty) when unset.

    Most annotations have no attributes ('{}'): they skip the JSON parsing, which per cell cost a
    fifth of the CSV export's time. The name holds word characters and hyphens only
    (store/attributes.py), so it goes into the JSON path as it is.
    """
    value = f"json_extract(a.attributes, '$.\"{name}\"')"
    cell = value if raw else csv_format.neutralise_sql(value)
    return f"(CASE WHEN a.attributes = '{{}}' OR NOT json_valid(a.attributes) THEN NULL ELSE {cell} END)"


def csv_select(store: Store, raw: bool = False) -> tuple[tuple[str, ...], str]:
    """The CSV's header and SELECT list: the export's fields, then one column per attribute."""
    headers, names = attribute_columns(store)
    cells = [_attribute_cell(name, raw) for name in names]
    return (*FIELDS, *headers), ", ".join([csv_format.select_sql(COLUMNS, raw=raw), *cells])


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
                  "start with ' (unless raw)", csv_select),
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

_FROM = ("FROM annotations a JOIN documents d ON d.id = a.document_id "
         f"LEFT JOIN entities e ON e.id = a.entity_id {ANNOTATION_ORDER}")


def iter_records(store: Store) -> Iterator[dict[str, Any]]:
    """Annotations joined with their document title, streamed in the store's order."""
    cursor = store.conn.execute(f"SELECT {', '.join(COLUMNS)} {_FROM}")
    return (dict(zip(FIELDS, row)) for row in cursor)


def iter_batches(store: Store, select: str) -> Iterator[list[tuple[Any, ...]]]:
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
    return chosen.write(batches, out, fields)


__all__ = ["BATCH_ROWS", "FIELDS", "FORMATS", "Format", "export", "iter_batches", "iter_records"]
