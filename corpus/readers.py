"""Read .txt, .md and .jsonl inputs (and folders of articles) into Documents and Refusals, as a stream."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from corpus.document import Document, ReadResult, Refusal, StyleSpan
from corpus.normalise import HEAD_BYTES, CorpusError, check_head, decode_line, decode_text, normalise_newlines

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
    """Read every input in order into one ReadResult; never raises for a bad input, refuses it."""
    result = ReadResult()
    for item in CorpusStream(inputs):
        if isinstance(item, Refusal):
            result.refused.append(item)
        else:
            result.documents.append(item)
    return result


class CorpusStream:
    """The documents and refusals of a set of inputs, yielded in input order as they are read.

    Nothing holds the whole corpus: a JSONL file is read a line at a time, a folder a file at a
    time. Only each id and where it was read are kept, to refuse duplicates naming both.
    `bytes_read` (of `total_bytes()`) says how far through the input bytes reading has got.
    """

    def __init__(self, inputs: Iterable[str | Path]) -> None:
        if isinstance(inputs, (str, Path)):
            inputs = [inputs]  # a lone path, not an iterable of characters
        self.inputs = list(inputs)
        self.bytes_read = 0
        # Where each id was first read, as one int: a file's index in `files` and a line number
        # (0 for a whole file). A string per id would cost ~100 bytes more per article.
        self.seen: dict[str, int] = {}
        self.files: list[str] = []

    def total_bytes(self) -> int:
        """The size of every readable input file (a folder: its articles); a walk, no reading."""
        total = 0
        for item in self.inputs:
            try:
                path = Path(item)
                if path.is_dir():
                    total += sum(_size(p) for p in _articles_in(path, lambda err: None))
                else:
                    total += _size(path)
            except (TypeError, OSError):
                continue
        return total

    def __iter__(self) -> Iterator[Document | Refusal]:
        for item in self.inputs:
            try:
                path = Path(item)
            except TypeError:
                yield Refusal(repr(item), "not a file or folder name")
                continue
            try:
                yield from self.read_input(path)
            except OSError as err:  # e.g. stat() refused inside a folder we may not enter
                yield Refusal(str(path), f"cannot read: {_os_reason(err)}")

    def keep(self, doc: Document, file: str, line: int = 0) -> Document | Refusal:
        """The document, or a Refusal if its id was read before (naming where)."""
        first = self.seen.get(doc.id)
        where = f"{file}:{line}" if line else file
        if first is not None:
            seen_file, seen_line = self.files[first >> 32], first & 0xFFFFFFFF
            seen_where = f"{seen_file}:{seen_line}" if seen_line else seen_file
            return Refusal(where, f'duplicate id "{doc.id}": already read from {seen_where}')
        if not self.files or self.files[-1] != file:
            self.files.append(file)
        self.seen[doc.id] = (len(self.files) - 1) << 32 | line
        return doc

    def read_input(self, path: Path) -> Iterator[Document | Refusal]:
        if path.is_dir():
            yield from self.read_folder(path)
        elif path.is_file():
            yield from self.read_file(path)
        elif path.is_symlink():
            yield Refusal(str(path), f"broken link: points to {os.readlink(path)}, which does not exist")
        elif path.exists():
            yield Refusal(str(path), "not a regular file (a device, socket or pipe?)")
        else:
            yield Refusal(str(path), "no such file or folder")

    def read_folder(self, folder: Path) -> Iterator[Document | Refusal]:
        problems: list[OSError] = []
        files = _articles_in(folder, problems.append)
        for err in problems:
            yield Refusal(str(err.filename or folder), f"cannot open folder: {_os_reason(err)}")
        if not files and not problems:
            yield Refusal(str(folder), "no .txt or .md articles in this folder")
        for path in files:
            yield from self.read_file(path)

    def read_file(self, path: Path) -> Iterator[Document | Refusal]:
        if not path.is_file():  # a FIFO named b.txt in a folder blocked the import forever
            yield Refusal(str(path), "not a regular file (a pipe, device or socket?): not read")
            return
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from self.read_jsonl(path)
            return
        try:
            raw = path.read_bytes()
        except OSError as err:
            yield Refusal(str(path), f"cannot read: {_os_reason(err)}")
            return
        self.bytes_read += len(raw)
        fmt = "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"
        try:
            doc = make_document(decode_text(raw), path.stem, fmt, path=str(path))
        except CorpusError as err:
            yield Refusal(str(path), str(err))
            return
        yield self.keep(doc, str(path))

    def read_jsonl(self, path: Path) -> Iterator[Document | Refusal]:
        try:
            handle = open(path, "rb")
        except OSError as err:
            yield Refusal(str(path), f"cannot read: {_os_reason(err)}")
            return
        with handle:
            try:
                check_head(handle.read(HEAD_BYTES))  # empty, UTF-16 or binary: the whole file
                handle.seek(0)
            except CorpusError as err:
                yield Refusal(str(path), str(err))
                return
            except OSError as err:
                yield Refusal(str(path), f"cannot read: {_os_reason(err)}")
                return
            yield from self.jsonl_records(path, handle)

    def jsonl_records(self, path: Path, handle: BinaryIO) -> Iterator[Document | Refusal]:
        name, offset, number, anything = str(path), 0, 0, False
        # Iterating a binary file splits at b"\n" only: never at U+2028 inside a JSON string.
        for raw in handle:
            first_line = number + 1
            self.bytes_read += len(raw)
            try:
                chunk = decode_line(raw, offset, first_line, first=offset == 0)
            except CorpusError as err:
                number, anything = number + 1, True
                yield Refusal(f"{name}:{number}", str(err))
                offset += len(raw)
                continue
            offset += len(raw)
            # A lone CR ends a line too, as it did when the whole file was normalised at once
            # (decode_line made it LF); without one, the chunk is one line, and its final LF can
            # stay: JSON allows whitespace after the value.
            if chunk.find("\n", 0, len(chunk) - 1) >= 0:
                lines = chunk.split("\n")
                if chunk.endswith("\n"):
                    lines.pop()
            else:
                lines = [chunk]
            for line in lines:
                number += 1
                if not line or line.isspace():  # isspace(): no stripped copy of a 6 KB line
                    continue
                anything = True
                try:
                    doc = jsonl_document(line, default_id=f"{path.stem}-{number}", path=name)
                except CorpusError as err:
                    yield Refusal(f"{name}:{number}", str(err))
                    continue
                yield self.keep(doc, name, number)
        if not anything:
            yield Refusal(str(path), "blank: the file holds only whitespace")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _articles_in(folder: Path, on_error: Callable[[OSError], object]) -> list[Path]:
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
    styles: tuple[StyleSpan, ...] = ()
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
    if not text or text.isspace():
        raise CorpusError('"text" is blank')
    if "\x00" in text:
        raise CorpusError('"text" contains a NUL character')
    fmt = record.get("format") or "text"
    if fmt not in ("text", "markdown"):
        raise CorpusError(f'unknown "format" {fmt!r}: expected "text" or "markdown"')
    doc_id = _scalar(record, "id") or default_id
    title = _scalar(record, "title")
    fields = {name: _scalar(record, name) for name in OPTIONAL_FIELDS}
    for name, value in (("text", text), ("id", doc_id), ("title", title), *fields.items()):
        _refuse_surrogates(name, value)
    return make_document(text, doc_id, fmt, title=title.strip() if title else None,
                         path=path, **fields)


def _refuse_surrogates(name: str, value: str | None) -> None:
    """JSON's \\ud800 escapes half of a UTF-16 pair: not Unicode text, and UTF-8 cannot store it."""
    if value is None or value.isascii():
        return
    found = _SURROGATE.search(value)
    if found:
        raise CorpusError(f'"{name}" holds a lone surrogate (U+{ord(found.group()):04X}) at character '
                          f"{found.start()}: not Unicode text (a broken \\u escape?)")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scalar(record: Mapping[str, object], name: str) -> str | None:
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
