"""The SQLite schema, the check that a file is ours, and the migrations between versions."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from .errors import (
    DamagedDatabaseError,
    ForeignDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
    damaged_message,
)

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id marks a file as sidebyside's: "SBYS" as a big-endian integer.
APPLICATION_ID = 0x53425953

DEFAULT_TAGS = (  # name, key, colour, position: the default codebook as version 1 seeded it
    ("quote", "1", "#3b82f6", 1),
    ("claim", "2", "#f59e0b", 2),
    ("number", "3", "#10b981", 3),
    ("actor", "4", "#d946ef", 4),
)
# What version 4 adds to each default tag: (name, how coverage groups it, description).
DEFAULT_TAG_DEFINITIONS = (
    ("quote", "passage", "Words a source is reported to have said or written, direct or paraphrased. "
     "Include the quoted words only, not the attribution (\"she said\"). Exclude scare quotes and titles. "
     "Example: \"We will not back down,\" the minister said."),
    ("claim", "passage", "An assertion of fact or judgement the article makes or reports, true or not. "
     "Include the whole statement; exclude questions and quotes already tagged as quotes. "
     "Example: The policy has cut emissions by a third."),
    ("number", "value", "A quantity, amount, date or percentage as written. Include its unit and magnitude "
     "words (\"€6.5 billion\", \"30 per cent\"); exclude numbers inside names (\"5G\"). Example: 1,200 jobs."),
    ("actor", "text", "A person, organisation or country that acts or speaks. Include titles that are part of "
     "the name; exclude pronouns. Example: Richard Grenell, the European Commission."),
)

SCHEMA_V1 = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    source TEXT,
    url TEXT,
    date TEXT,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported TEXT NOT NULL,
    format TEXT,
    styles TEXT,          -- JSON [[start, end, style], ...]
    position INTEGER      -- import order
);
CREATE TABLE tags (
    name TEXT PRIMARY KEY,
    key TEXT,
    colour TEXT,          -- hex, e.g. #3b82f6
    position INTEGER
);
CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    tag TEXT NOT NULL REFERENCES tags(name),
    start INTEGER NOT NULL,   -- code points into documents.text
    end INTEGER NOT NULL,     -- exclusive
    text TEXT NOT NULL,       -- documents.text[start:end]
    prefix TEXT,              -- up to 32 code points before start
    suffix TEXT,              -- up to 32 code points after end
    note TEXT NOT NULL DEFAULT '',
    annotator TEXT,
    created TEXT,             -- ISO 8601 UTC, e.g. 2025-01-31T12:00:00.000Z
    updated TEXT,
    CHECK (start >= 0 AND end > start)
);
CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT,                -- create | delete | note | move
    annotation_id TEXT,
    before TEXT,              -- JSON annotation row, or NULL
    after TEXT,               -- JSON annotation row, or NULL
    undone INTEGER NOT NULL DEFAULT 0,
    at TEXT
);
CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT                -- JSON
);
CREATE INDEX idx_annotations_document_start ON annotations(document_id, start);
CREATE INDEX idx_annotations_tag ON annotations(tag);
CREATE INDEX idx_history_undone_seq ON history(undone, seq);
"""


def _create_v1(conn: sqlite3.Connection) -> None:
    """Version 0 -> 1: create every table and seed the default tags."""
    for statement in SCHEMA_V1.split(";"):
        # executescript() would COMMIT the surrounding transaction, so run statements one by one.
        if statement.strip():
            conn.execute(statement)
    conn.executemany(
        "INSERT INTO tags (name, key, colour, position) VALUES (?, ?, ?, ?)", DEFAULT_TAGS
    )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _history_owners_v2(conn: sqlite3.Connection) -> None:
    """Version 1 -> 2: each history row names the session that owns it (undo is per session).

    A v1 row goes to the reader of the annotator who made the annotation, which is whose u
    would have undone it; every row and the undo/redo stacks are kept.
    """
    conn.execute("ALTER TABLE history ADD COLUMN owner TEXT")
    conn.execute(
        "UPDATE history SET owner = 'reader:' || COALESCE("
        "json_extract(COALESCE(after, before), '$.annotator'), 'unknown')"
    )
    conn.execute("CREATE INDEX idx_history_owner_undone_seq ON history(owner, undone, seq)")


def _documents_position_index_v3(conn: sqlite3.Connection) -> None:
    """Version 2 -> 3: an index on documents.position (import order).

    Without it, finding the next position scanned the whole table once per imported document,
    reading every row's text (position is stored after it): importing was quadratic.
    """
    conn.execute("CREATE INDEX idx_documents_position ON documents(position)")


def _documents_order_index_v4(conn: sqlite3.Connection) -> None:
    """Version 3 -> 4: a covering index of the import order with the ids.

    The reader lists every id in import order as it starts: through idx_documents_position that
    read every row (each page mostly text), 60-80 ms at 40,000 articles; from this index, 10-20 ms.
    """
    conn.execute("CREATE INDEX idx_documents_order ON documents(position, id)")


def _tag_definitions_v5(conn: sqlite3.Connection) -> None:
    """Version 4 -> 5: the codebook is data: each tag's description and how coverage groups it,
    and the relation types a codebook defines (stored for the relation links to come).

    Every tag and annotation is kept; the default tags get their definitions and groupings
    (quotes and claims by shared passage, numbers by value), which code used to know by name.
    """
    conn.execute("ALTER TABLE tags ADD COLUMN description TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE tags ADD COLUMN groups_by TEXT NOT NULL DEFAULT 'text'")
    conn.executemany("UPDATE tags SET groups_by = ?, description = ? WHERE name = ?",
                     [(groups_by, description, name) for name, groups_by, description in DEFAULT_TAG_DEFINITIONS])
    conn.execute(
        "CREATE TABLE relation_types ("
        " name TEXT PRIMARY KEY,"
        " source TEXT NOT NULL,"      # JSON list of tag names
        " target TEXT NOT NULL,"      # JSON list of tag names
        " description TEXT NOT NULL DEFAULT '',"
        " position INTEGER)"
    )


SCHEMA_V6 = """
CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,      -- the session: reader:<annotator> | api
    kind TEXT NOT NULL,       -- create | delete | note | move | relate | codebook | ...
    undone INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL
);
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id INTEGER NOT NULL REFERENCES actions(id),
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    before TEXT,              -- JSON row, or NULL (absent)
    after TEXT
);
CREATE INDEX idx_actions_owner_undone_id ON actions(owner, undone, id);
CREATE INDEX idx_changes_action ON changes(action_id, seq);
CREATE INDEX idx_changes_row ON changes(table_name, row_id, seq);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,       -- the canonical name, e.g. Richard A. Grenell
    annotator TEXT,
    created TEXT NOT NULL
);
CREATE INDEX idx_entities_name ON entities(name);
ALTER TABLE annotations ADD COLUMN updated_by TEXT;
ALTER TABLE annotations ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE annotations ADD COLUMN entity_id TEXT REFERENCES entities(id);
CREATE INDEX idx_annotations_entity ON annotations(entity_id);
ALTER TABLE tags ADD COLUMN attributes TEXT NOT NULL DEFAULT '[]';
CREATE TABLE relations (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    source_id TEXT NOT NULL REFERENCES annotations(id),
    target_id TEXT NOT NULL REFERENCES annotations(id),
    type TEXT NOT NULL,
    annotator TEXT,
    created TEXT NOT NULL,
    CHECK (source_id != target_id)
);
CREATE INDEX idx_relations_document ON relations(document_id);
CREATE INDEX idx_relations_source ON relations(source_id);
CREATE INDEX idx_relations_target ON relations(target_id);
CREATE TABLE progress (
    id TEXT PRIMARY KEY,      -- <annotator> U+001F <document id>
    document_id TEXT NOT NULL REFERENCES documents(id),
    annotator TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
    updated TEXT NOT NULL
);
CREATE UNIQUE INDEX idx_progress_document_annotator ON progress(document_id, annotator);
CREATE TABLE suggestion_decisions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    tag TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    rule TEXT,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    annotation_id TEXT,       -- the annotation an accepted suggestion became
    annotator TEXT,
    at TEXT NOT NULL
);
CREATE INDEX idx_suggestion_decisions_document ON suggestion_decisions(document_id, start);
DROP INDEX idx_documents_position
"""
# New columns filled in on the annotation rows the undo log keeps, so an undone step brings back
# exactly the row as schema 6 stores it.
_V6_ANNOTATION_JSON = (
    "CASE WHEN {column} IS NULL THEN NULL ELSE json_set({column}, "
    "'$.updated_by', json_extract({column}, '$.annotator'), '$.attributes', '{{}}', '$.entity_id', NULL) END"
)


def _research_coding_v6(conn: sqlite3.Connection) -> None:
    """Version 5 -> 6: the generic undo log, and the tables research-grade coding needs.

    The undo log becomes actions (one per user action, owned by a session) and changes (every
    row an action touched, before and after, any table): each v5 history row becomes one action
    with the same id, owner, kind and undo state, so both undo stacks of every session are kept.
    Annotations gain who changed them last (their annotator, as far as v5 knew), attributes and an
    entity; tags gain attribute definitions; relations, entities, progress and suggestion
    decisions are new. idx_documents_position goes: idx_documents_order (v4) covers it.
    """
    for statement in SCHEMA_V6.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("UPDATE annotations SET updated_by = annotator")
    conn.execute("INSERT INTO actions (id, owner, kind, undone, at) "
                 "SELECT seq, COALESCE(owner, 'api'), COALESCE(kind, 'change'), undone, COALESCE(at, '') "
                 "FROM history ORDER BY seq")
    conn.execute("INSERT INTO changes (action_id, table_name, row_id, before, after) "
                 "SELECT seq, 'annotations', annotation_id, "
                 f"{_V6_ANNOTATION_JSON.format(column='before')}, {_V6_ANNOTATION_JSON.format(column='after')} "
                 "FROM history ORDER BY seq")
    conn.execute("DROP TABLE history")
    if not conn.execute("SELECT 1 FROM relation_types").fetchone():
        conn.execute(*DEFAULT_RELATION)


# The default codebook's relation: a quote or claim said by an actor.
DEFAULT_RELATION = (
    "INSERT INTO relation_types (name, source, target, description, position) VALUES (?, ?, ?, ?, 1)",
    ("said_by", '["quote", "claim"]', '["actor"]', "Who said it: the actor a quote or claim is attributed to."),
)


# MIGRATIONS[n] takes a database from version n to n + 1, inside one transaction.
# A migration that wants sqlite-utils (e.g. table.transform) imports it itself,
# so opening an up-to-date database never pays for that import.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _create_v1, _history_owners_v2, _documents_position_index_v3, _documents_order_index_v4,
    _tag_definitions_v5, _research_coding_v6,
]


def schema_version() -> int:
    """The newest schema version this code can read and write."""
    return len(MIGRATIONS)


def check_header(path: Path) -> None:
    """Refuse, before connecting, a non-empty file that does not start like SQLite."""
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a sidebyside database file")
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as handle:
        header = handle.read(100)
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{path} is not a sidebyside database (not an SQLite file); it was left untouched"
        )
    _check_length(path, header)


def _check_length(path: Path, header: bytes) -> None:
    """Refuse a file shorter than the pages its header counts: a copy or a disk cut it short.

    A cut inside the last page passes SQLite's own quick_check and breaks on the first write.
    The header's page count is valid when its version-valid-for number equals the change
    counter; with a WAL file beside it the newest pages may be there, so only quick_check decides.
    """
    if len(header) < 100 or Path(f"{path}-wal").exists():
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    counter, pages, valid_for = (int.from_bytes(header[i:i + 4], "big") for i in (24, 28, 92))
    expected = pages * page_size
    if counter == valid_for and pages and path.stat().st_size < expected:
        raise DamagedDatabaseError(damaged_message(
            path, f"the file is cut short: {path.stat().st_size:,} of {expected:,} bytes"))


def quick_check(conn: sqlite3.Connection, path: object) -> None:
    """SQLite's quick_check (about 80 ms on a 250 MB database of 40,000 articles, warm)."""
    try:
        rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(damaged_message(path, str(exc))) from exc
    problems = [row[0] for row in rows if row[0] != "ok"]
    if problems:
        raise DamagedDatabaseError(damaged_message(path, "; ".join(p.splitlines()[-1] for p in problems)[:300]))


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def check_ownership(conn: sqlite3.Connection, path: object) -> int:
    """Return the file's schema version, or raise if it is newer or someone else's.

    Only reads: a refused file keeps its bytes and its modification time.
    """
    try:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = _user_tables(conn)
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):  # an SQLite file whose schema pages are damaged
            raise DamagedDatabaseError(damaged_message(path, str(exc))) from exc
        raise NotADatabaseError(
            f"{path} is not a readable SQLite database ({exc}); it was left untouched"
        ) from exc
    if app_id not in (0, APPLICATION_ID):
        raise ForeignDatabaseError(_foreign_message(path, tables))
    if version > schema_version():
        raise SchemaTooNewError(
            f"{path} was written by a newer sidebyside (schema {version}, this version reads "
            f"up to {schema_version()}); upgrade sidebyside"
        )
    if version == 0 and tables:
        raise ForeignDatabaseError(_foreign_message(path, tables))
    if version > 0 and app_id != APPLICATION_ID:
        raise ForeignDatabaseError(_foreign_message(path, tables))
    return version


def _foreign_message(path: object, tables: list[str]) -> str:
    shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
    return (
        f"{path} is an SQLite database but not a sidebyside one (tables: {shown or 'none'}); "
        "refusing to write into it - choose another file"
    )


def migrate(conn: sqlite3.Connection, path: object) -> int:
    """Bring the database up to schema_version(), one committed transaction per step."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check inside the write lock: another process may have migrated meanwhile.
            version = check_ownership(conn, path)
            if version >= schema_version():
                if version >= 6:  # tags.attributes exists
                    from .attributes import seed_defaults

                    seed_defaults(conn)  # once: the default tags' attributes, on new and schema-6 files alike
                conn.execute("COMMIT")
                return version
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
