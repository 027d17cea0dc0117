"""Korean personal names as English-language news writes them: family name first.

"Bae Kyung-hoon", "Wi Sung-lac", "Kim Jong Un": a family name from a short, closed set, then a
given name of two syllables, hyphenated or as two words. Knowing where such a name starts lets a
title the title-word list does not know stay out of it ("National Security Adviser Wi Sung-lac",
"Minister of Science and ICT Bae Kyung-hoon"), and keeps a family name that is also an English
word ("Song", "Min", "Ha") from being dropped as one.
"""

from __future__ import annotations

import re

# Romanised family names, most common spellings (revised and McCune-Reischauer, North and South).
FAMILY_NAMES = frozenset(
    str.split(
        """kim lee yi rhee ri park pak bak choi choe chung jung jeong cheong kang cho jo yoon yun
    jang chang lim im yim rim han oh seo suh shin sin kwon gwon hwang ahn an song yoo yu ryu hong
    jeon jun chun ko go moon mun yang son sohn bae bai baek paik heo huh nam noh roh ro ha kwak
    sung seong cha joo ju woo koo ku min na jin ji uhm eom chae won cheon bang gong hyun hyeon
    ham byun byeon yeom yeo choo chu do seok sun ma gil yeon wi pyo myung ki ban ra rha geum ok
    yook yuk maeng je mo tak kook guk yong ryo hyon pyon kye tae""",
    )
)
_SYLLABLE = (  # one romanised Hangul syllable: "Jong", "Un", "Myung", "hoon", "seog"
    r"(?:ch|kk|tt|pp|ss|jj|sh|[bcdghjklmnprstwy])?"
    r"(?:yae|yeo|wae|ae|eo|eu|oe|ui|wa|wo|we|wi|ya|yo|yu|ye|oo|ee|ou|[aeiouy])(?:ng|ck|[nmlkptrcgb])?"
)
_HYPHENATED = re.compile(rf"(?i:{_SYLLABLE}-{_SYLLABLE})")  # "Kyung-hoon", "Kwon-Taek"
_ONE = re.compile(rf"(?i:{_SYLLABLE})")


def korean_name_start(tokens: list[str]) -> int | None:
    """Index where a Korean family-first name ends the tokens ('Adviser Wi Sung-lac' -> 1),
    None when the tokens do not end in one."""
    if (
        len(tokens) >= 2
        and _is_family(tokens[-2])
        and tokens[-1][:1].isupper()
        and _HYPHENATED.fullmatch(tokens[-1])
    ):
        return len(tokens) - 2
    if (
        len(tokens) >= 3
        and _is_family(tokens[-3])
        and all(_is_syllable(token) for token in tokens[-2:])
    ):
        return len(tokens) - 3
    return None


def _is_family(token: str) -> bool:
    return token[:1].isupper() and token.lower() in FAMILY_NAMES


def _is_syllable(token: str) -> bool:
    return token[:1].isupper() and _ONE.fullmatch(token) is not None
