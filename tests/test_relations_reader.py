"""Keys r, ], Enter, R, d and u in the real reader: links made, shown, listed, deleted and undone."""
from __future__ import annotations

import pytest

from corpus.document import Document

SIZE = (150, 40)
TEXT = ("“We will not pay,” said Richard Grenell on Tuesday. The minister, Peter Altmaier, replied: "
        "“Nobody asked you.” The talks go on.")


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


@pytest.fixture
def reader(tmp_path):
    from store import open_store
    from tui.app import ReaderApp

    store = open_store(tmp_path / "relations.db")
    store.add_document(Document(id="a", title="Doc a", text=TEXT))
    store.add_document(Document(id="b", title="Doc b", text="Another article."))
    spans = {name: store.add_annotation("a", *at(needle), tag, annotator="tester").id for name, needle, tag in [
        ("quote", "“We will not pay,”", "quote"), ("grenell", "Richard Grenell", "actor"),
        ("altmaier", "Peter Altmaier", "actor"), ("reply", "“Nobody asked you.”", "quote")]}
    yield ReaderApp(store, "tester", document_ids=["a"]), spans
    store.close()


def status(app) -> str:
    return str(app.query_one("#status").render())


async def to(app, pilot, needle: str) -> None:
    view = app.focused_view
    if view.document.id != "a":
        app.reader.open_in_focused("a", 0)
        await pilot.pause()
    view.move_to(TEXT.index(needle) + 1)
    await pilot.pause()


async def test_r_then_bracket_then_enter_links_the_quote_to_its_speaker_shown_while_reading(reader):
    app, spans = reader
    async with app.run_test(size=SIZE) as pilot:
        await to(app, pilot, "We will")
        await pilot.press("r")
        assert "link from “We will not pay,” — pick target" in status(app)
        await pilot.press("right_square_bracket")  # the next span a quote may link to: an actor
        view = app.focused_view
        assert view.cursor == at("Richard Grenell")[0]
        assert "→ actor “Richard Grenell”: Enter links" in status(app)
        assert view.layer_ranges("relation-target") == [at("Richard Grenell")]
        await pilot.press("enter")
        [info] = app.store.relations("a")
        assert (info.relation.source_id, info.relation.target_id, info.relation.type) == (
            spans["quote"], spans["grenell"], "said_by")
        assert info.relation.annotator == "tester"
        assert "link from" not in status(app) and "in 1 relation" in status(app)  # on the speaker now
        await to(app, pilot, "We will")
        assert "said by: Richard Grenell" in status(app)
        assert view.layer_ranges("relation-target") == [at("Richard Grenell")]
        await to(app, pilot, "talks")
        assert "said by" not in status(app) and view.layer_ranges("relation-target") == []

        await pilot.press("R")  # the list; d deletes, u in the reader brings it back
        from tui.screens.relations import RelationsScreen

        assert isinstance(app.screen, RelationsScreen)
        table = app.screen.query_one("#relations-table")
        assert table.row_count == 1
        assert "Richard Grenell" in str(table.get_row_at(0)[2])
        await pilot.press("d")
        assert app.store.relations() == [] and table.row_count == 0
        assert "No relations in this document yet" in str(app.screen.status)
        await pilot.press("escape")
        await to(app, pilot, "We will")
        assert "said by" not in status(app) and view.layer_ranges("relation-target") == []
        await pilot.press("u")
        assert len(app.store.relations()) == 1
        assert "said by: Richard Grenell" in status(app)
        assert view.layer_ranges("relation-target") == [at("Richard Grenell")]
        await pilot.press("u")  # the link itself
        assert app.store.relations() == [] and view.layer_ranges("relation-target") == []
        await pilot.press("ctrl+r")
        assert "said by: Richard Grenell" in status(app)


async def test_enter_on_the_list_jumps_to_the_source_and_escape_cancels_a_link(reader):
    app, spans = reader
    app.store.add_relation(spans["reply"], spans["altmaier"])
    async with app.run_test(size=SIZE) as pilot:
        await to(app, pilot, "talks")
        await pilot.press("R", "enter")
        assert app.focused_view.cursor == at("“Nobody asked you.”")[0]
        assert "said by: Peter Altmaier" in status(app)
        await pilot.press("r")
        assert "link from" in status(app)
        await pilot.press("escape")
        assert "link from" not in status(app) and len(app.store.relations()) == 1
        await pilot.press("r", "right_curly_bracket")  # another document in the pane: the link ends
        assert app.focused_view.document.id == "b" and "link from" not in status(app)
        assert app.reader.linking.link is None
        await pilot.press("left_curly_bracket")
        await to(app, pilot, "Richard Grenell")
        await pilot.press("r")  # an actor starts no relation in the default codebook
        assert "link from" not in status(app)
        assert any("actor starts no relation in this codebook (relations start from claim, quote)" in n.message
                   for n in app._notifications)


async def test_enter_on_a_span_no_link_may_end_on_links_nothing(reader):
    app, spans = reader
    async with app.run_test(size=SIZE) as pilot:
        await to(app, pilot, "We will")
        await pilot.press("r")
        await to(app, pilot, "Nobody")  # another quote: not a speaker
        assert "pick target" in status(app)
        await pilot.press("enter")
        assert app.store.relations() == [] and "link from" in status(app)
        assert any("Move to an actor to link to" in n.message for n in app._notifications)


async def test_d_on_a_linked_span_asks_then_deletes_both_and_u_restores_both(reader):
    from tui.screens.confirm import ConfirmScreen

    app, spans = reader
    app.store.add_relation(spans["quote"], spans["grenell"])
    async with app.run_test(size=SIZE) as pilot:
        await to(app, pilot, "Richard Grenell")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "and its 1 relation?" in app.screen.question
        await pilot.press("n")  # keep
        assert len(app.store.relations()) == 1 and app.store.annotation(spans["grenell"])
        await pilot.press("d")
        await pilot.press("y")
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.store.relations() == [] and spans["grenell"] not in {a.id for a in app.store.annotations()}
        await to(app, pilot, "We will")
        assert "said by" not in status(app)
        await pilot.press("u")  # one undo: the span and its relation
        assert len(app.store.relations()) == 1
        await to(app, pilot, "We will")
        assert "said by: Richard Grenell" in status(app)
        await to(app, pilot, "talks")
        await to(app, pilot, "Nobody")
        await pilot.press("d")  # a span in no relation is deleted at once, as before
        assert not isinstance(app.screen, ConfirmScreen)
        assert spans["reply"] not in {a.id for a in app.store.annotations()}


async def test_several_types_ask_which_with_a_key_each(reader):
    from store.codebook_file import parse_codebook
    from tui.screens.relation_type import RelationTypeScreen

    app, spans = reader
    app.store.apply_codebook(parse_codebook(
        '[[relation]]\nname = "about"\nsource = ["quote"]\ntarget = ["actor"]\ndescription = "Who it is about."\n', "b"))
    async with app.run_test(size=SIZE) as pilot:
        await to(app, pilot, "We will")
        await pilot.press("r", "right_square_bracket", "right_square_bracket")  # past Grenell to Altmaier
        assert app.focused_view.cursor == at("Peter Altmaier")[0]
        await pilot.press("enter")
        assert isinstance(app.screen, RelationTypeScreen)
        assert "about" in str(app.screen.body()) and "Who it is about." in str(app.screen.body())
        await pilot.press("2")
        [info] = app.store.relations()
        assert (info.relation.type, info.target.text) == ("about", "Peter Altmaier")
        await to(app, pilot, "We will")
        assert "about: Peter Altmaier" in status(app)


async def test_the_annotation_list_names_each_quotes_speaker(reader):
    app, spans = reader
    app.store.add_relation(spans["quote"], spans["grenell"])
    async with app.run_test(size=SIZE) as pilot:
        await to(app, pilot, "We will")
        await pilot.press("a")
        table = app.screen.query_one("#annotations-table")
        row = table.get_row(spans["quote"])
        assert "said by: Richard Grenell" in [str(cell) for cell in row]
        assert "said by" not in " ".join(str(cell) for cell in table.get_row(spans["reply"]))


async def test_a_relation_another_process_adds_is_shown_after_the_poll(reader, tmp_path):
    from store import open_store

    app, spans = reader
    async with app.run_test(size=SIZE) as pilot:
        await to(app, pilot, "We will")
        assert "said by" not in status(app)
        other = open_store(app.store.path)
        try:
            other.add_relation(spans["quote"], spans["grenell"], annotator="bob")
        finally:
            other.close()
        app.reader.outside_changes.poll()
        await pilot.pause()
        assert "said by: Richard Grenell" in status(app)
        assert app.focused_view.layer_ranges("relation-target") == [at("Richard Grenell")]
