"""Documents in the store: import, no-op re-import, changed text refused, listings."""
from __future__ import annotations

import hashlib

import pytest

import store
from corpus.document import Document, StyleSpan
from store.errors import DocumentChangedError, UnknownDocumentError


@pytest.fixture
def s(tmp_path):
    st = store.open_store(tmp_path / "docs.db")
    yield st
    st.close()


def doc(doc_id="a", text="Hello world", **kw):
    return Document(id=doc_id, title=kw.pop("title", f"Title {doc_id}"), text=text, **kw)


def test_add_document_stores_every_field(s):
    d = doc(text="# Head\n**bold** 😀", source="Wire", url="https://x.test/a", date="2024-05-01",
            format="markdown", styles=(StyleSpan(0, 4, "heading"), StyleSpan(5, 9, "bold")))
    assert s.add_document(d) == "added"
    got = s.document("a")
    assert (got.id, got.title, got.source, got.url, got.date, got.text, got.format) == (
        "a", "Title a", "Wire", "https://x.test/a", "2024-05-01", d.text, "markdown")
    assert got.styles == d.styles
    assert got.sha256 == hashlib.sha256(d.text.encode("utf-8")).hexdigest()
    assert got.imported.endswith("Z") and len(got.imported) == len("2024-01-01T00:00:00.000Z")
    raw = s.conn.execute("SELECT styles, position FROM documents").fetchone()
    assert raw == ('[[0, 4, "heading"], [5, 9, "bold"]]', 1)


def test_same_document_again_is_unchanged_and_writes_nothing(s):
    s.add_document(doc())
    changes = s.conn.total_changes
    assert s.add_document(doc(title="another title")) == "unchanged"
    assert s.conn.total_changes == changes
    assert s.document("a").title == "Title a"


def test_same_id_other_text_is_refused(s):
    s.add_document(doc())
    with pytest.raises(DocumentChangedError) as info:
        s.add_document(doc(text="Hello world, edited"))
    assert "'a'" in str(info.value) and "not supported yet" in str(info.value)
    assert s.document("a").text == "Hello world"


def test_import_order_and_ids(s):
    for name in ["zeta", "alpha", "mid"]:
        s.add_document(doc(name))
    assert s.document_ids() == ["zeta", "alpha", "mid"]
    assert [d.id for d in s.documents()] == ["zeta", "alpha", "mid"]
    positions = [p for (p,) in s.conn.execute("SELECT position FROM documents ORDER BY rowid")]
    assert positions == [1, 2, 3]


def test_documents_listing_lengths_and_counts(s):
    s.add_document(doc("a", "emoji 😀 and e\u0301 and 中文"))
    s.add_document(doc("b", "nul\x00inside text"))
    s.add_annotation("a", 0, 5, "quote")
    s.add_annotation("a", 6, 7, "quote")
    s.add_annotation("a", 8, 11, "actor")
    infos = {d.id: d for d in s.documents()}
    assert infos["a"].length == len("emoji 😀 and e\u0301 and 中文")
    assert infos["b"].length == len("nul\x00inside text")
    assert infos["a"].counts == {"quote": 2, "claim": 0, "number": 0, "actor": 1}
    assert infos["b"].counts == {"quote": 0, "claim": 0, "number": 0, "actor": 0}
    assert infos["a"].title == "Title a"


def test_unknown_document(s):
    with pytest.raises(UnknownDocumentError):
        s.document("nope")
    with pytest.raises(UnknownDocumentError):
        s.annotations("nope")
    with pytest.raises(UnknownDocumentError):
        s.count_annotations("nope")


def test_text_round_trips_exactly(s):
    text = "\ufeffBOM kept? \u2028 line sep \x85 nel \r lone CR \t tab \U0001F468\u200d\U0001F469 zwj"
    s.add_document(doc(text=text))
    assert s.document("a").text == text
    assert s.documents()[0].length == len(text)


def test_seed_corpus_imports(s):
    from corpus.seeds import read_seeds

    result = read_seeds()
    documents = getattr(result, "documents", result)
    for d in documents:
        assert s.add_document(d) == "added"
    for d in documents:
        assert s.add_document(d) == "unchanged"
        assert s.document(d.id).text == d.text


def test_add_documents_stores_a_batch_in_one_commit_and_reports_each(s, monkeypatch):
    s.add_document(doc("kept", "Same text"))
    s.add_document(doc("other", "Old text"))
    commits = []
    monkeypatch.setattr(s, "_write", _counting(s._write, commits))
    outcomes = s.add_documents([doc("new", "New text"), doc("kept", "Same text"),
                                doc("other", "Changed text"), doc("last", "Last")])
    assert outcomes[0] == "added" and outcomes[1] == "unchanged" and outcomes[3] == "added"
    assert isinstance(outcomes[2], DocumentChangedError) and "'other'" in str(outcomes[2])
    assert len(commits) == 1
    assert s.document_ids() == ["kept", "other", "new", "last"]
    assert s.document("other").text == "Old text"


def _counting(write, calls):
    def counted():
        calls.append(1)
        return write()
    return counted


def test_add_documents_is_all_or_nothing_when_the_transaction_fails(s, monkeypatch):
    from store import documents as docs

    calls = []

    def failing_insert(conn, document, *rest):
        calls.append(document.id)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(conn, document, *rest)

    original = docs.insert
    monkeypatch.setattr(docs, "insert", failing_insert)
    with pytest.raises(RuntimeError):
        s.add_documents([doc("one", "First"), doc("two", "Second")])
    assert s.document_ids() == []  # the first was rolled back with the second


def test_text_sha256_is_the_standard_sha256_of_the_utf8_text():
    from store.documents import text_sha256

    for text in ("", "Grenell said", "習近平 👍🏽 café\u0301\n\tend"):
        assert text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_a_documents_text_is_read_once_for_the_document_and_its_spans(tmp_path):
    st = store.open_store(tmp_path / "once.db")
    st.add_document(Document(id="big", title="Big", text="word " * 10_000))
    st.close()
    st = store.open_store(tmp_path / "once.db")
    statements: list[str] = []
    st.conn.set_trace_callback(statements.append)
    document = st.document("big")
    st.spans("big")
    st.add_annotation("big", 0, 4, "actor")
    assert sum("FROM documents" in statement for statement in statements) == 1
    assert st.annotations()[0].text == document.text[0:4] == "word"
    st.close()


def test_the_same_id_twice_in_one_batch_is_compared_with_the_first(s):
    outcomes = s.add_documents([doc("twice", "Text"), doc("twice", "Text"), doc("twice", "Other"),
                                doc("after", "After")])
    assert outcomes[:2] == ["added", "unchanged"] and outcomes[3] == "added"
    assert isinstance(outcomes[2], DocumentChangedError)
    assert s.document_ids() == ["twice", "after"] and s.document("twice").text == "Text"


def test_a_large_batch_hashes_as_a_small_one_does(s):
    from store.documents import text_sha256

    batch = [doc(f"d{n}", f"text {n} é👍") for n in range(30)]
    assert s.add_documents(batch) == ["added"] * 30
    assert [s.document(d.id).sha256 for d in batch] == [text_sha256(d.text) for d in batch]
    assert text_sha256("é👍", bulk=True) == text_sha256("é👍") == hashlib.sha256("é👍".encode()).hexdigest()
