"""Words for comparing articles: content terms, clean headlines and bottom-k MinHash sketches.

Story grouping compares what articles say, not how outlets decorate it, so headlines lose
wire tags ("(LEAD)", "[News Today]"), outlet suffixes ("- CNN") and attributions (": Yonhap"),
and words are folded to a crude stem so "apologizes" meets "apologized".
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

_LOWER_WORD = re.compile(r"[a-z][a-z'’]*|\d+(?:[.,]\d+)*")
_TAGS = re.compile(
    r"^\s*(?:\((?:URGENT|LEAD|\d+\w* LD|News Focus|EDITORIAL[^)]*)\)\s*|\[[^\]]*\]\s*)+"
)
_OUTLET_SUFFIX = re.compile(r"\s+[-–|]\s+[A-Z][\w .]*$")
_ATTRIBUTION = re.compile(r":\s*(?:\S+\s*){1,4}$")
_STOPWORD_TEXT = """
    a an the of to in on for and or but is are was were be been being by with as at from that
    this it its into over after before about than then he she they we you i his her their our
    not no new says said say will would could should may might can has have had do does did up
    down out off more most also just s t amid here what which who how why
    monday tuesday wednesday thursday friday saturday sunday"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@lru_cache(maxsize=65536)  # names are stemmed one by one; news vocabulary repeats
def to_stem(word: str) -> str:
    """One word -> a crude stem (possessive, plural, -ing, -ed folded) for matching, not display."""
    word = word.lower().replace("’", "'")
    word = word.removesuffix("'s").strip("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > 5 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class _Stems(dict[str, str]):
    """Lower-case word -> its term ("" for a stopword), learned on first sight.

    A dict lookup from C (`map`) is the whole cost of a known word, and news vocabulary
    repeats, so tokenizing is a findall plus a map; the table is cleared if it grows huge.
    """

    def __missing__(self, word: str) -> str:
        if len(self) > _MAX_STEMS:
            self.clear()
        stem = "" if word in _STOPWORDS else to_stem(word)
        self[word] = stem = "" if stem in _STOPWORDS else stem
        return stem


_MAX_STEMS = 200_000
_STEMS = _Stems()


def to_terms(text: str) -> list[str]:
    """Text -> its content terms in order: stemmed, lower case, stopwords and noise dropped."""
    return list(filter(None, map(_STEMS.__getitem__, _LOWER_WORD.findall(text.lower()))))


def clean_headline(title: str) -> str:
    """Headline -> the headline without wire tags, outlet suffix or trailing attribution."""
    title = _TAGS.sub("", title)
    title = _OUTLET_SUFFIX.sub("", title)
    return _ATTRIBUTION.sub("", title).strip()


class _TermHashes(dict[str, int]):
    """Term -> its CRC32, learned on first sight (stable across processes, unlike `hash`)."""

    def __missing__(self, term: str) -> int:
        if len(self) > _MAX_STEMS:
            self.clear()
        self[term] = value = zlib.crc32(term.encode())
        return value


_TERM_HASHES = _TermHashes()
_MASK = 0xFFFFFFFF


def sketch(terms: list[str], *, size: int = 64) -> tuple[int, ...]:
    """Terms -> the `size` smallest hashes of their 3-term shingles (bottom-k MinHash).

    A shingle's hash mixes its terms' cached hashes with integer arithmetic, so building a
    sketch never joins or encodes strings; the hashes stay identical across processes.
    """
    hashes = list(map(_TERM_HASHES.__getitem__, terms))
    if len(hashes) < 3:
        return tuple(sorted(set(hashes)))[:size]
    mixed = {
        (a * 0x9E3779B1 ^ b * 0x85EBCA77 ^ c) & _MASK
        for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
    }
    return tuple(sorted(mixed)[:size])


def resemblance(first: tuple[int, ...], second: tuple[int, ...], *, size: int = 64) -> float:
    """Two sketches -> estimated Jaccard resemblance of the shingle sets they came from."""
    if not first or not second:
        return 0.0
    union = sorted(set(first) | set(second))[:size]
    shared = set(first) & set(second)
    return sum(1 for value in union if value in shared) / len(union)


def containment(first: tuple[int, ...], second: tuple[int, ...], *, least: int = 8) -> float:
    """Two sketches -> estimated share of the shorter text's shingles found in the other.

    A wire's one-line URGENT and its LEAD, or a copy with a new first paragraph, share
    little of their union (resemblance) but nearly all of the shorter one. Only the
    shorter sketch's values up to the longer one's largest can be checked (the longer
    one kept no larger values); texts of fewer than `least` shingles say too little.
    """
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) < least or not longer:
        return 0.0
    top = longer[-1]
    checked = [value for value in shorter if value <= top]
    if len(checked) < least:
        return 0.0
    kept = set(longer)
    return sum(1 for value in checked if value in kept) / len(checked)
