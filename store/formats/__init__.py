"""Export annotations as CSV or JSONL, one record per annotation, streamed from the database."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ..records import ANNOTATION_COLUMNS, ANNOTATION_ORDER
from . import csv_format, jsonl_format

if TYPE_CHECKING:
    from ..store import Store

# Column order of every export: the annotation's columns, with its document's title after its id.
FIELDS = (*ANNOTATION_COLUMNS[:2], "document_title", *ANNOTATION_COLUMNS[2:])


@dataclass(frozen=True)
class Format:
    """An export format: its name, usual file extension and writer."""

    name: str
    extension: str
    write: Callable[..., int]  # (records, out, fields) -> count; csv's also takes raw=True
    description: str


FORMATS: dict[str, Format] = {
    "csv": Format("csv", ".csv", csv_format.write,
                  "RFC 4180 CSV with header; formula-like cells start with ' (unless raw)"),
    "jsonl": Format("jsonl", ".jsonl", jsonl_format.write,
                    "one JSON object per line, UTF-8, lossless"),
}


def iter_records(store: Store) -> Iterator[dict[str, Any]]:
    """Annotations joined with their document title, streamed in the store's order."""
    columns = ", ".join("d.title" if f == "document_title" else f"a.{f}" for f in FIELDS)
    cursor = store.conn.execute(
        f"SELECT {columns} FROM annotations a JOIN documents d ON d.id = a.document_id {ANNOTATION_ORDER}"
    )
    # One SELECT reads one consistent snapshot (WAL), however long the export takes.
    return (dict(zip(FIELDS, row)) for row in cursor)


def export(store: Store, fmt: str, out: TextIO, *, raw: bool = False) -> int:
    """Write every annotation to `out` in format `fmt`; returns the number of records.

    raw (CSV only): no formula guard, every cell exactly as stored, for programs rather than
    spreadsheets. Open files with newline="" (and encoding="utf-8") so CSV's \\r\\n row ends stay
    intact.
    """
    try:
        chosen = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}") from None
    if not raw:
        return chosen.write(iter_records(store), out, FIELDS)
    if fmt != "csv":
        raise ValueError(f"raw applies to csv only; {fmt} is always written as stored")
    return chosen.write(iter_records(store), out, FIELDS, raw=True)


__all__ = ["FIELDS", "FORMATS", "Format", "export", "iter_records"]
