"""to_discord_messages / alert_discord: Discord's limits, no pings, escaped markdown."""

from __future__ import annotations

import json

import pytest

from bot.compose import alert_discord, build_digest, to_discord_messages
from bot.compose.discord_embeds import embed_size
from tests.compose.builders import LONG_TEXT, NOW, item, quote_in


def _digest(count: int, *, text_size: int = 100, footer: str = ""):
    summary = tuple("Sentence " + "word " * (text_size // 15) + "." for _ in range(3))
    items = [
        item(f"i{n:03}", title=f"Story {n} " + "title " * 60, summary=summary, minutes_ago=n)
        for n in range(count)
    ]
    return build_digest(items, destination="D", now=NOW, max_stories=count, footer=footer)


@pytest.mark.parametrize(
    ("count", "text_size"), [(1, 10), (10, 100), (11, 10), (25, 3000), (40, 20_000)]
)
def test_every_message_is_within_discords_limits(count: int, text_size: int) -> None:
    messages = to_discord_messages(_digest(count, text_size=text_size))
    for message in messages:
        assert len(message["embeds"]) <= 10
        assert sum(embed_size(e) for e in message["embeds"]) <= 6_000
        assert len(message["content"]) <= 2_000
        assert message["allowed_mentions"] == {"parse": []}
        for embed in message["embeds"]:
            assert len(embed["title"]) <= 256 and len(embed["description"]) <= 4_096
            assert len(embed["footer"]["text"]) <= 2_048
    titles = [e["title"] for m in messages for e in m["embeds"]]
    assert [int(t.split(".")[0]) for t in titles] == list(range(1, count + 1))


def test_first_line_is_header_and_top_line_then_one_embed_per_story() -> None:
    digest = build_digest(
        [item("a", title="Talks", url="https://x.test/1", topics=("diplomacy", "nuclear"))],
        destination="D",
        now=NOW,
        top_line="Talks are back.",
    )
    [message] = to_discord_messages(digest)
    assert message["content"] == (
        "**Korea brief · Tue 6 Mar, 08:00 KST** · 1 story from 1 outlet\nTalks are back."
    )
    [embed] = message["embeds"]
    assert (embed["title"], embed["url"]) == ("1. Talks", "https://x.test/1")
    assert embed["footer"]["text"] == "Yonhap · diplomacy · nuclear"


def test_description_holds_summary_and_attributed_quote() -> None:
    text = 'Kim said "we are ready" today. ' + LONG_TEXT
    quote = quote_in(text, "we are ready", speaker="Kim Yo Jong", title="vice department director")
    digest = build_digest(
        [item("a", text=text, summary=("One.", "Two."), quotes=(quote,))], destination="D", now=NOW
    )
    embed = to_discord_messages(digest)[0]["embeds"][0]
    assert embed["description"] == (
        "One. Two.\n\n> “we are ready”\n> — **Kim Yo Jong**, vice department director"
    )


def test_footer_closes_the_last_message() -> None:
    messages = to_discord_messages(_digest(12, footer="12 feeds polled"))
    assert messages[-1]["embeds"][-1]["description"] == "12 feeds polled"


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("[click](http://evil.example)", r"\[click\](http://evil.example)"),
        ("<@123456>", r"\<@123456\>"),
        ("**bold** _it_", r"\*\*bold\*\* \_it\_"),
        ("@everyone", "@everyone"),
    ],
)
def test_feed_markdown_is_escaped_and_nothing_pings(hostile: str, shown: str) -> None:
    digest = build_digest(
        [item("a", title=hostile, summary=(hostile,))], destination="D", now=NOW, top_line=hostile
    )
    for message in [*to_discord_messages(digest), alert_discord(digest.stories[0], trigger="x")]:
        embed = message["embeds"][0]
        assert embed["title"].endswith(shown) and embed["description"] == shown
        assert message["allowed_mentions"] == {"parse": []}
    assert to_discord_messages(digest)[0]["content"].endswith("\n" + shown)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://x.test/a b", None, "/relative"])
def test_embeds_link_only_http_urls(url) -> None:
    digest = build_digest([item("a", url=url)], destination="D", now=NOW)
    assert "url" not in to_discord_messages(digest)[0]["embeds"][0]


def test_alert_names_its_trigger() -> None:
    digest = build_digest([item("a", title="Launch")], destination="D", now=NOW)
    alert = alert_discord(digest.stories[0], trigger="missiles")
    assert alert["content"] == "**missiles** · alert"
    assert [e["title"] for e in alert["embeds"]] == ["Launch"]
    json.dumps(alert)  # a plain JSON payload
