"""The answers to reading commands: latest, digest, topics, search and quotes.

Feed text (titles, snippets, quotes, outlet names) is always escaped for the platform, and
only http(s) links are made clickable, so nothing from a feed can ping, mention or forge a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from bot.commands.command import Search
from bot.commands.replies.markup import Style, day
from bot.compose.wording import one_line
from bot.model import Article, Quote, SearchHit, StoryItem

TOPIC_DESCRIPTIONS = {
    "nuclear": "weapons tests, enrichment, Yongbyon, denuclearization talks",
    "missiles": "launches, ICBMs, submarine missiles, satellites, missile defence",
    "diplomacy": "summits, envoys, talks and statements between governments",
    "inter-korean": "Seoul and Pyongyang: liaison, Kaesong, families, the border",
    "sanctions": "UN and national sanctions, enforcement, ship-to-ship transfers",
    "military": "drills, deployments, the DMZ, defence budgets and incidents",
    "human-rights": "defectors, prison camps, abductees, UN reports",
    "economy": "trade, markets, chaebol, jobs, the won",
    "politics": "elections, parties, the presidency, courts",
    "china": "Beijing's role on the Peninsula",
    "japan": "Tokyo and the Koreas: history, abductions, defence",
    "us-alliance": "Washington and Seoul: troops, trade, talks",
    "culture": "K-pop, film, media and society",
    "sports": "games, athletes, joint teams",
    "other": "Korea stories that fit no other topic",
}
SNIPPET_CHARS = 300


def latest_title(topic: str | None) -> str:
    return f"Latest Korea stories · {topic}" if topic else "Latest Korea stories"


def digest_title(topic: str | None) -> str:
    return f"Korea brief · {topic}" if topic else "Korea brief"


def no_stories(topic: str | None, *, days: int) -> str:
    about = f" about {topic}" if topic else ""
    return (
        f"No Korea stories{about} in the last {days} days yet. "
        "`/korea status` shows whether the feeds are being polled."
    )


def no_digest(topic: str | None, *, hours: float) -> str:
    about = f" about {topic}" if topic else ""
    return (
        f"Nothing new{about} in the last {hours:g} hours, so there is no digest to show. "
        "Try `/korea latest` for the newest stories of the week."
    )


def link(style: Style, url: str | None, text: str) -> str:
    """A clickable link only for http(s) URLs; any other 'link' from a feed stays text."""
    if url and url.startswith(("https://", "http://")) and not any(c in url for c in " \n<>"):
        return style.link(url, text)
    return text


def topics(newest: Mapping[str, StoryItem | None], *, style: Style) -> str:
    """Each topic: its name, what it covers, and its newest headline (or that it has none)."""
    lines = [style.bold("Topics") + " (subscribe with `/korea subscribe <topic>`)"]
    for topic, item in newest.items():
        lines.append(f"• {style.bold(topic)} — {TOPIC_DESCRIPTIONS.get(topic, '')}")
        lines.append(f"   ↳ {_headline(item.article, style) if item else 'no story this month'}")
    return "\n".join(lines)


def _headline(article: Article, style: Style) -> str:
    outlet = f" ({style.escape(article.source)})" if article.source else ""
    return link(style, article.url, style.escape(" ".join(article.title.split()))) + outlet


def _happened(article: Article) -> datetime:
    return article.published or article.seen or datetime.now(UTC)


def search_results(
    command: Search,
    hits: Sequence[SearchHit],
    *,
    more: bool,
    style: Style,
    timezone: str,
    page_size: int,
    marks: tuple[str, str],
) -> str:
    """One page of ranked hits with marked snippets, and how to get the next page."""
    asked = f"“{style.escape(command.words)}”{_filters(command)}"
    if not hits:
        return (
            f"No stored articles match {asked}. Try fewer or other words, "
            "or a longer period such as since:30d."
        )
    first = (command.page - 1) * page_size + 1
    lines = [f"{style.bold('Search')} {asked} · page {command.page}"]
    for number, hit in enumerate(hits, start=first):
        article = hit.article
        when_ = day(_happened(article), timezone=timezone)
        lines.append(f"{number}. {_headline(article, style)} · {when_}")
        lines.append(f"> {snippet(hit.snippet, style=style, marks=marks)}")
    if more:
        lines.append(f"More: `/korea search {command.words} page:{command.page + 1}`")
    return "\n".join(lines)


def _filters(command: Search) -> str:
    parts = [
        f"since {_period(command)}" if command.since else "",
        f"source {command.source}" if command.source else "",
        f"topic {command.topic}" if command.topic else "",
    ]
    shown = ", ".join(part for part in parts if part)
    return f" ({shown})" if shown else ""


def _period(command: Search) -> str:
    hours = int(command.since.total_seconds() // 3600) if command.since else 0
    return f"{hours // 24}d" if hours % 24 == 0 else f"{hours}h"


def snippet(text: str, *, style: Style, marks: tuple[str, str]) -> str:
    """A store snippet -> escaped text with the words between `marks` in bold, on one line."""
    flat = " ".join(text.split())[:SNIPPET_CHARS]
    marked = re.compile(f"{re.escape(marks[0])}(.+?){re.escape(marks[1])}")
    parts: list[str] = []
    position = 0
    for match in marked.finditer(flat):
        parts.append(style.escape(flat[position : match.start()]))
        parts.append(style.bold(style.escape(match.group(1))))
        position = match.end()
    parts.append(style.escape(flat[position:]))
    return "".join(parts)


def quotes_found(
    text: str, found: Sequence[tuple[Quote, StoryItem]], *, style: Style, timezone: str
) -> str:
    """Each quote verbatim, who said it (as the article describes them), outlet, date, link."""
    asked = style.escape(text)
    if not found:
        return (
            f"No stored quotes by or containing “{asked}”. Names match in any spelling "
            "(Kim Yo-jong, Kim Yo Jong); try fewer words or a longer period such as since:90d."
        )
    lines = [f"{style.bold('Quotes')} · “{asked}” · newest first"]
    for quote, item in found:
        lines.append(f"> “{style.escape(one_line(quote.quote))}”")
        lines.append(f"— {_speaker(quote, style)} · {_source_line(item.article, style, timezone)}")
    return "\n".join(lines)


def _speaker(quote: Quote, style: Style) -> str:
    name = style.bold(style.escape(quote.speaker or "unattributed"))
    return f"{name}, {style.escape(quote.speaker_title)}" if quote.speaker_title else name


def _source_line(article: Article, style: Style, timezone: str) -> str:
    outlet = style.escape(article.source or article.feed or "unknown outlet")
    dated = day(_happened(article), timezone=timezone)
    return f"{outlet}, {dated} · {link(style, article.url, 'read')}"
