"""The CSV's attribute cells, filled in Python, are byte for byte what SQLite's json_extract gave; CSV and
JSONL carry attributes back exactly."""
from __future__ import annotations

import csv
import io
import json

import pytest

import store
from corpus.document import Document
from store.formats import COLUMNS, FIELDS, export
from store.formats.csv_attributes import AttributeCells, sql_cell
from store.formats.csv_format import select_sql

TEXT = "Ms Lindqvist said: we will not back down. Oxfam counted 1,200 jobs lost in 2024."
NAMES = ("kind", "value", "unit", "type")
# Stored texts the Python path must read as SQLite does, or leave to SQLite: escapes, repeated keys,
# NaN, numbers, booleans, nesting, arrays, strings, not JSON, empty, white space, formula values.
HAND_EDITED = [
    "{}", "", " {} ", '{"kind":"direct"}', '{"kind":"=1+1","unit":"-3","type":"@x"}',
    '{"kind":"a","kind":"b"}', '{"ki\\u006ed":"escaped key"}', '{"kind":"tab\\there \\"q\\" \\ud83d\\ude00"}',
    '{"kind":NaN}', '{"kind":Infinity,"value":"v"}', '{"value":1200}', '{"value":-5}', '{"value":1.5e3}',
    '{"value":12345678901234567890}', '{"kind":true,"type":false}', '{"kind":null}', '{"kind":{"a":[1,2]}}',
    '{"kind":["x","y"]}', '["kind","direct"]', '"kind"', "42", "not json", '{"kind":"x"', '\ufeff{"kind":"bom"}',
    '{ "kind" : "spaced" ,\n"type":"person" }', '{"kind":"中文 😀\u2028, \\"x\\""}', '{"kind":"\x01"}',
    '{"kind":"tab\there"}', "{" + '"a":' * 3 + "1" + "}" * 3, '{"value":"01"}', '{"value":01}', '{"value":-0}',
    '{"type":"' + "x" * 5000 + '"}', '{"kind":""}', '{"kind":"\\u0000"}',
]


@pytest.fixture
def odd(tmp_path):
    st = store.open_store(tmp_path / "odd.db")
    st.add_document(Document(id="d", title="=Title", text=TEXT))
    with st.conn:
        st.conn.execute("BEGIN")
        st.conn.executemany(
            "INSERT INTO annotations (id, document_id, tag, start, end, text, prefix, suffix, note, annotator, "
            "created, updated, attributes) VALUES (?, 'd', 'quote', ?, ?, ?, '', '', '', 'ana', 'c', 'c', ?)",
            [(f"a{index:03d}", index % 20, index % 20 + 5, TEXT[index % 20:index % 20 + 5], stored)
             for index, stored in enumerate(HAND_EDITED * 2)])  # twice: the second of each comes from the cache
    yield st
    st.close()


def _by_sql_alone(st, raw: bool) -> str:
    """The CSV as the export wrote it when SQLite built every attribute cell (before the cache)."""
    cells = ", ".join(sql_cell(name, raw) for name in NAMES)
    rows = st.conn.execute(
        f"SELECT {select_sql(COLUMNS, raw=raw)}, {cells} FROM annotations a JOIN documents d ON d.id = a.document_id "
        "LEFT JOIN entities e ON e.id = a.entity_id ORDER BY d.position, a.start, a.end DESC, a.created, a.id")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*FIELDS, *(f"attr_{name}" for name in NAMES)))
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("raw", [False, True])
def test_hand_edited_attributes_export_as_sqlite_read_them(odd, raw):
    out = io.StringIO(newline="")
    assert export(odd, "csv", out, raw=raw) == 2 * len(HAND_EDITED)
    expected = _by_sql_alone(odd, raw)
    assert out.getvalue() == expected
    assert "'=1+1" in expected if not raw else "=1+1" in expected  # the guard was there to keep


def test_each_stored_text_is_read_once_and_plain_ones_without_sqlite(odd):
    asked: list[object] = []

    class Counting(AttributeCells):
        def _by_sql(self, stored: object) -> tuple[object, ...]:
            asked.append(stored)
            return super()._by_sql(stored)

    cells = Counting(odd.conn, NAMES, raw=False)
    assert cells.cells('{"kind":"direct","unit":"=x"}') == ("direct", None, "'=x", None)
    assert cells.cells('{"kind":"direct","unit":"=x"}') == ("direct", None, "'=x", None)
    assert cells.cells('{"kind":"a","kind":"b"}') == ("a", None, None, None)  # json_extract takes the first
    assert cells.cells('{"value":1200}') == (None, 1200, None, None)
    assert asked == ['{"kind":"a","kind":"b"}', '{"value":1200}']


def test_csv_and_jsonl_carry_attributes_back_exactly(tmp_path):
    st = store.open_store(tmp_path / "trip.db")
    st.add_document(Document(id="d", title="t", text=TEXT))
    quote = st.add_annotation("d", 19, 40, "quote")
    number = st.add_annotation("d", 57, 67, "number")
    values = {"value": "=1,200 \"jobs\"\n\u2028😀", "unit": "\t[b]jobs[/]"}
    st.set_attributes(quote.id, {"kind": "indirect"})
    st.set_attributes(number.id, values)
    out = io.StringIO(newline="")
    export(st, "csv", out, raw=True)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out.getvalue(), newline=""))}
    assert rows[quote.id]["attr_kind"] == "indirect" and rows[quote.id]["attr_value"] == ""
    assert (rows[number.id]["attr_value"], rows[number.id]["attr_unit"]) == (values["value"], values["unit"])
    guarded = io.StringIO(newline="")
    export(st, "csv", guarded)
    row = next(r for r in csv.DictReader(io.StringIO(guarded.getvalue(), newline="")) if r["id"] == number.id)
    assert (row["attr_value"], row["attr_unit"]) == ("'" + values["value"], "'" + values["unit"])
    lines = io.StringIO()
    export(st, "jsonl", lines)
    records = {r["id"]: r for r in map(json.loads, lines.getvalue().splitlines())}
    assert records[number.id]["attributes"] == values
    assert records[quote.id]["attributes"] == {"kind": "indirect"}
    st.close()
