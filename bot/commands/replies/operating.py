"""The answers to feeds and status: feed health, today's numbers, deliveries, next digests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.commands.replies.following import subject_text
from bot.commands.replies.markup import Style, when
from bot.model import FeedSource, FeedState, Subscription

ADMINS_ONLY = (
    "Only Peninsula admins can add or remove feeds (the user ids in PENINSULA_ADMIN_USERS, "
    "and Slack workspace admins). `/korea feeds` lists them for everyone."
)


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """A configured feed and what we remember of its polls (None: not polled yet)."""

    source: FeedSource
    state: FeedState | None


@dataclass(frozen=True, slots=True)
class StatusReport:
    """Everything /korea status shows, gathered by the handler."""

    now: datetime
    timezone: str
    last_poll: datetime | None
    next_poll: datetime | None
    feeds: tuple[FeedHealth, ...]
    articles_today: int
    stories_today: int
    deliveries: Mapping[str, int]
    paused: Mapping[str, str]
    next_digests: tuple[tuple[Subscription, datetime | None], ...] = ()
    # feed -> (article pages waiting for a retry, pages given up, the latest problem)
    pages: Mapping[str, tuple[int, int, str | None]] = field(default_factory=dict)


def feed_line(health: FeedHealth, *, style: Style, timezone: str) -> str:
    """'✓ yonhap — last ok Tue 6 Mar 2018, 07:55 KST' or '✗ kcna — HTTP 503 (3 failures)'."""
    name, state = style.bold(style.escape(health.source.name)), health.state
    if state is None:
        return f"• … {name} — not polled yet"
    if state.gone:
        return f"• ✗ {name} — gone (HTTP {state.last_status}); remove it or fix the URL"
    if state.error_count:
        error = style.escape(state.last_error or "unknown error")
        return f"• ✗ {name} — {error} ({state.error_count} failures in a row)"
    last = when(state.last_success, timezone=timezone) if state.last_success else "never"
    return f"• ✓ {name} — last ok {last}"


def feed_list(feeds: Sequence[FeedHealth], *, style: Style, timezone: str) -> str:
    if not feeds:
        return "No feeds are configured. Admins add one with `/korea feeds add <url>`."
    lines = [f"{style.bold('Feeds')} ({len(feeds)})"]
    lines.extend(feed_line(health, style=style, timezone=timezone) for health in feeds)
    return "\n".join(lines)


def feed_added(name: str, url: str) -> str:
    return f"Added feed “{name}” ({url}). It is read from the next poll."


def feed_known(name: str) -> str:
    return f"That feed is already read, as “{name}”."


def feed_removed(name: str) -> str:
    return f"Removed feed “{name}”. Stories already stored stay searchable."


def no_such_feed(name: str, *, names: Sequence[str]) -> str:
    known = ", ".join(names) if names else "none"
    return f"There is no feed named “{name}”. Feeds: {known}."


def not_a_feed(url: str, *, reason: str) -> str:
    return f"I did not add {url}: {reason}. Check the address points at an RSS or Atom feed."


def status(report: StatusReport, *, style: Style) -> str:
    """The operator's view in a few lines: polls, feeds, today, deliveries, paused, next."""
    tz = report.timezone
    lines = [
        f"{style.bold('Peninsula status')} · {when(report.now, timezone=tz)}",
        f"Polls: last {_at(report.last_poll, tz)}, next {_at(report.next_poll, tz)}",
        _feed_summary(report.feeds),
        *[
            feed_line(health, style=style, timezone=tz)
            for health in report.feeds
            if health.state is None or health.state.error_count or health.state.gone
        ],
        *[_pages(feed, counts, style=style) for feed, counts in sorted(report.pages.items())],
        f"Today: {report.articles_today} articles, {report.stories_today} Korea stories",
        _deliveries(report.deliveries),
        *[
            f"Paused: {style.escape(name)} — {style.escape(why)}"
            for name, why in sorted(report.paused.items())
        ],
        *[_next_digest(s, nxt) for s, nxt in report.next_digests if nxt],
    ]
    return "\n".join(lines)


def _at(moment: datetime | None, timezone: str) -> str:
    return when(moment, timezone=timezone) if moment else "not yet"


def _feed_summary(feeds: Sequence[FeedHealth]) -> str:
    failing = sum(1 for h in feeds if h.state and (h.state.error_count or h.state.gone))
    waiting = sum(1 for h in feeds if h.state is None)
    healthy = len(feeds) - failing - waiting
    return f"Feeds: {healthy} healthy, {failing} failing, {waiting} not polled yet"


def _pages(feed: str, counts: tuple[int, int, str | None], *, style: Style) -> str:
    """'Pages of ledger: 2 waiting, 1 given up (last: HTTP 503)': full text kept from a feed."""
    waiting, given_up, last = counts
    said = f" (last: {style.escape(last)})" if last else ""
    name = style.escape(feed)
    return f"Pages of {name}: {waiting} waiting, {given_up} given up{said}"


def _deliveries(counts: Mapping[str, int]) -> str:
    shown = ", ".join(f"{count} {state}" for state, count in sorted(counts.items()))
    return f"Deliveries: {shown or 'none yet'}"


def _next_digest(subscription: Subscription, upcoming: datetime) -> str:
    subject = subject_text(subscription.kind, subscription.value)
    at = when(upcoming, timezone=subscription.timezone)
    return f"Next digest: {subscription.destination} · {subject} · {at}"
