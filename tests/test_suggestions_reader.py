"""Keys z Z + - in the real reader: suggestions drawn dim, accepted into annotations, rejected for good, undone."""
from __future__ import annotations

import csv
import json

import pytest

from corpus.document import Document
from tests.suggestion_rules import use_fake_rules

SIZE = (140, 40)
DOCS = {
    "a": 'The minister said: "We will not back down," on Monday. Then 30 more came, and "Enough" was said.',
    "b": "A second article with 12 numbers and Grenell in it.",
    "c": 'A third one: "Give us 7 days," she said.',
}
QUOTE = '"We will not back down,"'


@pytest.fixture
def db(tmp_path, monkeypatch):
    from store import open_store

    use_fake_rules(monkeypatch)
    path = tmp_path / "suggest.db"
    store = open_store(path)
    for doc_id, text in DOCS.items():
        store.add_document(Document(id=doc_id, title=f"Doc {doc_id}", text=text))
    store.close()
    return path


def reader(path):
    from store import open_store
    from tui.app import ReaderApp

    return ReaderApp(open_store(path), "tester")


def status_text(app) -> str:
    return str(app.query_one("#status").render())


def styles_of(view, needle: str):
    """The style each character of `needle` (its first occurrence) is drawn in, on the rows it covers."""
    start = view.text.index(needle)
    end = start + len(needle)
    styles = []
    for row in range(view.layout_.row_of(start), view.layout_.row_of(end - 1) + 1):
        strip = view.render_line(row - int(view.scroll_y) + 1)  # the header is line 0
        offset = view.layout_.starts[row]
        for segment in list(strip)[1:]:  # the gutter first
            for _char in segment.text:
                if offset >= view.layout_.ends[row]:
                    break
                if start <= offset < end:
                    styles.append(segment.style)
                offset += 1
    return styles


async def test_z_draws_the_suggestions_dim_and_underlined_never_like_a_tag_and_hides_them(db):
    app = reader(db)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        assert view.document.id == "a"
        assert view.layer_ranges("suggestions") == []  # off until asked for
        assert app.reader.suggesting._proposed == {}  # and not computed either
        await pilot.press("z")
        quote_start = DOCS["a"].index(QUOTE)
        assert (quote_start, quote_start + len(QUOTE)) in view.layer_ranges("suggestions")
        drawn = styles_of(view, QUOTE)
        [plain] = set(styles_of(view, "minister"))  # plain text
        assert drawn and all(s.dim and s.underline and s.bgcolor == plain.bgcolor for s in drawn)
        app.store.add_annotation("a", 4, 12, "claim")  # a saved span has its tag's background
        app.reader.show_in_pane(view, "a")
        await pilot.pause()
        assert all(s.bgcolor != plain.bgcolor and not s.dim for s in styles_of(view, "minister"))
        assert "3 suggestions (Z next)" in status_text(app)
        assert set(app.reader.suggesting._proposed) == {"a"}  # only the document shown
        await pilot.press("z")
        assert view.layer_ranges("suggestions") == []
        assert not any(s.dim for s in styles_of(view, QUOTE))
        assert "suggestion" not in status_text(app)
    app.store.close()


async def test_Z_steps_to_each_suggestion_names_it_and_goes_round(db):
    app = reader(db)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("Z")  # shows them first, when hidden
        assert view.layer_ranges("suggestions")
        starts = [s.start for s in app.reader.suggesting.open_in(view)]
        assert view.cursor == starts[0] == DOCS["a"].index(QUOTE)
        assert "suggested quote (fake.quote) 1/3: + accepts, - rejects" in status_text(app)
        for start in starts[1:]:
            await pilot.press("Z")
            assert view.cursor == start
        await pilot.press("Z")
        assert view.cursor == starts[0]
        assert any("from the top" in str(n.message) for n in app._notifications)
    app.store.close()


async def test_plus_makes_an_annotation_that_is_stored_and_exported_and_u_brings_the_suggestion_back(db):
    app = reader(db)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("Z")
        await pilot.press("plus")
        [made] = app.store.annotations("a")
        assert (made.tag, made.text, made.annotator) == ("quote", QUOTE, "tester")
        assert view.spans.get(made.id) is not None  # drawn as a tag now
        assert (made.start, made.end) not in view.layer_ranges("suggestions")
        assert not any(s.dim for s in styles_of(view, QUOTE))
        await pilot.press("x")
        rows = list(csv.DictReader(db.with_name("suggest-annotations.csv").open(encoding="utf-8", newline="")))
        assert [(r["tag"], r["text"]) for r in rows] == [("quote", QUOTE)]
        records = [json.loads(line) for line in db.with_name("suggest-annotations.jsonl").read_text("utf-8").splitlines()]
        assert [(r["tag"], r["text"]) for r in records] == [("quote", QUOTE)]  # the 3 open ones are not there
        await pilot.press("u")
        assert app.store.annotations("a") == [] and view.spans.get(made.id) is None
        assert (made.start, made.end) in view.layer_ranges("suggestions")
    app.store.close()


async def test_minus_rejects_it_for_good_across_a_restart_and_u_brings_it_back(db):
    app = reader(db)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("Z", "minus")
        quote_start = DOCS["a"].index(QUOTE)
        assert (quote_start, quote_start + len(QUOTE)) not in view.layer_ranges("suggestions")
        assert len(view.layer_ranges("suggestions")) == 2
        assert app.store.annotations("a") == []
        await pilot.press("minus")  # the cursor is on no suggestion now
        assert any("No suggestion under the cursor" in str(n.message) for n in app._notifications)
    app.store.close()
    again = reader(db)
    async with again.run_test(size=SIZE) as pilot:
        view = again.focused_view
        await pilot.press("z")
        assert (quote_start, quote_start + len(QUOTE)) not in view.layer_ranges("suggestions")
        await pilot.press("u")  # the rejection was this annotator's last action, in the last session
        assert (quote_start, quote_start + len(QUOTE)) in view.layer_ranges("suggestions")
        assert again.store.conn.execute("SELECT COUNT(*) FROM suggestion_decisions").fetchone()[0] == 0
    again.store.close()


async def test_a_tag_key_on_the_same_span_closes_the_suggestion_and_shown_documents_get_theirs(db):
    app = reader(db)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("z")
        number = DOCS["a"].index("30")
        view.move_to(number)
        await pilot.press("3")  # number, tagged by hand on exactly the suggested span
        assert (number, number + 2) not in view.layer_ranges("suggestions")
        await pilot.press("d")
        assert (number, number + 2) in view.layer_ranges("suggestions")
        await pilot.press("right_curly_bracket")  # the next document in this pane: its suggestions too
        assert view.document.id == "b"
        twelve = DOCS["b"].index("12")
        assert view.layer_ranges("suggestions") == [(twelve, twelve + 2)]
    app.store.close()


async def test_a_long_article_is_computed_off_the_ui_thread(db, monkeypatch):
    import tui.suggesting

    monkeypatch.setattr(tui.suggesting, "THREAD_CHARS", 10)
    app = reader(db)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(view.layer_ranges("suggestions")) == 3
        assert "3 suggestions" in status_text(app)
    app.store.close()


async def test_the_status_line_names_the_innermost_suggestion_under_the_cursor(db):
    app = reader(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab")
        view = app.focused_view
        assert view.document.id == "c"
        await pilot.press("z")
        view.move_to(DOCS["c"].index("7"))
        await pilot.pause()
        assert "suggested number (fake.number) 2/2" in status_text(app)  # inside the quote: the number
        view.move_to(DOCS["c"].index("Give"))
        await pilot.pause()
        assert "suggested quote (fake.quote) 1/2" in status_text(app)
        view.move_to(DOCS["c"].index(" she"))  # just after the quote still means it, as with spans
        await pilot.pause()
        assert "suggested quote" in status_text(app)
        view.move_to(DOCS["c"].index("said"))
        await pilot.pause()
        assert "2 suggestions (Z next)" in status_text(app)
    app.store.close()


async def test_a_rejection_or_a_tag_by_another_process_closes_the_suggestion_here(db):
    from store import open_store

    app = reader(db)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("z")
        other = open_store(db)  # another coder's reader, or a script
        quote, number, _ = other.suggestions("a")
        other.reject_suggestion(quote)
        other.add_annotation("a", number.start, number.end, "number")
        other.close()
        app.reader.outside_changes.poll()
        await pilot.pause()
        assert view.layer_ranges("suggestions") == [(s.start, s.end) for s in app.store.suggestions("a")]
        assert len(view.layer_ranges("suggestions")) == 1
    app.store.close()
