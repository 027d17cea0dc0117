"""Speech relayed by a reporter: in 'KCNA quoted Kim as saying' the words are Kim's.

Korea news passes on much of what North Korea's leaders say through the state media ("the Korean
Central News Agency quoted Kim Jong Un as saying"), and Yonhap relays others the same way. The
agency is the cue's subject, but the speaker is the one it quotes; reading the subject gave every
such quote to KCNA.
"""

from __future__ import annotations

import re

from bot.analyze.cues import CUE
from bot.analyze.mentions import Mention, subject_before

_VERBS = r"(?:saying|telling|stating|writing|declaring|urging|warning|adding|calling|vowing)"
_OBJECT = r"(?!by\s)([^,;:\"“”.]{1,80}?)"  # not "Kim was quoted by KCNA as saying"
_QUOTED_AS = re.compile(rf"\bquoted\s+{_OBJECT}\s+as\s+{_VERBS}\b")
_BEFORE_QUOTE = re.compile(  # "... as telling the workers: "
    rf"\bquoted\s+{_OBJECT}\s+as\s+{_VERBS}(?:\s+[^,;:\"“”]{{1,40}}?)?\s*[,:]?\s*(?:that\s+)?$"
)
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}


def quoted_after(after: str) -> tuple[Mention, int] | None:
    """'," KCNA quoted Kim as saying.' -> (Kim, where the name starts in `after`), when
    'quoted' is the first cue after the quote; None otherwise."""
    cue = CUE.search(after)
    if cue is None or cue.group() != "quoted":
        return None
    match = _QUOTED_AS.match(after, cue.start())
    return _mention(match) if match else None


def quoted_before(before: str) -> tuple[Mention, int] | None:
    """'KCNA quoted Kim as saying: "' -> (Kim, where the name starts in `before`)."""
    match = _BEFORE_QUOTE.search(before)
    return _mention(match) if match else None


def _mention(match: re.Match[str]) -> tuple[Mention, int] | None:
    phrase = match.group(1).strip()
    pronoun = _OBJECT_PRONOUNS.get(phrase.lower())
    if pronoun:
        return Mention("pronoun", pronoun), match.start(1)
    mention = subject_before(phrase)
    return (mention, match.start(1)) if mention else None
