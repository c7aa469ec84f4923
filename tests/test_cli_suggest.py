"""`sidebyside suggest`: the open suggestions as a table or exact JSONL, a clear word for a bad tag or document."""
from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner

from corpus.document import Document
from store import open_store
from store.importer import import_seeds
from tests.pty_terminal import run_on_terminal
from tests.suggestion_rules import DOCS, use_fake_rules
from tests.test_cli_commands import ENV, ROOT
from tui.cli import main


@pytest.fixture
def db(tmp_path, monkeypatch):
    use_fake_rules(monkeypatch)
    path = tmp_path / "study.db"
    store = open_store(path)
    for doc_id, text in DOCS.items():
        store.add_document(Document(id=doc_id, title=doc_id, text=text))
    store.close()
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["suggest", *args])
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_has_every_field_exactly_one_line_each(db):
    status, out, _ = _run("--db", str(db), "--format", "jsonl")
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [list(r) for r in records[:1]] == [["document_id", "tag", "start", "end", "text", "rule"]]
    assert [(r["document_id"], r["tag"], r["text"], r["rule"]) for r in records] == [
        ("a", "quote", '"We will not back down,"', "fake.quote"), ("a", "number", "30", "fake.number"),
        ("b", "number", "7", "fake.number")]
    assert all(DOCS[r["document_id"]][r["start"]:r["end"]] == r["text"] for r in records)


def test_the_table_lists_them_with_a_count_and_filters_by_tag_and_document(db):
    status, out, err = _run("--db", str(db))
    assert status == 0
    header, *rows = out.splitlines()
    assert header.split() == ["document_id", "tag", "start", "end", "rule", "text"]
    assert rows[0].split()[:5] == ["a", "quote", str(DOCS["a"].index('"')), str(DOCS["a"].index(" and")), "fake.quote"]
    assert rows[0].endswith('"We will not back down,"')
    assert "3 open suggestions" in err
    _, out, _ = _run("--db", str(db), "--tag", "number", "--document", "b", "--format", "jsonl")
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["7"]


def test_what_is_tagged_or_rejected_is_not_listed(db):
    store = open_store(db)
    quote, number = store.suggestions("a")
    store.reject_suggestion(quote)
    store.add_annotation("a", number.start, number.end, "number")
    store.close()
    _, out, _ = _run("--db", str(db), "--document", "a", "--format", "jsonl")
    assert out == ""


def test_an_unknown_tag_lists_the_tags_and_an_unknown_document_is_named(db):
    status, out, err = _run("--db", str(db), "--tag", "frame")
    assert status == 1 and out == ""
    assert "unknown tag 'frame'; known tags: quote, claim, number, actor" in err
    status, _, err = _run("--db", str(db), "--document", "nope")
    assert status == 1 and "no document with id 'nope'" in err
    status, _, err = _run("--db", str(db), "--tag", "claim")
    assert status == 0 and "no rule proposes claim spans" in err
    status, _, err = _run("--db", str(db.with_name("missing.db")))
    assert status == 1 and "no database at" in err and not db.with_name("missing.db").exists()


def test_untrusted_text_is_shown_literally_in_the_table_and_kept_exact_in_jsonl(tmp_path, monkeypatch):
    use_fake_rules(monkeypatch)
    path = tmp_path / "hostile.db"
    store = open_store(path)
    text = 'He said "\x1b]0;pwned\x07 [b]bold[/b]\nnext line" today.'
    store.add_document(Document(id="evil\x1b[31m", title="x", text=text))
    store.close()
    _, out, _ = _run("--db", str(path))
    assert "\x1b" not in out and "\x07" not in out
    assert "[b]bold[/b]" in out and "⏎" in out and len(out.splitlines()) == 3  # a row each (a 0 too)
    _, out, _ = _run("--db", str(path), "--format", "jsonl")
    record, _ = [json.loads(line) for line in out.splitlines()]
    assert record["text"] == text[text.index('"'):text.rindex('"') + 1]
    assert record["document_id"] == "evil\x1b[31m"


def test_on_a_real_terminal_the_real_rules_output_shows_no_control_character(tmp_path):
    path = tmp_path / "seeds.db"
    store = open_store(path)
    import_seeds(store)
    store.add_document(Document(id="bell", title="x", text='She said: "Ring \x07 the \x1b[2J bell now, please."'))
    store.close()
    status, shown, _ = run_on_terminal([sys.executable, "-m", "tui", "suggest", "--db", str(path)],
                                       cwd=ROOT, env=ENV)
    assert status == 0, shown
    assert "\x07" not in shown and "\x1b[2J" not in shown
    assert "open suggestion" in shown


def test_the_real_rules_jsonl_is_exact_on_the_seed_corpus(tmp_path):
    path = tmp_path / "seeds.db"
    store = open_store(path)
    import_seeds(store)
    texts = {doc_id: store.document(doc_id).text for doc_id in store.document_ids()}
    store.close()
    status, out, _ = _run("--db", str(path), "--format", "jsonl")
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records, "the rules suggest something in the seed articles"
    assert all(texts[r["document_id"]][r["start"]:r["end"]] == r["text"] for r in records)
