"""The SQLite store: schema, migrations, annotations, undo log and exports; knows nothing of Textual."""
from .connect import open_store
from .records import Annotation, Change, DocumentInfo, SpanRef, StoredDocument, Tag
from .store import Store

__all__ = ["open_store", "Store", "Annotation", "SpanRef", "StoredDocument", "DocumentInfo", "Change", "Tag"]
