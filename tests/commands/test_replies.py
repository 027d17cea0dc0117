"""What readers see: hostile feed text is defused, links are ours, dates are local."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.commands import replies
from bot.commands.command import Search
from bot.commands.server import SLACK_PATH
from bot.model import Article, Quote, SearchHit, StoryItem
from tests.commands.conftest import NOW, story_item

HOSTILE = (
    "<!channel> <@U123> <http://evil.example|click> **bold** [x](http://evil.example) @everyone"
)
MARKS = ("«", "»")


def hostile_item(url: str | None = "https://news.example/h") -> StoryItem:
    item = story_item("h1", story="s-h", title=HOSTILE)
    article = Article(
        id="h1",
        title=HOSTILE,
        text="t",
        url=url,
        source=HOSTILE,
        published=NOW - timedelta(hours=1),
    )
    return StoryItem(article, item.assessment)


def rendered(style: replies.Style, *, url: str | None = "https://news.example/h") -> list[str]:
    item = hostile_item(url)
    quote = Quote(HOSTILE, 0, len(HOSTILE), speaker=HOSTILE, speaker_title=HOSTILE, key=True)
    hit = SearchHit(item.article, snippet=f"{HOSTILE} «summit» {HOSTILE}", rank=1.0)
    return [
        replies.topics({"nuclear": item}, style=style),
        replies.search_results(
            Search("summit"),
            [hit],
            more=False,
            style=style,
            timezone="Asia/Seoul",
            page_size=5,
            marks=MARKS,
        ),
        replies.quotes_found("kim", [(quote, item)], style=style, timezone="Asia/Seoul"),
    ]


@pytest.mark.parametrize("text", rendered(replies.SLACK))
def test_feed_text_cannot_ping_mention_or_link_on_slack(text: str) -> None:
    for danger in ("<!channel>", "<@U123>", "<http://evil.example"):
        assert danger not in text
    assert "&lt;!channel&gt;" in text


@pytest.mark.parametrize("text", rendered(replies.DISCORD))
def test_feed_text_cannot_ping_or_link_on_discord(text: str) -> None:
    assert "[x](http://evil.example)" not in text
    assert re.search(r"(?<!\\)@everyone", text) is None and "\\@everyone" in text
    assert "**bold**" not in text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://x.example/a b", None])
def test_only_http_links_are_clickable(url: str | None) -> None:
    item = story_item("p1", story="s-p", title="Plain headline")
    article = Article(id="p1", title="Plain headline", text="t", url=url)
    text = replies.topics({"nuclear": StoryItem(article, item.assessment)}, style=replies.SLACK)
    assert "↳ Plain headline" in text
    assert "|Plain headline>" not in text


@pytest.mark.parametrize(
    ("snippet", "style", "expected"),
    [
        ("the «summit» in «Seoul»", replies.SLACK, "the *summit* in *Seoul*"),
        ("the «summit»", replies.DISCORD, "the **summit**"),
        ("a <b> «x&y»", replies.SLACK, "a &lt;b&gt; *x&amp;y*"),
        ("no marks", replies.PLAIN, "no marks"),
    ],
)
def test_snippets_mark_the_matches_in_bold(
    snippet: str, style: replies.Style, expected: str
) -> None:
    assert replies.snippet(snippet, style=style, marks=MARKS) == expected


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Seoul", "Tue 6 Mar 2018, 08:00 KST"),
        ("UTC", "Mon 5 Mar 2018, 23:00 UTC"),
        ("America/New_York", "Mon 5 Mar 2018, 18:00 EST"),
    ],
)
def test_times_are_shown_in_the_readers_zone(zone: str, expected: str) -> None:
    assert replies.when(NOW, timezone=zone) == expected


def test_an_echoed_phrase_cannot_ping() -> None:
    from bot.commands.replies.following import subject_text

    text = subject_text("phrase", "<!channel> @everyone")
    assert "<!channel>" not in text and "@everyone" not in text


MANIFEST = Path(__file__).resolve().parents[2] / "config" / "slack-manifest.yaml"


@pytest.mark.parametrize(
    "line",
    [
        "- command: /korea",
        "- chat:write ",
        "- commands ",
        "- im:write ",
        "- channels:read ",
        "- users:read ",
        "socket_mode_enabled: true",
        f"url: https://peninsula.example.com{SLACK_PATH}",
        f"request_url: https://peninsula.example.com{SLACK_PATH}",
    ],
)
def test_the_slack_manifest_declares_the_command_scopes_and_our_endpoint(line: str) -> None:
    assert line in MANIFEST.read_text(encoding="utf-8")


def test_a_quote_wrapped_across_lines_stays_inside_its_blockquote() -> None:
    item = hostile_item()
    words = "We will respond\nfirmly to any\n  provocation"
    quote = Quote(words, 0, len(words), speaker="Kim Yo-jong", key=True)
    text = replies.quotes_found("kim", [(quote, item)], style=replies.SLACK, timezone="Asia/Seoul")
    assert "> “We will respond firmly to any provocation”" in text.splitlines()
