"""Every change is committed before the method returns: SIGKILL right after it loses nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import store
from corpus.document import Document

REPO = Path(__file__).resolve().parents[1]
TEXT = "Breaking: 😀 the council voted 7–2 on Tuesday; 中文 quote «here»."

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def run_and_kill(db: Path, action: str) -> None:
    """Run `action` against the store in a child, then SIGKILL it as soon as it says saved."""
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(REPO)!r})
        import store
        s = store.open_store({str(db)!r})
        {action}
        print("saved", flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line == "saved\n", child.stderr.read() if child.poll() is not None else line
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "durable.db"
    with store.open_store(path) as s:
        s.add_document(Document(id="d1", title="Council", text=TEXT))
    return path


def test_added_annotation_survives_sigkill(db):
    start = TEXT.index("😀")
    run_and_kill(db, f"s.add_annotation('d1', {start}, {start + 1}, 'quote', note='kept')")
    with store.open_store(db) as s:
        [a] = s.annotations()
        assert (a.text, a.note, a.start) == ("😀", "kept", start)
        assert s.undo().annotation == a  # the history entry was committed with it


def test_deletion_survives_sigkill(db):
    with store.open_store(db) as s:
        a = s.add_annotation("d1", 0, 8, "claim")
    run_and_kill(db, f"s.delete_annotation({a.id!r})")
    with store.open_store(db) as s:
        assert s.count_annotations() == 0
        assert s.undo().annotation == a


def test_note_survives_sigkill(db):
    with store.open_store(db) as s:
        a = s.add_annotation("d1", 0, 8, "claim")
    run_and_kill(db, f"s.set_note({a.id!r}, 'written then killed ✓')")
    with store.open_store(db) as s:
        assert s.annotation(a.id).note == "written then killed ✓"
        assert s.annotation(a.id).text == TEXT[0:8]


def test_undo_and_state_survive_sigkill(db):
    with store.open_store(db) as s:
        s.add_annotation("d1", 0, 8, "claim")
    run_and_kill(db, "s.undo(); s.set_state('panes', {'left': 'd1'})")
    with store.open_store(db) as s:
        assert s.count_annotations() == 0
        assert s.get_state("panes") == {"left": "d1"}
        assert s.redo() is not None
