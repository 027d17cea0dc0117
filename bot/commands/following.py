"""Handlers for what a destination follows: subscribe, unsubscribe, subscriptions.

A destination is this channel ('here') or the caller's direct messages ('me'). Subscribing
again to the same subject replaces its schedule (the store keeps one row per destination and
subject), and a new subscription starts from now: nothing of the backlog is sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import store
from bot.commands import replies
from bot.commands.command import Subscribe, Subscriptions, Unsubscribe
from bot.commands.context import CommandContext, Reply
from bot.model import Subscription


def subscribe(command: Subscribe, ctx: CommandContext) -> Reply:
    """Store the subscription for this channel or the caller; confirm it with the next digest."""
    wanted = to_subscription(command, ctx)
    subscription = store.add_subscription(ctx.services.store, subscription=wanted)
    upcoming = next_digest(subscription, now=ctx.now)
    return Reply(replies.subscribed(subscription, upcoming=upcoming, target=command.target))


def unsubscribe(command: Unsubscribe, ctx: CommandContext) -> Reply:
    """Remove the destination's subscription to the subject; say so if there was none."""
    removed = store.remove_subscription(
        ctx.services.store,
        destination=ctx.destination(command.target),
        kind=command.subject.kind,
        value=command.subject.value,
    )
    if not removed:
        return Reply(replies.not_subscribed(command.subject, target=command.target))
    return Reply(replies.unsubscribed(command.subject, target=command.target))


def subscriptions(command: Subscriptions, ctx: CommandContext) -> Reply:
    """What this channel and the caller follow, each with its next digest."""
    found: list[Subscription] = []
    for target in ("here", "me"):
        found.extend(store.subscriptions(ctx.services.store, destination=ctx.destination(target)))
    listed = _with_next(found, now=ctx.now)
    return Reply(replies.subscription_list(listed, here=ctx.destination("here")))


def to_subscription(command: Subscribe, ctx: CommandContext) -> Subscription:
    """The parsed command plus this context's defaults -> the Subscription to store."""
    destination = ctx.destination(command.target)
    times = command.times or (() if command.instant else ctx.services.default_times)
    return Subscription(
        id="",  # the store gives it one, or keeps the id of the same subject
        destination=destination,
        kind=command.subject.kind,
        value=command.subject.value,
        times=times,
        timezone=command.timezone or ctx.services.timezone,
        instant=command.instant,
        quiet_hours=command.quiet_hours,
        created=ctx.now,
    )


def next_digest(subscription: Subscription, *, now: datetime) -> datetime | None:
    """The next of the subscription's local digest times after `now` (aware), or None."""
    if not subscription.times:
        return None
    zone = ZoneInfo(subscription.timezone)
    local = now.astimezone(zone)
    candidates = [
        datetime.combine(local.date() + timedelta(days=day), _clock(time), tzinfo=zone)
        for day in (0, 1)
        for time in subscription.times
    ]
    return min(moment for moment in candidates if moment > local)


def _clock(text: str) -> time:
    return datetime.strptime(text, "%H:%M").time()


def _with_next(
    found: Sequence[Subscription], *, now: datetime
) -> list[tuple[Subscription, datetime | None]]:
    return [(subscription, next_digest(subscription, now=now)) for subscription in found]
