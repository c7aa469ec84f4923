"""The codebook in the database: tags and relation types, and applying a codebook file without orphaning data."""
from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from .records import RelationType, Tag, attributes_from_json, attributes_to_json

if TYPE_CHECKING:  # the reader reads tags at start-up; the file parser loads only to apply a codebook
    from .codebook_file import Codebook, TagEntry
    from .history import Action


class CodebookReport(NamedTuple):
    """What applying a codebook changed, and what it kept because annotations use it."""

    added: list[str]
    updated: list[str]
    renamed: list[tuple[str, str, int]]  # old name, new name, annotations renamed
    removed: list[str]
    kept: list[tuple[str, int]]  # tags the codebook drops but annotations use: kept, with their count
    unkeyed: list[tuple[str, str]]  # a kept tag whose key the codebook gave to another: (tag, key)
    kept_relations: list[tuple[str, int]]  # relation types the codebook drops but relations use
    misfits: list[tuple[str, int]]  # relation types whose new source/target tags some kept relations break

    def lines(self) -> list[str]:
        """One line per change, for the command line and the reader's notification."""
        out = [f"added tag {name}" for name in self.added]
        out += [f"updated tag {name}" for name in self.updated]
        out += [f"renamed tag {old} to {new} ({count} annotation{'' if count == 1 else 's'})"
                for old, new, count in self.renamed]
        out += [f"removed tag {name} (no annotations used it)" for name in self.removed]
        out += [f"kept tag {name}: {count} annotation{' uses' if count == 1 else 's use'} it, "
                "so it stays (delete or retag them to drop it)" for name, count in self.kept]
        out += [f"tag {name} no longer has key {key}: the codebook gives it to another tag"
                for name, key in self.unkeyed]
        out += [f"kept relation type {name}: {count} relation{' uses' if count == 1 else 's use'} it, "
                "so it stays (delete those relations to drop it)" for name, count in self.kept_relations]
        out += [f"relation type {name}: {count} relation{' no longer fits' if count == 1 else 's no longer fit'} "
                "its source or target tags; kept (R lists them, d deletes)" for name, count in self.misfits]
        return out


def tags(conn: sqlite3.Connection) -> list[Tag]:
    """The tags in display order."""
    rows = conn.execute("SELECT name, key, colour, description, groups_by, attributes FROM tags "
                        "ORDER BY position, name")
    return [Tag(name, key, colour, description, groups_by, attributes_from_json(attributes))
            for name, key, colour, description, groups_by, attributes in rows]


def relation_types(conn: sqlite3.Connection) -> list[RelationType]:
    """The relation types in codebook order."""
    rows = conn.execute("SELECT name, source, target, description FROM relation_types ORDER BY position, name")
    return [RelationType(name, tuple(json.loads(source)), tuple(json.loads(target)), description)
            for name, source, target, description in rows]


def usage(conn: sqlite3.Connection) -> dict[str, int]:
    """How many annotations use each tag (tags no annotation uses are absent)."""
    return dict(conn.execute("SELECT tag, COUNT(*) FROM annotations GROUP BY tag").fetchall())


def _rename(action: Action, old: str, new: str) -> int:
    """Rename a tag and its annotations (one undo step with the rest of the codebook change), and
    the earlier undo log's copies of them, so undoing an older change brings back `new`."""
    from .history import LOGGED_TAG_NAMES, rename_tag_in_log, row

    conn = action.conn
    # annotations.tag references tags.name (foreign keys on): add the new row, move, drop the old.
    old_row = row(conn, "tags", old)
    assert old_row is not None  # the caller found it stored
    action.insert("tags", {**old_row, "name": new})
    ids = [ann_id for (ann_id,) in conn.execute("SELECT id FROM annotations WHERE tag = ?", (old,))]
    for ann_id in ids:
        action.update("annotations", ann_id, tag=new)
    action.delete("tags", old)
    from .relations import rename_tag_in_types

    rename_tag_in_types(action, old, new)  # a relation type's ends name tags: they follow the rename
    rename_tag_in_log(conn, old, new, action.id)
    action.log(LOGGED_TAG_NAMES, f"{old}\x1f{new}\x1f{action.id}", {"tag": old}, {"tag": new})
    return len(ids)


def _upsert(action: Action, table: str, key: str, values: dict[str, object]) -> None:
    """Insert a row, or update the stored one's columns, logging either."""
    from .history import row

    if row(action.conn, table, key) is None:
        action.insert(table, values)
    else:
        action.update(table, key, **values)


def _merged(entry: TagEntry, old: Tag | None) -> Tag:
    """The file's tag, with what the file leaves out taken from the tag as it is stored."""
    if old is None:
        return entry.tag
    given = entry.given
    return Tag(entry.tag.name,
               entry.tag.key if "key" in given else old.key,
               entry.tag.colour if "colour" in given else old.colour,
               entry.tag.description if "description" in given else old.description,
               entry.tag.groups_by if "groups_by" in given else old.groups_by,
               entry.tag.attributes if "attribute" in given else old.attributes)


def apply(action: Action, codebook: Codebook) -> CodebookReport:
    """Make the database's codebook what the file says, inside the caller's transaction, as one
    undoable action.

    The file's tags join the stored ones, or replace them with `replace_defaults = true`; a tag
    that annotations use is never removed (kept and reported); `renamed_from` renames a tag and
    its annotations. CodebookError (with the file's line) when the result would be inconsistent:
    the caller rolls back, so nothing changes.
    """
    from .codebook_file import CodebookError, check_relation_tags

    conn = action.conn
    report = CodebookReport([], [], [], [], [], [], [], [])
    counts = usage(conn)
    stored = {tag.name: tag for tag in tags(conn)}
    file_names = [entry.tag.name for entry in codebook.tags]
    for entry in codebook.tags:
        old, new = entry.renamed_from, entry.tag.name
        if old is None or old == new or old not in stored:
            continue  # nothing stored under the old name: renamed already, or never there
        if old in file_names:
            raise CodebookError(codebook.source, entry.line, f"tag {new!r} is renamed from {old!r}, "
                                f"which the codebook also defines")
        if new in stored:
            raise CodebookError(codebook.source, entry.line, f"cannot rename {old!r} to {new!r}: "
                                f"a tag {new!r} exists already")
        report.renamed.append((old, new, _rename(action, old, new)))
        stored[new] = stored.pop(old)._replace(name=new)
    final: dict[str, Tag] = {}
    if not codebook.replace_defaults:
        final.update(stored)
    for entry in codebook.tags:
        final[entry.tag.name] = _merged(entry, stored.get(entry.tag.name))
    for name, tag in stored.items():
        if name not in final:
            if counts.get(name, 0):
                report.kept.append((name, counts[name]))
                final[name] = tag
            else:
                report.removed.append(name)
    _settle_keys(codebook, final, report)
    check_relation_tags(codebook, set(final))
    order = file_names + [name for name in final if name not in file_names]
    if not codebook.replace_defaults:  # joined: stored tags keep their places, new ones come after
        order = [name for name in stored if name in final] + [name for name in file_names if name not in stored]
    for name in report.removed:
        action.delete("tags", name)
    for position, name in enumerate(order, 1):
        tag = final[name]
        if name not in stored:
            report.added.append(name)
        elif tag != stored[name]:
            report.updated.append(name)
        _upsert(action, "tags", tag.name, {"name": tag.name, "key": tag.key, "colour": tag.colour,
                                           "description": tag.description, "groups_by": tag.groups_by,
                                           "attributes": attributes_to_json(tag.attributes), "position": position})
    _store_relations(action, codebook, report)
    return report


def _settle_keys(codebook: Codebook, final: dict[str, Tag], report: CodebookReport) -> None:
    """A key the file gives a tag must not stay on another: a kept tag loses it, a joined one is an error."""
    from .codebook_file import CodebookError

    owners = {entry.tag.name for entry in codebook.tags}
    for entry in codebook.tags:
        key = final[entry.tag.name].key
        if key is None:
            continue
        for name, other in list(final.items()):
            if name in owners or other.key != key:
                continue
            if any(kept == name for kept, _ in report.kept):
                final[name] = other._replace(key=None)
                report.unkeyed.append((name, key))
            else:
                raise CodebookError(codebook.source, entry.line,
                                    f"duplicate key {key!r}: tag {entry.tag.name!r} takes it, but the "
                                    f"database's tag {name!r} has it (give {name!r} another key in this file, "
                                    "or set replace_defaults = true)")


def _store_relations(action: Action, codebook: Codebook, report: CodebookReport) -> None:
    """The file's relation types joined to the stored ones, or replacing them; one in use is kept."""
    from .relations import usage as relation_usage

    conn = action.conn
    if codebook.replace_defaults:
        in_use = relation_usage(conn)
        defined = {entry.relation.name for entry in codebook.relations}
        for (name,) in conn.execute("SELECT name FROM relation_types ORDER BY position, name").fetchall():
            if name in defined:
                continue
            if in_use.get(name):
                report.kept_relations.append((name, in_use[name]))
            else:
                action.delete("relation_types", name)
    start = conn.execute("SELECT COALESCE(MAX(position), 0) FROM relation_types").fetchone()[0]
    for offset, entry in enumerate(codebook.relations, 1):
        relation = entry.relation
        values: dict[str, object] = {
            "name": relation.name, "source": json.dumps(list(relation.source), ensure_ascii=False),
            "target": json.dumps(list(relation.target), ensure_ascii=False), "description": relation.description}
        from .history import row

        if row(conn, "relation_types", relation.name) is None:
            values["position"] = start + offset
        _upsert(action, "relation_types", relation.name, values)
    report.misfits.extend(_misfits(conn))


def _misfits(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Per relation type, the relations whose source or target tag its definition no longer allows."""
    allowed = {str(name): (set(json.loads(source or "[]")), set(json.loads(target or "[]")))
               for name, source, target in conn.execute("SELECT name, source, target FROM relation_types")}
    counts: dict[str, int] = {}
    for kind, source_tag, target_tag in conn.execute(
            "SELECT r.type, s.tag, t.tag FROM relations r JOIN annotations s ON s.id = r.source_id "
            "JOIN annotations t ON t.id = r.target_id"):
        sources, targets = allowed.get(kind, (set(), set()))
        if source_tag not in sources or target_tag not in targets:
            counts[kind] = counts.get(kind, 0) + 1
    return sorted(counts.items())
