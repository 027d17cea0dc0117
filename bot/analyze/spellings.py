"""One spelling per name, so two reports of one event meet on the words they share.

Outlets write the same thing differently: Yonhap's "N. Korea" and "N.K." are everyone's
"North Korea", "U.S." is "US" and "the United States", "gov't" is "government",
"Jan. 13" is "January 13", "431K" is "431,000", "mln dlrs" is "million dollars", and a
place is "Pusan" in one romanization and "Busan" in another. Story grouping compares
terms, so these are folded to one form before text becomes terms. Only spellings of one
and the same thing are folded, never related things ("Pyongyang" stays apart from
"North Korea", "the Blue House" from "Cheong Wa Dae" the office that speaks for it), or
grouping would take one topic for one event.

Korean given names need no folding: terms split at hyphens, so "Kim Jong-un" and
"Kim Jong Un" already give the same terms.

Every pattern starts with a literal, so the regular expression engine skips ahead to
candidates instead of trying each form at each character (fifty times faster on news
text); whether a candidate starts a word is checked on the match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Forms with punctuation or spaces inside: plain substring replacement, longest first.
_PHRASES = (
    ("Democratic People's Republic of Korea", "North Korea"),
    ("Republic of Korea", "South Korea"),
    ("United States of America", "USA"),
    ("United States", "USA"),
    ("United Nations", "UnitedNations"),  # not "UN": its term would be Kim Jong Un's "un"
    ("U.S.A.", "USA"),
    ("U.S.", "USA"),
    ("U.N.", "UnitedNations"),
    ("N.K.", "North Korea"),
    ("N. Korea", "North Korea"),
    ("N.Korea", "North Korea"),
    ("S. Korea", "South Korea"),
    ("S.Korea", "South Korea"),
    ("Chong Wa Dae", "Cheong Wa Dae"),
    ("%", " percent"),
)
# Whole words (case-sensitive) -> the one spelling used.
_WORDS: Mapping[str, str] = {
    "NK": "North Korea",
    "DPRK": "North Korea",
    "ROK": "South Korea",
    "US": "USA",
    "UN": "UnitedNations",
    "Cheongwadae": "Cheong Wa Dae",
    # Korean outlets' contractions, and scale words and units as the wires abbreviate them
    "gov't": "government",
    "govt": "government",
    "Nat'l": "National",
    "nat'l": "national",
    "int'l": "international",
    "Int'l": "International",
    "mln": "million",
    "bln": "billion",
    "bn": "billion",
    "trln": "trillion",
    "tln": "trillion",
    "dlrs": "dollars",
    "pct": "percent",
    # romanizations of Korean places: McCune-Reischauer (and old spellings) -> Revised
    "Pusan": "Busan",
    "Inchon": "Incheon",
    "Cheju": "Jeju",
    "Kwangju": "Gwangju",
    "Taegu": "Daegu",
    "Taejon": "Daejeon",
    "Kyonggi": "Gyeonggi",
    "Kangwon": "Gangwon",
    "Panmunjeom": "Panmunjom",
    "Yeongbyeon": "Yongbyon",
    "Sinpho": "Sinpo",
    "Gaeseong": "Kaesong",
}
# Month abbreviations, only before a day or after a period ("Jun" alone is a Korean name).
_MONTHS: Mapping[str, str] = {
    "Jan": "January",
    "Feb": "February",
    "Mar": "March",
    "Apr": "April",
    "Jun": "June",
    "Jul": "July",
    "Aug": "August",
    "Sep": "September",
    "Sept": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
}
_WORD = re.compile("(?:" + "|".join(map(re.escape, sorted(_WORDS, key=len, reverse=True))) + r")\b")
_MONTH = re.compile("(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?:\.|(?= \d))")
# "431K payrolls" is "431,000 payrolls"; "$9bn" is "$9 billion"
_SCALED = re.compile(r"(\d+(?:\.\d+)?)(K|bn|mln|bln|million|billion|trillion)\b")
# The Korea Herald's won: "W1.7tr" is "1.7 trillion won", "W43b" is "43 billion won"
_WON = re.compile(r"[W₩](\d[\d,]*(?:\.\d+)?)(tr|tn|bn|b|mn|m)?\b")
_WON_SCALES: Mapping[str | None, str] = {
    "tr": " trillion",
    "tn": " trillion",
    "bn": " billion",
    "b": " billion",
    "mn": " million",
    "m": " million",
    None: "",
}


def fold_spellings(text: str) -> str:
    """Text -> the same text with each name, abbreviation and unit in one spelling."""
    for written, one in _PHRASES:
        if written in text:
            text = text.replace(written, one)
    text = _WON.sub(_won, text)
    text = _SCALED.sub(_scaled, text)
    text = _MONTH.sub(lambda match: _starts_word(match, _MONTHS[match[0].rstrip(".")]), text)
    return _WORD.sub(lambda match: _starts_word(match, _WORDS[match[0]]), text)


def _starts_word(match: re.Match[str], one: str) -> str:
    """The one spelling if the match starts a word ("US", not the end of "BONUS")."""
    start = match.start()
    before = match.string[start - 1] if start else " "
    return match[0] if before.isalnum() or before == "." else one


def _scaled(match: re.Match[str]) -> str:
    """ "431K" -> "431,000" as a report written out would say it; "9bn" -> "9 billion"."""
    number, unit = match.groups()
    return f"{round(float(number) * 1000):,}" if unit == "K" else f"{number} {unit}"


def _won(match: re.Match[str]) -> str:
    """ "W1.7tr" -> "1.7 trillion won"; "₩5,000" -> "5,000 won"."""
    number, scale = match.groups()
    return _starts_word(match, f"{number}{_WON_SCALES[scale]} won")
