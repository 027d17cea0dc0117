"""Which topics an article is about: weighted phrases per topic, scored like relevance.

Topics describe the article whether or not it is about Korea, except those that only make sense
for Korea (`requires`): "us-alliance" is the relation of a Korea with the United States, and
"inter-korean" needs both Koreas. A topic is tagged when its points reach its threshold; when
none does, the strongest still counts if it has a fair share of its threshold (a short item
says little, but what it says is its topic). Some topics bring others along (`implies`: a
missile launch is military news). "other" is the label for what has no topic here, and also
marks a story outside Korea whose region has no topic of its own (China and Japan do), so a
reader can tell foreign economy news from Korean economy news.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.analyze.relevance import Mentions, Relevance, judge, scan
from bot.analyze.rules import RelevanceRules, Topic

FALLBACK = "other"


def tag_topics(title: str, text: str, *, rules: RelevanceRules) -> tuple[str, ...]:
    """Title and text -> topics, strongest first, at most `score.max_topics`; "other" if none."""
    verdict = judge(title, text, rules=rules)
    ratios = topic_ratios(scan(title, text, rules=rules), rules=rules, verdict=verdict)
    return finish_topics(pick_topics(ratios, rules=rules), rules=rules, verdict=verdict)


def finish_topics(
    names: list[str], *, rules: RelevanceRules, verdict: Relevance
) -> tuple[str, ...]:
    """Picked topics -> the answer: "other" added abroad (see above), "other" alone if none.

    Separate from picking so that evaluation can try other ratios through the same last step."""
    if rules.scoring.other_abroad and not verdict.korea and not _has_region(names, rules):
        names = [*names, FALLBACK]
    return tuple(names) or (FALLBACK,)


def topic_ratios(
    mentions: Mentions, *, rules: RelevanceRules, verdict: Relevance
) -> dict[str, float]:
    """Mentions -> points / threshold for each topic whose Korea requirement is met."""
    sides = {
        "": True,
        "korea": verdict.korea,
        "nk": verdict.nk,
        "sk": verdict.sk,
        "both": verdict.nk and verdict.sk,
    }
    earned = topic_points(mentions, rules=rules)
    return {
        topic.name: earned[topic.name] / topic.threshold * _dominance(topic, verdict, rules)
        for topic in rules.topics
        if topic.threshold and topic.name in earned and sides[topic.requires]
    }


def _dominance(topic: Topic, verdict: Relevance, rules: RelevanceRules) -> float:
    """A region topic shrinks when its country is one among many (a list of steel exporters is
    not a Japan story): 1 when it has `score.region_share` of the foreign points, less below."""
    if not topic.region or not rules.scoring.region_share:
        return 1.0
    foreign = [item for item in verdict.evidence if item.side == "foreign"]
    total = sum(-item.weight for item in foreign)
    own = sum(-item.weight for item in foreign if item.term in topic.weights)
    return min(1.0, own / total / rules.scoring.region_share) if total else 1.0


def pick_topics(ratios: Mapping[str, float], *, rules: RelevanceRules) -> list[str]:
    """Ratios -> the topics that reach their threshold (or the strongest), with implied ones."""
    ranked = sorted(ratios, key=lambda name: -ratios[name])
    names = [name for name in ranked if ratios[name] >= 1.0]
    if not names and ranked and ratios[ranked[0]] >= rules.scoring.best_topic:
        names = ranked[:1]
    names = names[: rules.scoring.max_topics]
    implied = {topic.name: topic.implies for topic in rules.topics}
    for name in list(names):
        names += [extra for extra in implied.get(name, ()) if extra not in names]
    return names


def _has_region(names: list[str], rules: RelevanceRules) -> bool:
    return any(topic.region and topic.name in names for topic in rules.topics)


def topic_points(mentions: Mentions, *, rules: RelevanceRules) -> dict[str, float]:
    """Mentions -> points per topic name, from the weighted mentions of its phrases."""
    earned: dict[str, float] = {}
    index = rules.topic_index
    for (term, _), base in mentions.earned.items():
        for topic, weight in index.get(term, ()):
            earned[topic.name] = earned.get(topic.name, 0.0) + weight * base
    return earned
