"""The answers to subscribe, unsubscribe and subscriptions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.commands.command import Subject
from bot.commands.replies.markup import when
from bot.model import Subscription

WHERE = {"here": "this channel", "me": "your direct messages"}


def subject_text(kind: str, value: str) -> str:
    """('topic', 'nuclear') -> 'topic nuclear'; ('phrase', 'Kaesong') -> 'phrase “Kaesong”'."""
    if kind == "topic":
        return f"topic {value}"
    # The phrase is the user's own text, echoed back: defuse mentions and links in it.
    safe = value.replace("<", "‹").replace(">", "›").replace("@", "@\u200b")
    return f"phrase “{safe}”"


def schedule_text(subscription: Subscription, *, upcoming: datetime | None) -> str:
    """'digests at 08:00 and 18:00 Asia/Seoul (next Tue 6 Mar 2018, 18:00 KST), instant alerts'."""
    parts = []
    if subscription.times:
        times = " and ".join(subscription.times)
        nxt = f" (next {when(upcoming, timezone=subscription.timezone)})" if upcoming else ""
        parts.append(f"digests at {times} {subscription.timezone}{nxt}")
    if subscription.instant:
        parts.append("instant alerts for high-priority stories")
    if subscription.quiet_hours:
        start, end = subscription.quiet_hours
        parts.append(f"quiet {start}–{end}")
    return ", ".join(parts)


def subscribed(subscription: Subscription, *, upcoming: datetime | None, target: str) -> str:
    subject = subject_text(subscription.kind, subscription.value)
    schedule = schedule_text(subscription, upcoming=upcoming)
    return (
        f"Subscribed {WHERE[target]} to {subject}: {schedule}. "
        "It starts from now, without the backlog. `/korea unsubscribe` stops it."
    )


def unsubscribed(subject: Subject, *, target: str) -> str:
    return f"Unsubscribed {WHERE[target]} from {subject_text(subject.kind, subject.value)}."


def not_subscribed(subject: Subject, *, target: str) -> str:
    return (
        f"{WHERE[target].capitalize()} had no subscription to "
        f"{subject_text(subject.kind, subject.value)}. `/korea subscriptions` lists them."
    )


def subscription_list(listed: Sequence[tuple[Subscription, datetime | None]], *, here: str) -> str:
    """This channel's subscriptions, then the caller's, each with its schedule."""
    if not listed:
        return (
            "Neither this channel nor you follow anything yet. "
            'Try `/korea subscribe nuclear` or `/korea subscribe "Kaesong" me`.'
        )
    lines = []
    for target in ("here", "me"):
        mine = [(s, nxt) for s, nxt in listed if (s.destination == here) == (target == "here")]
        if mine:
            lines.append(f"{WHERE[target].capitalize()}:")
            lines.extend(
                f"• {subject_text(s.kind, s.value)} — {schedule_text(s, upcoming=nxt)}"
                for s, nxt in mine
            )
    return "\n".join(lines)
