"""JSONL export: one JSON object per line, UTF-8, lossless."""
from __future__ import annotations

import json
from collections.abc import Iterable
from operator import itemgetter
from typing import Any, TextIO

# Valid inside JSON strings, but str.splitlines() and some line readers break on them;
# escaping keeps exactly one record per physical line and loses nothing.
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


def dumps(record: dict[str, Any]) -> str:
    """One record as a single line of JSON, non-ASCII kept readable."""
    return _escape_line_breakers(json.dumps(record, ensure_ascii=False))


def _escape_line_breakers(text: str) -> str:
    for char, escape in _LINE_BREAKERS.items():
        if char in text:
            text = text.replace(char, escape)
    return text


def line_sql(fields: Iterable[str], columns: Iterable[str]) -> str:
    """SQL for the line `dumps` writes for a record of these fields (keys) and column expressions.

    SQLite's json_quote escapes strings exactly as json.dumps(..., ensure_ascii=False) does
    (tests/test_export_streaming.py checks every code point); the separators are json.dumps's
    defaults, ", " and ": ", so the output is byte for byte what dumps() gives.
    """
    parts = []
    for index, (field, column) in enumerate(zip(fields, columns)):
        key = json.dumps(field).replace("'", "''")
        parts.append(f"'{'{' if index == 0 else ', '}{key}: ' || json_quote({column})")
    return " || ".join(parts) + " || '}'"


def write(batches: Iterable[list[tuple[str]]], out: TextIO, fields: tuple[str, ...]) -> int:
    """Write one line per record `line_sql` selected, in batches; returns the number of lines."""
    count = 0
    for batch in batches:
        # One join and three searches per batch, not per record.
        out.write(_escape_line_breakers("\n".join(map(itemgetter(0), batch)) + "\n"))
        count += len(batch)
    return count
