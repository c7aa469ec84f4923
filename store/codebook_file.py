"""A codebook in a TOML file: read and checked (every error names its line), and written back as TOML or CSV."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from .errors import StoreError
from .records import AttributeDef, RelationType, Tag

GROUPINGS = ("passage", "value", "text")
TAG_FIELDS = {"name", "key", "color", "colour", "description", "groups_by", "renamed_from", "attribute"}
RELATION_FIELDS = {"name", "source", "target", "description"}
TOP_FIELDS = {"tag", "relation", "replace_defaults"}
NAME_MAX = 64
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_SYNTAX_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class CodebookError(StoreError):
    """A codebook that cannot be used: the file, the line (when known) and what is wrong."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        where = f"{source}, line {line}" if line else source
        super().__init__(f"codebook {where}: {problem}")
        self.source, self.line, self.problem = source, line, problem


class TagEntry(NamedTuple):
    """One [[tag]] of a codebook file, with the line its table starts on."""

    tag: Tag
    renamed_from: str | None
    line: int | None
    given: frozenset[str]  # the fields the file sets: an existing tag keeps the others as they are


class RelationEntry(NamedTuple):
    """One [[relation]] of a codebook file, with the line its table starts on."""

    relation: RelationType
    line: int | None


class Codebook(NamedTuple):
    """What a codebook file says, checked on its own (the database checks the rest when it is applied)."""

    source: str
    tags: list[TagEntry]
    relations: list[RelationEntry]
    replace_defaults: bool


class _Lines:
    """Where each [[tag]], [[relation]] and [[tag.attribute]] table starts, and where a field is set in it."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {"tag": [], "relation": [], "tag.attribute": []}
        self.boundaries: list[int] = []
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                self.boundaries.append(number)
                match = re.fullmatch(r"\[\[\s*(tag|relation|tag\s*\.\s*attribute)\s*\]\]\s*(#.*)?", stripped)
                if match:
                    self.headers[re.sub(r"\s", "", match.group(1))].append(number)

    def table(self, kind: str, index: int) -> int | None:
        found = self.headers[kind]
        return found[index] if index < len(found) else None

    def field(self, kind: str, index: int, name: str) -> int | None:
        """The line setting `name` inside the index-th table of `kind`, else the table's line."""
        start = self.table(kind, index)
        return None if start is None else self.field_from(start, name)

    def field_from(self, start: int, name: str) -> int:
        """The line setting `name` in the table whose header is on line `start`, else `start`."""
        end = next((b for b in self.boundaries if b > start), len(self.lines) + 1)
        pattern = re.compile(rf"\s*\"?{re.escape(name)}\"?\s*=")
        for number in range(start + 1, end):
            if pattern.match(self.lines[number - 1]):
                return number
        return start

    def attributes(self, tag_index: int) -> list[int]:
        """The header lines of the index-th [[tag]]'s [[tag.attribute]] tables."""
        start = self.table("tag", tag_index)
        if start is None:
            return []
        following = self.table("tag", tag_index + 1) or len(self.lines) + 1
        return [line for line in self.headers["tag.attribute"] if start < line < following]

    def top(self, name: str) -> int | None:
        """The line setting a top-level field (before the first table)."""
        end = self.boundaries[0] if self.boundaries else len(self.lines) + 1
        pattern = re.compile(rf"\s*\"?{re.escape(name)}\"?\s*=")
        return next((n for n in range(1, end) if pattern.match(self.lines[n - 1])), None)


def check_name(value: object, what: str) -> str:
    """A tag or relation name: non-empty text of at most NAME_MAX characters, no controls or bidi marks."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string")
    if value != value.strip():
        raise ValueError(f"{what} {value!r} has spaces around it")
    if len(value) > NAME_MAX:
        raise ValueError(f"{what} is longer than {NAME_MAX} characters")
    if _CONTROL.search(value):
        raise ValueError(f"{what} {value!r} holds a control or direction character")
    return value


def check_key(value: object) -> str:
    """A tag key: one digit or ASCII letter (the reader binds it as it is)."""
    if not isinstance(value, str) or len(value) != 1 or not (value.isascii() and value.isalnum()) or value == "0":
        raise ValueError(f"key must be one digit 1-9 or one letter a-z, A-Z, got {value!r}")
    return value


def read_codebook(path: str | Path, reserved_keys: Mapping[str, str] | None = None) -> Codebook:
    """Read a codebook file; CodebookError (naming the file and the line) if it cannot be used.

    `reserved_keys` maps each key the reader binds to something else onto what it does: a tag
    may not take one of them.
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError(source, None, "no such file") from None
    except UnicodeDecodeError as error:
        raise CodebookError(source, None, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise CodebookError(source, None, f"cannot be read: {error.strerror or error}") from None
    return parse_codebook(text, source, reserved_keys)


def parse_codebook(text: str, source: str = "<text>", reserved_keys: Mapping[str, str] | None = None) -> Codebook:
    """A codebook from TOML text (see read_codebook)."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _SYNTAX_LINE.search(str(error))
        problem = _SYNTAX_LINE.sub("", str(error)).strip()
        raise CodebookError(source, int(match.group(1)) if match else None,
                            f"not valid TOML: {problem}") from None
    lines = _Lines(text)
    for name in data:
        if name not in TOP_FIELDS:
            raise CodebookError(source, lines.top(name), f"unknown field {name!r} (expected [[tag]], "
                                "[[relation]] or replace_defaults)")
    replace = data.get("replace_defaults", False)
    if not isinstance(replace, bool):
        raise CodebookError(source, lines.top("replace_defaults"), "replace_defaults must be true or false")
    tags = _tag_entries(_tables(data, "tag", source, lines), source, lines, reserved_keys or {})
    relations = _relation_entries(_tables(data, "relation", source, lines), source, lines)
    codebook = Codebook(source, tags, relations, replace)
    if replace:  # the defaults are gone: the file's own tags are all a relation may name
        check_relation_tags(codebook, {entry.tag.name for entry in tags})
    return codebook


def _tables(data: dict[str, Any], kind: str, source: str, lines: _Lines) -> list[dict[str, Any]]:
    tables = data.get(kind, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise CodebookError(source, lines.top(kind), f"{kind} must be written as [[{kind}]] tables")
    return tables


def _failer(source: str, lines: _Lines, kind: str, index: int) -> Callable[..., CodebookError]:
    """The error for a problem in the index-th [[kind]] table, on the line of `field` if given."""
    def fail(problem: str, field: str | None = None) -> CodebookError:
        line = lines.field(kind, index, field) if field else lines.table(kind, index)
        return CodebookError(source, line, problem)

    return fail


def _refuse_unknown_fields(table: Mapping[str, Any], allowed: Collection[str], kind: str, listed: str,
                           fail: Callable[..., CodebookError], hints: Mapping[str, str] | None = None) -> None:
    for field in table:
        if field not in allowed:
            hint = (hints or {}).get(field, "")
            raise fail(f"unknown field {field!r} in [[{kind}]]{hint}; the fields are {listed}", field)


def _tag_entries(tables: list[dict[str, Any]], source: str, lines: _Lines,
                 reserved: Mapping[str, str]) -> list[TagEntry]:
    entries: list[TagEntry] = []
    names: dict[str, int | None] = {}
    keys: dict[str, str] = {}
    for index, table in enumerate(tables):
        fail = _failer(source, lines, "tag", index)
        _refuse_unknown_fields(table, TAG_FIELDS, "tag",
                               "name, key, color, description, groups_by, renamed_from, attribute",
                               fail, {"attributes": " (write each attribute as a [[tag.attribute]] table)"})
        try:
            name = check_name(table.get("name"), "a tag's name")
        except ValueError as error:
            raise fail(str(error), "name") from None
        if name in names:
            raise fail(f"tag {name!r} is defined twice (first on line {names[name]})", "name")
        names[name] = lines.table("tag", index)
        key = table.get("key")
        if key is not None:
            try:
                check_key(key)
            except ValueError as error:
                raise fail(f"tag {name!r}: {error}", "key") from None
            if key in keys:
                raise fail(f"duplicate key {key!r}: tags {keys[key]!r} and {name!r} both use it", "key")
            if key in reserved:
                raise fail(f"tag {name!r}: key {key!r} is already the reader's key for {reserved[key]}", "key")
            keys[key] = name
        if "color" in table and "colour" in table:
            raise fail(f"tag {name!r} gives both color and colour", "colour")
        field = "color" if "color" in table else "colour"
        colour = table.get(field)
        if colour is not None and (not isinstance(colour, str) or not _HEX_COLOUR.fullmatch(colour)):
            raise fail(f"tag {name!r}: bad colour {colour!r} (expected #rgb or #rrggbb, e.g. \"#aa00ff\")", field)
        description = table.get("description", "")
        if not isinstance(description, str):
            raise fail(f"tag {name!r}: description must be a string", "description")
        groups_by = table.get("groups_by", "text")
        if groups_by not in GROUPINGS:
            raise fail(f"tag {name!r}: groups_by must be one of {', '.join(GROUPINGS)}, got {groups_by!r}",
                       "groups_by")
        renamed_from = table.get("renamed_from")
        if renamed_from is not None:
            try:
                check_name(renamed_from, "renamed_from")
            except ValueError as error:
                raise fail(f"tag {name!r}: {error}", "renamed_from") from None
        attributes = _attribute_defs(table, name, fail, source, lines.attributes(index), lines)
        tag = Tag(name, key, colour, description, groups_by, attributes)
        given = frozenset("colour" if field == "color" else field for field in table)
        entries.append(TagEntry(tag, renamed_from, lines.table("tag", index), given))
    return entries


def _attribute_defs(table: Mapping[str, Any], tag: str, fail: Callable[..., CodebookError], source: str,
                    headers: list[int], lines: _Lines) -> tuple[AttributeDef, ...]:
    """A [[tag]]'s [[tag.attribute]] tables, each error on the line of its table (or field)."""
    from .attributes import check_definition

    tables = table.get("attribute", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise fail(f"tag {tag!r}: attributes must be written as [[tag.attribute]] tables", "attribute")
    definitions: list[AttributeDef] = []
    inline = fail("", "attribute").line  # where `attribute = [...]` is, when written inline
    for index, values in enumerate(tables):
        header = headers[index] if index < len(headers) else None

        def at(problem: str, field: str | None = None, header: int | None = header) -> CodebookError:
            if header is None:
                return CodebookError(source, inline, problem)
            return CodebookError(source, lines.field_from(header, field) if field else header, problem)

        definitions.append(check_definition(values, tag, [d.name for d in definitions], at))
    return tuple(definitions)


def _relation_entries(tables: list[dict[str, Any]], source: str, lines: _Lines) -> list[RelationEntry]:
    entries: list[RelationEntry] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        fail = _failer(source, lines, "relation", index)
        _refuse_unknown_fields(table, RELATION_FIELDS, "relation", "name, source, target, description", fail)
        try:
            name = check_name(table.get("name"), "a relation's name")
        except ValueError as error:
            raise fail(str(error), "name") from None
        if name in seen:
            raise fail(f"relation {name!r} is defined twice", "name")
        seen.add(name)
        ends: dict[str, tuple[str, ...]] = {}
        for end in ("source", "target"):
            value = table.get(end)
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                raise fail(f"relation {name!r}: {end} must be a list of tag names", end)
            ends[end] = tuple(value)
        description = table.get("description", "")
        if not isinstance(description, str):
            raise fail(f"relation {name!r}: description must be a string", "description")
        relation = RelationType(name, ends["source"], ends["target"], description)
        entries.append(RelationEntry(relation, lines.table("relation", index)))
    return entries


def check_relation_tags(codebook: Codebook, known: Collection[str]) -> None:
    """CodebookError at the relation's line if it names a tag that is not in `known`."""
    for entry in codebook.relations:
        relation = entry.relation
        for end, names in (("source", relation.source), ("target", relation.target)):
            unknown = [name for name in names if name not in known]
            if unknown:
                raise CodebookError(codebook.source, entry.line,
                                    f"relation {relation.name!r}: unknown {end} tag {unknown[0]!r} "
                                    f"(the tags are {', '.join(sorted(known))})")


def _toml_string(value: str) -> str:
    # JSON string escapes are TOML basic-string escapes, except that TOML has no \/ (json never writes it).
    return json.dumps(value, ensure_ascii=False)


def write_toml(tags: Iterable[Tag], relations: Iterable[RelationType], out: TextIO) -> None:
    """The codebook as a file read_codebook reads back to the same tags and relations."""
    out.write("# sidebyside codebook: `sidebyside codebook import FILE` loads it\n")
    out.write("replace_defaults = true\n")
    for tag in tags:
        out.write(f"\n[[tag]]\nname = {_toml_string(tag.name)}\n")
        if tag.key:
            out.write(f"key = {_toml_string(tag.key)}\n")
        if tag.colour:
            out.write(f"color = {_toml_string(tag.colour)}\n")
        out.write(f"groups_by = {_toml_string(tag.groups_by)}\n")
        out.write(f"description = {_toml_string(tag.description)}\n")
        _write_attributes(tag, out)
    for relation in relations:
        out.write(f"\n[[relation]]\nname = {_toml_string(relation.name)}\n")
        out.write(f"source = [{', '.join(_toml_string(s) for s in relation.source)}]\n")
        out.write(f"target = [{', '.join(_toml_string(t) for t in relation.target)}]\n")
        if relation.description:
            out.write(f"description = {_toml_string(relation.description)}\n")


def _write_attributes(tag: Tag, out: TextIO) -> None:
    for definition in tag.attributes:
        out.write(f"\n[[tag.attribute]]\nname = {_toml_string(definition.name)}\n")
        if definition.choices:
            choices = ", ".join(f"{{ value = {_toml_string(c.value)}, key = {_toml_string(c.key)} }}"
                                for c in definition.choices)
            out.write(f"choices = [{choices}]\n")
        if definition.description:
            out.write(f"description = {_toml_string(definition.description)}\n")


def attributes_cell(tag: Tag) -> str:
    """A tag's attributes in one CSV cell: `kind: direct | indirect | mixed; value` (no choices: free text)."""
    return "; ".join(f"{d.name}: {' | '.join(c.value for c in d.choices)}" if d.choices else d.name
                     for d in tag.attributes)


CSV_COLUMNS = ("name", "description", "key", "color", "groups_by", "attributes")


def write_csv(tags: Iterable[Tag], out: TextIO) -> int:
    """One row per tag (name, description, key, color, groups_by, attributes), as QDA tools import a codebook;
    text that looks like a spreadsheet formula gets a leading ' as in the annotation export."""
    import csv

    from .formats.csv_format import neutralise

    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for tag in tags:
        writer.writerow([neutralise(tag.name), neutralise(tag.description), tag.key or "", tag.colour or "",
                         tag.groups_by, neutralise(attributes_cell(tag))])
        count += 1
    return count
