"""`sidebyside passages` and `sidebyside export --format coverage` on the seed corpus."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from store import open_store
from store.importer import import_seeds
from tui.cli import main


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "seeds.db"
    store = open_store(path)
    import_seeds(store)
    store.close()
    return path


def texts_of(path):
    store = open_store(path)
    try:
        return {doc_id: store.document(doc_id).text for doc_id in store.document_ids()}
    finally:
        store.close()


def test_passages_jsonl_members_are_exact(db):
    result = CliRunner().invoke(main, ["passages", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines, "the seed corpus shares passages"
    texts = texts_of(db)
    for line in lines:
        cluster = json.loads(line)
        assert set(cluster) == {"id", "kind", "score", "reach", "documents", "boilerplate", "members"}
        assert cluster["kind"] in ("shared", "similar") and 0 <= cluster["score"] <= 100
        assert cluster["documents"] == len(texts)
        assert cluster["boilerplate"] is False  # the seeds have no sources: never boilerplate
        assert cluster["reach"] == len({m["document_id"] for m in cluster["members"]}) >= 2
        for m in cluster["members"]:
            assert texts[m["document_id"]][m["start"]:m["end"]] == m["text"]
    assert "“" in result.output  # ensure_ascii=False: curly quotes stay readable


def test_passages_table(db):
    result = CliRunner().invoke(main, ["passages", "--db", str(db)])
    assert result.exit_code == 0, result.output
    jsonl = CliRunner().invoke(main, ["passages", "--db", str(db), "--format", "jsonl"]).output
    clusters = [json.loads(line) for line in jsonl.splitlines()]
    for cluster in clusters:
        assert f"{cluster['id']}  {cluster['kind']}  score" in result.output
        assert f"reach {cluster['reach']}/{cluster['documents']}" in result.output
        for m in cluster["members"]:
            assert f"  {m['document_id']}  {m['start']}-{m['end']}  " in result.output


def test_passages_needs_a_database(tmp_path):
    result = CliRunner().invoke(main, ["passages", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code != 0 and "no database" in result.output
    assert not (tmp_path / "missing.db").exists()


def test_help_has_examples():
    for command in (["passages", "--help"], ["export", "--help"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 0 and "Examples:" in result.output
    assert "sidebyside export --format coverage" in CliRunner().invoke(main, ["export", "--help"]).output


def annotate(db):
    store = open_store(db)
    try:
        for doc_id in store.document_ids():
            text = store.document(doc_id).text
            at = text.find("Huawei")
            if at >= 0:
                store.add_annotation(doc_id, at, at + len("Huawei"), "actor")
        return len(store.document_ids()), store.count_annotations()
    finally:
        store.close()


def test_export_coverage(db, tmp_path):
    documents, annotations = annotate(db)
    out = tmp_path / "coverage.csv"
    result = CliRunner().invoke(main, ["export", "--format", "coverage", "--db", str(db), "--output", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:2] == ["tag", "item"] and rows[0][-1] == "documents" and len(rows[0]) == documents + 3
    assert rows[1][:2] == ["actor", "Huawei"]
    assert sum(int(c) for c in rows[1][2:-1]) == annotations and int(rows[1][-1]) == annotations
    assert not (tmp_path / "coverage.csv.part").exists()

    to_stdout = CliRunner().invoke(main, ["export", "--format", "coverage", "--db", str(db), "--tag", "quote"])
    assert to_stdout.exit_code == 0
    assert list(csv.reader(io.StringIO(to_stdout.output))) == [rows[0]]  # no quotes tagged

    unknown = CliRunner().invoke(main, ["export", "--format", "coverage", "--db", str(db), "--tag", "nope"])
    assert unknown.exit_code != 0 and "unknown tag" in unknown.output
    misplaced = CliRunner().invoke(main, ["export", "--format", "csv", "--db", str(db), "--tag", "actor"])
    assert misplaced.exit_code != 0


def test_existing_export_formats_still_work(db):
    annotate(db)
    result = CliRunner().invoke(main, ["export", "--format", "jsonl", "--db", str(db)])
    assert result.exit_code == 0
    assert all(json.loads(line)["tag"] == "actor" for line in result.output.splitlines())
