"""Suggestions: the spans corpus/suggest.py's rules propose that nobody has tagged or rejected yet.

A suggestion is never stored as one: it is computed from the document's text whenever asked (the
rules are pure and a stored text never changes). What is stored is a decision about one
(`suggestion_decisions`, schema 6): a rejection hides the suggestion from then on, for everyone, until
undone; an acceptance is an ordinary annotation plus a decision row naming it and the rule, in one
action. So an export, which reads only `annotations`, can never carry a suggestion. No Textual here.
"""
from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from .errors import StoreError
from .history import Action

if TYPE_CHECKING:
    from corpus.suggest import Suggestion

# The tag whose stored texts the actor rule is given as known names ("every string already tagged as
# actor anywhere in the corpus"): the rule's declared target, as corpus/suggest.py names it.
ACTOR_TAG = "actor"
# The tags corpus/suggest.py's rules propose (its contract); a codebook lacking one skips its rule.
RULE_TAGS = ("quote", "number", "actor")

# (text, known actor names, the tags whose rules to run) -> the rules' proposals, sorted
Rules = Callable[[str, Iterable[str], Collection[str]], "list[Suggestion]"]


def _default_rules(text: str, known_actors: Iterable[str], tags: Collection[str]) -> list[Suggestion]:
    from corpus.suggest import suggest  # the rules compile their patterns: not on the reader's start-up path

    return suggest(text, known_actors, tags=tags)


class SuggestionClosedError(StoreError, ValueError):
    """A suggestion that is no longer open (tagged or rejected since, perhaps by another session)."""


class OpenSuggestion(NamedTuple):
    """A proposed span nobody has tagged (same tag, same offsets) or rejected: code points, end
    exclusive, with its text (`text == document text[start:end]`) and the rule that proposed it."""

    document_id: str
    tag: str
    start: int
    end: int
    text: str
    rule: str


def known_actors(conn: sqlite3.Connection, tags: Collection[str]) -> list[str]:
    """Every distinct text tagged as actor anywhere in the corpus (none when the codebook lacks it)."""
    if ACTOR_TAG not in tags:
        return []
    rows = conn.execute("SELECT DISTINCT text FROM annotations WHERE tag = ? ORDER BY text", (ACTOR_TAG,))
    return [text for (text,) in rows]


def proposals(text: str, actors: Iterable[str], tags: Collection[str],
              rules: Rules | None = None) -> list[Suggestion]:
    """What the rules (corpus.suggest by default) propose for `text`, only for tags in `tags` (the
    codebook's, or the one asked for). Pure (no database): the reader may run it in a worker thread.
    """
    if not any(tag in tags for tag in RULE_TAGS):
        return []
    wanted = [tag for tag in RULE_TAGS if tag in tags]  # a rule family runs only for a tag asked for
    return [found for found in (rules or _default_rules)(text, actors, wanted) if found.tag in tags]


def _decided(conn: sqlite3.Connection, doc_id: str) -> set[tuple[str, int, int]]:
    rows = conn.execute("SELECT tag, start, end FROM suggestion_decisions WHERE document_id = ? "
                        "AND decision = 'rejected'", (doc_id,))
    return {(tag, start, end) for tag, start, end in rows}


def _annotated(conn: sqlite3.Connection, doc_id: str) -> set[tuple[str, int, int]]:
    rows = conn.execute("SELECT tag, start, end FROM annotations WHERE document_id = ?", (doc_id,))
    return {(tag, start, end) for tag, start, end in rows}


def closed(conn: sqlite3.Connection, doc_id: str) -> set[tuple[str, int, int]]:
    """The (tag, start, end) of one document that are suggested no more: annotated or rejected."""
    return _annotated(conn, doc_id) | _decided(conn, doc_id)


def as_open(doc_id: str, text: str, proposed: Iterable[Suggestion]) -> list[OpenSuggestion]:
    """The rules' proposals for one document as OpenSuggestions, with their text (pure: a worker may)."""
    return [OpenSuggestion(doc_id, found.tag, found.start, found.end, text[found.start:found.end], found.rule)
            for found in proposed]


def still_open(conn: sqlite3.Connection, doc_id: str, text: str,
               proposed: Iterable[Suggestion]) -> list[OpenSuggestion]:
    """The proposals of one document minus those annotated with the same tag at the same offsets and
    those rejected, in (start, end) order."""
    shut = closed(conn, doc_id)
    return [found for found in as_open(doc_id, text, proposed) if (found.tag, found.start, found.end) not in shut]


def of_document(conn: sqlite3.Connection, doc_id: str, text: str, tags: Collection[str],
                actors: Iterable[str], rules: Rules | None = None) -> list[OpenSuggestion]:
    """One document's open suggestions for `tags`."""
    return still_open(conn, doc_id, text, proposals(text, actors, tags, rules))


def iter_open(conn: sqlite3.Connection, tags: Collection[str], doc_ids: Iterable[str],
              rules: Rules | None = None) -> Iterator[OpenSuggestion]:
    """The open suggestions of each document in turn, reading one text at a time: memory holds one
    document and its suggestions, whatever the corpus. The known actors are read once, first."""
    actors = known_actors(conn, tags)
    for doc_id in doc_ids:
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None:
            yield from of_document(conn, doc_id, row[0], tags, actors, rules)


def check_open(conn: sqlite3.Connection, suggestion: OpenSuggestion, text: str) -> None:
    """SuggestionClosedError unless `suggestion` is still open on `text` (its document's)."""
    if text[suggestion.start:suggestion.end] != suggestion.text or not 0 <= suggestion.start < suggestion.end:
        raise SuggestionClosedError(f"the suggested {suggestion.tag} at {suggestion.start}-{suggestion.end} "
                                    "does not match the document's text")
    reason = _closed_because(conn, suggestion)
    if reason is not None:
        raise SuggestionClosedError(f"the suggested {suggestion.tag} “{suggestion.text[:40]}” is no longer open: "
                                    f"{reason}")


def _closed_because(conn: sqlite3.Connection, suggestion: OpenSuggestion) -> str | None:
    key = (suggestion.document_id, suggestion.tag, suggestion.start, suggestion.end)
    if conn.execute("SELECT 1 FROM annotations WHERE document_id = ? AND tag = ? AND start = ? AND end = ?",
                    key).fetchone():
        return f"it is already an annotation of {suggestion.tag}"
    if conn.execute("SELECT 1 FROM suggestion_decisions WHERE document_id = ? AND tag = ? AND start = ? "
                    "AND end = ? AND decision = 'rejected'", key).fetchone():
        return "it was rejected already"
    return None


def record(action: Action, suggestion: OpenSuggestion, decision: str, annotator: str | None,
           annotation_id: str | None = None) -> str:
    """Write one decision ("accepted" or "rejected") in the caller's action; its id."""
    decision_id = uuid.uuid4().hex
    action.insert("suggestion_decisions", {
        "id": decision_id, "document_id": suggestion.document_id, "tag": suggestion.tag,
        "start": suggestion.start, "end": suggestion.end, "rule": suggestion.rule, "decision": decision,
        "annotation_id": annotation_id, "annotator": annotator, "at": action.at,
    })
    return decision_id
