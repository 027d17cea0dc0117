"""Korea relevance and North/South attribution: phrase matching, rules and verdicts as tables."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.analyze.matching import compile_phrases, compile_terms
from bot.analyze.relevance import attributions, judge, skip_credits, skip_dateline
from bot.analyze.rules import RelevanceRules
from bot.errors import ConfigError

CONFIG = Path(__file__).resolve().parents[2] / "config" / "relevance.toml"


@pytest.fixture(scope="module")
def rules() -> RelevanceRules:
    with CONFIG.open("rb") as handle:
        return RelevanceRules.from_mapping(tomllib.load(handle))


KIM = compile_terms(
    {
        "Kim Jong Un": ["Kim Jong Un"],
        "Korea": ["Korea*"],
        "North Korea": ["North Korea", "N. Korea", "DPRK"],
        "ROK": ["ROK"],
        "Kia": ["Kia"],
        "북한": ["북한"],
    }
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kim Jong Un spoke", ["Kim Jong Un"]),
        ("Kim Jong-un spoke", ["Kim Jong-un"]),
        ("KIM JONG-UN SPOKE", ["KIM JONG-UN"]),
        ("Kim Jong-Un spoke", ["Kim Jong-Un"]),
        ("respected ComradeKim Jong Unwas there", ["Kim Jong Un"]),
        ("N. Korea and the DPRK", ["N. Korea", "DPRK"]),
        ("North Korea's army", ["North Korea"]),
        ("Koreans and the Koreas", ["Koreans", "Koreas"]),
        ("puppet ROK", ["ROK"]),
        ("a rok and a hard place", []),
        ("Nokia phones", []),
        ("Kia cars", ["Kia"]),
        ("북한은 미사일을 발사했다", ["북한"]),
    ],
)
def test_matcher_tolerates_spelling_case_and_glue(text: str, found: list[str]) -> None:
    assert [text[m.start : m.end] for m in KIM.find(text)] == found


def test_matcher_reports_the_canonical_term() -> None:
    assert {m.term for m in KIM.find("N. Korea, DPRK, North Korea")} == {"North Korea"}


@pytest.mark.parametrize(
    ("phrases", "text", "terms"),
    [
        (["THAAD"], "Seoul deploys THAAD battery", {"THAAD"}),
        (["THAAD"], "thaad lowercase is not the acronym", set()),
        (["Kaesong"], "the Kaesong industrial park", {"Kaesong"}),
        (["Kaesong", "industrial park"], "Kaesong Industrial Park", {"Kaesong", "industrial park"}),
        (["sanction*"], "new sanctions were sanctioned", {"sanction*"}),
        (["sanction"], "new sanctions", set()),
        ([], "anything", set()),
    ],
)
def test_user_keyword_phrases(phrases: list[str], text: str, terms: set[str]) -> None:
    assert compile_phrases(phrases).terms(text) == terms


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("SEOUL, March 3 - South Korea said", "SEOUL, March 3 - "),
        ("Pyongyang, January 29 (KCNA) -- Shortly ago", "Pyongyang, January 29 (KCNA) -- "),
        ("Seoul, South Korea (CNN) — A fighter jet", "Seoul, South Korea (CNN) — "),
        ("Seoul, South Korea (CNN)Images have emerged", "Seoul, South Korea (CNN)"),
        ("SEOUL, South Korea — North Korea said", "SEOUL, South Korea — "),
        ("North Korea fired, South Korea said - again", ""),
        ("SEOUL/TOKYO North Korea launched", "SEOUL/TOKYO "),
        ("SEOUL (Reuters) - North Korea said", "SEOUL (Reuters) - "),
        ("South Korea said on Monday", ""),
        ("NATO said on Monday", ""),
    ],
)
def test_dateline_is_skipped(text: str, skipped: str) -> None:
    assert text[: skip_dateline(text)].lstrip() == skipped


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        (
            "It fired a missile, South Korea's military said. Japan",
            ["South Korea's military said."],
        ),
        ("It fired a missile, South Korea said, amid concern.", ["South Korea said,"]),
        ("It flew 500 km, KCNA reported Thursday. Kim", ["KCNA reported Thursday."]),
        (
            "The launch failed, according to South Korean media.",
            ["according to South Korean media"],
        ),
        ("South Korea said it would impose sanctions.", []),
        ("In talks, South Korea said it would impose sanctions.", []),
        ("An exciting match in Seoul.", []),
    ],
)
def test_attribution_names_a_source(text: str, sources: list[str]) -> None:
    assert [text[a:b].lstrip(", ") for a, b in attributions(text)] == sources


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Stocks fell.\n(Reporting by Jack Kim in Seoul; Editing by Ann)", "Stocks fell.\n"),
        ("Stocks fell. (Additional reporting by Ju-min Park in Seoul)", "Stocks fell. "),
        ("Reporting by our staff starts the story. Then more.", None),
    ],
)
def test_credit_lines_are_cut(text: str, kept: str | None) -> None:
    assert text[: skip_credits(text)] == (text if kept is None else kept)


KOREA_CASES = [
    (
        "romanization-title",
        "N. Korea's Kim Jong-un oversees missile launch",
        "North Korean leader Kim Jong-un watched the test of a new missile, state media said.",
        (True, True, False),
    ),
    (
        "hangul",
        "북한, 동해상으로 탄도미사일 발사",
        "북한이 오늘 오전 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다. "
        "김정은 위원장이 참관했다.",
        (True, True, False),
    ),
    (
        "samsung-plant-abroad",
        "Samsung to build chip plant in Texas",
        "Samsung Electronics will invest $17 billion in a new chip plant in Texas, the South "
        "Korean company said. Samsung has not said when production starts.",
        (True, False, True),
    ),
    (
        "korean-outlet-without-korea",
        "Lee nominates ex-lawmaker as budget minister",
        "President Lee Jae-myung on Sunday nominated former lawmaker Lee Hye-hoon as minister. "
        "Chief of staff Kang Hoon-sik announced the pick at Cheong Wa Dae.",
        (True, False, True),
    ),
    (
        "inter-korean",
        "Seoul offers talks with Pyongyang",
        "South Korea proposed inter-Korean talks to North Korea on Monday, the unification "
        "ministry in Seoul said, after Pyongyang fired missiles last week.",
        (True, True, True),
    ),
    (
        "trade-list",
        "Australian wheat exports rise in February",
        "Australian wheat exports rose to 1.2 mln tonnes in February. Destinations included "
        "China, Japan, Egypt, Iran, Iraq, Indonesia, Malaysia, South Korea, Thailand, Yemen, "
        "India, Pakistan and the Philippines, the Wheat Board said. China took the most.",
        (False, False, False),
    ),
    (
        "kim-as-surname",
        "Kim Kardashian launches new skincare line",
        "Kim Kardashian said on Tuesday her new line would be sold in the United States and "
        "Canada first. Kim told fans the products were years in the making.",
        (False, False, False),
    ),
    (
        "kcna-on-gaza",
        "KCNA Commentary on Massacre in Gaza",
        "Pyongyang, May 2 (KCNA) -- Israel continues its military operations in Gaza, killing "
        "Palestinians every day. The U.S. keeps supplying Israel with weapons. The Israeli "
        "aggression must stop, the world demands, and Palestine will not be silenced.",
        (False, False, False),
    ),
    (
        "korean-war-obituary",
        "John Smith, Alabama miner and union leader, dies at 91",
        "John Smith led the 1977 coal strike in Alabama. He served in the Korean War before "
        "returning to the mines, where he worked for forty years and raised five children.",
        (False, False, False),
    ),
    (
        "tennis-draw",
        "Henman through to Qatar semi-finals",
        "Tim Henman reached the semi-finals of the Qatar Open in Doha with a straight-sets win on "
        "Thursday. The British number one served well and broke twice in each set. He now faces "
        "Roger Federer, who beat Ivan Ljubicic and Nikolay Davydenko this week without dropping a "
        "set. Federer has won the title twice; Henman lost to him in the Dubai and Rotterdam "
        "finals last season and has not beaten him since 2002. Henman said he was pleased with "
        "his form. His win came against Lee Hyung-taik of South Korea, 6-3 6-4.",
        (False, False, False),
    ),
    (
        "seoul-dateline-elsewhere",
        "US Navy fighter crashes in South China Sea",
        "Seoul, South Korea (CNN) — A US Navy F-35C crashed into the South China Sea during "
        "routine flight operations from the USS Carl Vinson, the Navy said. China said it had "
        "no interest in the wreck. Seven sailors were hurt; the Philippines and Japan offered "
        "help.",
        (False, False, False),
    ),
    (
        "south-korea-reports-a-north-korean-launch",
        "North Korea fires ballistic missile: South Korea",
        "SEOUL North Korea fired a ballistic missile off its east coast on Saturday, South Korea's "
        "military said. The missile flew 500 km, the Joint Chiefs of Staff said. North Korea has "
        "tested several missiles this year.",
        (True, True, False),
    ),
    (
        "yonhap-wire-without-korea-in-words",
        "Finance ministry divided into two bodies",
        "SEOUL, Jan. 2 (Yonhap) -- The finance ministry was formally divided into two ministries "
        "on Friday, with a new body taking over budget planning, Minister Koo Yun-cheol said.",
        (True, False, True),
    ),
    (
        "same-story-without-the-korean-wire",
        "Finance ministry divided into two bodies",
        "The finance ministry was formally divided into two ministries on Friday, with a new "
        "body taking over budget planning, Minister Koo Yun-cheol said.",
        (False, False, False),
    ),
    (
        "seoul-bureau-credits-only",
        "Oil prices rise on supply worries",
        "Oil prices rose on Monday as traders worried about supply from the Gulf. Brent crude "
        "gained 2 percent and U.S. crude rose 1.5 percent.\n(Reporting by Jack Kim and Ju-min "
        "Park in Seoul and Yuka Obayashi in Tokyo; Editing by Ann Smith)",
        (False, False, False),
    ),
    (
        "boilerplate",
        "Fed raises rates by a quarter point",
        "The Federal Reserve raised its benchmark rate on Wednesday to fight inflation. "
        "Markets: Dow, S&P 500, Nasdaq, Nikkei, Kospi, Hang Seng. Sign up for our newsletter.",
        (False, False, False),
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "expected"), [c[1:] for c in KOREA_CASES], ids=[c[0] for c in KOREA_CASES]
)
def test_korea_and_sides(
    rules: RelevanceRules, title: str, text: str, expected: tuple[bool, bool, bool]
) -> None:
    verdict = judge(title, text, rules=rules)
    assert (verdict.korea, verdict.nk, verdict.sk) == expected


def test_score_is_bounded_and_ordered_by_substance(rules: RelevanceRules) -> None:
    title_and_body = judge("South Korea exports rise", "South Korea's exports rose.", rules=rules)
    body_only = judge("Exports rise", "Exports rose, including to South Korea.", rules=rules)
    nothing = judge("Exports rise", "Exports rose.", rules=rules)
    assert 1.0 >= title_and_body.score > body_only.score > nothing.score == 0.0


def test_evidence_says_what_where_how_often_and_which_side(rules: RelevanceRules) -> None:
    verdict = judge(
        "Kim Jong Un inspects missile",
        "Kim Jong Un watched. " + "x " * 300 + "Kim Jong-un.",
        rules=rules,
    )
    by_where = {(e.term, e.where): e for e in verdict.evidence}
    assert by_where[("Kim Jong Un", "title")].count == 1
    assert by_where[("Kim Jong Un", "lead")].count == 1
    assert by_where[("Kim Jong Un", "body")].count == 1
    assert by_where[("Kim Jong Un", "title")].side == "nk"
    weights = [by_where[("Kim Jong Un", where)].weight for where in ("title", "lead", "body")]
    assert weights == sorted(weights, reverse=True) and weights[-1] > 0


def test_other_countries_weigh_against(rules: RelevanceRules) -> None:
    verdict = judge("Japan and China talk trade", "Japan and China met.", rules=rules)
    assert all(e.weight < 0 and e.side == "foreign" for e in verdict.evidence)


def _minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "score": {"threshold": 0.5},
        "entities": [{"side": "nk", "weight": 3.0, "terms": ["North Korea | DPRK"]}],
        "topics": {"nuclear": {"threshold": 3.0, "terms": ["nuclear"]}},
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (_minimal(score={"threshold": "high"}), "score.threshold"),
        (_minimal(score={"scale": -1}), "score.scale"),
        (_minimal(entities=[]), "entities"),
        (_minimal(entities=[{"side": "west", "weight": 1, "terms": ["X"]}]), "entities[0].side"),
        (_minimal(entities=[{"side": "nk", "weight": "1", "terms": ["X"]}]), "entities[0].weight"),
        (_minimal(entities=[{"side": "nk", "weight": 1, "terms": [""]}]), "entities[0].terms"),
        (_minimal(topics={"nuclear": {"threshold": 3}}), "topics.nuclear.terms"),
        (_minimal(topics={"nuclear": {"terms": ["x"]}}), "topics.nuclear.threshold"),
        (
            _minimal(topics={"x": {"threshold": 1, "terms": ["x"], "requires": "y"}}),
            "topics.x.requires",
        ),
        (_minimal(topics={"x": 3}), "topics.x"),
    ],
)
def test_config_errors_name_the_key(data: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError) as raised:
        RelevanceRules.from_mapping(data, file="relevance.toml")
    assert raised.value.key == key
    assert raised.value.file == "relevance.toml"


def test_minimal_config_judges(rules: RelevanceRules) -> None:
    small = RelevanceRules.from_mapping(_minimal())
    assert judge("DPRK nuclear test", "North Korea tested.", rules=small).nk
    assert not judge("Weather", "Sunny.", rules=small).korea
