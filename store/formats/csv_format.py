"""CSV export: RFC 4180, header row, formula-like cells neutralised for spreadsheets unless raw."""
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


def write(records: Iterator[dict[str, Any]], out: TextIO, fields: tuple[str, ...], *, raw: bool = False) -> int:
    """Write a header and one row per record; returns the number of rows (header excluded).

    raw: cells exactly as stored, for pandas, R and other programs (a spreadsheet may run a cell
    that starts with = as a formula); by default formula-like cells get a leading '.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    count = 0
    for record in records:
        writer.writerow([record[f] for f in fields] if raw else [neutralise(record[f]) for f in fields])
        count += 1
    return count
