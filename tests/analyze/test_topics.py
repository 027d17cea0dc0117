"""Topic tagging: built-in topics from the shipped config, user topics, requirements, fallback."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.analyze.relevance import Relevance, judge
from bot.analyze.rules import RelevanceRules, known_topics
from bot.analyze.topics import finish_topics, tag_topics
from bot.errors import ConfigError
from bot.model import TOPICS

CONFIG = Path(__file__).resolve().parents[2] / "config" / "relevance.toml"


def _config() -> dict[str, Any]:
    with CONFIG.open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def rules() -> RelevanceRules:
    return RelevanceRules.from_mapping(_config())


MISSILE = (
    "North Korea fires ballistic missile into East Sea",
    "North Korea fired a ballistic missile on Sunday, the Joint Chiefs of Staff said. The "
    "missile flew 900 km. It was the North's third ballistic missile launch this month, and "
    "the military said it was analysing the missile's flight data.",
)
NUCLEAR_TEST = (
    "North Korea conducts fourth nuclear test",
    "North Korea said it had tested a hydrogen bomb, its fourth nuclear test. The nuclear "
    "weapons programme has drawn sanctions; experts doubted the device was a true H-bomb.",
)
CIVIL_NUCLEAR = (
    "KHNP wins deal to build nuclear power plant in Czech Republic",
    "Korea Hydro & Nuclear Power won a contract worth 24 billion dollars to build two reactors "
    "at the Dukovany power plant. The company said exports of nuclear power plants would lift "
    "sales and profit, and shares of suppliers rose on the Kospi market.",
)
ALLIANCE = (
    "South Korea, U.S. agree on cost of U.S. troops",
    "South Korea and the United States agreed on how much Seoul pays for the 28,500 U.S. "
    "troops stationed in the country. Washington had pressed Seoul to pay more for the "
    "alliance; the U.S. State Department welcomed the deal.",
)
US_ONLY = (
    "U.S. troops to stay in Germany, Pentagon says",
    "The United States will keep its troops in Germany, the Pentagon said. Washington and "
    "Berlin agreed on the costs of the U.S. alliance presence; the U.S. State Department "
    "welcomed the deal, and American officials said the U.S. troops would stay.",
)


PROBE = (
    "Prosecutors widen investigation into ex-president",
    "Special counsel prosecutors widened their investigation into the former president on "
    "Monday. Investigators questioned aides about the alleged bribery, and the court will hear "
    "the indictment next month, lawmakers of the ruling party said.",
)
FOREIGN_ECONOMY = (
    "Australian wheat exports rise in February",
    "Australian wheat exports rose to 1.2 million tonnes in February, the Wheat Board said. "
    "Prices rose on strong demand and the market expects exports to grow.",
)
CHINA_ECONOMY = (
    "China's exports rise 25%",
    "China's exports rose 25% in 2004, Beijing said. Chinese factories sold more abroad and "
    "the trade surplus grew; economists in Shanghai expect growth to continue.",
)
STEEL_LIST = (
    "World steel output falls",
    "Steel output fell in March. Japan made 8 million tonnes, China 6 million, Brazil 2 "
    "million, India 2 million, Germany 3 million and Russia 5 million tonnes, the institute "
    "said. Prices fell and exports dropped.",
)
SHORT_ITEM = ("Coal production rises in DPRK", "Coal miners in North Korea raised production.")


@pytest.mark.parametrize(
    ("article", "present", "absent"),
    [
        (MISSILE, {"missiles", "military"}, {"nuclear", "economy"}),
        (PROBE, {"politics"}, {"economy"}),
        (FOREIGN_ECONOMY, {"economy", "other"}, {"china"}),
        (CHINA_ECONOMY, {"economy", "china"}, {"other"}),
        (STEEL_LIST, {"economy", "other"}, {"japan", "china"}),
        (SHORT_ITEM, {"economy"}, {"other"}),
        (NUCLEAR_TEST, {"nuclear"}, {"economy"}),
        (CIVIL_NUCLEAR, {"economy"}, {"nuclear"}),
        (ALLIANCE, {"us-alliance"}, {"sports"}),
        (US_ONLY, set(), {"us-alliance"}),
    ],
    ids=[
        "missile-is-military-too",
        "investigation-is-not-investment",
        "foreign-economy-is-other-too",
        "china-is-a-region",
        "a-country-among-many-is-no-region",
        "strongest-topic-of-a-short-item",
        "nuclear-test",
        "civil-nuclear-is-economy",
        "alliance",
        "us-without-korea",
    ],
)
def test_builtin_topics(
    rules: RelevanceRules, article: tuple[str, str], present: set[str], absent: set[str]
) -> None:
    topics = set(tag_topics(*article, rules=rules))
    assert present <= topics
    assert not absent & topics


def test_every_topic_is_known(rules: RelevanceRules) -> None:
    for article in (MISSILE, NUCLEAR_TEST, CIVIL_NUCLEAR, ALLIANCE, US_ONLY):
        assert set(tag_topics(*article, rules=rules)) <= set(TOPICS)
    assert set(known_topics(rules)) == set(TOPICS) - {"other"}


def test_nothing_fits_is_other(rules: RelevanceRules) -> None:
    assert tag_topics("A quiet day", "Nothing much happened.", rules=rules) == ("other",)


def test_at_most_max_topics(rules: RelevanceRules) -> None:
    topics = tag_topics(*ALLIANCE, rules=rules)
    assert 1 <= len(topics) <= rules.scoring.max_topics


@pytest.mark.parametrize(
    ("topic", "spec", "article", "tagged"),
    [
        ("thaad", {"threshold": 3.0, "terms": ["THAAD"]}, ("Seoul deploys THAAD", "Seoul."), True),
        ("thaad", {"threshold": 3.0, "terms": ["THAAD"]}, ("Seoul budget", "Seoul."), False),
        (
            "kaesong",
            {"threshold": 3.0, "terms": ["Kaesong", "industrial complex"], "requires": "both"},
            ("South Korea cuts power to Kaesong", "North Korea expelled workers from Kaesong."),
            True,
        ),
        (
            "kaesong",
            {"threshold": 3.0, "terms": ["Kaesong"], "requires": "sk"},
            ("A history of Kaesong", "Kaesong was the capital of Goryeo, in today's North Korea."),
            False,
        ),
    ],
)
def test_user_topics_from_config(
    topic: str, spec: dict[str, Any], article: tuple[str, str], tagged: bool
) -> None:
    data = _config()
    data["topics"] = {**data["topics"], topic: spec}
    rules = RelevanceRules.from_mapping(data)
    assert (topic in tag_topics(*article, rules=rules)) is tagged
    assert topic in known_topics(rules)


@pytest.mark.parametrize(
    ("terms", "text", "points"),
    [
        (
            ["invest | investment"],
            "They invest. The investment grew.",
            2,
        ),  # one term, counted twice
        (["invest | investment"], "The investigation grew.", 0),
        (["gov"], "The government said.", 0),
    ],
)
def test_spellings_of_one_topic_term(terms: list[str], text: str, points: int) -> None:
    data = _config()
    data["topics"] = {"t": {"threshold": 1.0, "terms": terms}}
    rules = RelevanceRules.from_mapping(data)
    term = terms[0].split("|")[0].strip()
    found = [m for m in rules.matcher.find(text) if m.term == term]
    assert len(found) == points


@pytest.mark.parametrize(
    ("spec", "key"),
    [
        ({"threshold": 1.0, "terms": ["x"], "implies": ["nowhere"]}, "topics.t"),
        ({"threshold": 1.0, "terms": ["x"], "region": "yes"}, "topics.t.region"),
        ({"threshold": 1.0, "terms": ["x"], "weak_weight": "low"}, "topics.t.weak_weight"),
    ],
)
def test_topic_config_errors_name_the_key(spec: dict[str, Any], key: str) -> None:
    data = _config()
    data["topics"] = {"t": spec}
    with pytest.raises(ConfigError) as raised:
        RelevanceRules.from_mapping(data)
    assert raised.value.key == key


def test_other_abroad_can_be_switched_off() -> None:
    data = _config()
    data["score"] = {**data["score"], "other_abroad": False}
    assert "other" not in tag_topics(*FOREIGN_ECONOMY, rules=RelevanceRules.from_mapping(data))
    data["score"] = {**data["score"], "other_abroad": "no"}
    with pytest.raises(ConfigError):
        RelevanceRules.from_mapping(data)


def test_topic_terms_do_not_change_relevance(rules: RelevanceRules) -> None:
    data = _config()
    data["topics"] = {"thaad": {"threshold": 1.0, "terms": ["THAAD", "missile*"]}}
    fewer = RelevanceRules.from_mapping(data)
    assert judge(*MISSILE, rules=fewer) == judge(*MISSILE, rules=rules)


@pytest.mark.parametrize(
    ("names", "korea", "expected"),
    [
        ([], True, ("other",)),
        (["economy"], True, ("economy",)),
        (["economy"], False, ("economy", "other")),  # foreign news is "other" too
        (["economy", "china"], False, ("economy", "china")),  # a region topic is enough
        ([], False, ("other",)),
    ],
)
def test_finish_topics_adds_other(
    rules: RelevanceRules, names: list[str], korea: bool, expected: tuple[str, ...]
) -> None:
    verdict = Relevance(korea=korea, score=0.9 if korea else 0.1, nk=False, sk=korea)
    assert finish_topics(names, rules=rules, verdict=verdict) == expected
