"""Words of a /korea command line and the small values inside them (durations, times, zones).

Pure functions over strings. Each raises ValueError with a short reason a reader can act on;
the grammar turns that reason into a CommandError with the right usage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.commands import replies

# Straight quotes, and the curly ones macOS and phones substitute as the user types.
_TOKEN = re.compile(r'"([^"]*)"|“([^”]*)”|([^\s"“”]+)|(["“”])')
_SLACK_LINK = re.compile(r"^<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>$")
_DURATION = re.compile(r"^(\d{1,4})([hdw])$")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?$")
_UNIT_HOURS = {"h": 1, "d": 24, "w": 24 * 7}
MAX_DURATION = timedelta(days=3650)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the command, or one "quoted phrase" (quoted=True, quotes removed)."""

    text: str
    quoted: bool = False


def split_words(text: str) -> list[Token]:
    """'subscribe "Kim Yo Jong" here' -> [subscribe, Kim Yo Jong (quoted), here]."""
    tokens: list[Token] = []
    for straight, curly, bare, stray in _TOKEN.findall(text):
        if stray:
            raise ValueError(replies.UNCLOSED_QUOTE)
        if bare:
            tokens.append(Token(unwrap_link(bare)))
        else:
            phrase = " ".join((straight or curly).split())
            if not phrase:
                raise ValueError(replies.EMPTY_QUOTES)
            tokens.append(Token(phrase, quoted=True))
    return tokens


def unwrap_link(word: str) -> str:
    """Slack wraps links as <https://x|x>; the URL inside is what the user typed."""
    match = _SLACK_LINK.match(word)
    return match.group(1) if match else word


def to_duration(value: str) -> timedelta:
    """'7d' -> 7 days; hours (h), days (d) and weeks (w), up to ten years."""
    match = _DURATION.match(value.lower())
    if not match:
        raise ValueError(replies.not_a_period(value))
    amount = int(match.group(1)) * _UNIT_HOURS[match.group(2)]
    if amount == 0:
        raise ValueError(replies.ZERO_PERIOD)
    return min(timedelta(hours=amount), MAX_DURATION)


def to_clock(value: str) -> str:
    """'8' or '8:00' -> '08:00' (24-hour local time)."""
    match = _CLOCK.match(value)
    hour = int(match.group(1)) if match else -1
    minute = int(match.group(2) or 0) if match else -1
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(replies.not_a_time(value))
    return f"{hour:02d}:{minute:02d}"


def to_clocks(value: str) -> tuple[str, ...]:
    """'08:00,18:00' -> ('08:00', '18:00'), sorted, without repeats."""
    parts = [part for part in value.split(",") if part.strip()]
    if not parts:
        raise ValueError(replies.missing(replies.AFTER_KEYWORD["at"]))
    return tuple(sorted({to_clock(part.strip()) for part in parts}))


def to_quiet_hours(value: str) -> tuple[str, str]:
    """'22:00-07:00' -> ('22:00', '07:00'): a local window that may wrap past midnight."""
    start, dash, end = value.partition("-")
    if not dash:
        raise ValueError(replies.not_a_window(value))
    window = (to_clock(start.strip()), to_clock(end.strip()))
    if window[0] == window[1]:
        raise ValueError(replies.EMPTY_WINDOW)
    return window


def to_timezone(value: str) -> str:
    """'asia/seoul' -> 'Asia/Seoul' when it names an IANA zone; UTC and KST are accepted too."""
    aliases = {"kst": "Asia/Seoul", "utc": "UTC", "gmt": "UTC"}
    name = aliases.get(value.lower(), value)
    for candidate in (name, _title_case(name)):
        try:
            ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return candidate
    raise ValueError(replies.not_a_timezone(value))


def _title_case(name: str) -> str:
    """'america/new_york' -> 'America/New_York', the spelling the zone database uses."""
    return "/".join(
        "_".join(word[:1].upper() + word[1:] for word in part.split("_"))
        for part in name.split("/")
    )
