"""Phrase matching shared by relevance, topics and user keyword topics.

A phrase is written the way a reader would type it ("Kim Jong Un", "ROK", "Korea*", "북한") and
compiled once into one regular expression that tolerates what real text does to it:

- spaces and hyphens between words are interchangeable or absent ("Kim Jong-un", "Kim Jong Un");
- case is ignored, except for short all-capital acronyms ("ROK" must not match "rok");
- a trailing `*` accepts any word ending ("Korea*" matches "Koreans");
- phrases start at a word boundary, also where a scraper glued words ("ComradeKim Jong Unwas");
  single words must end at one too, multi-word names need not ("Unwas"); Hangul needs neither,
  because Korean attaches particles ("북한은").

Speed matters (thousands of articles a second): the phrases become one prefix tree, so the regex
engine never tries hundreds of alternatives at each position, and the text is lower-cased once
instead of matching case-insensitively. Boundaries and acronym case are checked per match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

_SEPARATORS = "\\s\\-\u2010\u2011\u2013"
_SPLIT = re.compile(f"[{_SEPARATORS}]+")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_ACRONYM_MAX = 5
_NOTHING = re.compile("(?!)")
_CAMEL = re.compile("[A-Z](?<=[a-z][A-Z])")  # capital first: the engine skips ahead faster
_END = ""  # marks the end of a phrase in the prefix tree

_Trie = dict[str, "_Trie"]


class Match(NamedTuple):
    """One occurrence of a phrase: the canonical term it stands for and where it is.

    Immutable like our dataclasses, but a tuple: dozens are made per article in the hot loop,
    and a tuple is made several times faster than a frozen dataclass.
    """

    term: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Phrase:
    """What a matched key means and which checks it still needs."""

    term: str
    exact: str | None  # acronyms: the required spelling, separators removed
    bounded: bool  # single words must not start inside another word
    glued: bool  # multi-word names and Hangul may run into the next word
    star: bool  # "Korea*": any word ending is accepted and is part of the match
    plain: bool = False  # one word, no star, any case: needs only whole-word boundaries


@dataclass(frozen=True, slots=True)
class Matcher:
    """Compiled phrases; `find` scans a text once per pattern, whatever the number of phrases."""

    patterns: tuple[re.Pattern[str], ...]  # single words at word starts; glued phrases anywhere
    phrases: Mapping[str, _Phrase]  # normalized key -> phrase

    def find(self, text: str) -> list[Match]:
        """Text -> every accepted match, leftmost first; overlaps go to the longer phrase."""
        lowered = to_searchable(text)
        found = self._scan(self.patterns[0], text, lowered)
        hangul = [] if text.isascii() else self._scan(self.patterns[1], text, lowered)
        if hangul:
            found = _without_overlaps(sorted(found + hangul, key=lambda m: (m.start, -m.end)))
        return found

    def terms(self, text: str) -> set[str]:
        """Text -> the set of canonical terms found in it."""
        return {match.term for match in self.find(text)}

    def _scan(self, pattern: re.Pattern[str], text: str, lowered: str) -> list[Match]:
        found = []
        get = self.phrases.get
        for m in pattern.finditer(lowered):  # the hot loop: the common case is checked inline
            key = m.group(1)
            phrase = get(key) or get(to_key(key))
            if phrase is None:
                continue
            start, end = m.start(), m.end(1)
            if phrase.plain:
                if m.end() != end or (start and text[start - 1].isalnum()):
                    continue
            elif not _accepts(phrase, text, m):
                continue
            found.append(Match(phrase.term, start, m.end() if phrase.star else end))
        return found


def to_searchable(text: str) -> str:
    """Text -> same-length lower-case text in which glued words ("ComradeKim") are split.

    The letter before a lower-to-upper change becomes a separator, so a word boundary appears
    where the scraper dropped a space; offsets stay those of the original text.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a few rare characters change length when lower-cased
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    glued = [found.start() - 1 for found in _CAMEL.finditer(text)]
    if not glued:
        return lowered
    pieces, previous = [], 0
    for position in glued:
        pieces.append(lowered[previous:position])
        previous = position + 1
    pieces.append(lowered[previous:])
    return "\x00".join(pieces)


def _without_overlaps(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for match in matches:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def compile_phrases(phrases: Sequence[str]) -> Matcher:
    """Phrases -> a Matcher whose terms are the phrases themselves (user keyword topics)."""
    return compile_terms({phrase: (phrase,) for phrase in phrases})


def compile_terms(variants: Mapping[str, Sequence[str]]) -> Matcher:
    """Canonical term -> its spellings; -> one Matcher reporting the canonical term."""
    phrases: dict[str, _Phrase] = {}
    for term, spellings in variants.items():
        for spelling in spellings:
            key = to_key(spelling.strip().rstrip("*"))
            if key:
                phrases[key] = _to_phrase(term, spelling.strip())
                as_written = " ".join(_SPLIT.split(spelling.strip().rstrip("*").lower()))
                phrases.setdefault(as_written, phrases[key])  # found as written: no to_key
    written = {s.strip().rstrip("*").lower() for v in variants.values() for s in v}
    words = {" ".join(w for w in _SPLIT.split(s) if w) for s in written} - {""}
    hangul = {w for w in words if _HANGUL.search(w)}
    patterns = [
        re.compile(f"{start}({_to_regex(_to_trie(group))})\\w*") if group else _NOTHING
        for start, group in ((_word_start(words - hangul), words - hangul), ("", hangul))
    ]
    return Matcher(tuple(patterns), phrases)


def _word_start(words: set[str]) -> str:
    """`\\b` when every phrase starts with a word character: the regex engine then skips ahead
    to candidate positions several times faster than with a look-behind at every position."""
    return "\\b" if all(re.match(r"\w", word) for word in words) else "(?<![a-z0-9])"


def to_key(text: str) -> str:
    """Matched or written text -> lookup key: lower case, no separators."""
    return _SPLIT.sub("", text.lower())


def is_acronym(phrase: str) -> bool:
    """Short all-capital words (ROK, DPRK, LG, SK) are matched case-sensitively."""
    letters = phrase.replace(".", "").rstrip("*").strip()
    return letters.isupper() and len(letters) <= _ACRONYM_MAX and " " not in letters


def _to_phrase(term: str, spelling: str) -> _Phrase:
    words = [w for w in _SPLIT.split(spelling.rstrip("*")) if w]
    exact = to_key(spelling.rstrip("*")).upper() if is_acronym(spelling) else None
    bounded = len(words) == 1 and not _HANGUL.search(spelling)
    glued = len(words) > 1 or bool(_HANGUL.search(spelling))
    star = spelling.endswith("*")
    plain = bounded and not glued and not star and exact is None
    return _Phrase(term, exact, bounded, glued, star, plain)


def _accepts(phrase: _Phrase, text: str, m: re.Match[str]) -> bool:
    if phrase.exact is not None:
        written = text[m.start() : m.end(1)]
        if written != phrase.exact and _SPLIT.sub("", written) != phrase.exact:  # "us" != "US"
            return False
    if not phrase.bounded:
        return True
    before_ok = m.start() == 0 or not text[m.start() - 1].isalnum()
    return before_ok and (phrase.star or phrase.glued or m.end() == m.end(1))


def _to_trie(words: Iterable[str]) -> _Trie:
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return trie


def _to_regex(node: _Trie) -> str:
    """A prefix tree -> regex source; optional groups are greedy, so longer phrases win."""
    alternatives = [
        (f"[{_SEPARATORS}]*" if ch == " " else re.escape(ch)) + _to_regex(child)
        for ch, child in sorted(node.items())
        if ch != _END
    ]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if _END in node else body
