"""Is an article substantially about Korea, and which Korea? Scored from weighted mentions.

A mention weighs by what it names (Kim Jong Un more than "Korean"), where it stands (title, lead,
body) and how often it recurs (diminishing: the tenth "Seoul" adds little). Body mentions are
damped by length, so a long page that names Korea twice is not "about" Korea. Mentions of other
countries count against: a trade story listing twenty countries is about trade, not Korea. A
dateline ("SEOUL, March 3 -", "Pyongyang, May 2 (KCNA) --") says where the reporter sat, not what
the story is about, so it is skipped, all but the agency it names: "(Yonhap)" is a Korean
wire's own story. So are the credit lines at the end ("Reporting by Jack Kim
in Seoul") and, at a fraction of their weight, sources named in attribution ("..., South Korea's
military said.", "according to Yonhap", a title ending ": South Korea"): a report that Seoul saw
a North Korean launch is a North Korean story.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from bot.analyze.matching import Match
from bot.analyze.rules import Names, RelevanceRules, Scoring
from bot.model import Evidence

_PLACE = r"[A-Z](?<![^\s)][A-Z])[A-Za-z.'’ ]{1,30}"  # capital first: faster to search
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,\s*\d{4})?"
_AGENCY = r"\([^)\n]{1,40}\)"
_DASH = r"\s*(?:--|—|–|-)\s"
_COUNTRY = r"(?:,\s+[A-Z][A-Za-z ]{2,20})?"
_AGENCY_AT = re.compile(_AGENCY)
_DATELINE = re.compile(  # "SEOUL, March 3 -", "Pyongyang, May 2 (KCNA) --", "SEOUL (Reuters) -"
    f"{_PLACE}(?:,?\\s+{_DATE}\\s*(?:{_AGENCY})?{_DASH}"
    f"|{_COUNTRY}\\s*{_AGENCY}(?:{_DASH}|(?=[A-Z])))"  # also "Seoul, South Korea (CNN)Images"
)
_CAPITALIZED = r"[A-Z][A-Za-z.']*(?: [A-Z][A-Za-z.']*){0,3}"
_COUNTRY_DATELINE = re.compile(
    f"\\s*{_CAPITALIZED},\\s+{_CAPITALIZED}{_DASH}"
)  # "SEOUL, South Korea —"
_CAPS_DATELINE = re.compile(r"\s*[A-Z]{4,}(?:[/ ][A-Z]{4,})*\s+(?=[A-Z][a-z])")  # "SEOUL North"
_DATELINE_WINDOW = 400
_NAME = re.compile(r"([A-Z][a-z]{1,4}) [A-Z][a-z]{1,6}-[a-z]{2,6}\b")
_CREDITS_CHARS = 400  # credit lines close the text
_CREDITS = re.compile(r"[(\n]\s*(?:Additional )?[Rr]eporting by ")
_SAID = re.compile(  # the verb of an attribution clause: "... said.", "... reported Thursday,"
    r" (?:said|says|reported|reports|told [A-Za-z]+)"
    r"(?:\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
    r"(?:\s+(?:in|citing|quoting)\b[^.,\n]{0,80})?\s*[.,\n]"
)
_CLAUSE_BREAK = re.compile(r"[.;:\n\"“”]")
_CLAUSE_CHARS = 72
_ACCORDING = re.compile(r"(?:according to|quoting|citing)\s[^,.;\n]{2,60}")  # no \b: faster
_TITLE_SOURCE = re.compile(r":\s*(?:[A-Z][\w.'’-]*\s?){1,3}$")  # "...fires missile: South Korea"
WHERE = ("title", "lead", "body", "source")  # "source": named in an attribution


@dataclass(frozen=True, slots=True)
class Relevance:
    """The verdict on one article: about Korea or not, how sure, which side, and why."""

    korea: bool
    score: float  # 0..1
    nk: bool
    sk: bool
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Mentions:
    """Every term found, counted by where it stands, and the body length it was found in."""

    counts: Mapping[tuple[str, str], int]  # (term, where) -> count
    body_chars: int
    earned: Mapping[tuple[str, str], float] = field(default_factory=dict)  # -> points(count)


def judge(title: str, text: str, *, rules: RelevanceRules) -> Relevance:
    """Title and text -> Relevance (korea, score 0..1, nk, sk, evidence)."""
    return _judge(title, text, rules)


@lru_cache(maxsize=64)  # tag_topics asks again for the same article
def _judge(title: str, text: str, rules: RelevanceRules) -> Relevance:
    mentions = scan(title, text, rules=rules)
    evidence = to_evidence(mentions, rules=rules)
    sides = side_points(evidence)
    korea_points = sides["nk"] + sides["sk"] + sides["korea"]
    score = to_score(korea_points, sides["foreign"], rules.scoring)
    korea = score >= rules.scoring.threshold
    nk, sk = pick_sides(sides, korea=korea, scoring=rules.scoring)
    return Relevance(korea=korea, score=round(score, 4), nk=nk, sk=sk, evidence=evidence)


@lru_cache(maxsize=256)
def scan(title: str, text: str, *, rules: RelevanceRules) -> Mentions:
    """Title and text -> term counts by position (cached: judge and tag_topics share a scan)."""
    start = skip_dateline(text)
    lead_end = start + rules.scoring.lead_chars
    counts: dict[tuple[str, str], int] = {}
    credited = _TITLE_SOURCE.search(title)
    cut = credited.start() if credited else len(title)
    for match in rules.matcher.find(title):
        key = (match.term, "title" if match.start < cut else "source")
        counts[key] = counts.get(key, 0) + 1
    agency = _AGENCY_AT.search(text, 0, start) if start else None  # "(Yonhap)" names the home
    home = agency.span() if agency else (0, 0)
    found = [
        m for m in rules.matcher.find(text) if m.start >= start or home[0] <= m.start < home[1]
    ]
    if found:
        count_text(found, counts=counts, lead_end=lead_end, text=text)
    if rules.names is not None:
        count_names(title, text, names=rules.names, counts=counts, lead_end=lead_end)
    body_chars = max(0, len(text) - lead_end)
    return Mentions(
        counts, body_chars, all_points(counts, scoring=rules.scoring, body_chars=body_chars)
    )


def count_text(
    found: list[Match], *, counts: dict[tuple[str, str], int], lead_end: int, text: str
) -> None:
    """Adds the matches of the text to the counts by position (the hot loop: kept inline)."""
    end = skip_credits(text)
    sources = attributions(text)
    starts = [first for first, _ in sources]
    for match in found:
        at = match.start
        if at >= end:
            break
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < sources[i][1]:
            key = (match.term, "source")
        else:
            key = (match.term, "lead" if at < lead_end else "body")
        counts[key] = counts.get(key, 0) + 1


def count_names(
    title: str, text: str, *, names: Names, counts: dict[tuple[str, str], int], lead_end: int
) -> None:
    """Adds Korean personal names ("Lee Hye-hoon") to the counts: Korean people, Korean story."""
    for found in _NAME.finditer(title):
        if is_name(found, names):
            counts[(names.term, "title")] = counts.get((names.term, "title"), 0) + 1
    for found in _NAME.finditer(text):
        if is_name(found, names):
            key = (names.term, "lead" if found.start() < lead_end else "body")
            counts[key] = counts.get(key, 0) + 1


def is_name(found: re.Match[str], names: Names) -> bool:
    """A candidate is a name when its surname is Korean and it starts a word."""
    start = found.start()
    return found.group(1) in names.surnames and not (start and found.string[start - 1].isalpha())


def attributions(text: str) -> list[tuple[int, int]]:
    """Sorted spans naming a source: ", South Korea's military said." and "according to Yonhap".

    The clause runs from the nearest comma before the verb, when no sentence break or quote
    lies between: ", South Korea said it would" is not an attribution (the verb has an object).
    """
    spans = [
        found.span()
        for found in (_ACCORDING.finditer(text) if _may_cite(text) else ())
        if not (found.start() and text[found.start() - 1].isalpha())  # not "exciting"
    ]
    for said in _SAID.finditer(text):
        comma = text.rfind(",", max(0, said.start() - _CLAUSE_CHARS), said.start())
        if comma >= 0 and not _CLAUSE_BREAK.search(text, comma + 1, said.start()):
            spans.append((comma, said.end()))
    return sorted(spans)


def _may_cite(text: str) -> bool:
    """A cheap test before the regex: plain substring search is many times faster."""
    return "according to" in text or "quoting" in text or "citing" in text


def skip_credits(text: str) -> int:
    """Offset where the closing credit lines start ("(Reporting by ... in Seoul"), or the end."""
    found = _CREDITS.search(text, max(0, len(text) - _CREDITS_CHARS))
    return found.start() if found else len(text)


def skip_dateline(text: str) -> int:
    """Offset just after a dateline near the top of the text, or 0 when there is none."""
    found = (
        _DATELINE.search(text, 0, _DATELINE_WINDOW)
        or _CAPS_DATELINE.match(text)
        or _COUNTRY_DATELINE.match(text)  # "SEOUL, South Korea —"
    )
    return found.end() if found else 0


def all_points(
    counts: Mapping[tuple[str, str], int], *, scoring: Scoring, body_chars: int
) -> dict[tuple[str, str], float]:
    """Counts -> the points of each (term, where), computed once for relevance and topics."""
    multipliers = {
        where: points(1, where, scoring=scoring, body_chars=body_chars) for where in WHERE
    }
    return {key: multipliers[key[1]] * (1.0 + math.log(count)) for key, count in counts.items()}


def points(count: int, where: str, *, scoring: Scoring, body_chars: int) -> float:
    """Points one term earns at one position, before its own weight."""
    multiplier = getattr(scoring, where)
    repeated = 1.0 + math.log(count)
    if where == "body":
        repeated *= math.sqrt(scoring.reference_chars / max(scoring.reference_chars, body_chars))
    return float(multiplier * repeated)


def to_evidence(mentions: Mentions, *, rules: RelevanceRules) -> tuple[Evidence, ...]:
    """Mentions -> Evidence for every entity found, heaviest first; other countries weigh < 0."""
    found = []
    for (term, where), count in mentions.counts.items():
        entity = rules.entities.get(term)
        if entity is None:
            continue
        earned = entity.weight * mentions.earned[(term, where)]
        foreign = entity.side == "foreign"
        side = entity.side if entity.side in ("nk", "sk") else ("foreign" if foreign else None)
        found.append(Evidence(term, where, count, round(-earned if foreign else earned, 3), side))
    return tuple(sorted(found, key=lambda e: (-abs(e.weight), e.term)))


def side_points(evidence: tuple[Evidence, ...]) -> dict[str, float]:
    """Evidence -> points per side: nk, sk, korea (either side) and foreign (positive)."""
    sides = dict.fromkeys(("nk", "sk", "korea", "foreign"), 0.0)
    for item in evidence:
        sides[item.side or "korea"] += abs(item.weight)
    return sides


def to_score(korea_points: float, foreign_points: float, scoring: Scoring) -> float:
    """Points -> 0..1: saturating in Korea points, scaled by Korea's share of country points."""
    if korea_points <= 0:
        return 0.0
    strength = 1.0 - math.exp(-korea_points / scoring.scale)
    share = korea_points / (korea_points + scoring.foreign_share * foreign_points)
    return strength * share


def pick_sides(sides: Mapping[str, float], *, korea: bool, scoring: Scoring) -> tuple[bool, bool]:
    """Side points -> (nk, sk): a side counts with a fair share; Korea needs at least one."""
    if not korea:
        return False, False
    nk, sk = sides["nk"], sides["sk"]
    total = nk + sk
    is_nk = nk >= scoring.side_min and nk >= scoring.side_share * total
    is_sk = sk >= scoring.side_min and sk >= scoring.side_share * total
    if not (is_nk or is_sk):
        return (True, False) if nk > sk else (False, True)
    return is_nk, is_sk
