"""JSONL export: one JSON object per line, UTF-8, lossless."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

# Valid inside JSON strings, but str.splitlines() and some line readers break on them;
# escaping keeps exactly one record per physical line and loses nothing.
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


def dumps(record: dict[str, Any]) -> str:
    """One record as a single line of JSON, non-ASCII kept readable."""
    line = json.dumps(record, ensure_ascii=False)
    for char, escape in _LINE_BREAKERS.items():
        if char in line:
            line = line.replace(char, escape)
    return line


def write(records: Iterator[dict[str, Any]], out: TextIO, fields: tuple[str, ...]) -> int:
    """Write one line per record, keys in `fields` order; returns the number of lines."""
    count = 0
    for record in records:
        out.write(dumps({f: record[f] for f in fields}))
        out.write("\n")
        count += 1
    return count
