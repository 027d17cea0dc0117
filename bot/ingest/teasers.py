"""Which feed bodies are only teasers, and when a page's text is worth more than the teaser.

Both questions are about cost: a page request for every article would be impolite and slow, and
replacing a teaser with a cookie notice or a subscription wall would lose what the feed said.
"""

from __future__ import annotations

import re

from bot.model import Article

TEASER_CHARS = 600  # a news story's body is longer; a standfirst or lead paragraph is not
TEASER_SENTENCES = 2
TRAILERS = (  # how feeds end a cut-off body
    "…",
    "...",
    "[…]",
    "[...]",
    "read more",
    "read more »",
    "continue reading",
    "continue reading →",
    "read the full story",
    "(more…)",
    "더보기",
)
SENTENCE_END = re.compile(r"[.!?。][\"'”’)\]]*(?=\s|$)")
LAST_SENTENCE_ENDED = re.compile(r"[.!?。][\"'”’)\]]*\s*$")
WORD = re.compile(r"\w{2,}")
LONGER_BY = 1.5  # the page's text must be this many times the teaser's length
LONGER_BY_CHARS = 200  # and this many characters longer
TITLE_SHARE = 1 / 5  # of the headline's words, at least this share must be on the page


def is_teaser(article: Article) -> bool:
    """True when the feed's body is empty, repeats the headline, says it was cut ('…', 'Read
    more') or is short: under TEASER_CHARS characters or at most TEASER_SENTENCES sentences."""
    text = article.text.strip()
    if not text or _words(text) == _words(article.title):
        return True
    if text.casefold().endswith(TRAILERS):
        return True
    return len(text) < TEASER_CHARS or sentence_count(text) <= TEASER_SENTENCES


def sentence_count(text: str) -> int:
    """Sentence ends in `text` (a last sentence without a full stop still counts)."""
    ends = len(SENTENCE_END.findall(text))
    return ends + (0 if LAST_SENTENCE_ENDED.search(text) else 1)


def is_clearly_longer(page_text: str, teaser: str) -> bool:
    """True when the page's text is LONGER_BY times the teaser and LONGER_BY_CHARS more: a page
    that only repeats the teaser with a byline is not worth replacing it."""
    teaser = teaser.strip()
    return len(page_text) >= max(len(teaser) * LONGER_BY, len(teaser) + LONGER_BY_CHARS)


def mentions_headline(text: str, title: str) -> bool:
    """True when at least TITLE_SHARE of the headline's words appear in `text`, compared by
    their first letters so that 'airport' finds 'airports' and '북한이' finds '북한은'."""
    keys = {_key(word) for word in _words(title) if _is_telling(word)}
    if len(keys) < 2:  # too few words to judge by: trust the page
        return True
    found = {_key(word) for word in _words(text)}
    return len(keys & found) >= len(keys) * TITLE_SHARE


def _is_telling(word: str) -> bool:
    """Latin words of four letters or more ('talks', not 'to'); any Hangul or Han word."""
    return len(word) >= (4 if word.isascii() else 2)


def _key(word: str) -> str:
    """A crude stem: four Latin letters, or two syllables (Korean particles follow the stem)."""
    return word[:4] if word.isascii() else word[:2]


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())
