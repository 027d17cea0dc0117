"""Quote marks: where each quoted stretch of a paragraph opens and closes.

A newline resets the quote state, which is how a quote running over paragraphs reopens on each
one; an opening mark with no closing one runs to the paragraph end. Curly marks say which way they
face; a straight mark opens when it is not glued to the word before it. Spans are positions only:
callers slice the article text with them, so a quote is always verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Two apostrophes stand for a straight double mark in some feeds (''Like this,'' he said).
# Written as one character class first (then: a second apostrophe, or none before) so the
# search skips ahead on the class; a plain alternation scanned every character.
_DOUBLE = re.compile(r"[\"“”„«»'’](?:(?<=['’])['’]|(?<!['’]))")
_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_OPEN_CONTEXT = frozenset(" \t([{—–-/:;")


@dataclass(frozen=True, slots=True)
class Span:
    """A quoted stretch of one paragraph: content bounds and where its marks were."""

    start: int
    end: int
    opened: int  # index of the opening mark
    closed: int | None  # index of the closing mark, None when the paragraph ended first
    line_start: int
    line_end: int
    after: int = -1  # index just past the closing mark (marks may be two characters wide)


def find_spans(text: str) -> list[Span]:
    """Every stretch between double quote marks, paragraph by paragraph, trimmed of edge spaces."""
    spans: list[Span] = []
    mark = _DOUBLE.search(text)
    while mark is not None:  # only the paragraphs that hold a mark; most hold none
        line_start = text.rfind("\n", 0, mark.start()) + 1
        line_end = text.find("\n", mark.start())
        line_end = len(text) if line_end < 0 else line_end
        spans.extend(_line_spans(text, line_start, line_end))
        mark = _DOUBLE.search(text, line_end)
    return spans


def _line_spans(text: str, line_start: int, line_end: int) -> list[Span]:
    spans: list[Span] = []
    opened: re.Match[str] | None = None
    for match in _DOUBLE.finditer(text, line_start, line_end):
        at = match.start()
        if opened is None:
            if _is_opening(text, at, line_start):
                opened = match
        elif not _is_reopening(text, at, opened.start()):
            spans.extend(_trimmed(text, opened, match, (line_start, line_end)))
            opened = None
        else:
            if _ends_sentence(text, at):  # the scraper lost the closing mark of a whole quote
                spans.extend(_trimmed(text, opened, None, (line_start, at)))
            opened = match
    if opened is not None:
        spans.extend(_trimmed(text, opened, None, (line_start, line_end)))
    return spans


def _is_opening(text: str, at: int, line_start: int) -> bool:
    """Whether a mark outside a quote opens one: curly openers do; straight ones unless glued on."""
    mark = text[at]
    if mark in _OPENERS:
        return True
    if mark in _CLOSERS:
        return False
    return at == line_start or text[at - 1] in _OPEN_CONTEXT or text[at - 1] in _OPENERS


def _is_reopening(text: str, at: int, opened: int) -> bool:
    """A curly opener inside a quote means the first opener never closed (scraping): start over."""
    return text[at] in _OPENERS and text[opened] in _OPENERS and at > opened + 1


def _ends_sentence(text: str, at: int) -> bool:
    return text[:at].rstrip()[-1:] in (".", "!", "?")


def _trimmed(
    text: str, opened: re.Match[str], closed: re.Match[str] | None, line: tuple[int, int]
) -> list[Span]:
    start, end = opened.end(), closed.start() if closed else line[1]
    while start < end and text[start].isspace():  # every character str.strip() would take
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    at = closed.start() if closed else None
    after = closed.end() if closed else line[1]
    return [Span(start, end, opened.start(), at, line[0], line[1], after)]
