"""A writer killed at a random moment keeps every change it reported; the file stays sound."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import store
from corpus.document import Document

REPO = Path(__file__).resolve().parents[1]
TEXT = "Breaking: 😀 the council voted 7–2 on Tuesday; 中文 quote «here». " * 40

WRITER = """
import json, random, sys
sys.path.insert(0, sys.argv[3])
import store
s = store.open_store(sys.argv[1])
s.owner = "reader:soak"
rng = random.Random(int(sys.argv[2]))
made = [a.id for a in s.annotations()]

def begin(kind, ann_id):
    # Said before the change: a kill between its commit and its report leaves this line last.
    print(json.dumps(["begin", kind, ann_id]), flush=True)

while True:
    roll = rng.random()
    if made and roll < 0.2:
        target = rng.choice(made)
        begin("note", target)
        ann = s.set_note(target, "note %d" % rng.randrange(10**6))
        print(json.dumps(["note", ann.id, ann.note]), flush=True)
    elif made and roll < 0.3:
        target = made.pop(rng.randrange(len(made)))
        begin("delete", target)
        gone = s.delete_annotation(target)
        print(json.dumps(["delete", gone.id, None]), flush=True)
    elif made and roll < 0.35:
        # What this undo will take back: the newest live action's row (after an undo that is not
        # the latest change reported, but the one before it).
        target = s.conn.execute(
            "SELECT c.row_id FROM actions a JOIN changes c ON c.action_id = a.id "
            "WHERE a.owner = ? AND a.undone = 0 ORDER BY a.id DESC, c.seq LIMIT 1", (s.owner,)).fetchone()
        begin("undo", target[0] if target else None)
        change = s.undo()
        if change is not None:
            ann = change.annotation
            state = s.annotation(ann.id).note if change.exists else None
            print(json.dumps(["undo", ann.id, state]), flush=True)
        made = [a.id for a in s.annotations()]
    else:
        begin("create", None)
        start = rng.randrange(0, 2000)
        ann = s.add_annotation("d", start, start + rng.randrange(1, 30), "claim")
        made.append(ann.id)
        print(json.dumps(["create", ann.id, ""]), flush=True)
"""


def _kill_rounds(db: Path, rounds: int, seed: int) -> int:
    rng = random.Random(seed)
    checked = 0
    for round_number in range(rounds):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(seed * 1000 + round_number), str(REPO)],
                                 stdout=subprocess.PIPE, text=True)
        time.sleep(0.3 + rng.random() * 0.7)  # start-up, then a random moment of writing
        os.kill(child.pid, signal.SIGKILL)
        reported, _ = child.communicate()
        child.wait()
        expected: dict[str, str | None] = {}
        in_flight: str | None = None  # the annotation a change begun but not reported may have changed
        for line in reported.splitlines():
            try:
                kind, ann_id, note = json.loads(line)
            except ValueError:
                continue  # a line cut by the kill was never reported whole
            if kind == "begin":
                # ["begin", change, target]: the annotation the change may have changed.
                in_flight = note
                continue
            in_flight = None
            expected[ann_id] = None if kind == "delete" else note
        if in_flight is not None:
            expected.pop(in_flight, None)  # committed or not: the kill came before its report
        s = store.open_store(db)
        try:
            present = {a.id: a.note for a in s.annotations()}
            for ann_id, note in expected.items():
                if note is None:
                    assert ann_id not in present, f"round {round_number}: deleted {ann_id} came back"
                else:
                    history = [line for line in reported.splitlines() if ann_id in line]
                    assert present.get(ann_id) == note, f"round {round_number}: lost {ann_id}: {history}"
                checked += 1
            assert all(a.text == TEXT[a.start:a.end] for a in s.annotations())
        finally:
            s.close()
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    return checked


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "soak.db"
    s = store.open_store(path)
    s.add_document(Document(id="d", title="Soak", text=TEXT))
    s.close()
    return path


def test_a_writer_killed_at_random_moments_keeps_every_reported_change(db):
    assert _kill_rounds(db, rounds=3, seed=1) > 0


@pytest.mark.soak
def test_soak_two_hundred_kills(db):
    checked = _kill_rounds(db, rounds=200, seed=7)
    print(f"{checked} reported changes checked across 200 kills")
