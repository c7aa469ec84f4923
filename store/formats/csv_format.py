"""CSV export: RFC 4180, header row, formula-like cells neutralised for spreadsheets unless raw."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .csv_attributes import AttributeCells

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a formula-like string with a single quote; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_sql(column: str) -> str:
    """SQL for `neutralise(column)`: the guard runs in SQLite, not once per cell in Python.

    Per cell in Python it cost about as much as csv.writer itself (benchmarks/README.md, export).
    A CASE on unicode() costs half of `typeof(...) = 'text' AND unicode(...) IN (...)` and needs
    no type test: the store's cells are text, NULL (no code point) or, in start and end,
    integers its CHECK keeps >= 0 (a digit first).
    """
    whens = " ".join(f"WHEN {ord(char)} THEN '''' || {column}" for char in FORMULA_STARTS)
    return f"(CASE unicode({column}) {whens} ELSE {column} END)"


def select_sql(columns: Iterable[str], *, raw: bool = False) -> str:
    """The SELECT list of the cells: neutralised for spreadsheets, or exactly as stored if raw."""
    return ", ".join(columns if raw else map(neutralise_sql, columns))


class _Lines:
    """A csv.writer target that keeps the lines: written to the file once per batch, not per row."""

    __slots__ = ("write",)

    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append  # the bound method itself: no Python call per row


def write(batches: Iterable[list[tuple[Any, ...]]], out: TextIO, fields: tuple[str, ...],
          attributes: AttributeCells | None = None) -> int:
    """Write a header and one row per selected record, in batches; returns the number of rows.

    Rows end in \\r\\n (RFC 4180); formula-like cells got a leading ' in the query unless raw
    (raw: cells exactly as stored, for pandas, R and other programs). With `attributes`, each
    row's last cell is its stored attributes, which that writes as the attr_<name> cells.
    """
    lines: list[str] = []
    writer = csv.writer(_Lines(lines), lineterminator="\r\n")
    writer.writerow(fields)
    plain = None if attributes is None else csv.writer(_Lines(lines), lineterminator=attributes.line_end())
    count = 0
    for batch in batches:
        if plain is None or attributes is None:
            writer.writerows(batch)
        else:
            attributes.write(batch, writer, plain)
        out.write("".join(lines))
        lines.clear()
        count += len(batch)
    out.write("".join(lines))  # the header, when there are no rows
    return count
