"""Propagation: find every other occurrence of a tagged text across the corpus, and tag them all.

Whole-word matches of the exact text (case-sensitive unless asked), in import order, leaving out
any that overlaps a span of the same tag. The documents are read from one SQL query filtered by
GLOB (or an ASCII LIKE when case does not matter), streamed row by row: the corpus is never in
memory, only the documents that contain the text, one at a time. Tagging them is one action, so one
undo takes every span back. No Textual here.
"""
from __future__ import annotations

import json
import re
import sqlite3
import uuid
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

from .history import Action

CONTEXT_CHARS = 32  # as store.CONTEXT_CHARS: the prefix and suffix an annotation keeps
# More than this is a slip (a common word), not a name: refused rather than 100,000 spans.
MAX_OCCURRENCES = 20_000


class Occurrence(NamedTuple):
    """One place the text occurs: code points into the document's text, end exclusive, with the
    context the annotation will keep (and the confirm screen shows)."""

    document_id: str
    start: int
    end: int
    text: str
    prefix: str
    suffix: str


class DocumentCount(NamedTuple):
    document_id: str
    title: str | None
    occurrences: int


class Occurrences(NamedTuple):
    """What propagating `text` as `tag` would tag, and what it leaves out."""

    text: str
    tag: str
    case_sensitive: bool
    found: tuple[Occurrence, ...]
    documents: tuple[DocumentCount, ...]  # the documents of `found`, in import order
    already: int  # occurrences left out: they overlap a span of the same tag
    too_many: bool  # more than MAX_OCCURRENCES: `found` stops there and nothing should be tagged


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def pattern(text: str, case_sensitive: bool = True) -> re.Pattern[str]:
    """`text` literally, as a whole word: no word character just before it if it begins with one,
    nor just after it if it ends with one ("5G" is not in "5Gs"; "U.S." is in "U.S.-led").
    Without case, an ASCII text folds ASCII case only, as the LIKE that finds its documents."""
    body = re.escape(text)
    if _word_char(text[:1]):
        body = r"(?<!\w)" + body
    if _word_char(text[-1:]):
        body = body + r"(?!\w)"
    if case_sensitive:
        return re.compile(body)
    return re.compile(body, re.IGNORECASE | (re.ASCII if text.isascii() else 0))


def whole_words(body: str, text: str, case_sensitive: bool = True) -> list[tuple[int, int]]:
    """Where `text` occurs in `body` as a whole word (see pattern()), left to right, not overlapping.

    Case-sensitive, str.find and a look at the characters either side: a pattern starting with a
    look-behind gets no fast literal search from `re`, and took most of a count's Python time.
    """
    if not case_sensitive:
        return [match.span() for match in pattern(text, False).finditer(body)]
    check_before, check_after = _word_char(text[:1]), _word_char(text[-1:])
    found, at, size = [], body.find(text), len(text)
    while at >= 0:
        end = at + size
        if ((not check_before or at == 0 or not _word_char(body[at - 1]))
                and (not check_after or end == len(body) or not _word_char(body[end]))):
            found.append((at, end))
            at = body.find(text, end)
        else:
            at = body.find(text, at + 1)
    return found


def _glob_literal(text: str) -> str:
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)


# Per database file: the documents holding a NUL character, and the last import position checked.
_NUL_DOCUMENTS: dict[str, tuple[int, frozenset[str]]] = {}


def _with_nul(conn: sqlite3.Connection) -> frozenset[str]:
    """The documents whose text holds a NUL, which GLOB and LIKE do not read past.

    Looking costs as much as the GLOB itself, so it is done once per database and then only for
    documents imported since (a stored text never changes).
    """
    file = conn.execute("PRAGMA database_list").fetchone()[2] or f"memory:{id(conn)}"
    last: int = conn.execute("SELECT COALESCE(MAX(position), 0) FROM documents").fetchone()[0]
    checked, found = _NUL_DOCUMENTS.get(file, (0, frozenset()))
    if last > checked:
        more = conn.execute("SELECT id FROM documents WHERE position > ? AND instr(text, char(0)) > 0", (checked,))
        found = found | {doc_id for (doc_id,) in more}
        _NUL_DOCUMENTS[file] = (last, found)
    return found


def _candidates(conn: sqlite3.Connection, text: str, case_sensitive: bool) -> set[str] | None:
    """The ids of the documents that may contain `text`; None when every document must be read.

    GLOB '*text*' filters 40,000 articles in a third of the time instr() takes, and LIKE folds
    ASCII case (all a text without other letters needs); both stop at a NUL, so the documents
    holding one are always read (benchmarks/propagation.py).
    """
    if "\x00" in text:
        return {doc_id for (doc_id,) in conn.execute("SELECT id FROM documents WHERE instr(text, ?) > 0", (text,))}
    if case_sensitive:
        rows = conn.execute("SELECT id FROM documents WHERE text GLOB ?", (f"*{_glob_literal(text)}*",))
    elif text.isascii():
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = conn.execute("SELECT id FROM documents WHERE text LIKE ? ESCAPE '\\'", (f"%{escaped}%",))
    else:
        return None
    return {doc_id for (doc_id,) in rows} | _with_nul(conn)


def _documents(conn: sqlite3.Connection, text: str, case_sensitive: bool) -> Iterator[tuple[str, str | None, str]]:
    """(id, title, text) of the documents that may contain `text`, in import order, one at a time."""
    candidates = _candidates(conn, text, case_sensitive)
    if candidates is None:
        yield from conn.execute("SELECT id, title, text FROM documents ORDER BY position, id")
        return
    # The filter scans the table in storage order; the import order of the few it found comes from
    # their positions (ordering the scan itself read every row through the index, twice as slow).
    ordered = conn.execute("SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?)) "
                           "ORDER BY position, id", (json.dumps(sorted(candidates)),)).fetchall()
    for (doc_id,) in ordered:
        yield conn.execute("SELECT id, title, text FROM documents WHERE id = ?", (doc_id,)).fetchone()


def _tagged(conn: sqlite3.Connection, doc_id: str, tag: str) -> tuple[list[int], list[int]]:
    """One document's spans of a tag: their starts, sorted, and the running maximum of their ends."""
    rows = conn.execute("SELECT start, end FROM annotations WHERE document_id = ? AND tag = ? ORDER BY start",
                        (doc_id, tag)).fetchall()
    return [start for start, _ in rows], list(accumulate((end for _, end in rows), max))


def _overlaps(starts: list[int], max_ends: list[int], start: int, end: int) -> bool:
    # Every span starting before `end` overlaps [start, end) if it ends after `start`: the
    # furthest end among them says whether one does.
    index = bisect_left(starts, end)
    return index > 0 and max_ends[index - 1] > start


def find(conn: sqlite3.Connection, text: str, tag: str, *, case_sensitive: bool = True,
         source: tuple[str, int, int] | None = None) -> Occurrences:
    """Every whole-word occurrence of `text` but `source` (document id, start, end) that no span
    of `tag` overlaps."""
    if not text.strip():
        return Occurrences(text, tag, case_sensitive, (), (), 0, False)
    found: list[Occurrence] = []
    documents: list[DocumentCount] = []
    already = 0
    for doc_id, title, body in _documents(conn, text, case_sensitive):
        matches = whole_words(body, text, case_sensitive)
        if not matches:
            continue
        starts, ends = _tagged(conn, doc_id, tag)
        count = 0
        for start, end in matches:
            if source == (doc_id, start, end):
                continue
            if _overlaps(starts, ends, start, end):
                already += 1
                continue
            found.append(Occurrence(doc_id, start, end, body[start:end],
                                    body[max(0, start - CONTEXT_CHARS):start], body[end:end + CONTEXT_CHARS]))
            count += 1
        if count:
            documents.append(DocumentCount(doc_id, title, count))
        if len(found) > MAX_OCCURRENCES:
            return Occurrences(text, tag, case_sensitive, tuple(found), tuple(documents), already, True)
    return Occurrences(text, tag, case_sensitive, tuple(found), tuple(documents), already, False)


def tag_all(action: Action, occurrences: Occurrences, annotator: str | None,
            entity_id: str | None = None) -> list[str]:
    """Tag every occurrence in the caller's one action; the new annotations' ids.

    Each is checked again inside the transaction against the tag's spans (another session may
    have tagged some since they were counted): those now overlapping are left out. A document's
    text never changes once stored, so the offsets found stay right.
    """
    if occurrences.too_many:
        raise ValueError(f"more than {MAX_OCCURRENCES} occurrences: too many to tag at once")
    made: list[str] = []
    spans: dict[str, tuple[list[int], list[int]]] = {}
    for occurrence in occurrences.found:
        doc_id = occurrence.document_id
        if doc_id not in spans:
            spans[doc_id] = _tagged(action.conn, doc_id, occurrences.tag)
        starts, ends = spans[doc_id]
        if _overlaps(starts, ends, occurrence.start, occurrence.end):
            continue
        ann_id = uuid.uuid4().hex
        action.insert("annotations", {
            "id": ann_id, "document_id": doc_id, "tag": occurrences.tag,
            "start": occurrence.start, "end": occurrence.end, "text": occurrence.text,
            "prefix": occurrence.prefix, "suffix": occurrence.suffix, "note": "",
            "annotator": annotator, "created": action.at, "updated": action.at, "updated_by": annotator,
            "attributes": "{}", "entity_id": entity_id,
        })
        made.append(ann_id)
    return made
