"""What a parsed /korea command is: one frozen dataclass per command, all platform-neutral."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class Help:
    command: str | None = None  # help on one command, or the whole list


@dataclass(frozen=True, slots=True)
class Latest:
    count: int = 5
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Search:
    words: str
    since: timedelta | None = None
    source: str | None = None
    topic: str | None = None
    page: int = 1


@dataclass(frozen=True, slots=True)
class Quotes:
    text: str  # a speaker's name in any spelling, or words of the quote
    since: timedelta | None = None


@dataclass(frozen=True, slots=True)
class DigestNow:
    topic: str | None = None
    public: bool = False  # otherwise only the caller sees it


@dataclass(frozen=True, slots=True)
class Topics:
    pass


@dataclass(frozen=True, slots=True)
class Subject:
    """What a subscription follows: one of model.TOPICS, or a phrase matched in the text."""

    kind: str  # "topic" | "phrase"
    value: str


@dataclass(frozen=True, slots=True)
class Subscribe:
    subject: Subject
    target: str = "here"  # "here" (this channel) | "me" (direct messages)
    times: tuple[str, ...] = ()  # local "HH:MM"; empty = the default schedule
    timezone: str | None = None  # None = the default zone
    instant: bool = False
    quiet_hours: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    subject: Subject
    target: str = "here"


@dataclass(frozen=True, slots=True)
class Subscriptions:
    pass


@dataclass(frozen=True, slots=True)
class Feeds:
    action: str = "list"  # "list" | "add" | "remove"
    argument: str | None = None  # the URL to add or the feed name to remove


@dataclass(frozen=True, slots=True)
class Status:
    pass


Command = (
    Help
    | Latest
    | Search
    | Quotes
    | DigestNow
    | Topics
    | Subscribe
    | Unsubscribe
    | Subscriptions
    | Feeds
    | Status
)
