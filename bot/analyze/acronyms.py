"""Acronyms back to the names they stand for: "EDC" is "Export Development Canada".

News writing spells an organisation out once with its acronym in brackets ("the Joint Chiefs of
Staff (JCS)") and uses the acronym after. A speaker is shown by the spelled-out name when the
article gives one: the words before the bracket whose capitals spell the acronym.
"""

from __future__ import annotations

import re

_SMALL = frozenset(("and", "of", "for", "the", "on", "in", "at", "to", "&"))
_WORDS_BEFORE = re.compile(r"[\w’'-]+|&")
_LOOK_BACK = 100  # characters before the bracket the spelled-out name may take


def is_acronym(name: str) -> bool:
    """'EDC', 'KCNA', 'U.N.': capitals only, two or more letters."""
    letters = name.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def spell_out(text: str, acronym: str, at: int) -> str | None:
    """The name an acronym stands for, from its first '(ACRONYM)' before `at`; None if none."""
    bracket = text.find(f"({acronym})", 0, at)
    if bracket < 0:
        return None
    words = list(_WORDS_BEFORE.finditer(text, max(0, bracket - _LOOK_BACK), bracket))
    letters = acronym.replace(".", "")
    spelled = ""
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group()
        if word.lower() in _SMALL:
            continue
        if not word[0].isupper():
            return None
        spelled = word[0] + spelled
        if spelled == letters:
            return text[words[index].start() : words[-1].end()]
        if not letters.endswith(spelled):
            return None
    return None
