"""Hard-wrapped wire copy: line breaks inside a paragraph are spaces to a reader.

Plain-text wires (the Reuters-21578 Korea stories among them) break every line near 65
characters and start each paragraph on an indented line. Quote finding treats a newline as a
paragraph end, which cut such quotes at the first line end and lost the cue on the line after.
`unwrap` gives a same-length reading text, so every offset found in it holds in the original.
"""

from __future__ import annotations

import re

_MAX_LINE = 90  # a wrapped line is never longer; a paragraph of web copy nearly always is
_WRAPPED_LINES = 3  # full-width lines needed to call a text wrapped
_FULL_WIDTH = 50
_WRAP = re.compile(r"(?<=[^\n])\n(?=[^\s])")  # a line break inside a paragraph


def unwrap(text: str) -> str:
    """Article text -> the same text with in-paragraph line breaks as spaces, when it is
    hard-wrapped (every line short, several full); unchanged otherwise."""
    if "\n" not in text or not _is_wrapped(text):
        return text
    return _WRAP.sub(" ", text)


def _is_wrapped(text: str) -> bool:
    if text.find("\n") > _MAX_LINE:  # web copy: its first paragraph already says so
        return False
    lines = text.split("\n")
    if max(map(len, lines)) > _MAX_LINE:
        return False
    return sum(len(line) >= _FULL_WIDTH for line in lines) >= _WRAPPED_LINES
