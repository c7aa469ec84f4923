"""The sidebyside command line and Textual reader."""
