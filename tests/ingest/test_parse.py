"""parse_feed: bytes + headers -> articles and plain-word problems, never an exception."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from bot.ingest import parse_feed
from bot.model import FeedRead, FeedSource
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
SHARED_FEEDS = sorted(
    [
        "feed-rs__atom_example_2.xml",
        "feed-rs__rss_0.91_encoding_2.xml",
        "feed-rs__rss_1.0_iso8859.xml",
        "feed-rs__rss_2.0_example_3.xml",
        "feed-rs__rss_2.0_ilmessaggero.xml",
        "feed-rs__rss_2.0_invalid_1.xml",
        "feed-rs__rss_2.0_nbcny.xml",
        "feed-rs__rss_2.0_spiegel.xml",
        "feedparser__encoding-euc-kr-item.xml",
        "feedparser__encoding-euc-kr.xml",
        "feedparser__illformed-chardet-euckr.xml",
        "miniflux__no_encoding_ISO-8859-1.xml",
        "miniflux__rdf_UTF8.xml",
        "miniflux__urdu_UTF8.xml",
        "node-feedparser__category-feed.xml",
        "node-feedparser__iconv.xml",
        "node-feedparser__illegally-nested.xml",
        "node-feedparser__mediacontent-dupes.xml",
        "node-feedparser__tpm.atom",
        "node-feedparser__wapowellness.xml",
        "rss-parser__customfields.rss",
        "rss-parser__encoding.rss",
        "rss-parser__guardian.rss",
        "rss-parser__heise.atom",
        "rss-parser__unrecognized.rss",
        "rss-parser__uolNoticias.rss",
    ]
)


def read(name: str, *, timezone: str = "UTC", headers: dict[str, str] | None = None) -> FeedRead:
    source = FeedSource(name="test", url="https://example.com/feed", timezone=timezone)
    body = (FIXTURES / name).read_bytes()
    return parse_feed(body, source=source, headers=headers or {}, now=NOW)


def titles(feed: FeedRead) -> list[str]:
    return [article.title for article in feed.articles]


# --- the shared corpus: real feeds byte for byte, broken ones included ----------------------


@pytest.mark.shared
@pytest.mark.parametrize("name", SHARED_FEEDS)
def test_every_shared_feed_parses_and_yields_what_feedparser_sees(name: str) -> None:
    body = shared_path(f"corpus/feeds/{name}").read_bytes()
    source = FeedSource(name=name, url="https://example.com/feed")
    feed = parse_feed(body, source=source, headers={}, now=NOW)
    raw = feedparser.parse(io.BytesIO(body))
    real = [e for e in raw.entries if e.get("title") or e.get("summary") or e.get("link")]
    assert bool(feed.articles) == bool(real)
    assert len(feed.articles) <= len(real)
    for article in feed.articles:
        assert article.published is not None and article.published.tzinfo is not None
        assert "<" not in article.title or ">" not in article.title
        assert article.feed == name


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "where", "expected"),
    [
        ("feedparser__encoding-euc-kr.xml", "feed title", "\ub144"),
        ("feedparser__encoding-euc-kr-item.xml", "first text", "\ub144"),
        (
            "feedparser__illformed-chardet-euckr.xml",
            "first title",
            "TypeKey 한글닉네임",
        ),
        ("node-feedparser__iconv.xml", "feed title", "Новости Оренбурга"),
        ("miniflux__no_encoding_ISO-8859-1.xml", "first text", "d'étu"),
        ("rss-parser__uolNoticias.rss", "first text", "Líder na pesquisa"),
    ],
)
def test_shared_feeds_decode_their_encodings(name: str, where: str, expected: str) -> None:
    body = shared_path(f"corpus/feeds/{name}").read_bytes()
    feed = parse_feed(body, source=FeedSource(name="x", url="u"), headers={}, now=NOW)
    found = {
        "feed title": feed.title or "",
        "first title": feed.articles[0].title if feed.articles else "",
        "first text": feed.articles[0].text if feed.articles else "",
    }[where]
    assert expected in found


@pytest.mark.shared
def test_shared_html_page_is_reported_as_not_a_feed() -> None:
    body = shared_path("corpus/feeds/rss-parser__unrecognized.rss").read_bytes()
    feed = parse_feed(body, source=FeedSource(name="x", url="u"), headers={}, now=NOW)
    assert feed.articles == ()
    assert "not a feed: looks like an HTML page" in feed.problems


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "headers"),
    [
        ("euc_kr_declared.xml", "북한, 탄도미사일 발사", {}),
        ("euc_kr_declared.xml", "북한, 탄도미사일 발사", {"content-type": "text/xml"}),
        ("euc_kr_undeclared.xml", "북한, 탄도미사일 발사", {}),
        ("euc_kr_undeclared.xml", "북한, 탄도미사일 발사", {"content-type": "application/xml"}),
        ("latin1_undeclared.xml", "Séoul et Pyongyang: réunion à Panmunjom", {}),
        ("cp1251_undeclared.xml", "Сеул и Пхеньян провели переговоры", {}),
        ("utf8_declared_latin1.xml", "Café “quoted” — 서울", {}),
    ],
)
def test_text_is_decoded_right(name: str, title: str, headers: dict[str, str]) -> None:
    assert titles(read(name, headers=headers)) == [title]


def test_euc_kr_body_text_and_feed_title_are_korean() -> None:
    feed = read("euc_kr_undeclared.xml")
    assert feed.title == "연합뉴스"
    assert feed.articles[0].source == "연합뉴스"
    assert feed.articles[0].text.startswith("합동참모본부는")


# --- hostile XML -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["billion_laughs.xml", "billion_laughs_one_line.xml"])
def test_entity_bombs_are_never_expanded(name: str) -> None:
    started = time.monotonic()
    feed = read(name)
    assert time.monotonic() - started < 2
    text = " ".join(f"{a.title} {a.text}" for a in feed.articles)
    assert "lollollol" not in text and "aaaaaaaaaaaaaaaaaaaa" not in text
    assert len(text) < 1000
    assert any("entity" in problem for problem in feed.problems)


@pytest.mark.parametrize("name", ["xxe_external_entity.xml", "xxe_parameter_entity.xml"])
def test_external_entities_never_read_local_files(name: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    body = (FIXTURES / name).read_bytes().replace(b"SECRET_PATH", str(secret).encode())
    source = FeedSource(name="xxe", url="https://example.com/feed")
    feed = parse_feed(body, source=source, headers={}, now=NOW)
    everything = repr(feed)
    assert "TOP-SECRET-TOKEN" not in everything
    assert any("entity" in problem for problem in feed.problems)


def test_a_body_that_looks_like_a_path_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text("<rss><channel><item><title>TOP-SECRET</title></item></channel></rss>")
    source = FeedSource(name="x", url="https://example.com/feed")
    feed = parse_feed(str(secret).encode(), source=source, headers={}, now=NOW)
    assert "TOP-SECRET" not in repr(feed)
    assert feed.articles == ()


# --- broken and non-feeds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "headers", "problem"),
    [
        ((FIXTURES / "html_page.html").read_bytes(), {}, "not a feed: looks like an HTML page"),
        (b"<p>hello</p>", {"content-type": "text/html"}, "not a feed: looks like an HTML page"),
        (b"", {}, "not a feed: the response body is empty"),
        (b"just some words", {}, "not a feed: no RSS, Atom or RDF root element"),
        (b"\x00\xff\xfe garbage \x89PNG", {}, "not a feed: no RSS, Atom or RDF root element"),
    ],
)
def test_non_feeds_are_named_as_such(body: bytes, headers: dict[str, str], problem: str) -> None:
    source = FeedSource(name="x", url="https://example.com/feed")
    feed = parse_feed(body, source=source, headers=headers, now=NOW)
    assert feed.articles == ()
    assert problem in feed.problems


def test_truncated_feed_keeps_what_was_complete_and_says_so() -> None:
    feed = read("truncated.xml")
    assert "Complete item" in titles(feed)
    assert any("malformed XML" in problem for problem in feed.problems)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("guid", "timezone", "expected"),
    [
        ("zoned", "Asia/Seoul", datetime(2024, 4, 29, 1, 0, tzinfo=UTC)),
        ("zoned", "America/New_York", datetime(2024, 4, 29, 1, 0, tzinfo=UTC)),
        ("naive", "Asia/Seoul", datetime(2024, 4, 29, 1, 0, tzinfo=UTC)),
        ("naive", "UTC", datetime(2024, 4, 29, 10, 0, tzinfo=UTC)),
        ("naive", "America/New_York", datetime(2024, 4, 29, 14, 0, tzinfo=UTC)),
        ("iso-naive", "Asia/Seoul", datetime(2024, 4, 29, 1, 0, tzinfo=UTC)),
        ("future", "UTC", NOW),
        ("missing", "UTC", NOW),
        ("garbage", "UTC", NOW),
        ("ancient", "UTC", NOW),
    ],
)
def test_dates_become_utc_with_the_feeds_zone(guid: str, timezone: str, expected: datetime) -> None:
    feed = read("dates.xml", timezone=timezone)
    by_title = {a.title.lower().replace(" ", "-"): a for a in feed.articles}
    assert by_title[guid].published == expected


def test_undated_entries_are_counted_in_problems() -> None:
    feed = read("dates.xml")
    assert any(p.startswith("4 entries had no usable date") for p in feed.problems)


def test_unknown_timezone_falls_back_to_utc_and_says_so() -> None:
    feed = read("dates.xml", timezone="Mars/Olympus_Mons")
    naive = next(a for a in feed.articles if a.title == "Naive")
    assert naive.published == datetime(2024, 4, 29, 10, 0, tzinfo=UTC)
    assert any("Mars/Olympus_Mons" in p for p in feed.problems)


# --- text, identity, links -------------------------------------------------------------------


def test_html_becomes_plain_text_with_paragraphs() -> None:
    article = read("html_content.xml").articles[0]
    assert article.title == "Kim & Yoon meet"
    assert article.text == "First paragraph & more text.\n\nSecond\nline, “quoted”."
    assert "alert" not in article.text and "color" not in article.text


def test_duplicate_guids_and_links_are_kept_once_first_wins() -> None:
    feed = read("duplicate_guids.xml")
    assert titles(feed) == ["First telling", "Other", "No guid, same link"]
    assert any("repeated" in p for p in feed.problems)


def test_entries_without_links_still_become_articles() -> None:
    feed = read("no_links.xml")
    assert [a.url for a in feed.articles] == [None, None]
    assert feed.articles[0].title == "Only a title"
    assert feed.articles[1].title.startswith("No title either")
    assert feed.articles[0].id.startswith("hash:")


def test_relative_links_resolve_against_the_feed_url() -> None:
    article = read("relative_links.atom").articles[0]
    assert article.url == "https://example.com/news/1"


def test_ttl_language_and_source_come_from_the_channel() -> None:
    feed = read("ttl.xml")
    assert feed.ttl_minutes == 90
    article = feed.articles[0]
    assert (article.language, article.source, article.feed) == ("ko", "TTL", "test")
    assert article.seen == NOW


def test_configured_outlet_wins_over_the_feed_title() -> None:
    source = FeedSource(name="yna", url="u", outlet="Yonhap")
    body = (FIXTURES / "ttl.xml").read_bytes()
    feed = parse_feed(body, source=source, headers={}, now=NOW)
    assert feed.articles[0].source == "Yonhap"


def test_same_bytes_give_the_same_ids_on_another_day() -> None:
    first = read("duplicate_guids.xml")
    source = FeedSource(name="test", url="https://example.com/feed")
    body = (FIXTURES / "duplicate_guids.xml").read_bytes()
    later = parse_feed(body, source=source, headers={}, now=NOW + timedelta(days=3))
    assert [a.id for a in first.articles] == [a.id for a in later.articles]
