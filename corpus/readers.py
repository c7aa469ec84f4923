"""Read .txt, .md and .jsonl inputs (and folders of articles) into Documents and Refusals."""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from corpus.document import Document, ReadResult, Refusal
from corpus.normalise import CorpusError, decode_text, normalise_newlines

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl"}
# Only articles are picked up from folders: a .jsonl there may well be an annotation export.
FOLDER_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES
MAX_TITLE = 150
FIRST_WORDS_CHARS = 60  # a title made of the text's opening words, when its first line is no headline
OPTIONAL_FIELDS = ("source", "url", "date")


def read_path(path: str | Path) -> ReadResult:
    """Read one file or folder."""
    return read_corpus([path])


def read_corpus(inputs: Iterable[str | Path]) -> ReadResult:
    """Read every input in order; never raises for a bad input, refuses it instead."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]  # a lone path, not an iterable of characters
    reader = _Reader()
    for item in inputs:
        try:
            path = Path(item)
        except TypeError:
            reader.refuse(repr(item), "not a file or folder name")
            continue
        try:
            reader.read_input(path)
        except OSError as err:  # e.g. stat() refused inside a folder we may not enter
            reader.refuse(path, f"cannot read: {_os_reason(err)}")
    return reader.result


class _Reader:
    """Accumulates documents and refusals, and remembers where each id came from."""

    def __init__(self) -> None:
        self.result = ReadResult()
        self.seen: dict[str, str] = {}  # document id -> where it was first read

    def refuse(self, where: str | Path, reason: str) -> None:
        self.result.refused.append(Refusal(str(where), reason))

    def keep(self, doc: Document, where: str) -> None:
        first = self.seen.get(doc.id)
        if first is not None:
            self.refuse(where, f'duplicate id "{doc.id}": already read from {first}')
            return
        self.seen[doc.id] = where
        self.result.documents.append(doc)

    def read_input(self, path: Path) -> None:
        if path.is_dir():
            self.read_folder(path)
        elif path.is_file():
            self.read_file(path)
        elif path.is_symlink():
            self.refuse(path, f"broken link: points to {os.readlink(path)}, which does not exist")
        elif path.exists():
            self.refuse(path, "not a regular file (a device, socket or pipe?)")
        else:
            self.refuse(path, "no such file or folder")

    def read_folder(self, folder: Path) -> None:
        problems: list[OSError] = []
        files = _articles_in(folder, problems.append)
        for err in problems:
            self.refuse(err.filename or folder, f"cannot open folder: {_os_reason(err)}")
        if not files and not problems:
            self.refuse(folder, "no .txt or .md articles in this folder")
        for path in files:
            self.read_file(path)

    def read_file(self, path: Path) -> None:
        try:
            raw = path.read_bytes()
        except OSError as err:
            self.refuse(path, f"cannot read: {_os_reason(err)}")
            return
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            self.read_jsonl(path, raw)
            return
        fmt = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
        try:
            doc = make_document(decode_text(raw), path.stem, fmt, path=str(path))
        except CorpusError as err:
            self.refuse(path, str(err))
            return
        self.keep(doc, str(path))

    def read_jsonl(self, path: Path, raw: bytes) -> None:
        try:
            content = decode_text(raw)
        except CorpusError as err:
            self.refuse(path, str(err))
            return
        # Split on LF only: str.splitlines() would also split at U+2028 inside a JSON string.
        for number, line in enumerate(content.split("\n"), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                doc = jsonl_document(line, default_id=f"{path.stem}-{number}", path=str(path))
            except CorpusError as err:
                self.refuse(where, str(err))
                continue
            self.keep(doc, where)


def _articles_in(folder: Path, on_error) -> list[Path]:
    """Article files under `folder`, recursively, sorted by path; hidden files and folders skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in FOLDER_SUFFIXES:
                found.append(Path(root) / name)
    return sorted(found)


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    return (err.strerror or str(err)).lower()


def make_document(text: str, doc_id: str, fmt: str, *, title: str | None = None,
                  path: str | None = None, **fields: str | None) -> Document:
    """A Document from decoded text; markdown is rendered, and the title derived if not given."""
    styles = ()
    if fmt == "markdown":
        from corpus.markdown import render_markdown  # lazy: markdown_it only when needed

        text, styles = render_markdown(text)
        if not text.strip():
            raise CorpusError("the markdown renders to no text")
    return Document(id=doc_id, title=title or headline(text, doc_id), text=text,
                    path=path, format=fmt, styles=styles, **fields)


def headline(text: str, fallback: str) -> str:
    """The first line of `text` if it reads as a headline, else its first words; `fallback` if blank."""
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= MAX_TITLE and not first.endswith("."):
        return first
    opening = next((line for line in text.split("\n") if line.strip()), "")
    return first_words(opening) or fallback


def first_words(line: str, limit: int = FIRST_WORDS_CHARS) -> str:
    """`line` with its white space collapsed, cut at a word to at most `limit` characters with an ellipsis."""
    words = " ".join(line.split())
    if len(words) <= limit:
        return words
    cut = words[: limit].rsplit(" ", 1)[0] if " " in words[: limit] else words[: limit - 1]
    return cut.rstrip(",;:-–—") + "…"


def jsonl_document(line: str, *, default_id: str, path: str) -> Document:
    """One JSONL line to a Document, or CorpusError naming what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise CorpusError(f"invalid JSON: {err.msg} (column {err.colno})") from None
    if not isinstance(record, dict):
        raise CorpusError(f"expected a JSON object, found {_json_type(record)}")
    if "text" not in record:
        raise CorpusError('missing "text"')
    text = record["text"]
    if not isinstance(text, str):
        raise CorpusError(f'"text" must be a string, not {_json_type(text)}')
    text = normalise_newlines(text)
    if not text.strip():
        raise CorpusError('"text" is blank')
    if "\x00" in text:
        raise CorpusError('"text" contains a NUL character')
    fmt = record.get("format") or "text"
    if fmt not in ("text", "markdown"):
        raise CorpusError(f'unknown "format" {fmt!r}: expected "text" or "markdown"')
    doc_id = _scalar(record, "id") or default_id
    title = _scalar(record, "title")
    fields = {name: _scalar(record, name) for name in OPTIONAL_FIELDS}
    return make_document(text, doc_id, fmt, title=title.strip() if title else None,
                         path=path, **fields)


def _scalar(record: dict, name: str) -> str | None:
    """An optional field as a string: numbers are converted (ids are often numeric)."""
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CorpusError(f'"{name}" must be a string, not {_json_type(value)}')
    return normalise_newlines(str(value)) if name != "id" else str(value)


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
