"""Grounding check: every name and number a model writes must come from the sources.

A language model summarizing the news is most dangerous when it is fluent and wrong: a
president's name swapped, a casualty count invented. We cannot check meaning, but we can
check the two things readers act on: multi-word capitalized names (each word must occur in
the sources) and numbers (after normalizing digits, commas and scale words). Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Capitalized words that start sentences or describe places and offices: they carry no
# claim of their own, and a translated Korean story has no English word to match them.
_GENERIC = """
    a an and as at after also before but by for from he her his how if in it its new no
    not of on or she so that the their then there these they this those to under what
    when where which while who why will with
    n s north south korea koreans peninsula seoul pyongyang u us u.s un united states
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    president minister ministry prime foreign defense defence unification vice chairman
    leader general secretary spokesperson spokesman official officials
    """
GENERIC_WORDS = frozenset(_GENERIC.split())

NUMBER_WORDS = {
    word: str(value)
    for value, words in enumerate(
        (
            "zero",
            "one first once",
            "two second twice",
            "three third",
            "four fourth",
            "five fifth",
            "six sixth",
            "seven seventh",
            "eight eighth",
            "nine ninth",
            "ten tenth",
            "eleven eleventh",
            "twelve twelfth",
        )
    )
    for word in words.split()
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "백": 100,
    "천": 1_000,
    "만": 10_000,
    "억": 100_000_000,
    "조": 1_000_000_000_000,
}

_NAME_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)+")
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_NUMBER = re.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?:\s*(hundred|thousand|million|billion|trillion|mln|bn|bln|[백천만억조])(?![a-z]))?",
    re.IGNORECASE,
)


def find_ungrounded(text: str, *, sources: Iterable[str]) -> tuple[str, ...]:
    """Model text + source texts -> the names and numbers in the text the sources lack."""
    source = normalize(" ".join(sources))
    words = {part for word in _words(source) for part in (word, *_parts(word))}
    numbers = set(_source_numbers(source))
    text = normalize(text)
    names = tuple(name for name in extract_names(text) if not _is_grounded_name(name, words))
    return names + tuple(shown for shown, forms in extract_numbers(text) if not forms & numbers)


def normalize(text: str) -> str:
    """Text -> NFKC text (full-width digits become ASCII) with curly apostrophes made plain."""
    return unicodedata.normalize("NFKC", text).replace("’", "'")


def extract_names(text: str) -> tuple[str, ...]:
    """Text -> runs of two or more capitalized words, in order of appearance."""
    return tuple(match.group(0).strip(".") for match in _NAME_RUN.finditer(text))


def extract_numbers(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Text -> (number as written, its canonical forms: bare and scaled) for each number."""
    return tuple(
        (match.group(0), _number_forms(match.group(1), match.group(2)))
        for match in _NUMBER.finditer(text)
    )


def _is_grounded_name(name: str, words: set[str]) -> bool:
    """Each word must occur; "Jong-un" may also occur as "Jong Un" (romanizations vary)."""
    return all(
        _is_known(word, words) or all(_is_known(part, words) for part in _parts(word))
        for word in _words(name)
    )


def _is_known(word: str, words: set[str]) -> bool:
    """Known in the sources or generic; a demonym counts as its place ("Asian" -> "Asia")."""
    place = word[:-1] if word.endswith("n") else word[:-2] if word.endswith("ns") else word
    return any(form in words or form in GENERIC_WORDS for form in (word, place))


def _words(text: str) -> Iterable[str]:
    for match in _WORD.finditer(text.lower()):
        yield _stem(match.group(0))


def _parts(word: str) -> list[str]:
    """'jong-un' -> ['jong', 'un']; also splits sentences glued by a missing space ('dae.it')."""
    return [part for part in re.split(r"[-.'’]", word) if part]


def _stem(word: str) -> str:
    """Drops the possessive and trailing dots, so "Yoon's" matches "Yoon" and "U.S." itself."""
    word = word.lower().rstrip(".")
    return word[:-2] if word.endswith("'s") else word


def _source_numbers(source: str) -> Iterable[str]:
    for _, forms in extract_numbers(source):
        yield from forms
    for word in _words(source):
        if word in NUMBER_WORDS:
            yield NUMBER_WORDS[word]


def _number_forms(digits: str, scale: str | None) -> frozenset[str]:
    bare = _canonical(digits.replace(",", ""))
    if scale is None:
        return frozenset({bare})
    scaled = _canonical(str(float(bare) * SCALES[scale.lower()]))
    return frozenset({bare, scaled})


def _canonical(number: str) -> str:
    """'1,500.50' -> '1500.5', '2.0' -> '2': one spelling per value."""
    if "." not in number:
        return number.lstrip("0") or "0"
    whole, _, fraction = number.partition(".")
    fraction = fraction.rstrip("0")
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{fraction}" if fraction else whole
