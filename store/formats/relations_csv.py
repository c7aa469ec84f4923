"""The relations-csv export: one row per relation, with both spans' ids and texts."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import csv_format

if TYPE_CHECKING:
    from ..store import Store

BATCH_ROWS = 1000

FIELDS = ("id", "document_id", "type", "source_id", "source_text", "target_id", "target_text",
          "annotator", "created")
_COLUMNS = ("r.id", "r.document_id", "r.type", "r.source_id", "s.text", "r.target_id", "t.text",
            "r.annotator", "r.created")
# Relations in document import order, then by where their source starts, as the reader lists them.
FROM = ("FROM relations r JOIN documents d ON d.id = r.document_id "
        "JOIN annotations s ON s.id = r.source_id JOIN annotations t ON t.id = r.target_id "
        "ORDER BY d.position, s.start, s.end DESC, t.start, r.created, r.id")


def select(store: Store, raw: bool = False) -> tuple[tuple[str, ...], str]:
    """The header and SELECT list: cells guarded against formulas unless raw, as in the csv format."""
    return FIELDS, csv_format.select_sql(_COLUMNS, raw=raw)


def batches(store: Store, select: str) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of the SELECT list `select` over every relation, in FROM's order (one snapshot)."""
    cursor = store.conn.execute(f"SELECT {select} {FROM}")
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield batch


# Each JSONL record's `relations`: the relations its annotation is the source of, as a JSON array
# of objects (empty for most spans; idx_relations_source finds them). A subquery's value loses its
# JSON subtype, so json() gives it back: json_quote then writes it as JSON, not as a string.
JSONL_RELATIONS = (
    "json((SELECT json_group_array(json(o)) FROM (SELECT json_object('id', r.id, 'type', r.type, "
    "'target_id', r.target_id, 'target_text', t.text, 'annotator', r.annotator, 'created', r.created) AS o "
    "FROM relations r JOIN annotations t ON t.id = r.target_id WHERE r.source_id = a.id "
    "ORDER BY t.start, r.created, r.id)))")
