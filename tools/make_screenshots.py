"""Make the SVG screenshots in screenshots/ from the real reader on a fresh study.

    .venv/bin/python tools/make_screenshots.py [output folder, default screenshots/]

Builds a temporary database with the seed corpus and the fixed annotations of tests/snapshot_data.py
(all four tags, an actor nested in a quote, a note), runs ReaderApp headless, moves the cursor, selects a
word with shift+right in the first pane and saves:

    reader.svg        main screen, 200x50 (five panes)
    reader-100.svg    100 columns (two panes)
    annotations.svg   the annotation list (a)
    help.svg          the keys overlay (?)
    picker.svg        the document picker (o)
    all-annotations.svg  the corpus-wide annotation list (A), filtered with tag:act
    codebook.svg      the codebook view (C)
    attributes.svg    the attribute form (t) on a quote, "direct" picked
    relation.svg      a relation shown while reading: the quote under the cursor, its speaker
                      highlighted and named in the status line
    suggestions.svg   the suggestions shown (z) and the cursor on the next one (Z), corpus/suggest.py's rules
"""
from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.snapshot_data import (  # noqa: E402
    ALL_ANNOTATIONS_KEYS,
    ATTRIBUTE_FORM_KEYS,
    RELATION_KEYS,
    build_app,
    build_store,
    move_and_select,
    press_and_hold_still,
)

WIDE = (200, 50)
NARROW = (100, 50)
SUGGESTION_KEYS = ["z", "Z"]


async def shoot(store, out: Path, size: tuple[int, int], shots: list[tuple[str, list[str]]]) -> None:
    """Run the reader at `size`, select in the first pane, then for each (file, keys): press keys, save, close."""
    app = build_app(store)
    async with app.run_test(size=size) as pilot:
        await move_and_select(pilot)
        for filename, keys in shots:
            if keys:
                await press_and_hold_still(pilot, *keys)
            if keys == SUGGESTION_KEYS:  # the toast would hide the panes it talks about
                app.clear_notifications()
                await pilot.pause()
            app.save_screenshot(filename=filename, path=str(out))
            print(f"wrote {out / filename}")
            if keys == SUGGESTION_KEYS:
                await pilot.press("z")  # hidden again: the next picture is of the reader alone
                await pilot.pause()
            elif keys:
                await pilot.press("escape")
                await pilot.pause()


async def main(out: Path) -> None:
    os.environ.pop("NO_COLOR", None)  # the pictures show the colours
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sidebyside-shots-") as folder:
        store = build_store(folder)
        try:
            await shoot(store, out, WIDE, [
                ("reader.svg", []),
                ("annotations.svg", ["a"]),
                ("help.svg", ["question_mark"]),
                ("picker.svg", ["o"]),
                ("all-annotations.svg", ALL_ANNOTATIONS_KEYS),
                ("codebook.svg", ["C"]),
                ("attributes.svg", ATTRIBUTE_FORM_KEYS),
                ("suggestions.svg", SUGGESTION_KEYS),
            ])
            await shoot(store, out, WIDE, [("relation.svg", RELATION_KEYS)])
            await shoot(store, out, NARROW, [("reader-100.svg", [])])
        finally:
            store.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"))
