"""Normalization of what feeds say: canonical URLs, stable identities, plain text, UTC times.

Feeds disagree about everything; these functions make two mentions of the same article look
the same (so the store can tell new from seen) and make every time comparable.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "cmpid",
        "cmp",
        "ncid",
        "ocid",
        "igshid",
        "_ga",
        "_hsenc",
        "_hsmi",
        "smid",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": "80", "https": "443"}
FUTURE_TOLERANCE = timedelta(minutes=10)
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)  # before the web: a broken date, not a real one


def canonical_url(url: str) -> str:
    """URL -> the form two links to the same page share (no fragment, no tracking, sorted query)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return url
    return urlunsplit((scheme, _netloc(parts, scheme), parts.path or "/", _query(parts.query), ""))


def _netloc(parts: SplitResult, scheme: str) -> str:
    """Lower-cased host with the default port dropped; user info kept as given."""
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    try:
        port = parts.port
    except ValueError:
        return parts.netloc.lower()
    hostport = host if port is None or str(port) == DEFAULT_PORTS[scheme] else f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    return f"{userinfo}@{hostport}" if userinfo else hostport


def _query(query: str) -> str:
    """Query without tracking parameters, sorted so parameter order does not matter."""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(key, value) for key, value in pairs if not _is_tracking(key)]
    return urlencode(sorted(kept))


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def article_identity(
    *, guid: str | None, url: str | None, title: str | None, text: str | None
) -> str:
    """Entry -> stable id: its GUID if any, else its canonical URL, else a hash of its words."""
    if guid and guid.strip():
        value = guid.strip()
        key = canonical_url(value) if value.lower().startswith(("http://", "https://")) else value
        return "guid:" + _digest(key)
    if url and url.strip():
        return "url:" + _digest(canonical_url(url))
    words = _normalized_words(f"{title or ''}\n{text or ''}")
    return "hash:" + _digest(words)


def _digest(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8"), usedforsecurity=False).hexdigest()


def _normalized_words(value: str) -> str:
    """Case, width and spacing differences do not make a different article."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "figcaption",
        "hr",
    }
)


class _TextCollector(HTMLParser):
    """Collects the visible text of an HTML fragment, marking paragraph and line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        self._mark(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        self._mark(tag)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))

    def _mark(self, tag: str) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")


def to_plain_text(html: str) -> str:
    """HTML fragment -> visible text: no tags or scripts, entities decoded, paragraphs kept."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return normalize_space("".join(collector.parts))


def normalize_space(text: str) -> str:
    """Collapses spaces within lines and keeps at most one blank line between paragraphs."""
    text = text.replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[^\S\n]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def to_utc(value: time.struct_time | str | None, *, default_tz: tzinfo, now: datetime) -> datetime:
    """Feed date (string or feedparser's UTC struct) -> aware UTC datetime; unusable -> `now`."""
    parsed = _parse_any(value, default_tz)
    if parsed is None or parsed < EARLIEST or parsed > now + FUTURE_TOLERANCE:
        return now.astimezone(UTC)
    return parsed


def _parse_any(value: time.struct_time | str | None, default_tz: tzinfo) -> datetime | None:
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC)
    return parse_date(value, default_tz=default_tz)


def parse_date(value: str | None, *, default_tz: tzinfo) -> datetime | None:
    """RFC 822 (RSS) or ISO 8601 (Atom) text -> UTC; a date without a zone gets the feed's zone."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=default_tz)
    return parsed.astimezone(UTC)
