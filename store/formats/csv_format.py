"""CSV export: RFC 4180, header row, formula-like cells neutralised for spreadsheets."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any, TextIO

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a formula-like string with a single quote; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write(records: Iterator[dict[str, Any]], out: TextIO, fields: tuple[str, ...]) -> int:
    """Write a header and one row per record; returns the number of rows (header excluded)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    count = 0
    for record in records:
        writer.writerow([neutralise(record[f]) for f in fields])
        count += 1
    return count
