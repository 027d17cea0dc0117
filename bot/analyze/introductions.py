"""The title a person was introduced with, for a quote whose cue names them bare.

Korea news names an official once with the office ("Science Minister Bae Kyung-hoon", "Kim
Jong-min, an analyst at Samsung Securities", "special prosecutor Min Joong-ki") and then quotes
them as "Bae said". A digest line reads better with the office, so a quote without a title of its
own takes the first one the article gave that person before the quote.
"""

from __future__ import annotations

import re

from bot.analyze.cast import Cast
from bot.analyze.namewords import is_personal_title
from bot.analyze.speaker_words import FUNCTION_WORDS, ROLE_NOUNS, TITLE_WORDS
from bot.analyze.titles import clean_title, split_title

_PLAIN = frozenset(("mr", "mrs", "ms", "miss", "comrade"))  # an honorific, not an office
_OFFICE = re.compile(rf"\b(?:{ROLE_NOUNS}|{'|'.join(sorted(map(re.escape, TITLE_WORDS)))})\b")
_APPOSITION = re.compile(r"\s*,\s*((?:an?|the)\s+)?([^,;:()\"“”\n]{3,70}?)\s*[,(]")
_LOWER_BEFORE = re.compile(r"(?<![\w'’.-])((?:[A-Z][\w.'’-]*\s+){0,3})((?:[a-z][\w-]*\s+){1,4})$")
_SENTENCE_BREAK = re.compile(r"\.\s")
_OFFICE_OF = re.compile(
    r"((?:(?:[A-Z][\w'’-]*|[A-Z]\.(?:[A-Z]\.)+)\s+){0,3}(?:Minister|Secretary|Chairman|Chairwoman|Chair|Director|"
    r"President|Head|Commissioner|Governor|Ambassador)\s+(?:of|for|to)\s+(?:the\s+)?"
    r"(?:[A-Z][\w&.'’-]*,?\s+|and\s+){1,6})$"
)
_DATELINE = re.compile(r"[A-Z]{5,}")  # 'SEOUL', 'PYONGYANG': a dateline city in capitals
# Who commentators are in an apposition ("Han Seo-yeon, a senior fellow at ..."): no office, and
# too vague to stand for a speaker on their own ("the fellow said"), so only here.
_EXPERT_NOUNS = frozenset(
    [
        "fellow",
        "lecturer",
        "commentator",
        "columnist",
        "author",
        "editor",
        "correspondent",
        "historian",
        "journalist",
        "specialist",
        "consultant",
        "partner",
        "dean",
        "instructor",
    ]
)


def introduced_title(
    cast: Cast, name: str, at: int, *, known: dict[str, tuple[int, str] | None]
) -> str | None:
    """The office the article gave `name` where it first named them with one before `at`;
    `known` keeps each name's first introduction for the article's other quotes."""
    if " " not in name:
        return None
    if name not in known:
        known[name] = _first_introduction(cast, name)
    first = known[name]
    return first[1] if first and first[0] < at else None


def _first_introduction(cast: Cast, name: str) -> tuple[int, str] | None:
    for run, (position, named) in zip(cast.runs, cast.names, strict=True):
        if named == name:
            title = _in_run(_undated(cast.text, run)) or _office_of(cast.text, run, named)
            title = title or _apposition(cast.text, run.end())
            title = title or _lower_case_before(cast.text, position)
            if title:
                return position, title
    return None


def is_plain_honorific(title: str | None) -> bool:
    """'Mr.', 'Ms': a title that names no office, worth replacing by one that does."""
    return title is not None and title.lower().rstrip(".") in _PLAIN


def _in_run(run: str) -> str | None:
    """'Science Minister Bae Kyung-hoon' -> 'Science Minister'."""
    title = split_title(run)[1]
    if not is_personal_title(title) or is_plain_honorific(title) or title is None:
        return None
    return title if len(title.split()) <= 5 and _is_office(title.split()[-1]) else None


def _office_of(text: str, run: re.Match[str], name: str) -> str | None:
    """'Minister of Science and ICT Bae Kyung-hoon' -> 'Minister of Science and ICT': Korean
    ministries are named "of ... and ...", which no capitalised run holds whole."""
    start = run.start() + max(0, run.group().rfind(name))
    office = _OFFICE_OF.search(text, max(0, start - 90), start)
    return " ".join(office.group(1).split()).rstrip(",") if office else None


def _apposition(text: str, end: int) -> str | None:
    """'Kim Jong-min, an analyst at Samsung Securities,' -> 'analyst at Samsung Securities'."""
    match = _APPOSITION.match(text, end)
    if match is None or not any(_describes(word) for word in match.group(2).split()[:4]):
        return None
    description = match.group(2)
    if _SENTENCE_BREAK.search(description):
        return None
    return clean_title(description, None) if description[:1].islower() else None


def _lower_case_before(text: str, start: int) -> str | None:
    """'led by special prosecutor Min Joong-ki' -> 'special prosecutor'; 'North Korean leader
    Kim Jong Un' -> 'North Korean leader' (capitalised words right before the title are its)."""
    words = _LOWER_BEFORE.search(text, max(0, start - 80), start)
    if words is None:
        return None
    kept: list[str] = []
    lower = words.group(2).split()
    for at in range(len(lower) - 1, -1, -1):
        word = lower[at]
        if word in FUNCTION_WORDS and not _office_of_word(lower, at):
            break
        kept.insert(0, word)
    if not kept or not _is_office(kept[-1]):
        return None
    if len(kept) == len(lower):
        capitalised = words.group(1).split()
        at_start = words.start(1) == 0 or text[words.start(1) - 1] == "\n"
        if at_start and capitalised and _DATELINE.fullmatch(capitalised[0]):
            capitalised.pop(0)
        while capitalised and capitalised[0].lower() in FUNCTION_WORDS:
            capitalised.pop(0)
        kept[:0] = capitalised
    return " ".join(kept)


def _office_of_word(words: list[str], at: int) -> bool:
    """'chief of staff', 'head of state': an 'of' inside the office, not before it."""
    return words[at] == "of" and at > 0 and words[at - 1] in ("chief", "chiefs", "head")


def _undated(text: str, run: re.Match[str]) -> str:
    """The run without a dateline glued on at a paragraph start ('PYONGYANG North Korean
    leader Kim Jong Un', 'WASHINGTON U.S. President Barack Obama')."""
    first = run.group().split(None, 1)
    at_start = run.start() == 0 or text[run.start() - 1] == "\n"
    if at_start and len(first) == 2 and _DATELINE.fullmatch(first[0]):
        return first[1]
    return run.group()


def _describes(word: str) -> bool:
    return _is_office(word) or word.lower().rstrip(".,") in _EXPERT_NOUNS


def _is_office(word: str) -> bool:
    return _OFFICE.fullmatch(word.lower().rstrip(".,")) is not None
