"""Which subscriptions a story item triggers: topics from its assessment, phrases in its words.

A topic subscription matches an item analyze tagged with that topic; a phrase subscription
matches the phrase anywhere in the title or text, with the tolerance of `compile_phrases`
("Kim Jong-un" for "Kim Jong Un"). Only Korea items match, and only items first seen after
the subscription was made: a new subscription starts from now, it does not dig up the backlog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.analyze.matching import Matcher, compile_terms
from bot.model import StoryItem, Subscription


@dataclass(frozen=True, slots=True)
class Interests:
    """Subscriptions compiled once, so many items are checked against them cheaply."""

    subscriptions: tuple[Subscription, ...]
    phrases: Matcher

    def triggered(self, item: StoryItem) -> tuple[Subscription, ...]:
        """Item -> the subscriptions it matches, in subscription order (empty: none)."""
        if not item.assessment.korea:
            return ()
        topics = {topic.casefold() for topic in item.assessment.topics}
        found: set[str] = set()
        if any(sub.kind == "phrase" for sub in self.subscriptions):
            found = self.phrases.terms(f"{item.article.title}\n{item.article.text}")
        return tuple(
            sub
            for sub in self.subscriptions
            if is_new_to(item, sub)
            and (subject_key(sub.value) in (topics if sub.kind == "topic" else found))
        )


def compile_interests(subscriptions: Sequence[Subscription]) -> Interests:
    """Subscriptions -> Interests; phrases of any case and spacing are one subject."""
    spellings: dict[str, list[str]] = {}
    for sub in subscriptions:
        if sub.kind == "phrase":
            spellings.setdefault(subject_key(sub.value), []).append(sub.value.strip())
    return Interests(tuple(subscriptions), compile_terms(spellings))


def is_match(item: StoryItem, subscription: Subscription) -> bool:
    """True when `item` triggers `subscription` (for one check; compile_interests for many)."""
    return bool(compile_interests([subscription]).triggered(item))


def is_new_to(item: StoryItem, subscription: Subscription) -> bool:
    """True unless the item was first seen before the subscription was made."""
    moment = item.article.seen or item.article.published
    if subscription.created is None or moment is None:
        return True
    return moment >= subscription.created


def subject_key(value: str) -> str:
    """'  Kaesong  Industrial ' -> 'kaesong industrial': one subject, however it was typed."""
    return " ".join(value.casefold().split())
