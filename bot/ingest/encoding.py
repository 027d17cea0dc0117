"""Character encodings feedparser cannot guess on its own, settled before it sees the bytes.

feedparser owns encodings when a feed declares one honestly. Without chardet it falls back to
windows-1252 for undeclared bytes, which turns an EUC-KR or windows-1251 feed into mojibake.
That case is decided here and the body is handed on as UTF-8; every other body passes through
untouched.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass

XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?\?>", re.IGNORECASE)
DECLARED = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE)
CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class Transcoded:
    """A body ready for feedparser, the headers to hand it, and what we decided on the way."""

    body: bytes
    headers: dict[str, str]
    problems: tuple[str, ...] = ()


def to_parseable(body: bytes, headers: Mapping[str, str]) -> Transcoded:
    """Feed bytes -> the same bytes, or UTF-8 when the declared or missing encoding is wrong."""
    plain = {key.lower(): value for key, value in headers.items()}
    claimed = _claimed_encoding(body, plain)
    guess = _better_encoding(body, claimed)
    if guess is None:
        return Transcoded(body, plain)
    text = body.decode(guess)
    utf8 = _redeclare(text.encode("utf-8"))
    plain["content-type"] = "application/xml; charset=utf-8"
    said = f"declared {claimed}" if claimed else "no declared encoding"
    return Transcoded(utf8, plain, (f"read as {guess} ({said})",))


def _claimed_encoding(body: bytes, headers: Mapping[str, str]) -> str | None:
    """The encoding the HTTP header or the XML declaration claims, normalized; None if neither."""
    charset = CHARSET.search(headers.get("content-type", ""))
    if charset:
        return _normal(charset.group(1))
    declaration = XML_DECLARATION.match(body[:512])
    found = declaration and DECLARED.search(declaration.group(0))
    return _normal(found.group(1).decode("ascii")) if found else None


def _normal(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def _better_encoding(body: bytes, claimed: str | None) -> str | None:
    """The encoding to use instead of feedparser's windows-1252 fallback, or None to leave it.

    A declared encoding is feedparser's to honour (it also notices UTF-8 bytes under a
    Latin-1 label); only undeclared bytes that are not UTF-8 need our guess.
    """
    if body.startswith(BOMS) or claimed or _is_utf8(body):
        return None
    return _guess_undeclared(body)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess_undeclared(body: bytes) -> str:
    """EUC-KR if every 8-bit byte pairs up as EUC-KR; else Cyrillic or Western by word shape."""
    try:
        body.decode("euc-kr")
        return "euc-kr"
    except UnicodeDecodeError:
        pass
    return "cp1251" if _looks_cyrillic(body.decode("cp1251")) else "cp1252"


def _looks_cyrillic(text: str) -> bool:
    """In cp1251 a Russian word is all Cyrillic; a French word read that way mixes in Latin."""
    words = [word for word in WORD.findall(text) if not word.isascii()]
    whole = sum(1 for word in words if not any(char.isascii() for char in word))
    return bool(words) and whole * 2 > len(words)


def _redeclare(body: bytes) -> bytes:
    """Rewrites (or adds) the XML declaration so it says what the bytes now are."""
    declaration = b'<?xml version="1.0" encoding="utf-8"?>'
    if XML_DECLARATION.match(body):
        return XML_DECLARATION.sub(declaration, body, count=1)
    return declaration + b"\n" + body
