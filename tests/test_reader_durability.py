"""A reader process killed with SIGKILL right after tagging loses nothing that was on screen."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def child_script(steps: str) -> str:
    """A reader on a new database holding the seeds that runs `steps` (lines of code, in the pilot
    block), prints what its pane shows and waits to be killed."""
    return textwrap.dedent(
        """
        import asyncio, sys, time
        from store import open_store
        from store.importer import import_seeds
        from tui.app import ReaderApp

        async def main():
            store = open_store(sys.argv[1])
            import_seeds(store)
            app = ReaderApp(store, "killed")
            async with app.run_test(size=(120, 40)) as pilot:
                view = app.focused_view
        {steps}
                shown = sorted((s.tag, s.text) for s in view.spans)
                print(repr(shown), flush=True)
                time.sleep(60)

        asyncio.run(main())
        """
    ).replace("{steps}", textwrap.indent(textwrap.dedent(steps), " " * 8))


CHILD = child_script(
    """
    view.move_to(view.text.index("Grenell"))
    await pilot.press("4")
    view.move_to(view.text.index("Huawei"))
    await pilot.press("shift+right", "shift+right", "shift+right", "2")
    await pilot.press("d")
    view.move_to(view.text.index("Altmaier"))
    await pilot.press("1", "u", "ctrl+r")
    """
)


def test_sigkill_after_tagging_loses_nothing(tmp_path):
    database = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(database)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        shown_line = child.stdout.readline()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, child.stderr.read()
    shown = eval(shown_line)  # the child printed a repr of what its pane showed
    assert shown == [("actor", "Grenell"), ("quote", "Altmaier")]

    from store import open_store

    store = open_store(database)
    stored = sorted((a.tag, a.text) for a in store.annotations())
    assert stored == shown
    assert all(a.annotator == "killed" for a in store.annotations())
    store.close()


CHILD_WITH_OUTSIDE_READER = child_script(
    """
    await pilot.pause()
    await app.workers.wait_for_complete()  # the passage finder's own connection came and went
    print("ready", flush=True)
    sys.stdin.readline()  # meanwhile an outside process opens the file, reads, closes
    view.move_to(view.text.index("Grenell"))
    await pilot.press("4")
    """
)


def test_sigkill_loses_nothing_when_another_process_read_the_file_meanwhile(tmp_path):
    database = tmp_path / "shared.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD_WITH_OUTSIDE_READER, str(database)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env, cwd=ROOT)
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        import sqlite3

        outside = sqlite3.connect(database)  # a researcher's pandas or sqlite3 session
        assert outside.execute("select count(*) from documents").fetchone()[0] == 5
        outside.close()
        child.stdin.write("go\n")
        child.stdin.flush()
        shown_line = child.stdout.readline()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert eval(shown_line) == [("actor", "Grenell")]

    from store import open_store

    store = open_store(database)
    assert [(a.tag, a.text) for a in store.annotations()] == [("actor", "Grenell")]
