"""Keys E (entity) and p (propagation) in the real reader: what is shown, what is stored, one u each."""
from __future__ import annotations

import pytest

from corpus.document import Document

SIZE = (140, 40)
DOCS = {
    "a": "Ambassador Richard Grenell said the pipeline was a risk. Grenell spoke in Berlin on Monday.",
    "b": "Richard A. Grenell, the US ambassador, warned Berlin. Grenell had said so before; Grenellism no.",
    "c": "Dick Grenell told reporters the deal was a mistake, and GRENELL shouted.",
    "d": "Nothing here names him.",
}


@pytest.fixture
def reader(tmp_path):
    from store import open_store
    from tui.app import ReaderApp

    store = open_store(tmp_path / "entities.db")
    for doc_id, text in DOCS.items():
        store.add_document(Document(id=doc_id, title=f"Doc {doc_id}", text=text))
    yield ReaderApp(store, "tester")
    store.close()


def status_text(app) -> str:
    return str(app.query_one("#status").render())


async def tag_at(app, pilot, doc_id: str, needle: str, key: str = "4", selected: bool = False):
    """Open `doc_id` in the focused pane and tag `needle` (its word, or the selection of it)."""
    view = app.focused_view
    if view.document.id != doc_id:
        app.reader.open_in_focused(doc_id, 0)
        await pilot.pause()
    start = DOCS[doc_id].index(needle)
    view.move_to(start)
    if selected:
        view.move_to(start + len(needle), extend=True)
    await pilot.press(key)
    return next(a for a in app.store.annotations(doc_id) if a.start == start)


async def test_E_offers_the_fuzzy_match_first_and_enter_links_it(reader):
    from tui.screens.entity_picker import EntityPickerScreen

    app = reader
    grenell = app.store.create_entity("Richard A. Grenell")
    app.store.create_entity("Angela Merkel")
    async with app.run_test(size=SIZE) as pilot:
        span = await tag_at(app, pilot, "a", "Grenell spoke")
        assert span.text == "Grenell" and span.tag == "actor"
        await pilot.press("E")
        screen = app.screen
        assert isinstance(screen, EntityPickerScreen)
        assert screen.query_one("#entities-name").value == "Grenell"  # the span's text, as the default
        assert screen.rows[0] == f"entity:{grenell.id}"  # the best match first, highlighted
        await pilot.press("enter")
        assert not isinstance(app.screen, EntityPickerScreen)
        assert app.store.annotation(span.id).entity_id == grenell.id
        assert "entity: Richard A. Grenell" in status_text(app)  # the cursor is still on the span
        await pilot.press("u")
        assert app.store.annotation(span.id).entity_id is None
        assert "entity:" not in status_text(app)


async def test_E_names_a_new_entity_typed_and_the_coverage_groups_the_spellings(reader):
    from tui.screens.coverage import CoverageScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        first = await tag_at(app, pilot, "b", "Richard A. Grenell", selected=True)
        await pilot.press("E")
        assert app.screen.rows[0] == "new"  # no entity yet: the span's text is the new one
        await pilot.press("enter")
        [counted] = app.store.entities()
        assert counted.entity.name == "Richard A. Grenell" and app.store.annotation(first.id).entity_id

        second = await tag_at(app, pilot, "a", "Richard Grenell", selected=True)
        await pilot.press("E")
        assert app.screen.rows[:2] == [f"entity:{counted.entity.id}", "new"]
        await pilot.press("enter")
        third = await tag_at(app, pilot, "c", "Dick Grenell", selected=True)
        await pilot.press("E")
        assert app.screen.rows[0] == f"entity:{counted.entity.id}"  # the shared surname offers it
        await pilot.press("enter")
        assert {app.store.annotation(a.id).entity_id for a in (first, second, third)} == {counted.entity.id}

        # A name typed over the default: the typed one is offered as new below its matches.
        other = await tag_at(app, pilot, "c", "GRENELL")
        await pilot.press("E", "ctrl+u", *"Someone Else")
        assert "new" in app.screen.rows
        while app.screen.rows[app.screen.query_one("#entities-table").cursor_row] != "new":
            await pilot.press("down")
        await pilot.press("enter")
        assert app.store.entity_of(other.id).name == "Someone Else"

        await pilot.press("c")
        assert isinstance(app.screen, CoverageScreen)
        actors = [row for row in app.screen.coverage.rows if row.tag == "actor"]
        assert [(row.label, row.reach) for row in actors] == [("Richard A. Grenell", 3), ("Someone Else", 1)]
        table = app.screen.query_one("#coverage-table")
        labels = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "Richard A. Grenell" in labels and "Dick Grenell" not in labels


async def test_E_on_a_quote_says_why_not_and_unlink_from_the_picker(reader):
    from tui.screens.entity_picker import EntityPickerScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        await tag_at(app, pilot, "a", "the pipeline was a risk", key="1", selected=True)
        app.focused_view.move_to(DOCS["a"].index("pipeline"))
        await pilot.press("E")
        assert not isinstance(app.screen, EntityPickerScreen)
        assert app.store.entities() == []
        span = await tag_at(app, pilot, "a", "Berlin")
        await pilot.press("E", "enter")
        assert app.store.entity_of(span.id).name == "Berlin"
        await pilot.press("E")
        assert app.screen.rows[-1] == "unlink"
        await pilot.press(*["down"] * len(app.screen.rows), "enter")
        assert app.store.annotation(span.id).entity_id is None


async def wait_for_count(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_p_shows_how_many_and_where_then_tags_all_and_one_u_undoes_all(reader):
    from tui.screens.propagate import PropagateScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        source = await tag_at(app, pilot, "a", "Grenell spoke"[:7])
        entity = app.store.create_and_link_entity(source.id, "Richard A. Grenell")
        await pilot.press("p")
        await wait_for_count(app, pilot)
        screen = app.screen
        assert isinstance(screen, PropagateScreen)
        summary = str(screen.query_one("#propagate-summary").render())
        # a: the one in "Richard Grenell"; b: two (not Grenellism); c: "Dick Grenell" (not GRENELL)
        assert "4 other occurrences in 3 documents" in summary and "case-sensitive" in summary
        assert "Richard A. Grenell" in summary  # the entity the new spans will name
        table = screen.query_one("#propagate-table")
        assert [(str(table.get_row_at(i)[0]), str(table.get_row_at(i)[2])) for i in range(table.row_count)] == \
            [("a", "1"), ("b", "2"), ("c", "1")]
        assert "Dick " in str(screen.query_one("#propagate-contexts").render())
        await pilot.press("enter")
        assert not isinstance(app.screen, PropagateScreen)
        grenells = [a for a in app.store.annotations() if a.text == "Grenell"]
        assert len(grenells) == 5 and all(a.entity_id == entity.id and a.tag == "actor" for a in grenells)
        assert all(DOCS[a.document_id][a.start:a.end] == "Grenell" for a in grenells)
        assert len(app.focused_view.spans) == 2  # the pane showing a draws the new span

        await pilot.press("u")
        assert [a.id for a in app.store.annotations() if a.text == "Grenell"] == [source.id]
        assert len(app.focused_view.spans) == 1
        await pilot.press("ctrl+r")
        assert app.store.count_annotations() == 5


async def test_p_counts_again_in_any_case_on_i_and_escape_tags_nothing(reader):
    from tui.screens.propagate import PropagateScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        await tag_at(app, pilot, "b", "Grenell had"[:7])
        await pilot.press("p")
        await wait_for_count(app, pilot)
        assert isinstance(app.screen, PropagateScreen)
        assert [o.document_id for o in app.screen.occurrences.found] == ["a", "a", "b", "c"]
        await pilot.press("i")
        await wait_for_count(app, pilot)
        screen = app.screen
        assert isinstance(screen, PropagateScreen) and not screen.occurrences.case_sensitive
        assert [o.text for o in screen.occurrences.found] == ["Grenell"] * 4 + ["GRENELL"]
        assert "any case" in str(screen.query_one("#propagate-summary").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, PropagateScreen) and app.store.count_annotations() == 1


async def test_p_with_nothing_else_to_tag_opens_no_screen(reader):
    from tui.screens.propagate import PropagateScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        await tag_at(app, pilot, "d", "names")
        await pilot.press("p")
        await wait_for_count(app, pilot)
        assert not isinstance(app.screen, PropagateScreen)
        assert app.store.count_annotations() == 1
        assert any("No other occurrence of “names”" in n.message for n in app._notifications)
        app.focused_view.move_to(0)
        await pilot.press("p")  # no span under the cursor: said, nothing counted
        assert app.reader.propagation.counting is None
