"""Discord rendering: webhook/channel message payloads with one embed per story.

Feed text has Discord markdown escaped with backslashes where Discord renders markdown (so
a title cannot forge a masked link or fake a mention; footers are plain text), and every
payload carries `allowed_mentions: {"parse": []}` so nothing in it can ping anyone.
Limits: 10 embeds and 6,000 characters a message, title 256, description 4,096,
footer 2,048, content 2,000.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from bot.compose.wording import (
    also,
    attribution,
    clip,
    counts,
    fit,
    local_time,
    summary_text,
    trimmed_quote,
    when,
)
from bot.model import Digest, Story

Embed = dict[str, Any]
MAX_EMBEDS = 10
MAX_MESSAGE = 6_000
MAX_CONTENT = 2_000
MAX_TITLE = 256
MAX_DESCRIPTION = 1_500  # well under Discord's 4,096 so that several stories share a message
MAX_FOOTER = 300
MAX_URL = 1_000
COLOR = 0x0047A0  # the blue of the Taegukgi
NO_MENTIONS: dict[str, list[str]] = {"parse": []}
_MARKDOWN = re.compile(r"([\\*_~`|>\[\]<#])")


def to_discord_messages(digest: Digest) -> list[dict[str, Any]]:
    """Digest -> webhook/channel payloads: a header line, then one embed per story."""
    header = f"{digest.title} · {when(local_time(digest), year=False)}"
    first = f"**{header}** · {counts(digest)}"
    if digest.top_line:
        first += "\n" + escape(digest.top_line)
    if not digest.stories:
        first += "\nNo new Korea stories since the last digest."
    embeds = [story_embed(story, label=f"{n}.") for n, story in enumerate(digest.stories, 1)]
    if digest.footer:
        embeds.append({"description": _fit(digest.footer, MAX_FOOTER), "color": COLOR})
    return _paginate(_fit_content(first), embeds, continued=f"{header} · continued")


def alert_discord(story: Story, *, trigger: str) -> dict[str, Any]:
    """One story as an instant alert payload, prefixed by the topic that triggered it."""
    content = f"**{escape(trigger)}** · alert"
    return _payload(_fit_content(content), [story_embed(story, label="")])


def story_embed(story: Story, *, label: str) -> Embed:
    """Story -> embed: linked headline; summary and key quotes; outlets and topics below."""
    prefix = f"{label} " if label else ""
    embed: Embed = {
        "title": prefix + _fit(story.headline, MAX_TITLE - len(prefix)),
        "description": _description(story),
        "footer": {"text": _footer(story)},
        "color": COLOR,
    }
    url = safe_url(story.lead.article.url)
    if url:
        embed["url"] = url
    return embed


def escape(text: str) -> str:
    """Feed text with Discord markdown made literal (masked links, mentions, formatting)."""
    return _MARKDOWN.sub(r"\\\1", text)


def safe_url(url: str | None) -> str:
    """An http(s) URL Discord will accept in an embed, or ""."""
    if not url or len(url) > MAX_URL or any(ch.isspace() for ch in url.strip()):
        return ""
    parts = urlsplit(url.strip())
    ok = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    return url.strip() if ok else ""


def embed_size(embed: Embed) -> int:
    """Characters Discord counts toward the 6,000 per message."""
    footer = embed.get("footer", {}).get("text", "")
    return len(embed.get("title", "")) + len(embed.get("description", "")) + len(footer)


def _description(story: Story) -> str:
    quotes = [_quote(story, index) for index in range(len(story.quotes))]
    room = MAX_DESCRIPTION - sum(len(quote) + 2 for quote in quotes)
    summary = _fit(summary_text(story), max(room, 0))
    return "\n\n".join(part for part in [summary, *quotes] if part)


def _quote(story: Story, index: int) -> str:
    quote = story.quotes[index]
    speaker, description = attribution(quote)
    said = f"> “{_fit(trimmed_quote(quote), 600)}”\n> — **{_fit(speaker, 120)}**"
    return f"{said}, {_fit(description, 200)}" if description else said


def _footer(story: Story) -> str:
    parts = [story.outlets[0], *([f"also {also(story)}"] if also(story) else [])]
    parts.extend(story.topics)
    return clip(" ".join(" · ".join(parts).split()), MAX_FOOTER)  # footers are not markdown


def _paginate(first: str, embeds: Sequence[Embed], *, continued: str) -> list[dict[str, Any]]:
    """Pack embeds in order into messages of at most 10 embeds and 6,000 characters."""
    pages: list[tuple[str, list[Embed]]] = [(first, [])]
    for embed in embeds:
        content, current = pages[-1]
        size = len(content) + sum(embed_size(e) for e in current) + embed_size(embed)
        if len(current) >= MAX_EMBEDS or size > MAX_MESSAGE:
            pages.append((_fit_content(continued), []))
        pages[-1][1].append(embed)
    return [_payload(content, page) for content, page in pages]


def _payload(content: str, embeds: list[Embed]) -> dict[str, Any]:
    return {"content": content, "embeds": embeds, "allowed_mentions": NO_MENTIONS}


def _fit(raw: str, limit: int) -> str:
    return fit(raw, limit, escape=escape)


def _fit_content(text: str) -> str:
    return text if len(text) <= MAX_CONTENT else text[: MAX_CONTENT - 1] + "…"
