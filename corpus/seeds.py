"""The bundled seed corpus: five articles on one story, read when no corpus is given."""
from __future__ import annotations

from pathlib import Path

from corpus.document import ReadResult
from corpus.readers import read_corpus


def seed_dir() -> Path:
    """The folder holding the bundled seed articles (corpus/seeds/*.txt)."""
    return Path(__file__).resolve().parent / "seeds"


def read_seeds() -> ReadResult:
    """The seed articles as Documents, sorted by file name."""
    return read_corpus([seed_dir()])
