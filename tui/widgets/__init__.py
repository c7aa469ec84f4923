"""Part of sidebyside."""
