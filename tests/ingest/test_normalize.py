"""normalize: canonical URLs, identities, plain text and UTC dates, as tables."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.ingest import article_identity, canonical_url, to_plain_text, to_utc

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
SEOUL = ZoneInfo("Asia/Seoul")
STRUCT = time.struct_time((2024, 4, 29, 10, 0, 0, 0, 120, 0))  # feedparser's *_parsed, in UTC


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.COM/News/1", "https://example.com/News/1"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed", "https://example.com/a"),
        ("https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4", "https://example.com/a"),
        ("https://example.com/a?ref=home&cmpid=x&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?UTM_Campaign=x&q=", "https://example.com/a?q="),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
        ("mailto:editor@example.com", "mailto:editor@example.com"),
        ("/relative/path", "/relative/path"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_canonical_url_is_idempotent() -> None:
    url = "HTTPS://Example.com:443/a?z=1&utm_source=x&a=2#top"
    assert canonical_url(canonical_url(url)) == canonical_url(url)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({"guid": "abc"}, {"guid": " abc ", "title": "changed"}, True),
        ({"guid": "abc"}, {"guid": "abd"}, False),
        ({"guid": "https://x.com/a?utm_source=1"}, {"guid": "https://X.com/a"}, True),
        ({"url": "https://x.com/a?utm_source=rss"}, {"url": "https://x.com/a#c"}, True),
        ({"url": "https://x.com/a"}, {"url": "https://x.com/b"}, False),
        (
            {"title": "Kim  Meets Yoon", "text": "Body"},
            {"title": "kim meets yoon", "text": "body"},
            True,
        ),
        (
            {"title": "Kim meets Yoon", "text": "Body"},
            {"title": "Kim meets Moon", "text": "Body"},
            False,
        ),
    ],
)
def test_article_identity(first: dict[str, str], second: dict[str, str], same: bool) -> None:
    def identity(fields: dict[str, str]) -> str:
        return article_identity(
            guid=fields.get("guid"), url=fields.get("url"),
            title=fields.get("title"), text=fields.get("text"),
        )  # fmt: skip

    assert (identity(first) == identity(second)) is same


@pytest.mark.parametrize(
    ("fields", "prefix"),
    [
        ({"guid": "g", "url": "https://x.com/a", "title": "t", "text": "b"}, "guid:"),
        ({"guid": "  ", "url": "https://x.com/a", "title": "t", "text": "b"}, "url:"),
        ({"guid": None, "url": None, "title": "t", "text": "b"}, "hash:"),
    ],
)
def test_identity_prefers_guid_then_url_then_words(
    fields: dict[str, str | None], prefix: str
) -> None:
    identity = article_identity(**fields)
    assert identity.startswith(prefix)
    assert len(identity) == len(prefix) + 40


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("Kim &amp; Yoon &lt;3 &#8220;hi&#8221; &nbsp;x", "Kim & Yoon <3 “hi” x"),
        ("<script>alert('x')</script>Visible<style>p{}</style>", "Visible"),
        ("<div>  lots \n\n of \t space  </div>", "lots of space"),
        ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("<noscript>n</noscript><iframe>f</iframe>ok", "ok"),
        ("plain text, no tags", "plain text, no tags"),
        ("", ""),
    ],
)
def test_to_plain_text(html: str, text: str) -> None:
    assert to_plain_text(html) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 29 Apr 2024 10:00:00 +0900", datetime(2024, 4, 29, 1, tzinfo=UTC)),
        ("Mon, 29 Apr 2024 10:00:00 GMT", datetime(2024, 4, 29, 10, tzinfo=UTC)),
        ("Mon, 29 Apr 2024 10:00:00", datetime(2024, 4, 29, 1, tzinfo=UTC)),
        ("2024-04-29T10:00:00Z", datetime(2024, 4, 29, 10, tzinfo=UTC)),
        ("2024-04-29T10:00:00+02:00", datetime(2024, 4, 29, 8, tzinfo=UTC)),
        ("2024-04-29T10:00:00", datetime(2024, 4, 29, 1, tzinfo=UTC)),
        (
            time.struct_time((2024, 4, 29, 10, 0, 0, 0, 120, 0)),
            datetime(2024, 4, 29, 10, tzinfo=UTC),
        ),
        (None, NOW),
        ("", NOW),
        ("not a date", NOW),
        ("2100-01-01T00:00:00Z", NOW),
        ("1969-12-31T23:59:59Z", NOW),
    ],
)
def test_to_utc(value: time.struct_time | str | None, expected: datetime) -> None:
    result = to_utc(value, default_tz=SEOUL, now=NOW)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


def test_to_utc_returns_now_in_utc_even_when_now_is_not() -> None:
    kst_now = NOW.astimezone(timezone(timedelta(hours=9)))
    assert to_utc(None, default_tz=SEOUL, now=kst_now).tzinfo == UTC
