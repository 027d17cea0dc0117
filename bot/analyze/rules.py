"""Typed relevance and topic rules, built from the parsed `config/relevance.toml` mapping.

Reading the file is I/O and belongs to the caller (app, cli, evaluation); this module only turns
the mapping into frozen values and refuses wrong ones with a ConfigError naming the key. Every
phrase of every entity and topic goes into one Matcher, so an article is scanned once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.analyze import config_values as values
from bot.analyze.matching import Matcher, compile_terms, to_key
from bot.errors import ConfigError
from bot.model import TOPICS

SIDES = ("nk", "sk", "korea", "foreign")
REQUIREMENTS = ("", "korea", "nk", "sk", "both")
_FILE = "config/relevance.toml"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: how much one mention weighs and which side of Korea it stands for."""

    term: str
    weight: float
    side: str  # "nk" | "sk" | "korea" (either) | "foreign" (another country: counts against)


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic: its phrases and weights, the points it needs, and what it requires of Korea."""

    name: str
    threshold: float
    weights: Mapping[str, float]  # canonical term -> points per mention
    requires: str = ""  # "" | "korea" | "nk" | "sk" | "both"
    implies: tuple[str, ...] = ()  # topics that come with this one (a missile launch is military)
    region: bool = False  # names a region (China, Japan): such an article is not "other" abroad


@dataclass(frozen=True, slots=True)
class Scoring:
    """How mentions become a score: position multipliers, length damping, thresholds."""

    threshold: float = 0.5
    scale: float = 8.0
    title: float = 3.0
    lead: float = 2.0
    body: float = 1.0
    source: float = 0.5  # a source named in attribution ("..., Seoul said.")
    lead_chars: int = 400
    reference_chars: int = 2000
    foreign_share: float = 0.5
    side_share: float = 0.25
    side_min: float = 2.0
    max_topics: int = 3
    region_share: float = 0.5  # share of foreign points a region topic needs to count in full
    best_topic: float = 0.3  # share of its threshold the strongest topic needs when none reaches it
    other_abroad: bool = True  # "other" also marks a story outside Korea with no region topic


@dataclass(frozen=True, slots=True)
class Names:
    """Korean personal names: a known surname and a hyphenated given name ("Lee Hye-hoon")."""

    surnames: frozenset[str]
    term: str = "Korean name"


@dataclass(frozen=True, slots=True, eq=False)
class RelevanceRules:
    """Everything judge and tag_topics need; compared and hashed by identity (it is cached on)."""

    matcher: Matcher
    entities: Mapping[str, Entity]
    topics: tuple[Topic, ...]
    scoring: Scoring
    names: Names | None = None
    topic_index: Mapping[str, tuple[tuple[Topic, float], ...]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, file: str = _FILE) -> RelevanceRules:
        """Parsed TOML -> rules; a wrong value raises ConfigError naming file and key."""
        scoring = _to_scoring(values.table(data, "score", file), file=file)
        entities, variants = _to_entities(values.list_of_tables(data, "entities", file), file=file)
        topics, topic_variants = _to_topics(values.table(data, "topics", file), variants, file=file)
        matcher = compile_terms({**topic_variants, **variants})
        names = _to_names(data, entities, file=file)
        return cls(matcher, entities, topics, scoring, names, index_topics(topics))


def _to_scoring(table: Mapping[str, Any], *, file: str) -> Scoring:
    defaults = Scoring()
    values: dict[str, Any] = {}
    for name in Scoring.__slots__:
        default = getattr(defaults, name)
        value = table.get(name, default)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(
                    f"must be true or false, got {value!r}", file=file, key=f"score.{name}"
                )
        elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(
                f"must be a number >= 0, got {value!r}", file=file, key=f"score.{name}"
            )
        values[name] = type(default)(value)
    return Scoring(**values)


def _to_entities(
    groups: Sequence[Any], *, file: str
) -> tuple[dict[str, Entity], dict[str, list[str]]]:
    entities: dict[str, Entity] = {}
    variants: dict[str, list[str]] = {}
    for i, group in enumerate(groups):
        key = f"entities[{i}]"
        if not isinstance(group, Mapping):
            raise ConfigError("must be a table with side, weight and terms", file=file, key=key)
        side = values.choice(group, "side", SIDES, file=file, key=key)
        weight = values.number(group, "weight", file=file, key=key)
        for spelling in values.strings(group, "terms", file=file, key=key):
            term, *others = [part.strip() for part in spelling.split("|") if part.strip()]
            entities[term] = Entity(term=term, weight=weight, side=side)
            variants[term] = [term, *others]
    return entities, variants


def _to_topics(
    table: Mapping[str, Any], variants: Mapping[str, Sequence[str]], *, file: str
) -> tuple[tuple[Topic, ...], dict[str, list[str]]]:
    canonical = {
        to_key(s.rstrip("*")): term for term, spellings in variants.items() for s in spellings
    }
    topics: list[Topic] = []
    extra: dict[str, list[str]] = {}
    for name, spec in table.items():
        key = f"topics.{name}"
        if not isinstance(spec, Mapping):
            raise ConfigError("must be a table with threshold and terms", file=file, key=key)
        weights: dict[str, float] = {}
        for part, points in _parts(spec, file=file, key=key):
            for phrase in values.strings(spec, part, file=file, key=key, required=part == "terms"):
                weights[_to_topic_term(phrase, canonical, extra)] = points
        topics.append(
            Topic(
                name=name,
                threshold=values.number(spec, "threshold", file=file, key=key),
                weights=weights,
                requires=values.choice(
                    spec, "requires", REQUIREMENTS, file=file, key=key, default=""
                ),
                implies=tuple(values.strings(spec, "implies", file=file, key=key, required=False)),
                region=values.flag(spec, "region", file=file, key=key),
            )
        )
    _check_implied(topics, file=file)
    return tuple(topics), extra


def _parts(spec: Mapping[str, Any], *, file: str, key: str) -> tuple[tuple[str, float], ...]:
    """The three lists of a topic and the points one mention of each earns."""
    strong = values.number({"strong_weight": 3.0, **spec}, "strong_weight", file=file, key=key)
    weak = values.number({"weak_weight": 0.5, **spec}, "weak_weight", file=file, key=key)
    return (("terms", 1.0), ("strong", strong), ("weak", weak))


def _to_topic_term(phrase: str, canonical: dict[str, str], extra: dict[str, list[str]]) -> str:
    """ "A | B" -> one term for all its spellings; a spelling already known keeps its term."""
    spellings = [part.strip() for part in phrase.split("|") if part.strip()]
    keys = [to_key(s.rstrip("*")) for s in spellings]
    term = next((canonical[k] for k in keys if k in canonical), spellings[0])
    for spelling, k in zip(spellings, keys, strict=True):
        canonical.setdefault(k, term)
        extra.setdefault(term, []).append(spelling)
    return term


def _check_implied(topics: Sequence[Topic], *, file: str) -> None:
    names = {topic.name for topic in topics}
    for topic in topics:
        for implied in topic.implies:
            if implied not in names:
                raise ConfigError(
                    f"implies unknown topic {implied!r}", file=file, key=f"topics.{topic.name}"
                )


def _to_names(data: Mapping[str, Any], entities: dict[str, Entity], *, file: str) -> Names | None:
    """The optional [names] table; its term joins the entities so it shows in the evidence."""
    if "names" not in data:
        return None
    table = values.table(data, "names", file)
    names = Names(frozenset(values.strings(table, "surnames", file=file, key="names")))
    side = values.choice(table, "side", SIDES, file=file, key="names")
    entities[names.term] = Entity(
        names.term, values.number(table, "weight", file=file, key="names"), side
    )
    return names


def index_topics(topics: Sequence[Topic]) -> dict[str, tuple[tuple[Topic, float], ...]]:
    """Topics -> term -> the topics it scores for, so an article's terms are read once."""
    index: dict[str, list[tuple[Topic, float]]] = {}
    for topic in topics:
        for term, weight in topic.weights.items():
            index.setdefault(term, []).append((topic, weight))
    return {term: tuple(pairs) for term, pairs in index.items()}


def known_topics(rules: RelevanceRules) -> tuple[str, ...]:
    """The built-in topics first, then the user's own, in config order."""
    names = [topic.name for topic in rules.topics]
    return tuple([t for t in TOPICS if t in names] + [n for n in names if n not in TOPICS])
