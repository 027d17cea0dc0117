"""feedparser's complaints (bozo exceptions) and non-feeds, said in plain words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
PLAIN_SAX = {
    "no element found": "the XML ends early (truncated feed?)",
    "junk after document element": "there is text after the end of the feed's root element",
    "mismatched tag": "an element is closed by the wrong tag",
    "undefined entity": "it uses an entity that is never declared",
}


def bozo_problem(parsed: Any) -> str | None:
    """feedparser's bozo exception -> one sentence a feed owner could act on; None if none."""
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    kind = type(exc).__name__
    if kind == "CharacterEncodingOverride":
        return f"the declared encoding was wrong; read as {parsed.get('encoding')}"
    if kind == "NonXMLContentType":
        return f"served as {_content_type(parsed)}, not as XML; parsed anyway"
    if kind == "CharacterEncodingUnknown":
        return "unknown character encoding; some text may be garbled"
    if kind == "SAXParseException":
        return _sax_problem(exc)
    return f"the feed is not well-formed: {exc}"


def _sax_problem(exc: Any) -> str:
    message = str(getattr(exc, "getMessage", lambda: str(exc))())
    line = getattr(exc, "getLineNumber", lambda: None)()
    plain = PLAIN_SAX.get(message, message)
    where = f" (line {line})" if line else ""
    return f"malformed XML: {plain}{where}; read what we could"


def _content_type(parsed: Any) -> str:
    headers = parsed.get("headers") or {}
    return str(headers.get("content-type", "an unknown type"))


def not_a_feed_problem(parsed: Any, body: bytes, headers: Mapping[str, str]) -> str | None:
    """Why bytes with no entries are not a feed at all (an HTML page, empty, no feed root)."""
    if parsed.get("version"):
        return None
    if not body.strip():
        return "not a feed: the response body is empty"
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if HTML_START.match(body[:4096]) or "html" in content_type.lower():
        return "not a feed: looks like an HTML page"
    return "not a feed: no RSS, Atom or RDF root element"
