"""A name and its title: 'U.S. President Donald Trump' is Donald Trump, U.S. President.

Title words come from a short list; a run of them before the last name token is the title,
except for places ("North Korea") and organisations ("Unification Ministry", "White House"),
which stay whole. The description an article gives after a name is cleaned the same way.
"""

from __future__ import annotations

import functools
import re

from bot.analyze.koreannames import korean_name_start
from bot.analyze.namerun import PARTICLES
from bot.analyze.namewords import is_organisation_word, is_personal_title
from bot.analyze.speaker_words import FUNCTION_WORDS, ROLE_NOUNS, TITLE_WORDS

_COMPASS = frozenset(("north", "south", "east", "west"))
_ROLE_WORD = re.compile(rf"(?:{ROLE_NOUNS})\.?")
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z])")  # scraped paragraphs lose their break
_CLAUSE = re.compile(
    r"(?:who|whose|which|where|when|while|after|before|with|in|on|for|by)\b|[A-Z][a-z]+ing\b"
)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER = re.compile(
    rf"(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:{_UNITS}))?|"
    rf"{_UNITS}|ten|eleven|twelve|hundreds|thousands|dozens)"
)


@functools.lru_cache(maxsize=4096)
def split_title(run: str) -> tuple[str, str | None]:
    """'U.S. President Donald Trump' -> ('Donald Trump', 'U.S. President'); 'Foreign Ministry'
    stays whole."""
    tokens = run.split()
    while tokens and (tokens[0].lower() in FUNCTION_WORDS or _NUMBER.fullmatch(tokens[0])):
        tokens.pop(0)  # "Ninety-four KT servers": a count opening a sentence is no name
    cut = 0
    for index, token in enumerate(tokens[:-1]):
        if token.lower().rstrip(".") in TITLE_WORDS or token.lower() in TITLE_WORDS:
            cut = index + 1
    if cut == len(tokens) - 1 and tokens[cut - 1].lower() in _COMPASS:
        cut -= 1  # "North Korea" is a place, not a title and a name
    if not tokens or (len(tokens) > 1 and all(t.isupper() and len(t) > 2 for t in tokens)):
        return "", None
    korean = korean_name_start(tokens)
    if korean is not None and korean > cut:
        # "National Security Adviser Wi Sung-lac": a title the list does not know, kept when it
        # ends in an office; "Science and ICT Bae Kyung-hoon" is cut short of its office
        office = _ROLE_WORD.fullmatch(tokens[korean - 1].lower()) is not None
        return " ".join(tokens[korean:]), " ".join(tokens[:korean]) if office else None
    if cut == 0 or _is_organisation(tokens, cut):
        return " ".join(tokens), None
    return " ".join(tokens[cut:]), " ".join(tokens[:cut])


def _is_organisation(tokens: list[str], cut: int) -> bool:
    """'Unification Ministry', 'White House', 'Korean Central News Agency': placing words before
    a run ending in an organisation word are one name, not a title and a name ('Ms. May' still
    is)."""
    return is_organisation_word(tokens[-1]) and not is_personal_title(" ".join(tokens[:cut]))


def clean_title(description: str | None, title: str | None) -> str | None:
    """The description as the article gives it, minus a leading article ("a", "the") and
    anything glued on after a lost sentence break ("business unit.KT also announced ...");
    a clause is no description ("who earlier tweeted ...", "Testifying at a hearing")."""
    if description:
        description = _GLUED_SENTENCE.split(description, maxsplit=1)[0]
        description = re.sub(
            r"^(?:a|an|the)\s+", "", description.strip(" ,.;"), flags=re.IGNORECASE
        )
        if description and not _CLAUSE.match(description):
            return description
    return title


_HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam"))
_PARTICLES = frozenset(PARTICLES)
_RANKS = {
    "adm": "Admiral", "gen": "General", "lt": "Lieutenant", "col": "Colonel", "capt": "Captain",
    "maj": "Major", "sgt": "Sergeant", "rep": "Representative", "sen": "Senator",
    "gov": "Governor", "prof": "Professor", "rev": "Reverend", "pres": "President",
}  # fmt: skip
_WHEN_AFTER = re.compile(
    r"\s+(?:on|this|last)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
    re.IGNORECASE,
)


def shown_title(title: str | None) -> str | None:
    """The title as a digest line shows it after the name: 'Mr.' says nothing of who they are
    (none), 'Adm.' alone reads as 'Admiral', a stray particle ('van') is part of a name that was
    cut, and 'head of the police agency on Monday' ends at 'agency'."""
    if not title:
        return None
    title = _WHEN_AFTER.sub("", title.strip())
    key = title.lower().rstrip(".")
    if key in _HONORIFICS or key in _PARTICLES:
        return None
    return _RANKS.get(key, title) or None
