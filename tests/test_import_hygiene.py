"""store/ and corpus/ never import Textual; opening an up-to-date store skips sqlite-utils."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import store

REPO = Path(__file__).resolve().parents[1]


def run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_store_and_corpus_do_not_import_textual():
    out = run("""
        import sys
        import store, store.formats, store.passages, store.coverage
        import corpus, corpus.readers, corpus.normalise, corpus.markdown, corpus.seeds
        print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
    """)
    assert out.strip() == "[]"


def test_importing_readers_does_not_import_markdown_it():
    out = run("import sys, corpus.readers, corpus.seeds; print('markdown_it' in sys.modules)")
    assert out.strip() == "False"


def test_opening_an_existing_store_does_not_import_sqlite_utils(tmp_path):
    db = tmp_path / "existing.db"
    store.open_store(db).close()
    out = run(f"""
        import sys
        import store
        assert "sqlite_utils" not in sys.modules, "import store"
        s = store.open_store({str(db)!r})
        s.tags(); s.documents(); s.annotations()
        assert "sqlite_utils" not in sys.modules, "open_store"
        s.db
        print("sqlite_utils" in sys.modules)
    """)
    assert out.strip() == "True"
