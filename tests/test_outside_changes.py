"""Another process writes to the database the reader has open: the reader shows it within a second."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _status(app) -> str:
    return str(app.query_one("#status").render())


async def test_annotations_added_and_deleted_by_another_process_are_drawn_without_moving_the_cursor(
        make_reader, seeded_store):
    app = make_reader()
    async with app.run_test(size=(160, 40)) as pilot:
        view = app.focused_view
        doc_id, text = view.document.id, view.text
        start = text.index("Huawei")
        view.move_to(start)
        await pilot.press("4")
        [mine] = seeded_store.annotations(doc_id)
        view.move_to(200)
        await pilot.pause(0.6)  # the passage finder's cache writes are another connection's too
        script = (
            "import sys; from store import open_store\n"
            "s = open_store(sys.argv[1])\n"
            f"doc = {doc_id!r}\n"
            f"s.delete_annotation({mine.id!r})\n"
            "for i in range(3501):\n"
            "    s.add_annotation(doc, i % 900, i % 900 + 5, 'claim', annotator='bob')\n"
            "s.close()\n"
        )
        subprocess.run([sys.executable, "-c", script, str(seeded_store.path)], cwd=ROOT, check=True)
        deadline = time.monotonic() + 3
        while len(view.spans) != 3501 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert len(view.spans) == 3501
        assert view.spans.get(mine.id) is None
        assert view.cursor == 200
        await pilot.pause()
        assert "annotations 3501 here" in _status(app)
        await pilot.press("d")  # acts on what is drawn now: one of bob's spans at the cursor
        assert seeded_store.count_annotations(doc_id) == 3500


async def test_nothing_is_redrawn_when_no_other_connection_wrote(make_reader, seeded_store):
    app = make_reader()
    async with app.run_test(size=(160, 40)) as pilot:
        for _ in range(100):  # it starts after the first frame; a loaded machine takes its time
            await pilot.pause(0.1)
            if hasattr(app.reader, "outside_changes"):
                break
        poll = app.reader.outside_changes.poll
        assert poll() == 0
        view = app.focused_view
        view.move_to(view.text.index("Huawei"))
        await pilot.press("1")  # the reader's own write changes no data_version
        assert poll() == 0
