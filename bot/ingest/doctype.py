"""Entity declarations are removed before any XML parser runs.

A feed has no business declaring entities: `<!ENTITY lol "&lol1;&lol1;...">` is the billion-laughs
bomb and `<!ENTITY x SYSTEM "file:///etc/passwd">` reads local files (XXE). feedparser filters
some of these with a line-based regex and expat has its own limits, but we do not rely on
either: the whole internal DTD subset goes, and references to it stay unexpanded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
ENTITY = re.compile(rb"<!ENTITY\b", re.IGNORECASE)
# DOCTYPE with an internal subset; quoted strings may hold '>' or ']' without ending it.
DOCTYPE_WITH_SUBSET = re.compile(
    rb"""<!DOCTYPE\b[^\[>]*\[(?:[^\]"']|"[^"]*"|'[^']*')*\]\s*>""", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Defused:
    """The body with its internal DTD subset removed; `refused` when that could not be done."""

    body: bytes
    problems: tuple[str, ...] = ()
    refused: bool = False


def defuse(body: bytes) -> Defused:
    """Feed bytes -> the same bytes without entity declarations (never expanded, never fetched)."""
    head_end = _prolog_end(body)
    head = body[:head_end]
    if not ENTITY.search(head):
        return Defused(body)
    count = len(ENTITY.findall(head))
    stripped, removed = DOCTYPE_WITH_SUBSET.subn(b"", head, count=1)
    if not removed or ENTITY.search(stripped):
        reason = "refused: the feed declares XML entities we could not safely remove"
        return Defused(b"", (reason,), refused=True)
    note = f"ignored {count} XML entity declaration(s) in the DOCTYPE (never expanded, for safety)"
    return Defused(stripped + body[head_end:], (note,))


def _prolog_end(body: bytes) -> int:
    """Where the root element starts: everything before it is the prolog (declaration, DOCTYPE).

    The DOCTYPE's own subset can contain '<!ELEMENT' and friends, so we look for the first
    element-like tag after the DOCTYPE's closing bracket when there is one.
    """
    doctype = DOCTYPE.search(body)
    start = 0
    if doctype:
        subset = DOCTYPE_WITH_SUBSET.match(body, doctype.start())
        start = subset.end() if subset else doctype.end()
    found = FIRST_ELEMENT.search(body, start)
    return found.start() if found else len(body)
