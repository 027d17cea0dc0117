"""Plain-text rendering for the terminal sink and `peninsula demo`.

No markup to escape here, but feed text may carry control characters (an ANSI escape in a
title could clear the reader's screen), so those are dropped before anything is printed.
"""

from __future__ import annotations

import re

from bot.compose.wording import (
    also,
    attribution,
    counts,
    local_time,
    summary_text,
    trimmed_quote,
    when,
)
from bot.model import Digest, Quote, Story

INDENT = "   "
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def to_plain_text(digest: Digest) -> str:
    """Digest -> the terminal text of DIGEST.md: header line, then numbered stories."""
    header = f"{digest.title} · {when(local_time(digest), year=True)} · {counts(digest)}"
    parts = [header]
    if digest.top_line:
        parts.append(_clean(digest.top_line))
    parts.extend(story_text(story, label=f"{n}.") for n, story in enumerate(digest.stories, 1))
    if not digest.stories:
        parts.append("No new Korea stories.")
    if digest.footer:
        parts.append(_clean(digest.footer))
    return "\n\n".join(parts) + "\n"


def alert_text(story: Story, *, trigger: str) -> str:
    """One story as an instant alert, prefixed by the topic that triggered it."""
    return story_text(story, label=f"[{_clean(trigger)}]") + "\n"


def story_text(story: Story, *, label: str) -> str:
    """`1. Headline  (Yonhap; also Reuters)`, then summary, quotes and link, indented."""
    lines = [f"{label} {_clean(story.headline)}  ({_outlets(story)})"]
    summary = summary_text(story)
    if summary:
        lines.append(INDENT + _clean(summary))
    lines.extend(INDENT + quote_line(quote) for quote in story.quotes)
    if story.lead.article.url:
        lines.append(INDENT + _clean(story.lead.article.url))
    return "\n".join(lines)


def quote_line(quote: Quote) -> str:
    """`“The exact words…” — Speaker Name, description`."""
    speaker, description = attribution(quote)
    said = f"“{_clean(trimmed_quote(quote))}” — {_clean(speaker)}"
    return f"{said}, {_clean(description)}" if description else said


def _outlets(story: Story) -> str:
    others = also(story)
    lead = _clean(story.outlets[0])
    return f"{lead}; also {_clean(others)}" if others else lead


def _clean(text: str) -> str:
    """Feed text without control characters, its line breaks folded into spaces."""
    return " ".join(_CONTROL.sub(" ", text).split())
