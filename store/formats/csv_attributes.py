"""The CSV's attr_<name> cells: filled in Python from each distinct attributes text once, not in SQL per row.

SQLite 3.40 (no JSON cache) parsed an annotation's attributes up to three times per attribute
column (json_valid, json_extract under the formula guard), and even a NULL column costs about
0.25 us a cell to fetch (benchmarks/README.md, export). So the query selects one column, the stored
text (NULL when it is '{}', as most are); rows without attributes go to a csv.writer whose line
ends with the empty cells (",,,\r\n"), untouched by Python, and a row with some gets its cells
from a cache keyed by the text (a study's attributes are a few distinct choices). The cells are
exactly what the SQL gave (`sql_cell`): a text Python could read differently from SQLite
(escapes, repeated keys, NaN, non-string values, not an object) is handed to that SQL, so the
bytes never change.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import csv_format

if TYPE_CHECKING:
    from _csv import Writer

# Distinct attributes texts remembered at a time (free-text values could make every row distinct).
CACHE_ENTRIES = 20_000


def sql_cell(name: str, raw: bool, column: str = "a.attributes") -> str:
    """SQL of one attr_<name> cell: the value, guarded unless raw; NULL (empty) when unset or the text
    is not JSON. The name holds word characters and hyphens only (store/attributes.py), so it goes
    into the JSON path as it is."""
    value = f"json_extract({column}, '$.\"{name}\"')"
    cell = value if raw else csv_format.neutralise_sql(value)
    return f"(CASE WHEN {column} = '{{}}' OR NOT json_valid({column}) THEN NULL ELSE {cell} END)"


class _NotPlain(ValueError):
    """A text the fast path leaves to SQLite."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps a repeated key's last value, json_extract its first: let SQLite answer.
    values = dict(pairs)
    if len(values) != len(pairs):
        raise _NotPlain("a repeated key")
    return values


def _no_constants(name: str) -> Any:
    raise _NotPlain(f"{name} is not JSON")  # Python reads NaN and Infinity; json_valid does not


class AttributeCells:
    """The SELECT tail for a CSV's attribute columns and the pass that fills them in each batch."""

    def __init__(self, conn: sqlite3.Connection, names: Sequence[str], raw: bool) -> None:
        self.conn = conn
        self.names = tuple(names)
        self.raw = raw
        self.cache: dict[str, tuple[Any, ...]] = {}
        self._sql = (f"SELECT {', '.join(sql_cell(name, raw) for name in self.names)} "
                     "FROM (SELECT ? AS attributes) AS a") if self.names else ""

    def select_sql(self) -> list[str]:
        """The last item of the SELECT list (none without attributes): the stored text unless '{}'."""
        return ["NULLIF(a.attributes, '{}')"] if self.names else []

    def line_end(self) -> str:
        """What ends the line of a row without attributes, whose last selected cell is NULL: the
        other attribute columns' empty cells, then \r\n."""
        return "," * (len(self.names) - 1) + "\r\n"

    def write(self, batch: list[tuple[Any, ...]], full: Writer, plain: Writer) -> None:
        """Write a batch: rows without attributes through `plain` (its line_end adds their empty
        cells), each row with some through `full` with its cells in place of the stored text."""
        start = 0
        for index in [index for index, row in enumerate(batch) if row[-1] is not None]:
            plain.writerows(batch[start:index])
            row = batch[index]
            full.writerow(row[:-1] + self.cells(row[-1]))
            start = index + 1
        plain.writerows(batch[start:] if start else batch)

    def cells(self, stored: Any) -> tuple[Any, ...]:
        """One annotation's attribute cells, as the SQL of `sql_cell` gives them."""
        if type(stored) is not str:
            return self._by_sql(stored)  # a hand-edited number or blob: never cached (1 == 1.0 == True)
        found = self.cache.get(stored)
        if found is None:
            found = self._plain(stored)
            if found is None:
                found = self._by_sql(stored)
            if len(self.cache) >= CACHE_ENTRIES:
                self.cache.clear()
            self.cache[stored] = found
        return found

    def _plain(self, stored: str) -> tuple[Any, ...] | None:
        """The cells read by Python when that is sure to agree with SQLite, else None."""
        if "\\" in stored:
            return None  # SQLite 3.40 matches a path against a key as written, escapes and all
        try:
            values = json.loads(stored, object_pairs_hook=_unique_keys, parse_constant=_no_constants)
        except (ValueError, RecursionError):
            return None
        if type(values) is not dict:
            return None
        cells: list[Any] = []
        for name in self.names:
            value = values.get(name)
            if value is not None and type(value) is not str:
                return None  # numbers, booleans, objects: SQLite's own text for them
            cells.append(value if self.raw or value is None else csv_format.neutralise(value))
        return tuple(cells)

    def _by_sql(self, stored: Any) -> tuple[Any, ...]:
        found: tuple[Any, ...] = self.conn.execute(self._sql, (stored,)).fetchone()
        return found
