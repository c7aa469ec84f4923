"""Export built in SQL: the same bytes the row-by-row writers gave, and memory flat with size."""
from __future__ import annotations

import csv
import io
import json
import random
import tracemalloc

import pytest

import store
from corpus.document import Document
from store.formats import COLUMNS, FIELDS, export
from store.formats.output import write_output

TEXTS = [
    "=SUM(A1) opens. Emoji 😀👨\u200d👩\u200d👧, CJK 中文字, e\u0301; \"double\" 'single', a,b.\n"
    "+44 20 7946 0000 -12% @handle \ttab \rcr \x00nul \x1funit \x7fdel\r\nCRLF\n\n"
    "Line\u2028separator, paragraph\u2029separator, next\u0085line; NBSP\u00a0here \\back\\slash.",
    "Plain second document with \u201ccurly quotes\u201d, commas, and a tail.",
    "-starts with a minus and holds \"quoted, text\" and\nnewlines\r\nand more\rtext here.",
]
TITLES = ['=Title, "quoted"\nnewline', "Plain", None]
NOTES = ["", "=HYPERLINK(\"x\")", "multi\nline, \"quoted\" note", "-minus", "@at", "\tTab", "\rcr",
         "+plus", "中文 😀 note", "line\u2028break", "a,b", "\x00", None]
ANNOTATORS = ["ana", "", None, "=evil", "b,c"]
# Attributes as Store.set_attributes stores them (compact JSON), odd values included.
ATTRIBUTES = ["{}", '{"kind":"direct"}', '{"value":"=1","unit":"中文 😀\u2028, \\"x\\""}', '{"type":"person"}',
              '{"kind":"line\\nbreak\\u0001"}']
ATTRIBUTE_COLUMNS = ("attr_kind", "attr_value", "attr_unit", "attr_type")


def _fill(st, annotations: int, seed: int = 3) -> None:
    """Documents through the API, then `annotations` spans by bare executemany, some fields odd."""
    rng = random.Random(seed)
    for number, (text, title) in enumerate(zip(TEXTS, TITLES)):
        st.add_document(Document(id=f"d{number}" if number != 1 else "a,\"id\"", title=title, text=text))
    ids = [d.id for d in st.documents()]
    texts = {i: st.document(i).text for i in ids}
    rows = []
    for index in range(annotations):
        doc_id = rng.choice(ids)
        text = texts[doc_id]
        start = rng.randrange(len(text) - 1)
        end = rng.randint(start + 1, min(len(text), start + 40))
        created = None if index % 97 == 0 else f"2025-01-{1 + index % 28:02d}T00:00:{index % 60:02d}.000Z"
        rows.append((f"{rng.getrandbits(64):016x}", doc_id, rng.choice(["quote", "claim", "number", "actor"]),
                     start, end, text[start:end], text[max(0, start - 32):start], text[end:end + 32],
                     rng.choice(NOTES) or "", rng.choice(ANNOTATORS), created, created, rng.choice(ATTRIBUTES)))
    with st.conn:
        st.conn.execute("BEGIN")
        st.conn.executemany("INSERT INTO annotations (id, document_id, tag, start, end, text, prefix, suffix, "
                            "note, annotator, created, updated, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            rows)


@pytest.fixture
def filled(tmp_path):
    st = store.open_store(tmp_path / "export.db")
    _fill(st, 3000)
    yield st
    st.close()


def _old_records(st):
    """The rows as the export read them before it was built in SQL: one dict per annotation."""
    columns = ", ".join((*COLUMNS, "a.attributes"))
    cursor = st.conn.execute(
        f"SELECT {columns} FROM annotations a JOIN documents d ON d.id = a.document_id "
        "LEFT JOIN entities e ON e.id = a.entity_id ORDER BY d.position, a.start, a.end DESC, a.created, a.id")
    for row in cursor:
        record = dict(zip((*FIELDS, "attributes"), row))
        values = json.loads(record["attributes"])
        record.update((column, values.get(column[len("attr_"):])) for column in ATTRIBUTE_COLUMNS)
        yield record


def _old_csv(st, raw: bool) -> str:
    """The CSV writer before: csv.writer, each cell through the formula guard unless raw."""
    def guard(value):
        if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
            return "'" + value
        return value

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    fields = (*FIELDS, *ATTRIBUTE_COLUMNS)
    writer.writerow(fields)
    for record in _old_records(st):
        writer.writerow([record[f] if raw else guard(record[f]) for f in fields])
    return out.getvalue()


def _old_jsonl(st) -> str:
    """The JSONL writer before: json.dumps of each record, three line breakers escaped."""
    lines = []
    for record in _old_records(st):
        line = json.dumps({f: record[f] for f in FIELDS}, ensure_ascii=False)
        # The attributes object is the stored (compact) JSON itself; these spans start no relations.
        line = line[:-1] + ', "attributes": ' + record["attributes"] + ', "relations": []}'
        for char, escape in (("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\u0085", "\\u0085")):
            line = line.replace(char, escape)
        lines.append(line + "\n")
    return "".join(lines)


def _exported(st, fmt: str, **options) -> str:
    out = io.StringIO(newline="")
    assert export(st, fmt, out, **options) == 3000
    return out.getvalue()


def test_csv_is_what_the_row_by_row_writer_wrote(filled):
    assert _exported(filled, "csv") == _old_csv(filled, raw=False)


def test_raw_csv_is_what_the_row_by_row_writer_wrote(filled):
    assert _exported(filled, "csv", raw=True) == _old_csv(filled, raw=True)


def test_jsonl_is_what_the_row_by_row_writer_wrote(filled):
    text = _exported(filled, "jsonl")
    assert text == _old_jsonl(filled)
    documents = {d.id: filled.document(d.id).text for d in filled.documents()}
    for line in text.splitlines():
        record = json.loads(line)
        assert record["text"] == documents[record["document_id"]][record["start"]:record["end"]]


def test_sqlite_quotes_json_strings_as_json_dumps_does_for_every_code_point(tmp_path):
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    with store.open_store(tmp_path / "quote.db") as st:
        (quoted,) = st.conn.execute("SELECT json_quote(?)", (everything,)).fetchone()
        assert quoted == json.dumps(everything, ensure_ascii=False)
        assert st.conn.execute("SELECT json_quote(?), json_quote(?), json_quote(NULL)", (0, 2**40)).fetchone() == (
            "0", str(2**40), "null")


def _peak(st, fmt: str, path) -> int:
    tracemalloc.start()
    try:
        write_output(path, lambda out: export(st, fmt, out))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_memory_stays_flat_from_2000_to_20000_annotations(tmp_path, fmt):
    peaks = {}
    for count in (2000, 20000):
        with store.open_store(tmp_path / f"{count}.db") as st:
            _fill(st, count)
            peaks[count] = _peak(st, fmt, tmp_path / f"{count}.{fmt}")
            assert (tmp_path / f"{count}.{fmt}").stat().st_size > count * 100
    # Ten times the rows: the same batches in flight (a list of every record would be 10x).
    assert peaks[20000] < peaks[2000] * 1.5 + 256 * 1024, peaks
    assert peaks[20000] < 16 * 2**20, peaks  # a batch of lines and its text, not the export


def test_the_guard_in_sql_is_neutralise_for_every_first_character(tmp_path):
    from store.formats.csv_format import neutralise, neutralise_sql

    cells = [chr(c) + "rest" for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF][::97] + [
        chr(c) + "x" for c in range(0x80)] + ["", "'=already", "=", None]
    with store.open_store(tmp_path / "guard.db") as st:
        st.conn.execute("CREATE TEMP TABLE cells (value TEXT)")
        st.conn.executemany("INSERT INTO cells VALUES (?)", [(cell,) for cell in cells])
        guarded = [value for (value,) in st.conn.execute(f"SELECT {neutralise_sql('value')} FROM cells ORDER BY rowid")]
        assert guarded == [neutralise(cell) for cell in cells]
        for number in (0, 7, 2**40):
            row = st.conn.execute(f"WITH n(value) AS (VALUES (?)) SELECT {neutralise_sql('value')} FROM n", (number,))
            assert row.fetchone() == (number,)
