"""Exports: JSONL is lossless; CSV equals it except for the documented formula neutralisation."""
from __future__ import annotations

import csv
import io
import json

import pytest

import store
import store.formats as formats
from corpus.document import Document
from store.formats import FIELDS, FORMATS, export
from store.formats.csv_format import neutralise

HARD_TEXT = (
    "=SUM(A1) opens the article.\n"
    "Emoji 😀👨\u200d👩\u200d👧 and CJK 中文字 and combining e\u0301 n\u0303.\n"
    "RTL: \u202bعربي\u202c שלום; NBSP:\u00a0here; quotes \"double\" 'single', commas, a,b.\n"
    "+44 20 7946 0000 and -12% and @handle and \ttabbed\n"
    "Line\u2028separator and paragraph\u2029separator end."
)


def span(text, needle):
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture
def s(tmp_path):
    st = store.open_store(tmp_path / "export.db")
    st.add_document(Document(id="d1", title='=Title, "quoted"\nnewline', text=HARD_TEXT))
    st.add_document(Document(id="d2", title="Plain", text="second document 😀 text"))
    notes = ["", "=HYPERLINK(\"x\")", "multi\nline, \"quoted\" note", "-minus", "@at", "\tTab",
             "\rcr", "+plus", "中文 😀 note", "emoji 😀"]
    needles = ["=SUM(A1)", "😀👨\u200d👩\u200d👧", "中文字", "e\u0301 n\u0303", "\u202bعربي\u202c",
               "NBSP:\u00a0here", "\"double\" 'single', commas, a,b.\n+44", "-12%", "@handle",
               "\ttabbed\nLine\u2028separator"]
    for i, needle in enumerate(needles):
        start, end = span(HARD_TEXT, needle)
        st.add_annotation("d1", start, end, ["quote", "claim", "number", "actor"][i % 4],
                          note=notes[i], annotator="ana" if i % 2 else "")
    st.add_annotation("d2", 16, 17, "number", note="+1")
    values = {"quote": {"kind": "direct"}, "number": {"value": "=1", "unit": "中文 😀\u2028, \"x\""},
              "actor": {"type": "person"}}
    for annotation in st.annotations("d1")[:4]:
        if annotation.tag in values:
            st.set_attributes(annotation.id, values[annotation.tag])
    actor = next(a for a in st.annotations() if a.tag == "actor")
    st.create_and_link_entity(actor.id, '=Grenell, "Ric" 😀')  # formula-like, quotes, emoji
    yield st
    st.close()


ATTRIBUTE_COLUMNS = ("attr_kind", "attr_value", "attr_unit", "attr_type")  # the default codebook's, in order
CSV_FIELDS = (*FIELDS, *ATTRIBUTE_COLUMNS)
JSONL_FIELDS = (*FIELDS, "attributes", "relations")


def expected_records(s, fields=JSONL_FIELDS):
    titles = {d.id: d.title for d in s.documents()}
    entities = {counted.entity.id: counted.entity.name for counted in s.entities()}
    records = []
    for a in s.annotations():
        values = json.loads(a.attributes)
        records.append({**a.to_dict(), "document_title": titles[a.document_id], "attributes": values, "relations": [],
                        "entity": entities.get(a.entity_id or ""),
                        **{column: values.get(column[len("attr_"):]) for column in ATTRIBUTE_COLUMNS}})
    return [{field: record[field] for field in fields} for record in records]


def test_registry():
    assert set(FORMATS) == {"csv", "jsonl", "relations-csv", "progress-csv"}
    with pytest.raises(ValueError):
        export(None, "xlsx", io.StringIO())


def test_jsonl_is_lossless(s, tmp_path):
    path = tmp_path / "out.jsonl"
    with open(path, "w", encoding="utf-8", newline="") as out:
        assert export(s, "jsonl", out) == 11
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    assert lines[-1] == "" and len(lines) == 12
    assert len(raw.splitlines()) == 11  # U+2028 / U+2029 are escaped, so even splitlines agrees
    records = [json.loads(line) for line in lines[:-1]]
    assert records == expected_records(s)
    assert [list(r) for r in records] == [list(JSONL_FIELDS)] * 11
    assert sum(1 for r in records if r["attributes"]) == 3
    assert "中文字" in raw and "😀" in raw  # ensure_ascii=False keeps it readable
    texts = {d.id: s.document(d.id).text for d in s.documents()}
    for r in records:
        assert isinstance(r["start"], int) and isinstance(r["end"], int)
        assert r["text"] == texts[r["document_id"]][r["start"]:r["end"]]


def test_csv_matches_except_neutralisation(s, tmp_path):
    path = tmp_path / "out.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        assert export(s, "csv", out) == 11
    data = path.read_bytes()
    assert data.startswith(b"id,document_id,document_title,tag,start,end,text,")
    assert data.endswith(b"\r\n")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(CSV_FIELDS)
    expected = expected_records(s, CSV_FIELDS)
    assert len(rows) == 1 + len(expected)
    neutralised = 0
    for row, record in zip(rows[1:], expected):
        for field, cell in zip(CSV_FIELDS, row):
            value = record[field]
            if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert cell == "'" + value
                neutralised += 1
            else:
                assert cell == ("" if value is None else str(value)), field
    assert neutralised >= 10


def test_csv_cells_never_start_like_formulas(s):
    out = io.StringIO(newline="")
    export(s, "csv", out)
    for row in csv.reader(io.StringIO(out.getvalue(), newline="")):
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_csv_round_trips_through_pandas_style_reading(s):
    out = io.StringIO(newline="")
    export(s, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    first = rows[0]
    assert first["text"] == "'=SUM(A1)"
    assert first["document_title"] == "'=Title, \"quoted\"\nnewline"


def test_neutralise():
    assert neutralise("=1") == "'=1" and neutralise("a=1") == "a=1"
    assert neutralise(5) == 5 and neutralise(None) is None and neutralise("") == ""


def test_empty_store_exports_header_only(tmp_path):
    with store.open_store(tmp_path / "empty.db") as empty:
        out = io.StringIO(newline="")
        assert export(empty, "csv", out) == 0
        assert out.getvalue() == ",".join(CSV_FIELDS) + "\r\n"
        out = io.StringIO()
        assert export(empty, "jsonl", out) == 0 and out.getvalue() == ""


def test_export_streams_with_a_cursor(s, monkeypatch):
    """Lines come in batches from the cursor: the writer sees a generator, not a list."""
    seen = []

    def spy(batches, out, fields):
        seen.append(type(batches).__name__)
        sizes = [len(batch) for batch in batches]
        assert max(sizes) <= formats.BATCH_ROWS
        return sum(sizes)

    monkeypatch.setitem(FORMATS, "jsonl", FORMATS["jsonl"].__class__(
        "jsonl", ".jsonl", spy, "spy", FORMATS["jsonl"].select))
    assert export(s, "jsonl", io.StringIO()) == 11
    assert seen == ["generator"]
