"""The codebook as data: a TOML file read and checked (each error names its line), applied to the
database without orphaning annotations, written back as TOML and CSV, and the schema 3 -> 4 migration."""
from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from store import open_store, schema
from store.codebook_file import CodebookError, parse_codebook, read_codebook, write_csv, write_toml
from store.importer import import_seeds
from tui.bindings import reserved_keys

FRAME = """
[[tag]]
name = "frame"
key = "5"
color = "#aa00ff"
description = "A framing device: metaphor, catchphrase or depiction."

[[relation]]
name = "said_by"
source = ["quote", "claim"]
target = ["actor"]
"""


def error_of(text: str, reserved: dict[str, str] | None = None) -> CodebookError:
    with pytest.raises(CodebookError) as caught:
        parse_codebook(text, "book.toml", reserved)
    return caught.value


def test_the_issues_example_reads_as_one_tag_and_one_relation():
    book = parse_codebook(FRAME, "book.toml")
    assert [entry.tag for entry in book.tags] == [
        ("frame", "5", "#aa00ff", "A framing device: metaphor, catchphrase or depiction.", "text", ())]
    assert [entry.line for entry in book.tags] == [2]
    assert book.relations[0].relation == ("said_by", ("quote", "claim"), ("actor",), "")
    assert book.relations[0].line == 8 and not book.replace_defaults


@pytest.mark.parametrize("text,line,words", [
    ('[[tag]]\nname = "a"\nkey = "5"\n\n[[tag]]\nname = "b"\nkey = "5"\n', 7, "duplicate key '5'"),
    ('[[tag]]\nname = "a"\n\n[[tag]]\nname = "a"\n', 5, "defined twice"),
    ('[[tag]]\nname = "a"\ncolor = "purple"\n', 3, "bad colour 'purple'"),
    ('[[tag]]\nname = "a"\ncolor = "#12345"\n', 3, "bad colour"),
    ('[[tag]]\nname = "a"\nkey = "5\n', 3, "not valid TOML"),
    ('replace_defaults = true\n[[tag]]\nname = "a"\n[[relation]]\nname = "r"\nsource = ["a"]\ntarget = ["b"]\n',
     4, "unknown target tag 'b'"),
    ('[[tag]]\nname = "a"\nkey = "55"\n', 3, "one digit 1-9 or one letter"),
    ('[[tag]]\nkey = "5"\n', 1, "name must be a non-empty string"),
    ('[[tag]]\nname = "a"\ngroups_by = "cluster"\n', 3, "groups_by must be one of passage, value, text"),
    ('[[tag]]\nname = "a"\nattributes = []\n', 3, "write each attribute as a [[tag.attribute]] table"),
    ('title = "x"\n', 1, "unknown field 'title'"),
    ('[[tag]]\nname = "a\\u0007b"\n', 2, "control"),
])
def test_a_file_that_cannot_be_used_is_refused_naming_its_line(text, line, words):
    error = error_of(text)
    assert error.line == line
    assert f"book.toml, line {line}:" in str(error)
    assert words in str(error)


def test_a_key_the_reader_gives_another_binding_is_refused_at_its_line():
    error = error_of('[[tag]]\nname = "frame"\n\nkey = "d"\n', reserved_keys())
    assert error.line == 4 and "key 'd' is already the reader's key for Delete (annotation.delete)" in str(error)
    error = error_of('[[tag]]\nname = "frame"\nkey = "K"\n', reserved_keys())  # shift+up's other key
    assert error.line == 3 and "select.up" in str(error)
    # A key the user's keymap moved elsewhere is free again, and the key it moved to is taken.
    parse_codebook('[[tag]]\nname = "frame"\nkey = "d"\n', "b", reserved_keys({"annotation.delete": "delete"}))
    assert error_of('[[tag]]\nname = "frame"\nkey = "5"\n', reserved_keys({"history.undo": "5"})).line == 3


def test_an_unreadable_file_is_named(tmp_path):
    with pytest.raises(CodebookError, match="missing.toml: no such file"):
        read_codebook(tmp_path / "missing.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[[tag]]\nname = "caf\xe9"\n')
    with pytest.raises(CodebookError, match="not UTF-8"):
        read_codebook(bad)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "study.db")
    import_seeds(s)
    yield s
    s.close()


def first_word(store, tag: str):
    doc = store.document_ids()[0]
    return store.add_annotation(doc, 0, 3, tag)


def test_the_default_codebook_is_data_in_the_database(store):
    tags = store.tags()
    assert [(t.name, t.key, t.groups_by) for t in tags] == [
        ("quote", "1", "passage"), ("claim", "2", "passage"), ("number", "3", "value"), ("actor", "4", "text")]
    assert all(len(t.description.split()) > 10 for t in tags)


def test_a_codebook_joins_the_defaults_and_is_remembered(store, tmp_path):
    report = store.apply_codebook(parse_codebook(FRAME, "book.toml"))
    assert report.added == ["frame"] and not report.removed and not report.kept
    store.close()
    again = open_store(tmp_path / "study.db")
    try:
        assert [t.name for t in again.tags()] == ["quote", "claim", "number", "actor", "frame"]
        assert again.relation_types()[0].source == ("quote", "claim")
    finally:
        again.close()


def test_replacing_keeps_a_tag_in_use_and_reports_it(store):
    first_word(store, "actor")
    book = parse_codebook('replace_defaults = true\n[[tag]]\nname = "frame"\nkey = "4"\n', "b.toml")
    report = store.apply_codebook(book)
    assert sorted(report.removed) == ["claim", "number", "quote"]
    assert report.kept == [("actor", 1)]
    assert report.unkeyed == [("actor", "4")]  # frame took its key
    assert [(t.name, t.key) for t in store.tags()] == [("frame", "4"), ("actor", None)]
    assert [a.tag for a in store.annotations()] == ["actor"]
    assert any("kept tag actor: 1 annotation uses it" in line for line in report.lines())


def test_a_key_taken_from_a_joined_tag_is_refused_and_nothing_changes(store):
    before = store.tags()
    with pytest.raises(CodebookError, match=r"b.toml, line 1: duplicate key '1'.*'quote' has it"):
        store.apply_codebook(parse_codebook('[[tag]]\nname = "frame"\nkey = "1"\n', "b.toml"))
    assert store.tags() == before


def test_renaming_a_tag_renames_its_annotations_and_their_undo_in_one_go(store):
    ann = first_word(store, "actor")
    store.owner = "reader:ana"
    store.delete_annotation(first_word(store, "actor").id)  # ana's undo log holds an actor
    store.owner = "api"
    book = parse_codebook('[[tag]]\nname = "speaker"\nrenamed_from = "actor"\ndescription = "Who speaks."\n', "b")
    report = store.apply_codebook(book)
    assert report.renamed == [("actor", "speaker", 1)]
    assert [t.name for t in store.tags()] == ["quote", "claim", "number", "speaker"]
    assert store.tags()[3].key == "4" and store.tags()[3].description == "Who speaks."
    assert store.annotation(ann.id).tag == "speaker"
    store.owner = "reader:ana"
    change = store.undo()  # brings back the deleted span under its new name
    assert change is not None and change.annotation is not None and change.annotation.tag == "speaker"
    assert sorted(a.tag for a in store.annotations()) == ["speaker", "speaker"]
    store.owner = "api"
    assert store.apply_codebook(book).renamed == []  # importing the same file again changes nothing


def test_a_codebook_change_is_one_undo_step_rename_and_all(store):
    ann = first_word(store, "actor")
    store.delete_annotation(first_word(store, "actor").id)
    before = store.tags()
    book = parse_codebook('[[tag]]\nname = "speaker"\nrenamed_from = "actor"\ndescription = "Who speaks."\n'
                          '[[tag]]\nname = "frame"\nkey = "5"\n', "b")
    store.apply_codebook(book)
    change = store.undo()
    assert change is not None and change.kind == "codebook"
    assert store.tags() == before  # the rename, the new tag and the description, all undone
    assert store.annotation(ann.id).tag == "actor"
    change = store.undo()  # the deletion before it comes back under the name it had then
    assert change is not None and change.kind == "delete" and change.annotation.tag == "actor"
    assert sorted(a.tag for a in store.annotations()) == ["actor", "actor"]
    store.redo()
    store.redo()
    assert [t.name for t in store.tags()] == ["quote", "claim", "number", "speaker", "frame"]
    assert [a.tag for a in store.annotations()] == ["speaker"]
    store.undo()
    store.undo()
    assert sorted(a.tag for a in store.annotations()) == ["actor", "actor"]


def test_a_rename_onto_an_existing_tag_is_refused(store):
    with pytest.raises(CodebookError, match="line 1: cannot rename 'actor' to 'claim'"):
        store.apply_codebook(parse_codebook('[[tag]]\nname = "claim"\nrenamed_from = "actor"\n', "b"))
    assert [t.name for t in store.tags()] == ["quote", "claim", "number", "actor"]


def test_a_relation_naming_a_tag_the_database_lacks_is_refused_at_its_line(store):
    text = '[[tag]]\nname = "frame"\n\n[[relation]]\nname = "r"\nsource = ["frame"]\ntarget = ["speaker"]\n'
    with pytest.raises(CodebookError, match="b, line 4: relation 'r': unknown target tag 'speaker'"):
        store.apply_codebook(parse_codebook(text, "b"))
    assert "frame" not in [t.name for t in store.tags()]  # rolled back


def test_export_round_trips_as_toml_and_csv(store):
    tricky = ('[[tag]]\nname = "frame"\nkey = "f"\ncolor = "#aa00ff"\ngroups_by = "passage"\n'
              'description = """A framing device.\nInclude: "quoted" metaphors; exclude \\\\ tabs\tand ünïcode."""\n')
    store.apply_codebook(parse_codebook(FRAME.replace('"5"', '"6"') + tricky.replace("frame", "frame2"), "b"))
    tags, relations = store.tags(), store.relation_types()
    out = io.StringIO()
    write_toml(tags, relations, out)
    again = parse_codebook(out.getvalue(), "export.toml")
    assert again.replace_defaults
    assert [entry.tag for entry in again.tags] == tags
    assert [entry.relation for entry in again.relations] == relations
    out = io.StringIO()
    assert write_csv(tags, out) == len(tags)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [(r["name"], r["description"], r["key"], r["color"], r["groups_by"]) for r in rows] == [
        (t.name, t.description, t.key or "", t.colour or "", t.groups_by) for t in tags]


def test_schema_4_databases_migrate_to_the_newest_keeping_every_row(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
    old = open_store(path)
    import_seeds(old)
    assert old.conn.execute("PRAGMA user_version").fetchone()[0] == 4
    doc = old.document_ids()[0]
    old.close()
    monkeypatch.undo()
    conn = sqlite3.connect(path, isolation_level=None)  # as version 4's code wrote rows (its tags had 4 columns)
    conn.execute("INSERT INTO tags (name, key, colour, position) VALUES ('frame', '5', '#aa00ff', 5)")
    for ann_id, tag, start in (("a1", "quote", 0), ("a2", "frame", 4)):
        conn.execute("INSERT INTO annotations (id, document_id, tag, start, end, text, prefix, suffix, annotator, "
                     "created, updated) VALUES (?, ?, ?, ?, ?, 'x', '', '', 'bob', 't', 't')",
                     (ann_id, doc, tag, start, start + 3))
        conn.execute("INSERT INTO history (kind, annotation_id, before, after, at, owner) VALUES "
                     "('create', ?, NULL, '{}', 't', 'api')", (ann_id,))
    conn.close()
    store = open_store(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        assert [(t.name, t.key, t.groups_by) for t in store.tags()] == [
            ("quote", "1", "passage"), ("claim", "2", "passage"), ("number", "3", "value"),
            ("actor", "4", "text"), ("frame", "5", "text")]
        assert store.tags()[4].description == "" and store.tags()[0].description
        assert [(a.id, a.tag, a.start) for a in store.annotations()] == [("a1", "quote", 0), ("a2", "frame", 4)]
        assert store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == 2
        assert [r.name for r in store.relation_types()] == ["said_by"]  # schema 6's default relation
    finally:
        store.close()
