"""What a capitalised run is: a person's name or not, and which words an article writes in
lower case ("Knowing Bardos" is Bardos, since the article also writes "knowing").

Rules only, no name lists: organisation and place words, acronyms, and the article itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container

_ORG_WORDS = frozenset(
    str.split(
        """korea korean koreas china chinese japan japanese united states america american
    washington seoul pyongyang beijing tokyo moscow russia russian north south east west new york
    times post news agency ministry house department party committee university institute center
    centre council assembly office court bank group corp inc co ltd association foundation force
    forces army navy command union nations government service commission olympic olympics games
    street peninsula sea day monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december twitter
    facebook cnn bbc reuters yonhap kcna canada canadian ottawa toronto police city county
    province church school college hospital airport station media press club league cup ocean
    island islands river lake mountain mountains charter rules coalition act bill law plan program
    programme project fund report studies legislature security development railway railways crown
    sport sports centre arena market hotel restaurant airlines airline energy power hydro
    electronics consultants systems technologies capital partners network alliance federation
    society institute agency authority foundation region district highway road avenue bridge
    tower building square museum library festival awards award prize series conference summit
    treaty accord agreement declaration initiative strategy budget review survey poll index
    exchange fire rescue health care services care clinic hockey football basketball baseball
    senate congress parliament cabinet administration campaign caucus"""
    )
)


# Title words that only place or group a name ("New", "North Korean", "White House"): a run with
# no other title ("New Hampshire") is no sign of a person.
_PLACING = frozenset(
    str.split(
        """north south korean chinese american canadian new state first supreme u.s. us un house
    white national assembly central committee department party workers liberal conservative ndp
    treasury finance trade health commerce agriculture foreign defense defence unification
    republican democratic democrat gop former executive deputy vice"""
    )
)


_GLUED = re.compile(r"[a-z]{4}[A-Z]")


def is_organisation_word(token: str) -> bool:
    """'Ministry', 'House', 'Assembly': a word that makes a run an organisation or a place."""
    return token.lower().strip(".,'’") in _ORG_WORDS


def is_personal_title(title: str | None) -> bool:
    """Whether a title split off a name ('Ms.', 'U.S. President') is one a person holds."""
    words = title.lower().split() if title else []
    return bool(words) and words[-1] not in _PLACING and words[-1].rstrip(".") not in _PLACING


_NOT_PARTICLES = frozenset(("of", "for", "and", "the", "on", "to"))
# Months that are also names ("Theresa May", "June Carter"): a person when another token is one.
_MONTH_NAMES = frozenset(("april", "may", "june", "august"))


def is_person(parts: list[str]) -> bool:
    """Whether name tokens look like a person rather than a place or an organisation."""
    if len(parts) > 4:
        return False
    named = [part for part in parts if part.lower() not in _MONTH_NAMES]
    return len(named) >= max(1, len(parts) - 1) and all(_is_name_token(part) for part in named)


@functools.lru_cache(maxsize=8192)
def _is_name_token(part: str) -> bool:
    """Not an organisation or place word, not an acronym like RCMP, and not two words glued by
    scraping ("ComradeKim"; "McDonald" and "MacArthur" have shorter heads)."""
    if (part.isupper() and len(part) > 2) or _GLUED.search(part) or part in _NOT_PARTICLES:
        return False  # ... and "Panel of Experts", "Ministry of Unification"
    return part.lower().strip(".,'’") not in _ORG_WORDS


class LowerWords(Container[str]):
    """Whether the article writes a word in lower case, looked up only for the words asked
    about: scanning every word of every article up front was a fifth of the time."""

    __slots__ = ("_known", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        text, at = self._text, self._text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not text[at - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            ):
                return True
            at = text.find(word, end)
        return False
