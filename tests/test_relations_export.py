"""The relations-csv export and the relations in each JSONL record, against golden files."""
from __future__ import annotations

import csv
import io
import itertools
import json
import os
import uuid
from pathlib import Path

import pytest

import store.store as store_module
from corpus.document import Document
from store import open_store
from store.formats import FORMATS, export

GOLDEN = Path(__file__).parent / "data" / "golden"
# Formula-like, quoted, comma'd, multi-line and emoji text: what a spreadsheet or a line reader trips on.
TEXT = ("“=SUM(A1), we pay,” said Richard Grenell 😀. “No,\nnever” — the minister, \"Dr. Weiß\", "
        "replied. +40 jobs would go, claimed @unions.")
SECOND = "A second article: Grenell said “nothing”."


def _find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture
def st(tmp_path, monkeypatch):
    """A store whose ids and times are fixed, so the exports are the same bytes every run."""
    counter = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(counter)))
    clock = itertools.count(0)
    monkeypatch.setattr(store_module, "utc_now", lambda: f"2026-01-01T00:00:{next(clock):02d}.000Z")
    s = open_store(tmp_path / "golden.db")
    s.annotator = "ana"
    s.add_document(Document(id="d1", title="One", text=TEXT))
    s.add_document(Document(id="d2", title="Two", text=SECOND))

    def tag(doc: str, needle: str, name: str) -> str:
        return s.add_annotation(doc, *_find(TEXT if doc == "d1" else SECOND, needle), name, annotator="ana").id

    quote = tag("d1", "“=SUM(A1), we pay,”", "quote")
    grenell = tag("d1", "Richard Grenell 😀", "actor")
    second_quote = tag("d1", "“No,\nnever”", "quote")
    minister = tag("d1", "the minister, \"Dr. Weiß\"", "actor")
    claim = tag("d1", "+40 jobs would go", "claim")
    unions = tag("d1", "@unions", "actor")
    other_quote, other_actor = tag("d2", "“nothing”", "quote"), tag("d2", "Grenell", "actor")
    s.add_relation(quote, grenell)
    s.add_relation(second_quote, minister, annotator="=bob")
    s.add_relation(claim, unions)
    s.add_relation(claim, minister)  # a claim two actors made
    s.add_relation(other_quote, other_actor)
    yield s
    s.close()


def _exported(st, fmt: str, **options) -> str:
    out = io.StringIO(newline="")
    export(st, fmt, out, **options)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "name", "options"), [
    ("relations-csv", "relations.csv", {}), ("relations-csv", "relations-raw.csv", {"raw": True}),
    ("jsonl", "relations.jsonl", {})])
def test_the_export_is_the_golden_file(st, fmt, name, options):
    text = _exported(st, fmt, **options)
    golden = GOLDEN / name
    if os.environ.get("SIDEBYSIDE_UPDATE_GOLDEN"):
        golden.write_bytes(text.encode("utf-8"))
    assert text == golden.read_bytes().decode("utf-8")


def test_relations_csv_has_one_row_per_relation_with_both_spans_texts(st):
    assert FORMATS["relations-csv"].records == "relations"
    rows = list(csv.DictReader(io.StringIO(_exported(st, "relations-csv", raw=True), newline="")))
    assert list(rows[0]) == ["id", "document_id", "type", "source_id", "source_text", "target_id",
                             "target_text", "annotator", "created"]
    assert len(rows) == 5 and {row["type"] for row in rows} == {"said_by"}
    spans = {a.id: a for a in st.annotations()}
    for row in rows:  # every exported text is the stored span's text, which is text[start:end]
        for end in ("source", "target"):
            span = spans[row[f"{end}_id"]]
            assert row[f"{end}_text"] == span.text == st.document(span.document_id).text[span.start:span.end]
            assert span.document_id == row["document_id"]
    guarded = list(csv.DictReader(io.StringIO(_exported(st, "relations-csv"), newline="")))
    assert guarded[0]["source_text"].startswith("“=SUM")  # not formula-like: a quote mark comes first
    assert [row["annotator"] for row in guarded if row["annotator"].startswith("'")] == ["'=bob"]
    assert [row["source_text"] for row in guarded if row["source_text"].startswith("'")] == ["'+40 jobs would go"] * 2


def test_each_jsonl_record_carries_the_relations_it_is_the_source_of(st):
    records = [json.loads(line) for line in _exported(st, "jsonl").splitlines()]
    by_text = {record["text"]: record for record in records}
    claim = by_text["+40 jobs would go"]
    assert [(r["type"], r["target_text"]) for r in claim["relations"]] == [
        ("said_by", "the minister, \"Dr. Weiß\""), ("said_by", "@unions")]  # in the text's order
    assert set(claim["relations"][0]) == {"id", "type", "target_id", "target_text", "annotator", "created"}
    assert by_text["Richard Grenell 😀"]["relations"] == []  # a target carries none: its source does
    assert sum(len(record["relations"]) for record in records) == 5


def test_the_cli_lists_relations_csv_among_its_formats(tmp_path, st):
    from click.testing import CliRunner

    from tui.cli import main

    path = st.path
    result = CliRunner().invoke(main, ["export", "--format", "relations-csv", "--db", str(path),
                                       "--output", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert "wrote 5 relations" in result.output
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").count("said_by") == 5


def test_the_cli_says_one_record_in_the_singular(tmp_path):
    from click.testing import CliRunner

    from store import open_store
    from tui.cli import main

    store = open_store(tmp_path / "one.db")
    store.add_document(Document(id="d", title="D", text="“No,” said Ana Lopes."))
    quote = store.add_annotation("d", 0, 5, "quote", annotator="ana")
    actor = store.add_annotation("d", 11, 20, "actor", annotator="ana")
    store.add_relation(quote.id, actor.id)
    store.set_progress("d", "ana", "done")
    store.close()
    outputs = []
    for fmt in ("relations-csv", "csv", "progress-csv"):
        result = CliRunner().invoke(main, ["export", "--format", fmt, "--db", str(tmp_path / "one.db"),
                                           "--output", str(tmp_path / f"out-{fmt}")])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert "wrote 1 relation to" in outputs[0] and "wrote 2 annotations to" in outputs[1]
    assert "wrote 1 document status to" in outputs[2]
