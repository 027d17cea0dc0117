"""Handlers for running Peninsula: feeds (admins change them) and status (anyone reads it)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot import store
from bot.commands import replies
from bot.commands.command import Feeds, Status
from bot.commands.context import CommandContext, Reply
from bot.commands.following import next_digest
from bot.commands.replies import FeedHealth, StatusReport
from bot.errors import CommandError
from bot.model import FeedSource, FeedState, Subscription

log = logging.getLogger(__name__)


def feeds(command: Feeds, ctx: CommandContext) -> Reply:
    """List the feeds with their health; admins add (after a real fetch) and remove them."""
    if command.action == "list":
        style = replies.style_for(ctx.platform)
        listed = replies.feed_list(feed_health(ctx), style=style, timezone=ctx.services.timezone)
        return Reply(listed)
    if not ctx.is_admin():
        raise CommandError(replies.ADMINS_ONLY)
    if command.action == "add" and command.argument:
        return Reply(_add(command.argument, ctx))
    removed = ctx.services.feeds.remove(command.argument or "")
    if not removed:
        names = [source.name for source in ctx.services.feeds.sources()]
        raise CommandError(replies.no_such_feed(command.argument or "", names=names))
    log.info("feeds.removed name=%s by=%s", command.argument, ctx.caller)
    return Reply(replies.feed_removed(command.argument or ""))


def _add(url: str, ctx: CommandContext) -> str:
    sources = ctx.services.feeds.sources()
    known = next((source for source in sources if source.url == url), None)
    if known is not None:
        return replies.feed_known(known.name)
    problem = ctx.services.check_feed(url)
    if problem is not None:
        raise CommandError(replies.not_a_feed(url, reason=problem))
    name = feed_name(url, taken={source.name for source in sources})
    ctx.services.feeds.add(FeedSource(name=name, url=url))
    log.info("feeds.added name=%s url=%s by=%s", name, url, ctx.caller)
    return replies.feed_added(name, url)


def feed_name(url: str, *, taken: set[str]) -> str:
    """'https://www.yna.co.kr/rss/nk.xml' -> 'yna.co.kr' (or 'yna.co.kr-2' when taken)."""
    base = (urlsplit(url).hostname or "feed").removeprefix("www.")
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def feed_health(ctx: CommandContext) -> list[FeedHealth]:
    """Each configured feed with what the store remembers of its polls."""
    states = {state.url: state for state in store.feed_states(ctx.services.store)}
    return [
        FeedHealth(source=source, state=states.get(source.url))
        for source in ctx.services.feeds.sources()
    ]


def status(command: Status, ctx: CommandContext) -> Reply:
    """Polls, feed health, today's numbers, deliveries, paused channels, next digests."""
    health = feed_health(ctx)
    midnight = _local_midnight(ctx.now, ctx.services.timezone)
    today = store.recent_items(ctx.services.store, since=midnight)
    korea = {item.assessment.story or item.article.id for item in today if item.assessment.korea}
    report = StatusReport(
        now=ctx.now,
        timezone=ctx.services.timezone,
        last_poll=_last_poll([h.state for h in health if h.state]),
        next_poll=ctx.services.next_poll() or _next_check([h.state for h in health if h.state]),
        feeds=tuple(health),
        articles_today=len(today),
        stories_today=len(korea),
        deliveries=store.delivery_counts(ctx.services.store),
        paused=ctx.services.paused(),
        next_digests=tuple(_next_digests(ctx)),
        pages={
            feed: (counts.waiting, counts.given_up, counts.last_problem)
            for feed, counts in store.page_counts(ctx.services.store).items()
        },
    )
    return Reply(replies.status(report, style=replies.style_for(ctx.platform)))


def _local_midnight(now: datetime, timezone: str) -> datetime:
    local = now.astimezone(ZoneInfo(timezone))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _last_poll(states: Sequence[FeedState]) -> datetime | None:
    return max((s.last_success for s in states if s.last_success), default=None)


def _next_check(states: Sequence[FeedState]) -> datetime | None:
    return min((s.next_check for s in states if s.next_check and not s.gone), default=None)


def _next_digests(ctx: CommandContext) -> list[tuple[Subscription, datetime | None]]:
    found = store.subscriptions(ctx.services.store)
    return [(subscription, next_digest(subscription, now=ctx.now)) for subscription in found]
