"""Key quotes: the one or two quotations that carry a story, for the digest to show.

A key quote has a named speaker (a reader must know who said it), says something (a full clause of
eight to sixty words, not "we are monitoring the situation") and tends to come early, where news
writing puts the quote that matters. Two quotes are kept only when the second is from another
speaker or nearly as good, so a digest is not one person's paragraph split in two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.analyze.cues import to_trie_pattern
from bot.model import Quote

_BOILERPLATE_PHRASES = str.split(
    "monitor|monitoring|closely watch|closely watching|no comment|declined to comment|"
    "cannot comment|can't comment|thanks|thank you|our thoughts|thoughts and prayers|"
    "ongoing investigation|looking into|will continue to|we are aware|stay tuned|"
    "as soon as possible|more details|in due course|happy to be here|excited to|great honor|"
    "great honour",
    "|",
)
# A prefix tree: a flat case-blind alternation was a fifth of key-quote time.
_BOILERPLATE = re.compile(
    rf"\b(?:{to_trie_pattern(sorted(_BOILERPLATE_PHRASES))})\b", re.IGNORECASE
)
_ROLE_START = re.compile(r"^(?:the|a|an|one|some|his|her|its|their)\s", re.IGNORECASE)
_MAX_KEYS = 2


def score_quote(quote: Quote, position: int, total: int) -> float:
    """How well one quote would carry the story in a digest; <= 0 means never show it as key."""
    if not quote.speaker:
        return 0.0
    words = len(quote.quote.split())
    if words < 8 or _BOILERPLATE.search(quote.quote):
        return 0.0
    score = 1.0 if not _ROLE_START.match(quote.speaker) else 0.6
    score *= min(words, 30) / 30 if words <= 60 else 0.5
    score *= 1.0 - 0.4 * position / max(total, 1)
    if quote.quote.rstrip()[-1:] not in "-—–…:;":
        score *= 1.1
    return score


def mark_key(quotes: Sequence[Quote]) -> set[int]:
    """Indices of the one or two best quotes (none when no quote has a named speaker)."""
    scored = sorted(
        ((score_quote(q, i, len(quotes)), i) for i, q in enumerate(quotes)), reverse=True
    )
    best = [(score, i) for score, i in scored if score > 0]
    if not best:
        return set()
    keys = {best[0][1]}
    first = quotes[best[0][1]]
    for score, index in best[1:]:
        other = quotes[index]
        if other.speaker != first.speaker or score >= 0.9 * best[0][0]:
            keys.add(index)
        if len(keys) == _MAX_KEYS:
            break
    return keys
