"""Sentence boundaries in news text, and the lines that are not news at all.

Feed text is messy: Reuters wraps lines mid-sentence and marks paragraphs by indentation,
scrapers glue sentences together ("breach.However"), and abbreviations (Mr., U.S., Jan. 4)
end in a period without ending anything. Offsets are returned, never rewritten text, so a
summary is always a slice of what the outlet published.
"""

from __future__ import annotations

import re

_ABBREVIATIONS_TEXT = """
    mr mrs ms dr prof st sr jr gen lt col maj capt cmdr adm sgt sen rep gov pres rev
    hon jan feb mar apr jun jul aug sep sept oct nov dec corp inc co ltd bros no nos
    vs etc approx dept est fig vol op univ ft mt
"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
_STARTERS_TEXT = """
    the a an he she it they we i but and this that these those in on at for if when
    while after before its his her their our there however meanwhile
"""
_STARTERS = frozenset(_STARTERS_TEXT.split())
_CLOSERS = "\"'”’)]"
# A terminal mark, any closing quotes, then whitespace or (scraped text) a capitalized word.
_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|[“\"(\[]|[A-Z][a-z])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n[ \t]{2,}")  # blank line or Reuters indentation
_DATELINE = re.compile(r"(?<=\s)[A-Z][A-Z .'-]{2,}, [A-Z][a-z]{2,}\.? \d{1,2} \([A-Za-z ]+\) --")
_GLUED_CREDIT = re.compile(r"\([A-Z][\w .&/-]{1,30}\)(?=[A-Z])")  # "(Yonhap)Coupang ..."
_WIRE_TAG = re.compile(r"\[[A-Z][A-Z ]{2,20}\]")  # "[LEAD]", "[REPORT]" in broadcast scripts
CREDIT_AFTER = re.compile(r"\s*\([A-Z][\w .&/-]{1,30}\)")  # a caption's trailing photo credit
_WORD_BREAK = re.compile(r"[\s(\"“]")
_INITIALS = re.compile(r"(?:\b[A-Za-z]\.)+$")  # U.S. / N. / J.F.
_BOILERPLATE_START = re.compile(
    r"(?:by|photo|photos|file photo|image|credit|source|reporting by|editing by|writing by)"
    r"[\s:]|\[?(?:lead|report|anchor|news today)\]?$|-0-$|\(end\)"
    r"|(?:in\s+)?this\s+(?:(?:undated|file|handout|recent)\s+)?(?:photo|image|picture|screenshot)\b",
    re.IGNORECASE,
)
_BOILERPLATE_PHRASES = (
    "read more", "click here", "sign up", "subscribe", "newsletter", "all rights reserved",
    "copyright", "©", "contributed to this report", "check out what's clicking", "follow us",
    "share this", "download the", "originally written in korean", "translated by",
    "getty images", "ap photo", "(end)", "here's more", "in this photo", "in this file photo",
    "in this undated photo", "in this handout photo", "in this image", "in this picture",
)  # fmt: skip
_BOILERPLATE_PHRASE = re.compile("|".join(map(re.escape, _BOILERPLATE_PHRASES)))
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-Z]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Text -> (start, end) offsets of its sentences, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in _boundaries(text):
        spans.extend(_trimmed(text, start, end))
        start = end
    spans.extend(_trimmed(text, start, len(text)))
    return spans


def _boundaries(text: str) -> list[int]:
    """Text -> sorted offsets where one sentence ends and the next may begin."""
    ends = {match.end() for match in _PARAGRAPH.finditer(text)}
    ends |= {match.end() for match in _CANDIDATE.finditer(text) if _is_end(text, match)}
    if ") --" in text:  # the dateline pattern has no literal prefix: scan only when it can match
        ends |= {match.start() for match in _DATELINE.finditer(text)}
    ends |= {match.end() for match in _GLUED_CREDIT.finditer(text)}
    ends |= {edge for match in _WIRE_TAG.finditer(text) for edge in match.span()}
    return sorted(ends)


def _is_end(text: str, match: re.Match[str]) -> bool:
    """True when the mark at `match` ends a sentence rather than an abbreviation or initial."""
    if match.group().startswith(("!", "?")):
        return True
    before = text[max(0, match.start() - 12) : match.start() + 1]
    word = _WORD_BREAK.split(before)[-1].rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return False
    after = text[match.end() : match.end() + 40].lstrip()  # a window: never copy the rest
    if _INITIALS.search(before):  # "U.S. officials" goes on; "U.S. The" and "U.S. In" end
        following = _next_word(after)
        return following[:1].isupper() and following.lower() in _STARTERS
    return not after[:1].islower()


def _next_word(text: str) -> str:
    found = re.match(r"[\"“]?([A-Za-z]+)", text)
    return found.group(1) if found else ""


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A raw span -> the span without surrounding whitespace, or nothing if it is blank."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1  # scrapers leave a stray comma where a paragraph break was
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def is_boilerplate(sentence: str) -> bool:
    """True for bylines, credits, read-more and navigation lines, headings and Hangul tips."""
    return is_furniture(sentence) or has_boilerplate_phrase(sentence)


def is_furniture(sentence: str) -> bool:
    """True for lines that by their shape are no news: bylines, credits, headings, Hangul tips.

    Cheap enough to run on every sentence; the phrase test below is the costly half.
    """
    stripped = sentence.strip()
    if not _LETTER.search(stripped) or _BOILERPLATE_START.match(stripped):
        return True
    if not stripped.isascii() and _share(_HANGUL, stripped) > 1 / 3:
        return True
    # A heading in capitals has > 12 letters, > 60% of them capitals, so at least 8 capitals:
    # counting capitals first spares counting every letter of ordinary sentences.
    capitals = len(_UPPER.findall(stripped))
    return capitals >= 8 and capitals > 0.6 * len(_LETTER.findall(stripped)) > 0.6 * 12


def has_boilerplate_phrase(sentence: str) -> bool:
    """True for read-more, sign-up, copyright and credit lines, known by a telltale phrase."""
    return _BOILERPLATE_PHRASE.search(sentence.lower()) is not None


def _share(pattern: re.Pattern[str], text: str) -> float:
    """Share of the letters of `text` that match `pattern` (0 when there are no letters)."""
    letters = len(_LETTER.findall(text))
    return len(pattern.findall(text)) / letters if letters else 0.0


def is_caption(text: str, end: int) -> bool:
    """True when the sentence ending at `end` is followed by a photo credit like "(Yonhap)"."""
    return CREDIT_AFTER.match(text, end) is not None


def is_whole(sentence: str) -> bool:
    """True for a complete sentence: ends with a terminal mark (quotes may close after it)."""
    return sentence.rstrip(_CLOSERS).endswith((".", "!", "?")) and len(sentence.split()) >= 5


def is_hangul_dominant(text: str) -> bool:
    """True when most letters are Hangul: the offline summarizer cannot judge such text."""
    return _HANGUL.search(text) is not None and _share(_HANGUL, text) > 1 / 2
