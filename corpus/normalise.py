"""Turn the bytes of an article into normalised text, or say precisely why they are not text."""
from __future__ import annotations

BOM = "\ufeff"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# How much of a file read a line at a time (JSONL) is checked first for signs of a binary file.
HEAD_BYTES = 64 * 1024


class CorpusError(ValueError):
    """An input that cannot become a document; the message is meant for the researcher."""


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes (U+2028, form feed etc. are kept)."""
    if "\r" not in text:  # one scan instead of two: most text has no CR (and imports call this a lot)
        return text
    # CRLF first, so that its CR is not turned into a second line break.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 bytes to normalised text: one leading BOM dropped, newlines made LF.

    Raises CorpusError for an empty, binary, non-UTF-8 or whitespace-only input.
    """
    if not raw:
        raise CorpusError("empty file (0 bytes)")
    _refuse_binary(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(_describe_bad_byte(raw, err.start, err.reason)) from None
    if text.startswith(BOM):
        text = text[1:]
    text = normalise_newlines(text)
    if not text.strip():
        raise CorpusError("blank: the file holds only whitespace")
    return text


def check_head(head: bytes) -> None:
    """Refuse a file read line by line from its first bytes: empty, UTF-16 or binary."""
    if not head:
        raise CorpusError("empty file (0 bytes)")
    _refuse_binary(head)


def decode_line(raw: bytes, offset: int, line: int, *, first: bool = False) -> str:
    """Decode one line of a file read line by line (from byte `offset`, line number `line`) to
    normalised text; the first line loses a leading BOM. CorpusError names the bad byte."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise CorpusError(f"binary data: NUL byte at byte {offset + nul} (line {line}); "
                          "sidebyside reads UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(_describe_bad_byte(raw, err.start, err.reason, offset, line)) from None
    if first and text.startswith(BOM):
        text = text[1:]
    return normalise_newlines(text)


def _refuse_binary(raw: bytes) -> None:
    nul = raw.find(b"\x00")
    if nul < 0:
        return
    # UTF-16 text is full of NUL bytes; naming the encoding tells the researcher what to fix.
    if raw.startswith(_UTF16_BOMS):
        raise CorpusError("UTF-16 text, not UTF-8: save the file as UTF-8")
    raise CorpusError(
        f"binary file: NUL byte at byte {nul}; sidebyside reads UTF-8 text (.txt, .md, .jsonl)"
    )


def line_and_column(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset`, assuming raw[:offset] is UTF-8."""
    before = raw[:offset].decode("utf-8", errors="replace")
    if before.startswith(BOM):
        before = before[1:]
    before = normalise_newlines(before)
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return line, column


def _describe_bad_byte(raw: bytes, offset: int, reason: str, base_offset: int = 0, base_line: int = 1) -> str:
    """`raw` starts at byte `base_offset`, line `base_line` of its file."""
    line, column = line_and_column(raw, offset)
    where = (f"byte 0x{raw[offset]:02x} at byte {base_offset + offset} "
             f"(line {base_line + line - 1}, column {column})")
    if reason == "unexpected end of data":
        # A file cut off in the middle of a multi-byte character, e.g. a truncated download.
        return f"not UTF-8: {where} starts a character that the file ends before finishing"
    return f"not UTF-8: {where} is not valid UTF-8; save the file as UTF-8"
