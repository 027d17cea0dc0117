"""Rendered digests through the real clients: what compose makes, the platforms accept."""

from __future__ import annotations

import httpx

from bot.compose import build_digest, to_discord_messages, to_slack_messages
from bot.deliver import DiscordPoster, SlackPoster, make_slack_client
from tests.compose.builders import NOW, item
from tests.fakes.discord_api import running_discord_api
from tests.fakes.slack_api import running_slack_api


def _long_digest(count: int = 30):
    summary = tuple("Sentence " + "word " * 120 + "." for _ in range(3))
    items = [
        item(f"i{n:02}", title=f"<!channel> story {n}", summary=summary, minutes_ago=n)
        for n in range(count)
    ]
    return build_digest(items, destination="C1", now=NOW, max_stories=count)


def test_a_long_digest_lands_as_one_thread_with_every_story_once() -> None:
    digest = _long_digest()
    messages = to_slack_messages(digest)
    with running_slack_api() as slack:
        poster = SlackPoster(make_slack_client("xoxb-t", base_url=slack.base_url), interval=0)
        receipt = poster.post("C1", messages, delivery_id="digest-1")
    assert receipt.ok and len(slack.posts) == len(messages) > 1
    parent = slack.posts[0].ts
    assert all(post.thread_ts == parent for post in slack.posts[1:])
    landed = "".join(str(post.blocks) for post in slack.posts)
    assert [landed.count(f"story {n}>*") for n in range(30)] == [1] * 30
    assert "<!channel>" not in landed


def test_a_long_digest_lands_on_a_discord_webhook_in_order() -> None:
    messages = to_discord_messages(_long_digest())
    with running_discord_api() as discord, httpx.Client() as client:
        receipt = DiscordPoster(client).post_webhook(discord.webhook_url(), messages)
    titles = [e["title"] for m in discord.messages for e in m.payload["embeds"]]
    assert receipt.ok and len(receipt.message_ids) == len(messages) > 1
    assert titles == [f"{n + 1}. \\<!channel\\> story {n}" for n in range(30)]
