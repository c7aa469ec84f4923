"""Quotation rules: spans between matched quote marks (first version: straight and curly double quotes)."""
from __future__ import annotations

import re
from collections.abc import Iterator

_DOUBLE = re.compile(r'"[^"\n]+"|“[^”\n]+”')


def quote_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Spans of quotations, quote marks included."""
    for match in _DOUBLE.finditer(text):
        yield match.start(), match.end(), "quote-marks"
