"""Which topics an article is about: weighted phrases per topic, scored like relevance.

Topics describe the article whether or not it is about Korea, except those that only make sense
for Korea (`requires`): "us-alliance" is the relation of a Korea with the United States, and
"inter-korean" needs both Koreas. When nothing reaches its threshold the article is "other".
"""

from __future__ import annotations

from bot.analyze.relevance import Mentions, judge, points, scan
from bot.analyze.rules import RelevanceRules

FALLBACK = "other"


def tag_topics(title: str, text: str, *, rules: RelevanceRules) -> tuple[str, ...]:
    """Title and text -> topics, strongest first, at most `score.max_topics`; "other" if none."""
    mentions = scan(title, text, rules=rules)
    needs_korea = any(topic.requires for topic in rules.topics)
    verdict = judge(title, text, rules=rules) if needs_korea else None
    sides = {"": True}
    if verdict is not None:
        sides = {
            "": True,
            "korea": verdict.korea,
            "nk": verdict.nk,
            "sk": verdict.sk,
            "both": verdict.nk and verdict.sk,
        }
    earned = topic_points(mentions, rules=rules)
    ranked = [
        (earned[topic.name] / topic.threshold, topic.name)
        for topic in rules.topics
        if topic.threshold
        and earned.get(topic.name, 0.0) >= topic.threshold
        and sides[topic.requires]
    ]
    ranked.sort(key=lambda pair: -pair[0])
    names = tuple(name for _, name in ranked[: rules.scoring.max_topics])
    return names or (FALLBACK,)


def topic_points(mentions: Mentions, *, rules: RelevanceRules) -> dict[str, float]:
    """Mentions -> points per topic name, from the weighted mentions of its phrases."""
    earned: dict[str, float] = {}
    for (term, where), count in mentions.counts.items():
        pairs = rules.topic_index.get(term)
        if pairs:
            base = points(count, where, scoring=rules.scoring, body_chars=mentions.body_chars)
            for topic, weight in pairs:
                earned[topic.name] = earned.get(topic.name, 0.0) + weight * base
    return earned
