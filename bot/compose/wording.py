"""The words every renderer shares: the digest header, outlet lines, attributions, clipping.

Kept in one place so that Slack, Discord and the terminal say the same thing the same way;
each renderer only adds its own markup and escaping on top.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.model import Digest, Quote, Story

ELLIPSIS = "…"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_QUOTE = 300  # a key quote longer than this is trimmed with an ellipsis
MAX_SUMMARY_SENTENCES = 3


def local_time(digest: Digest) -> datetime:
    """The digest's creation time in its destination's timezone."""
    return digest.created.astimezone(ZoneInfo(digest.timezone))


def when(moment: datetime, *, year: bool) -> str:
    """`Tue 6 Mar 2018, 08:00 KST` (or without the year); locale-independent on purpose."""
    day = f"{DAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]}"
    if year:
        day += f" {moment.year}"
    return f"{day}, {moment:%H:%M} {moment.tzname()}"


def plural(count: int, noun: str) -> str:
    """`1 story`, `7 stories`, `12 outlets`."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def digest_outlets(digest: Digest) -> tuple[str, ...]:
    """Every outlet that carried at least one story of the digest, once."""
    seen: dict[str, None] = {}
    for story in digest.stories:
        seen.update(dict.fromkeys(story.outlets))
    return tuple(seen)


def counts(digest: Digest) -> str:
    """`7 stories from 12 outlets`, and `since 18:00` when there was a digest before."""
    stories = plural(len(digest.stories), "story")
    text = f"{stories} from {plural(len(digest_outlets(digest)), 'outlet')}"
    if digest.since is None:
        return text
    local = digest.since.astimezone(ZoneInfo(digest.timezone))
    same_day = local.date() == digest.created.astimezone(ZoneInfo(digest.timezone)).date()
    return f"{text} since {local:%H:%M}" if same_day else f"{text} since {local:%a %H:%M}"


def main_topics(digest: Digest, *, limit: int = 3) -> tuple[str, ...]:
    """The topics most stories share, most common first (ties in first-seen order)."""
    tally = Counter(topic for story in digest.stories for topic in story.topics)
    return tuple(topic for topic, _ in tally.most_common(limit))


def also(story: Story, *, shown: int = 2) -> str:
    """`Reuters, Korea Herald +2`: the other outlets after the lead, or "" when alone."""
    others = story.outlets[1:]
    if not others:
        return ""
    text = ", ".join(others[:shown])
    return f"{text} +{len(others) - shown}" if len(others) > shown else text


def summary_text(story: Story) -> str:
    """Two or three whole sentences, joined on one line.

    Wire copy keeps its hard line breaks, so whitespace is folded. A sentence that carries a
    key quote shown below is left out (when another sentence remains), so no quote reads twice.
    """
    sentences = [one_line(s) for s in story.summary[:MAX_SUMMARY_SENTENCES]]
    sentences = [s for s in sentences if s]
    shown = [one_line(q.quote) for q in story.quotes]
    fresh = [s for s in sentences if not any(quote and quote in s for quote in shown)]
    return " ".join(fresh or sentences)


def attribution(quote: Quote) -> tuple[str, str]:
    """(speaker, description) as the article gives them; description may be ""."""
    return (quote.speaker or "").strip(), (quote.speaker_title or "").strip()


def clip(text: str, limit: int) -> str:
    """Text cut to `limit` characters at a word boundary, ending in an ellipsis when cut.

    What remains is always a verbatim prefix of the input: quotes are trimmed, never reworded.
    """
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def trimmed_quote(quote: Quote, *, limit: int = MAX_QUOTE) -> str:
    """The quote's exact words on one line, trimmed only with an ellipsis when too long.

    Line breaks inside a quote are the source's layout (wire copy is wrapped at ~70 columns), not
    its words: in a Slack or Discord blockquote a newline would end the quote mid-sentence, so
    every run of whitespace is shown as one space. The words and their order never change.
    """
    return clip(one_line(quote.quote), limit)


def one_line(text: str) -> str:
    """Every run of whitespace as one space: the words of wrapped wire copy on one line."""
    return " ".join(text.split())


def fit(raw: str, limit: int, *, escape: Callable[[str], str]) -> str:
    """Feed text escaped for a platform and clipped so that the escaped form fits `limit`."""
    size = limit
    text = escape(clip(raw, size))
    while len(text) > limit and size > 0:
        size = max(size - max(len(text) - limit, 1), 0)
        text = escape(clip(raw, size))
    return text
