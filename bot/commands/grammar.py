"""The /korea grammar: one platform-neutral parser from the text after /korea to a Command.

Slack and Discord both hand us the words the user typed; `parse` turns them into one of the
frozen Command dataclasses below, or raises CommandError whose message is the reply: what was
wrong and the right usage (from replies.py). Nothing here touches a store or a network.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from urllib.parse import urlsplit

from bot.commands import replies
from bot.commands.command import (
    Command,
    DigestNow,
    Feeds,
    Help,
    Latest,
    Quotes,
    Search,
    Status,
    Subscriptions,
    Topics,
)
from bot.commands.subscribe import parse_subscribe, parse_unsubscribe
from bot.commands.tokens import Token, split_words, to_duration
from bot.commands.topics import closest, to_topic
from bot.errors import CommandError

DEFAULT_LATEST = 5
MAX_LATEST = 20
MAX_PAGE = 50


def parse(text: str) -> Command:
    """'latest 10 nuclear' -> Latest(count=10, topic='nuclear'); bad input raises CommandError."""
    try:
        words = split_words(text)
    except ValueError as exc:
        raise CommandError(replies.bad_input(str(exc), command=None)) from exc
    if not words:
        return Help()
    name, rest = words[0].text.lower(), words[1:]
    parser = PARSERS.get(name)
    if parser is None:
        raise CommandError(replies.unknown_command(name, close=closest(name, PARSERS)))
    try:
        return parser(rest)
    except ValueError as exc:
        raise CommandError(replies.bad_input(str(exc), command=name)) from exc


def _parse_help(words: Sequence[Token]) -> Command:
    if not words:
        return Help()
    name = words[0].text.lower()
    if name not in PARSERS or len(words) > 1:
        raise ValueError(replies.no_help_for(words[0].text))
    return Help(command=name)


def _parse_latest(words: Sequence[Token]) -> Command:
    count: int | None = None
    topic: str | None = None
    for word in words:
        if word.text.isdigit() and count is None:
            count = int(word.text)
            if not 1 <= count <= MAX_LATEST:
                raise ValueError(replies.out_of_range("N", low=1, high=MAX_LATEST))
        elif topic is None and not word.quoted:
            topic = to_topic(word.text)
        else:
            raise ValueError(replies.unexpected(word.text))
    return Latest(count=count or DEFAULT_LATEST, topic=topic)


def _options(words: Sequence[Token], *, allowed: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """Split 'key:value' options (only `allowed` keys) from the other words."""
    free: list[str] = []
    options: dict[str, str] = {}
    for word in words:
        key, colon, value = word.text.partition(":")
        if word.quoted or not colon or key.lower() not in allowed or "//" in value:
            free.append(word.text)
        elif not value:
            raise ValueError(replies.empty_option(key.lower()))
        else:
            options[key.lower()] = value
    return free, options


def _since(options: dict[str, str]) -> timedelta | None:
    return to_duration(options["since"]) if "since" in options else None


def _parse_search(words: Sequence[Token]) -> Command:
    free, options = _options(words, allowed=("since", "source", "topic", "page"))
    if not free:
        raise ValueError(replies.missing("the words to search for"))
    page = options.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= MAX_PAGE:
        raise ValueError(replies.out_of_range("page", low=1, high=MAX_PAGE))
    topic = to_topic(options["topic"]) if "topic" in options else None
    return Search(
        words=" ".join(free),
        since=_since(options),
        source=options.get("source"),
        topic=topic,
        page=int(page),
    )


def _parse_quotes(words: Sequence[Token]) -> Command:
    free, options = _options(words, allowed=("since",))
    if not free:
        raise ValueError(replies.missing("a person or some words"))
    return Quotes(text=" ".join(free), since=_since(options))


def _parse_digest(words: Sequence[Token]) -> Command:
    topic: str | None = None
    public = False
    for word in words:
        if word.text.lower() == "public" and not public:
            public = True
        elif topic is None and not word.quoted:
            topic = to_topic(word.text)
        else:
            raise ValueError(replies.unexpected(word.text))
    return DigestNow(topic=topic, public=public)


def _no_arguments(make: Callable[[], Command]) -> Callable[[Sequence[Token]], Command]:
    def parse_bare(words: Sequence[Token]) -> Command:
        if words:
            raise ValueError(replies.unexpected(words[0].text))
        return make()

    return parse_bare


def _parse_feeds(words: Sequence[Token]) -> Command:
    action = words[0].text.lower() if words else "list"
    rest = [word.text for word in words[1:]]
    if action == "list" and not rest:
        return Feeds(action="list")
    if action == "add" and len(rest) == 1:
        return Feeds(action="add", argument=_feed_url(rest[0]))
    if action == "remove" and len(rest) == 1:
        return Feeds(action="remove", argument=rest[0])
    if action in ("add", "remove"):
        raise ValueError(replies.missing("one URL" if action == "add" else "one feed name"))
    raise ValueError(replies.unexpected(words[0].text if action != "list" else rest[0]))


def _feed_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(replies.not_a_url(text))
    return text


PARSERS: dict[str, Callable[[Sequence[Token]], Command]] = {
    "help": _parse_help,
    "latest": _parse_latest,
    "search": _parse_search,
    "quotes": _parse_quotes,
    "digest": _parse_digest,
    "topics": _no_arguments(Topics),
    "subscribe": parse_subscribe,
    "unsubscribe": parse_unsubscribe,
    "subscriptions": _no_arguments(Subscriptions),
    "feeds": _parse_feeds,
    "status": _no_arguments(Status),
}
