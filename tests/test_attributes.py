"""Attributes: codebook definitions (errors name their line), validation, the form on `t`, undo, exports."""
from __future__ import annotations

import csv
import io
import json

import pytest

from corpus.document import Document
from store import open_store
from store.attributes import DEFAULT_ATTRIBUTES, SEEDED_STATE_KEY
from store.codebook_file import CodebookError, parse_codebook
from store.errors import InvalidAttributeError, StoreError
from store.formats import export
from store.records import AttributeDef, Choice

TEXT = "“We will not back down,” the minister said. Prices rose 30 per cent, to €6.5 billion. Oxfam agreed."
SIZE = (120, 40)

BOOK = """\
[[tag]]
name = "frame"
key = "5"

[[tag.attribute]]
name = "tone"
choices = ["positive", "negative", { value = "neutral", key = "x" }]
description = "How the frame leans."

[[tag.attribute]]
name = "source"      # free text: no choices
"""


@pytest.fixture
def store(tmp_path):
    st = open_store(tmp_path / "attributes.db")
    st.add_document(Document(id="doc", title="A title", text=TEXT))
    yield st
    st.close()


def _span(st, word, tag, annotator="root"):
    start = TEXT.index(word)
    return st.add_annotation("doc", start, start + len(word), tag, annotator=annotator)


# --- the codebook -----------------------------------------------------------------------------------------

def test_a_codebooks_attributes_read_with_their_keys():
    book = parse_codebook(BOOK, "book.toml")
    tone, source = book.tags[0].tag.attributes
    assert tone == AttributeDef("tone", (Choice("positive", "p"), Choice("negative", "n"), Choice("neutral", "x")),
                                "How the frame leans.")
    assert source == AttributeDef("source", (), "")


def test_choices_sharing_a_first_letter_get_distinct_keys():
    book = parse_codebook('[[tag]]\nname = "a"\n[[tag.attribute]]\nname = "k"\n'
                          'choices = ["direct", "documentary", "d2", "x"]\n')
    keys = [choice.key for choice in book.tags[0].tag.attributes[0].choices]
    assert keys == ["d", "o", "2", "x"] and len(set(keys)) == 4


@pytest.mark.parametrize("text,line,words", [
    ('[[tag]]\nname = "a"\n\n[[tag.attribute]]\nname = "k"\ncolour = "red"\n', 6, "unknown field 'colour'"),
    ('[[tag]]\nname = "a"\n[[tag.attribute]]\nname = "k"\n[[tag.attribute]]\nname = "k"\n', 6,
     "attribute 'k' is defined twice"),
    ('[[tag]]\nname = "a"\n[[tag.attribute]]\nname = "k"\nchoices = ["x", "x"]\n', 5, "the choice 'x' twice"),
    ('[[tag]]\nname = "a"\n[[tag.attribute]]\nname = "k"\nchoices = "x"\n', 5, "choices must be a list"),
    ('[[tag]]\nname = "a"\n[[tag.attribute]]\nchoices = ["x"]\n', 3, "an attribute name of tag 'a'"),
    ('[[tag]]\nname = "a"\n[[tag.attribute]]\nname = "my kind"\n', 4, "only letters, digits"),
    ('[[tag]]\nname = "a"\n[[tag.attribute]]\nname = "k"\nchoices = [{ value = "x", key = "xy" }]\n', 5,
     "a choice's key is one character"),
    ('[[tag]]\nname = "a"\n[[tag.attribute]]\nname = "k"\n'
     'choices = [{ value = "x", key = "q" }, { value = "y", key = "q" }]\n', 5, "two choices have the key 'q'"),
    ('[[tag]]\nname = "a"\n[[tag.attribute]]\nname = "k"\nchoices = [3]\n', 5, "each choice is a string"),
    ('[[tag]]\nname = "a"\n\n[[tag]]\nname = "b"\n[[tag.attribute]]\nname = "k"\ndescription = 1\n', 8,
     "description must be a string"),
    ('[[tag]]\nname = "a"\nattribute = [{ name = "k", size = 1 }]\n', 3, "unknown field 'size'"),
    ('[[tag]]\nname = "a"\nattribute = "k"\n', 3, "[[tag.attribute]] tables"),
])
def test_a_bad_attribute_is_refused_naming_its_line(text, line, words):
    with pytest.raises(CodebookError) as caught:
        parse_codebook(text, "book.toml")
    assert caught.value.line == line, str(caught.value)
    assert f"book.toml, line {line}:" in str(caught.value) and words in str(caught.value)


def test_the_default_codebook_has_the_issues_attributes(store):
    tags = {tag.name: tag for tag in store.tags()}
    assert [c.value for c in tags["quote"].attributes[0].choices] == ["direct", "indirect", "mixed"]
    assert [c.value for c in tags["actor"].attributes[0].choices] == ["person", "organisation", "country",
                                                                      "anonymous"]
    assert [(d.name, d.choices) for d in tags["number"].attributes] == [("value", ()), ("unit", ())]
    assert tags["claim"].attributes == ()


def test_a_schema_6_file_with_untouched_defaults_gets_them_once(tmp_path):
    path = tmp_path / "v6.db"
    open_store(path).close()
    st = open_store(path)
    with st._write() as conn:  # as a file made by schema 6 before attributes were seeded
        conn.execute("UPDATE tags SET attributes = '[]'")
        conn.execute("DELETE FROM state WHERE key = ?", (SEEDED_STATE_KEY,))
        conn.execute("UPDATE tags SET description = 'our own' WHERE name = 'actor'")
    st.close()
    st = open_store(path)
    tags = {tag.name: tag for tag in st.tags()}
    assert tags["quote"].attributes == DEFAULT_ATTRIBUTES["quote"]
    assert tags["actor"].attributes == ()  # redefined by the study: not touched
    st.apply_codebook(parse_codebook('[[tag]]\nname = "quote"\nattribute = []\n'))
    st.close()
    st = open_store(path)  # removed by a codebook, they stay removed
    assert {tag.name: tag for tag in st.tags()}["quote"].attributes == ()
    st.close()


def test_a_codebook_sets_and_export_writes_back_attributes(store):
    from store.codebook_file import write_csv, write_toml

    store.apply_codebook(parse_codebook(BOOK, "book.toml"))
    frame = {tag.name: tag for tag in store.tags()}["frame"]
    assert [d.name for d in frame.attributes] == ["tone", "source"]
    out = io.StringIO()
    write_toml(store.tags(), store.relation_types(), out)
    again = parse_codebook(out.getvalue())
    assert [entry.tag for entry in again.tags] == store.tags()
    out = io.StringIO()
    write_csv(store.tags(), out)
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["frame"]["attributes"] == "tone: positive | negative | neutral; source"
    assert rows["claim"]["attributes"] == ""


def test_a_joined_codebook_keeps_a_tags_attributes_unless_it_gives_some(store):
    store.apply_codebook(parse_codebook('[[tag]]\nname = "quote"\ndescription = "Ours."\n'))
    quote = {tag.name: tag for tag in store.tags()}["quote"]
    assert quote.description == "Ours." and quote.attributes == DEFAULT_ATTRIBUTES["quote"]
    store.apply_codebook(parse_codebook('[[tag]]\nname = "quote"\n[[tag.attribute]]\nname = "lang"\n'))
    assert [d.name for d in {tag.name: tag for tag in store.tags()}["quote"].attributes] == ["lang"]
    assert store.undo().kind == "codebook"  # a codebook change is one undo step, attributes included
    assert {tag.name: tag for tag in store.tags()}["quote"].attributes == DEFAULT_ATTRIBUTES["quote"]


# --- validation and undo ------------------------------------------------------------------------------------

def test_attributes_are_validated_against_the_codebook(store):
    quote = _span(store, "We will not back down", "quote")
    with pytest.raises(InvalidAttributeError, match=r"tag 'quote' has no attribute 'tone' \(its attributes: kind\)"):
        store.set_attributes(quote.id, {"tone": "x"})
    with pytest.raises(InvalidAttributeError, match=r"'paraphrase' is not a choice .* direct, indirect, mixed"):
        store.set_attributes(quote.id, {"kind": "paraphrase"})
    with pytest.raises(InvalidAttributeError, match="takes text, got int"):
        store.set_attributes(quote.id, {"kind": 3})
    claim = _span(store, "Prices rose", "claim")
    with pytest.raises(InvalidAttributeError, match=r"its attributes: none"):
        store.set_attributes(claim.id, {"kind": "direct"})
    with pytest.raises(StoreError, match="lone surrogate"):
        store.set_attributes(_span(store, "30 per cent", "number").id, {"unit": "\ud800"})
    with pytest.raises(InvalidAttributeError, match="NUL"):
        store.set_attributes(quote.id, {"kind": "direct\x00"})
    assert [a.attributes for a in store.annotations()] == ["{}"] * 3
    assert store.undo().kind == "create"  # the refusals left no undo step


def test_one_undo_restores_the_old_attributes_and_who_changed_them(store):
    number = _span(store, "€6.5 billion", "number")
    store.annotator = "ann"
    store.set_attributes(number.id, {"value": "6500000000", "unit": "EUR"})
    store.annotator = "bob"
    changed = store.set_attributes(number.id, {"unit": "euro", "value": None})
    assert json.loads(changed.attributes) == {"unit": "euro"} and changed.updated_by == "bob"
    assert store.set_attributes(number.id, {"unit": "euro"}) == changed  # nothing new: no step
    undone = store.undo()
    assert undone.kind == "attributes"
    back = store.annotation(number.id)
    assert json.loads(back.attributes) == {"value": "6500000000", "unit": "EUR"} and back.updated_by == "ann"


# --- exports -------------------------------------------------------------------------------------------------

def test_csv_has_a_column_per_attribute_and_jsonl_an_object(store):
    quote = _span(store, "We will not back down", "quote")
    number = _span(store, "€6.5 billion", "number")
    _span(store, "Oxfam", "actor")
    store.set_attributes(quote.id, {"kind": "direct"})
    store.set_attributes(number.id, {"value": "=6.5e9", "unit": "EUR\u2028\"x\""})
    out = io.StringIO(newline="")
    export(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0])[-4:] == ["attr_kind", "attr_value", "attr_unit", "attr_type"]
    assert [(r["text"], r["attr_kind"], r["attr_value"], r["attr_unit"], r["attr_type"]) for r in rows] == [
        ("We will not back down", "direct", "", "", ""),
        ("€6.5 billion", "", "'=6.5e9", "EUR\u2028\"x\"", ""),  # the formula guard on attribute cells too
        ("Oxfam", "", "", "", "")]
    raw = io.StringIO(newline="")
    export(store, "csv", raw, raw=True)
    assert list(csv.DictReader(io.StringIO(raw.getvalue(), newline="")))[1]["attr_value"] == "=6.5e9"
    out = io.StringIO()
    export(store, "jsonl", out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3  # U+2028 is escaped: one record a line
    records = [json.loads(line) for line in lines]
    assert [r["attributes"] for r in records] == [{"kind": "direct"}, {"value": "=6.5e9", "unit": "EUR\u2028\"x\""},
                                                  {}]
    assert all(TEXT[r["start"]:r["end"]] == r["text"] for r in records)


def test_a_hand_edited_attributes_cell_does_not_break_the_export(store):
    quote = _span(store, "We will not back down", "quote")
    with store._write() as conn:
        conn.execute("UPDATE annotations SET attributes = 'not json' WHERE id = ?", (quote.id,))
    out = io.StringIO()
    export(store, "jsonl", out)
    assert json.loads(out.getvalue())["attributes"] == "not json"
    out = io.StringIO(newline="")
    export(store, "csv", out)
    assert next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))["attr_kind"] == ""
