"""The SQLite store: schema, migrations, annotations, undo log and exports; knows nothing of Textual."""
