"""Reading articles into normalised text, and the bundled seed corpus; knows nothing of SQLite or Textual."""
