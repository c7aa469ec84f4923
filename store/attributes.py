"""Attributes of annotations: the codebook's definitions checked, values validated against them and stored."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .errors import InvalidAttributeError
from .records import AttributeDef, Choice, Tag, attributes_from_json, attributes_to_json

if TYPE_CHECKING:
    import sqlite3

    from .history import Action
    from .records import Annotation

ATTRIBUTE_FIELDS = ("name", "choices", "description")
CHOICE_FIELDS = ("value", "key")
# CSV headers (attr_<name>) and SQLite JSON paths ($."name") take the name as it is: word
# characters and hyphens only, so no quote or bracket can reach either.
_ATTRIBUTE_NAME = re.compile(r"\w[\w-]*")
VALUE_MAX = 1000  # characters of a free-text value
CSV_PREFIX = "attr_"
# The default codebook's attributes (issue 12): seeded once into the default tags (schema.py).
DEFAULT_ATTRIBUTES: dict[str, tuple[AttributeDef, ...]] = {
    "quote": (AttributeDef("kind", (Choice("direct", "d"), Choice("indirect", "i"), Choice("mixed", "m")),
                           "Direct: the source's own words in quotation marks; indirect: reported speech; "
                           "mixed: both in one span."),),
    "actor": (AttributeDef("type", (Choice("person", "p"), Choice("organisation", "o"), Choice("country", "c"),
                                    Choice("anonymous", "a")),
                           "What kind of actor: a person, an organisation, a country, or an unnamed source."),),
    "number": (AttributeDef("value", (), "The quantity as a plain number, e.g. 6500000000 for €6.5 billion."),
               AttributeDef("unit", (), "What is counted or the currency, e.g. EUR, jobs, per cent.")),
}


def check_definition(values: Mapping[str, Any], tag: str, earlier: Sequence[str],
                     fail: Callable[..., Exception]) -> AttributeDef:
    """One [[tag.attribute]] table as a definition; `fail(problem, field)` builds the error to raise."""
    from .codebook_file import check_name

    for field in values:
        if field not in ATTRIBUTE_FIELDS:
            raise fail(f"tag {tag!r}: unknown field {field!r} in [[tag.attribute]]; the fields are "
                       f"{', '.join(ATTRIBUTE_FIELDS)}", field)
    try:
        name = check_name(values.get("name"), f"an attribute name of tag {tag!r}")
    except ValueError as error:
        raise fail(str(error), "name") from None
    if not _ATTRIBUTE_NAME.fullmatch(name):
        raise fail(f"tag {tag!r}: attribute name {name!r} may hold only letters, digits, _ and - "
                   "(it becomes the CSV column attr_<name>)", "name")
    if name in earlier:
        raise fail(f"tag {tag!r}: attribute {name!r} is defined twice", "name")
    description = values.get("description", "")
    if not isinstance(description, str):
        raise fail(f"tag {tag!r}: attribute {name!r}: description must be a string", "description")
    given = values.get("choices", [])
    if not isinstance(given, list):
        raise fail(f"tag {tag!r}: attribute {name!r}: choices must be a list, e.g. [\"direct\", \"indirect\"] "
                   "(leave it out for free text)", "choices")
    pairs: list[tuple[str, str | None]] = []
    for item in given:
        value, key = (item, None) if isinstance(item, str) else _choice_table(item, tag, name, fail)
        try:
            check_name(value, f"a choice of attribute {name!r}")
        except ValueError as error:
            raise fail(f"tag {tag!r}: {error}", "choices") from None
        if value in (v for v, _ in pairs):
            raise fail(f"tag {tag!r}: attribute {name!r} lists the choice {value!r} twice", "choices")
        if key is not None:
            if not isinstance(key, str) or len(key) != 1 or not key.isprintable() or key.isspace():
                raise fail(f"tag {tag!r}: attribute {name!r}, choice {value!r}: a choice's key is one "
                           f"character (a letter, digit or sign such as +), got {key!r}", "choices")
            if key in (k for _, k in pairs):
                raise fail(f"tag {tag!r}: attribute {name!r}: two choices have the key {key!r}", "choices")
        pairs.append((value, key))
    return AttributeDef(name, _with_keys(pairs), description)


def _choice_table(item: Any, tag: str, name: str, fail: Callable[..., Exception]) -> tuple[Any, Any]:
    if not isinstance(item, dict):
        raise fail(f"tag {tag!r}: attribute {name!r}: each choice is a string or "
                   "{ value = \"...\", key = \"...\" }", "choices")
    unknown = [field for field in item if field not in CHOICE_FIELDS]
    if unknown:
        raise fail(f"tag {tag!r}: attribute {name!r}: unknown field {unknown[0]!r} in a choice "
                   "(the fields are value, key)", "choices")
    return item.get("value"), item.get("key")


def _with_keys(pairs: Sequence[tuple[str, str | None]]) -> tuple[Choice, ...]:
    """Each choice with its key: the one given, else the first letter or digit of its value that no
    other choice has (direct -> d, indirect -> i), else the first free digit or letter."""
    taken = {key for _, key in pairs if key is not None}
    choices = []
    for value, key in pairs:
        if key is None:
            candidates = [c for c in value.lower() if c.isascii() and c.isalnum() and c != "0"]
            spare = [c for c in "123456789abcdefghijklmnopqrstuvwxyz" if c not in taken]
            key = next((c for c in candidates if c not in taken), spare[0] if spare else "")
            taken.add(key)
        choices.append(Choice(value, key))
    return tuple(choices)


def values_of(annotation: Annotation) -> dict[str, Any]:
    """An annotation's attributes as a dict ({} for a stored value that is not a JSON object)."""
    try:
        loaded = json.loads(annotation.attributes or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def validated(tag: Tag, current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes after `changes` (a value of None or "" removes one), in the codebook's order;
    InvalidAttributeError naming the attribute for one the tag does not define or a value it does not allow.

    Values the tag no longer defines (the codebook changed since) stay unless removed.
    """
    from .store import _check_str

    definitions = {definition.name: definition for definition in tag.attributes}
    result = dict(current)
    for name, value in changes.items():
        if name not in definitions:
            known = ", ".join(definitions) or "none"
            raise InvalidAttributeError(f"tag {tag.name!r} has no attribute {name!r} (its attributes: {known})")
        if value is None or value == "":
            result.pop(name, None)
            continue
        if not isinstance(value, str):
            raise InvalidAttributeError(f"attribute {name!r} takes text, got {type(value).__name__}")
        _check_str(f"attribute {name!r}", value)
        if "\x00" in value:  # SQLite's JSON functions end a string at U+0000: the CSV would lose the rest
            raise InvalidAttributeError(f"attribute {name!r}: a value cannot hold a NUL character (U+0000)")
        choices = [choice.value for choice in definitions[name].choices]
        if choices and value not in choices:
            raise InvalidAttributeError(f"{value!r} is not a choice of attribute {name!r} of tag {tag.name!r} "
                                  f"(the choices: {', '.join(choices)})")
        if len(value) > VALUE_MAX:
            raise InvalidAttributeError(f"attribute {name!r}: a value is at most {VALUE_MAX} characters")
        result[name] = value
    ordered = {name: result[name] for name in definitions if name in result}
    ordered.update((name, value) for name, value in result.items() if name not in ordered)
    return ordered


def set_attributes(action: Action, annotation: Annotation, tag: Tag, changes: Mapping[str, Any],
                   annotator: str | None) -> bool:
    """Store `changes` to an annotation's attributes in the caller's action; False when nothing changed."""
    current = values_of(annotation)
    new = validated(tag, current, changes)
    if new == current and list(new) == list(current):
        return False
    action.update("annotations", annotation.id, attributes=encode(new), updated=action.at, updated_by=annotator)
    return True


def encode(values: Mapping[str, Any]) -> str:
    """Attributes as annotations.attributes stores them: compact JSON, as SQLite's json() writes it,
    so the JSONL export's attributes are the stored text."""
    return json.dumps(dict(values), ensure_ascii=False, separators=(",", ":"))


def csv_columns(tags: Sequence[Tag]) -> list[str]:
    """The attribute names over every tag, in codebook order, each once (two tags may share one)."""
    names: list[str] = []
    for tag in tags:
        names.extend(d.name for d in tag.attributes if d.name not in names)
    return names


def seed_defaults(conn: sqlite3.Connection) -> None:
    """Give the untouched default tags their default attributes, once per database.

    Called inside the write transaction of every open (schema.migrate): a tag gets them if it still
    has the default's name and definition and no attributes; the mark in `state` keeps a codebook
    that later removes them from having them come back.
    """
    from .schema import DEFAULT_TAG_DEFINITIONS

    if conn.execute("SELECT 1 FROM state WHERE key = ?", (SEEDED_STATE_KEY,)).fetchone():
        return
    for name, _groups_by, description in DEFAULT_TAG_DEFINITIONS:
        if name in DEFAULT_ATTRIBUTES:
            conn.execute("UPDATE tags SET attributes = ? WHERE name = ? AND description = ? AND attributes = '[]'",
                         (attributes_to_json(DEFAULT_ATTRIBUTES[name]), name, description))
    conn.execute("INSERT INTO state (key, value) VALUES (?, 'true')", (SEEDED_STATE_KEY,))


SEEDED_STATE_KEY = "store.default_attributes_seeded"
__all__ = ["DEFAULT_ATTRIBUTES", "InvalidAttributeError", "attributes_from_json", "check_definition", "csv_columns",
           "encode", "seed_defaults", "set_attributes", "validated", "values_of"]
