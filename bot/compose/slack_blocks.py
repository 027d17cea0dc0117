"""Slack Block Kit rendering: a digest becomes one or more messages within Slack's limits.

Every piece of feed text is escaped (`&`, `<`, `>`) so a title such as `<!channel>` or
`<http://evil|click>` shows as typed and can never ping or forge a link; the only links are
the ones built here, from a checked http(s) URL. A long digest continues in further messages
(the deliverer threads them under the first); a story's blocks are never split.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote as percent_encode
from urllib.parse import urlsplit

from bot.compose.wording import (
    also,
    attribution,
    clip,
    counts,
    fit,
    local_time,
    main_topics,
    summary_text,
    trimmed_quote,
    when,
)
from bot.model import Digest, Story

Block = dict[str, Any]
MAX_BLOCKS = 50
MAX_MESSAGE = 12_000  # characters of JSON per message: text fallback plus blocks
MAX_SECTION = 3_000
MAX_HEADER = 150
MAX_CONTEXT = 2_000
MAX_FALLBACK = 2_000
MAX_URL = 1_000
MAX_HEADLINE = 250


def to_slack_messages(digest: Digest) -> list[dict[str, Any]]:
    """Digest -> `[{"text": fallback, "blocks": [...]}, ...]`; messages 2.. continue in a thread."""
    header = f"{digest.title} · {when(local_time(digest), year=False)}"
    stories = [
        (story.headline, story_blocks(story, label=f"{n}."))
        for n, story in enumerate(digest.stories, 1)
    ]
    pages = _paginate(_opening(digest, header), stories, _closing(digest), header=header)
    return [{"text": _fallback(header, headlines), "blocks": blocks} for headlines, blocks in pages]


def alert_slack(story: Story, *, trigger: str) -> dict[str, Any]:
    """One story as an instant alert message, prefixed by the topic that triggered it."""
    blocks = story_blocks(story, label=f"{escape(trigger)} ·")
    return {"text": _fit(f"{trigger}: {story.headline}", MAX_FALLBACK), "blocks": blocks}


def story_blocks(story: Story, *, label: str) -> list[Block]:
    """A section (linked headline, summary, quotes) and a context line (outlets, topics, why)."""
    title = _fit(story.headline, MAX_HEADLINE)
    url = safe_url(story.lead.article.url)
    lines = [f"*{label} <{url}|{title}>*" if url else f"*{label} {title}*"]
    quotes = [_quote_lines(story, index) for index in range(len(story.quotes))]
    room = MAX_SECTION - sum(len(line) + 1 for line in [*lines, *quotes])
    summary = _fit(summary_text(story), max(room, 0))
    if summary:
        lines.append(summary)
    return [_section("\n".join([*lines, *quotes])), _context(_story_context(story))]


def escape(text: str) -> str:
    """Slack's three control characters made literal: `&` `<` `>`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_url(url: str | None) -> str:
    """An http(s) URL made safe inside `<url|text>`, or "" when it is not one we will link."""
    if not url or len(url) > MAX_URL:
        return ""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return escape(percent_encode(url.strip(), safe=":/?#[]@!$&'()*+,;=%~"))


def _quote_lines(story: Story, index: int) -> str:
    quote = story.quotes[index]
    speaker, description = attribution(quote)
    said = f"> “{_fit(trimmed_quote(quote), 900)}”\n> — *{_fit(speaker, 120)}*"
    return f"{said}, {_fit(description, 200)}" if description else said


def _story_context(story: Story) -> str:
    parts = [escape(story.outlets[0])]
    if also(story):
        parts.append(f"also {escape(also(story))}")
    parts.extend(escape(topic) for topic in story.topics)
    if story.why:
        parts.append(f"why: {escape(story.why)}")
    return _fit_escaped(" · ".join(parts), MAX_CONTEXT)


def _opening(digest: Digest, header: str) -> list[Block]:
    blocks: list[Block] = [{"type": "header", "text": _plain(clip(header, MAX_HEADER))}]
    topics = ", ".join(main_topics(digest))
    line = counts(digest) + (f" · topics: {topics}" if topics else "")
    blocks.append(_context(_fit(line, MAX_CONTEXT)))
    top = digest.top_line or _first_sentence(digest)
    if top:
        blocks.append(_section(f"*Top line* — {_fit(top, MAX_SECTION - 20)}"))
    if not digest.stories:
        blocks.append(_section("No new Korea stories since the last digest."))
    return [*blocks, {"type": "divider"}]


def _first_sentence(digest: Digest) -> str:
    """Without an explicit top line, the lead story's first sentence stands in (DIGEST.md)."""
    summary = digest.stories[0].summary if digest.stories else ()
    return summary[0].strip() if summary else ""


def _closing(digest: Digest) -> list[Block]:
    return [_context(_fit(digest.footer, MAX_CONTEXT))] if digest.footer else []


def _paginate(
    opening: list[Block],
    stories: Sequence[tuple[str, list[Block]]],
    closing: list[Block],
    *,
    header: str,
) -> list[tuple[list[str], list[Block]]]:
    """Pack whole stories into messages under the block and size limits."""
    pages: list[tuple[list[str], list[Block]]] = [([], list(opening))]
    for headline, blocks in stories:
        if not _fits(pages[-1][1] + blocks):
            continued = _context(_fit(f"{header} · continued", MAX_CONTEXT))
            pages.append(([], [continued]))
        pages[-1][0].append(headline)
        pages[-1][1].extend(blocks)
    if closing and not _fits(pages[-1][1] + closing):
        pages.append(([], []))
    pages[-1][1].extend(closing)
    return pages


def _fits(blocks: list[Block]) -> bool:
    size = len(json.dumps(blocks, ensure_ascii=False))
    return len(blocks) <= MAX_BLOCKS and size + MAX_FALLBACK <= MAX_MESSAGE


def _fallback(header: str, headlines: list[str]) -> str:
    """Notification and screen-reader text: the header plus the headlines of this message."""
    return _fit_escaped("\n".join([escape(header), *(escape(h) for h in headlines)]), MAX_FALLBACK)


def _fit(raw: str, limit: int) -> str:
    return fit(raw, limit, escape=escape)


def _fit_escaped(text: str, limit: int) -> str:
    """Already-escaped text clipped without breaking an `&amp;`-style entity."""
    if len(text) <= limit:
        return text
    cut = clip(text, limit)
    amp = cut.rfind("&", max(len(cut) - 6, 0))
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp].rstrip() + "…"
    return cut


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": False}
