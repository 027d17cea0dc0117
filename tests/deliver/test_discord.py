"""DiscordPoster over real HTTP: a real httpx client against the local fake Discord API."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bot.deliver import DiscordPoster
from tests.fakes.discord_api import DiscordApi, running_discord_api

MESSAGES = [
    {"content": f"part {n}", "embeds": [], "allowed_mentions": {"parse": []}} for n in (1, 2)
]


@pytest.fixture
def discord() -> Iterator[DiscordApi]:
    with running_discord_api(bot_token="bot-secret") as api:
        yield api


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=2.0) as http:
        yield http


def test_webhook_posts_wait_for_the_message_and_hide_the_token(discord, client) -> None:
    receipt = DiscordPoster(client).post_webhook(discord.webhook_url("77", "s3cret"), MESSAGES)
    assert receipt.ok and receipt.message_ids == tuple(m.id for m in discord.messages)
    assert [m.payload["content"] for m in discord.messages] == ["part 1", "part 2"]
    assert all(r.query == {"wait": "true"} for r in discord.requests)
    assert receipt.destination == "discord-webhook:77" and "s3cret" not in repr(receipt)


def test_webhook_keeps_its_own_query(discord, client) -> None:
    url = discord.webhook_url() + "?thread_id=555"
    assert DiscordPoster(client).post_webhook(url, MESSAGES[:1]).ok
    assert discord.requests[0].query == {"thread_id": "555", "wait": "true"}


def test_channel_posts_carry_the_bot_token(discord, client) -> None:
    poster = DiscordPoster(client)
    receipt = poster.post_channel("42", MESSAGES, token="bot-secret", api_url=discord.api_url)
    assert receipt.ok and receipt.destination == "discord:42"
    assert [m.target for m in discord.messages] == ["channel:42", "channel:42"]
    assert discord.requests[0].headers["authorization"] == "Bot bot-secret"


def test_429_retry_after_is_honoured(discord, client) -> None:
    discord.rate_limit(retry_after=0.3)
    receipt = DiscordPoster(client).post_webhook(discord.webhook_url(), MESSAGES[:1])
    first, second = discord.requests
    assert receipt.ok and len(discord.messages) == 1
    assert second.at - first.at >= 0.3


def test_429_retries_are_bounded(discord, client) -> None:
    discord.rate_limit(retry_after=0.01, times=10)
    poster = DiscordPoster(client, max_retries=2)
    receipt = poster.post_webhook(discord.webhook_url(), MESSAGES)
    assert (receipt.ok, receipt.retryable, len(discord.requests)) == (False, True, 3)
    assert "429" in (receipt.error or "")


def test_a_429_asking_too_long_a_wait_fails_fast_and_retryable(discord, client) -> None:
    discord.rate_limit(retry_after=3600)
    waits: list[float] = []
    poster = DiscordPoster(client, max_wait=30, sleep=waits.append)
    receipt = poster.post_webhook(discord.webhook_url(), MESSAGES)
    assert (receipt.ok, receipt.retryable, waits) == (False, True, [])


@pytest.mark.parametrize(
    ("status", "code", "retryable"),
    [(404, 10015, False), (403, 50001, False), (400, 50035, False), (500, 0, True), (502, 0, True)],
)
def test_http_errors_map_to_receipts(discord, client, status, code, retryable) -> None:
    discord.fail(status, code=code, message="Unknown Webhook" if status == 404 else "")
    receipt = DiscordPoster(client).post_webhook(discord.webhook_url(), MESSAGES)
    assert (receipt.ok, receipt.retryable, receipt.message_ids) == (False, retryable, ())
    assert str(status) in (receipt.error or "") and len(discord.requests) == 1


def test_a_wrong_bot_token_is_not_retryable(discord, client) -> None:
    poster = DiscordPoster(client)
    receipt = poster.post_channel("42", MESSAGES, token="wrong", api_url=discord.api_url)
    assert (receipt.ok, receipt.retryable) == (False, False)
    assert "DISCORD_BOT_TOKEN" in (receipt.error or "")


def test_a_failure_mid_way_reports_what_did_land(discord, client) -> None:
    discord.fail(404, path="/webhooks/", after=1)
    receipt = DiscordPoster(client).post_webhook(discord.webhook_url(), MESSAGES)
    assert (receipt.ok, receipt.retryable) == (False, False)
    assert receipt.message_ids == (discord.messages[0].id,) and len(discord.messages) == 1


def test_a_slow_discord_is_a_retryable_timeout(discord) -> None:
    discord.slow(3)
    with httpx.Client(timeout=0.5) as quick:
        receipt = DiscordPoster(quick).post_webhook(discord.webhook_url(), MESSAGES)
    assert (receipt.ok, receipt.retryable) == (False, True)
    assert "cannot reach Discord" in (receipt.error or "")


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        ({}, {"retry_after": 1.5}, 1.5),
        ({"Retry-After": "4"}, {}, 4.0),
        ({}, {}, 1.0),
        ({"Retry-After": "2"}, {"retry_after": 0.25}, 0.25),
    ],
)
def test_retry_after_reading(headers, body, expected) -> None:
    from bot.deliver.discord import retry_after

    response = httpx.Response(429, headers=headers, json=body)
    assert retry_after(response) == expected


def test_an_empty_bucket_pauses_before_the_next_message() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "0.75"}
        return httpx.Response(200, headers=headers, json={"id": "1"})

    waits: list[float] = []
    with httpx.Client(transport=httpx.MockTransport(answer)) as mock:
        DiscordPoster(mock, sleep=waits.append).post_webhook(
            "https://d.test/webhooks/1/t", MESSAGES
        )
    assert waits == [0.75, 0.75]
