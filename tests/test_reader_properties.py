"""The reader under random documents and random keys (hypothesis): nothing raw reaches the screen,
no exception escapes, and every stored span equals its slice of the document."""
from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.document import Document
from store import open_store

# What must never reach a terminal raw: C0/C1 controls (but the line breaks the view lays out
# itself), DEL, and the bidirectional controls that reorder what follows them.
RAW = set(map(chr, [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                    0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x200D]))

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("ab cd\n\n\t[b]x[/] 2,493 $5 😀👩‍👩‍👧 \u202e\u2066\u200f\x1b[31m\x07\u0301 ا 中")),
    ),
    min_size=1, max_size=400,
).filter(lambda text: text.strip())

KEYS = st.lists(st.sampled_from([
    "right", "left", "down", "up", "w", "b", "W", "B", "shift+right", "shift+down", "v", "escape",
    "parenthesis_right", "parenthesis_left", "G", "g", "pagedown", "end", "home",
    "1", "2", "3", "4", "d", "u", "ctrl+r", "right_square_bracket", "left_square_bracket",
]), min_size=1, max_size=25)


def _run(text: str, keys: list[str]) -> None:
    from tui.app import ReaderApp

    async def drive() -> None:
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(Path(folder) / "p.db")
            try:
                store.add_document(Document(id="d", title="T\u202e\x1bT", text=text))
                stored = store.document("d").text
                app = ReaderApp(store, "tester")
                async with app.run_test(size=(60, 16)) as pilot:
                    for key in keys:
                        await pilot.press(key)
                    await pilot.pause()
                    view = app.focused_view
                    rows = [view.render_line(y).text for y in range(view.size.height)]
                    shown = "".join(rows) + str(app.query_one("#status").render())
                    assert not RAW & set(shown), sorted(RAW & set(shown))
                    assert app._exception is None
                for annotation in store.annotations():
                    assert annotation.text == stored[annotation.start:annotation.end]
                assert {(s.id, s.start, s.end) for s in view.spans} == {
                    (a.id, a.start, a.end) for a in store.annotations("d")}
            finally:
                store.close()

    asyncio.run(drive())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, keys=KEYS)
def test_random_documents_and_keys_keep_the_screen_clean_and_the_spans_exact(text, keys):
    _run(text, keys)


@pytest.mark.soak
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, keys=KEYS)
def test_soak_random_documents_and_keys(text, keys):
    _run(text, keys)
