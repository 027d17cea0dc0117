"""The subscribe and unsubscribe grammar: a subject, then options in any order.

subscribe <topic | "phrase"> [here | me] [at 08:00,18:00] [tz Asia/Seoul] [instant]
          [quiet 22:00-07:00]
unsubscribe <topic | "phrase"> [here | me]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.commands import replies
from bot.commands.command import Subject, Subscribe, Unsubscribe
from bot.commands.tokens import Token, to_clocks, to_quiet_hours, to_timezone
from bot.commands.topics import closest, is_topic, to_topic
from bot.model import TOPICS

TARGETS = ("here", "me")
KEYWORDS = (*TARGETS, "at", "tz", "instant", "quiet")


def parse_subscribe(words: Sequence[Token]) -> Subscribe:
    """['nuclear', 'me', 'at', '8:00'] -> Subscribe(topic nuclear, DMs, at 08:00)."""
    subject, rest = _split_subject(words)
    command = Subscribe(subject=subject)
    index = 0
    while index < len(rest):
        command, index = _option(command, rest, index)
    return command


def parse_unsubscribe(words: Sequence[Token]) -> Unsubscribe:
    """['"Kaesong"', 'here'] -> Unsubscribe(phrase Kaesong, this channel)."""
    subject, rest = _split_subject(words)
    if len(rest) > 1 or (rest and rest[0].text.lower() not in TARGETS):
        raise ValueError(replies.unexpected(rest[-1 if len(rest) > 1 else 0].text))
    target = rest[0].text.lower() if rest else "here"
    return Unsubscribe(subject=subject, target=target)


def _split_subject(words: Sequence[Token]) -> tuple[Subject, list[Token]]:
    """The leading words up to the first keyword are the subject."""
    if words and words[0].quoted:
        return Subject("phrase", words[0].text), list(words[1:])
    count = next(
        (i for i, word in enumerate(words) if word.text.lower() in KEYWORDS or word.quoted),
        len(words),
    )
    return to_subject([word.text for word in words[:count]]), list(words[count:])


def to_subject(words: Sequence[str]) -> Subject:
    """One topic word -> a topic; other words -> a phrase; a near-miss topic -> ValueError."""
    if not words:
        raise ValueError(replies.missing('a topic or a "phrase in quotes"'))
    if len(words) == 1 and is_topic(words[0]):
        return Subject("topic", to_topic(words[0]))
    if len(words) == 1 and closest(words[0].lower(), TOPICS):
        raise ValueError(replies.not_a_topic(words[0], close=closest(words[0].lower(), TOPICS)))
    return Subject("phrase", " ".join(words))


def _option(command: Subscribe, words: Sequence[Token], index: int) -> tuple[Subscribe, int]:
    word = words[index].text.lower()
    if word in TARGETS:
        return replace(command, target=word), index + 1
    if word == "instant":
        return replace(command, instant=True), index + 1
    if word == "at":
        end = _clock_words_end(words, index + 1)
        text = "".join(token.text for token in words[index + 1 : end])
        return replace(command, times=to_clocks(text)), end
    if word in ("tz", "quiet"):
        if index + 1 >= len(words):
            raise ValueError(replies.missing(replies.AFTER_KEYWORD[word]))
        value = words[index + 1].text
        if word == "tz":
            return replace(command, timezone=to_timezone(value)), index + 2
        return replace(command, quiet_hours=to_quiet_hours(value)), index + 2
    raise ValueError(replies.unexpected(words[index].text))


def _clock_words_end(words: Sequence[Token], start: int) -> int:
    """'at 08:00, 18:00 tz ...' -> the index after the last time word."""
    end = start
    while end < len(words) and words[end].text.lower() not in KEYWORDS:
        end += 1
    if end == start:
        raise ValueError(replies.missing(replies.AFTER_KEYWORD["at"]))
    return end
