"""The Document record that every reader produces and the store keeps."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StyleSpan:
    """Display styling over a range of the document text (code points, end exclusive)."""

    start: int
    end: int
    style: str  # one of: "bold", "italic", "heading", "code", "quote"


@dataclass(frozen=True)
class Document:
    """One article: its normalised text is the coordinate system for every offset."""

    id: str
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    date: str | None = None
    path: str | None = None
    format: str = "text"  # "text" or "markdown"
    styles: tuple[StyleSpan, ...] = field(default=())


@dataclass(frozen=True)
class Refusal:
    """An input that could not be read, and why, in words a researcher can act on."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class ReadResult:
    """What reading a set of inputs gave: documents in input order, and refusals."""

    documents: list[Document] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
