"""Topic names as readers type them: 'Missile' and 'missiles' both mean model.TOPICS' 'missiles'."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from bot.commands import replies
from bot.model import TOPICS


def to_topic(word: str) -> str:
    """'Missile' -> 'missiles': one of model.TOPICS, or ValueError naming the closest."""
    lowered = word.lower()
    for candidate in (lowered, lowered + "s", lowered.removesuffix("s")):
        if candidate in TOPICS:
            return candidate
    raise ValueError(replies.not_a_topic(word, close=closest(lowered, TOPICS)))


def is_topic(word: str) -> bool:
    """True when `word` names a topic in one of the spellings to_topic accepts."""
    try:
        to_topic(word)
    except ValueError:
        return False
    return True


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a typo most likely meant ('nuclaer' -> 'nuclear'), or None."""
    matches = get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return matches[0] if matches else None
