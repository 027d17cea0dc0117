"""/korea on Discord over real HTTP: Ed25519-signed interactions to `peninsula serve`, PING ->
PONG, answers or deferrals within 3 seconds, follow-ups through a local Discord API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from nacl.signing import SigningKey

from bot.commands import replies
from bot.commands.backlog import Backlog
from bot.commands.context import CommandServices
from bot.commands.discord import DiscordEndpoint, command_text
from bot.commands.discord_api import (
    InteractionWebhook,
    chunks,
    command_definitions,
    register_commands_http,
)
from bot.errors import DeliveryError
from tests.commands.serving import discord_headers, interaction, post, serving, wait_for
from tests.fakes.discord_api import DiscordApi

KEY = SigningKey.generate()
ORIGINAL = "/webhooks/777/interaction-token/messages/@original"
FOLLOW_UP = "/webhooks/777/interaction-token"


def slow_check(url: str) -> str | None:
    time.sleep(4)
    return None


@pytest.fixture
def endpoint(discord: DiscordApi, services: CommandServices) -> Iterator[str]:
    client = httpx.Client(timeout=5)
    backlog = Backlog(name="test")
    handler = DiscordEndpoint(
        public_key=KEY.verify_key.encode().hex(),
        application_id="777",
        services=replace(services, check_feed=slow_check),
        webhook=InteractionWebhook(client, api_url=discord.api_url, sleep=time.sleep),
        backlog=backlog,
    )
    with serving(discord=handler, backlog=backlog) as base:
        yield f"{base}/discord/interactions"
    handler.close()
    client.close()


def send(endpoint: str, body: bytes, **signing: Any) -> tuple[httpx.Response, float]:
    return post(endpoint, body, discord_headers(KEY, body, **signing))


def answered(discord: DiscordApi) -> list[tuple[str, dict[str, Any]]]:
    return [(r.method, r.payload) for r in discord.requests if r.path.startswith(FOLLOW_UP)]


def test_ping_gets_pong(endpoint: str) -> None:
    response, _ = send(endpoint, json.dumps({"type": 1}).encode())
    assert (response.status_code, response.json()) == (200, {"type": 1})


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({}, "unsigned"),
        ({"X-Signature-Ed25519": "00" * 64, "X-Signature-Timestamp": "1"}, "forged"),
        ({"X-Signature-Ed25519": "zz", "X-Signature-Timestamp": "x"}, "garbage"),
    ],
)
def test_unsigned_and_forged_requests_are_refused(
    endpoint: str, headers: dict[str, str], why: str
) -> None:
    response, _ = post(endpoint, json.dumps({"type": 1}).encode(), headers)
    assert response.status_code == 401, why


def test_a_signature_by_another_key_is_refused(endpoint: str) -> None:
    body = json.dumps({"type": 1}).encode()
    response, _ = post(endpoint, body, discord_headers(SigningKey.generate(), body))
    assert response.status_code == 401


def test_a_replayed_request_is_refused(endpoint: str, discord: DiscordApi) -> None:
    response, _ = send(endpoint, interaction("latest"), age=6 * 60)
    assert response.status_code == 401
    time.sleep(0.2)
    assert answered(discord) == []


def test_a_tampered_body_is_refused(endpoint: str) -> None:
    body = interaction("latest")
    headers = discord_headers(KEY, body)
    response, _ = post(endpoint, body.replace(b"latest", b"status"), headers)
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("subcommand", "args", "says"),
    [
        ("help", "", replies.help_text()),
        ("help", "quotes", replies.help_text("quotes")),
        ("latest", "500", "N must be a whole number from 1 to 20"),
        ("subscribe", "nuclaer", "Did you mean “nuclear”"),
    ],
)
def test_help_and_bad_input_are_answered_at_once_only_to_the_caller(
    endpoint: str, subcommand: str, args: str, says: str
) -> None:
    response, seconds = send(endpoint, interaction(subcommand, args))
    answer = response.json()
    assert answer["type"] == 4 and seconds < 3
    assert says[:1900] in answer["data"]["content"]
    assert answer["data"]["flags"] == 64
    assert answer["data"]["allowed_mentions"] == {"parse": []}


def test_work_is_deferred_then_the_answer_replaces_the_placeholder(
    endpoint: str, discord: DiscordApi
) -> None:
    response, seconds = send(endpoint, interaction("latest", "1"))
    assert response.json() == {"type": 5, "data": {"flags": 64}} and seconds < 3
    [(method, payload)] = wait_for(lambda: answered(discord))
    assert method == "PATCH"
    assert payload["embeds"][0]["title"].endswith("North fires missile into sea")
    assert payload["flags"] == 64


def test_a_public_digest_is_deferred_visibly(endpoint: str, discord: DiscordApi) -> None:
    response, _ = send(endpoint, interaction("digest", "public"))
    assert response.json() == {"type": 5, "data": {}}
    [(_, payload)] = wait_for(lambda: answered(discord))
    assert "flags" not in payload
    assert payload["allowed_mentions"] == {"parse": []}


def test_slow_work_is_deferred_within_three_seconds(
    endpoint: str, discord: DiscordApi, services: CommandServices
) -> None:
    body = interaction("feeds", "add https://slow.example/rss.xml", user="UADMIN")
    response, seconds = send(endpoint, body)
    assert response.json()["type"] == 5 and seconds < 3
    [(_, payload)] = wait_for(lambda: answered(discord), timeout=10)
    assert "Added feed “slow.example”" in payload["content"]


def test_a_rate_limited_follow_up_waits_and_retries(endpoint: str, discord: DiscordApi) -> None:
    discord.rate_limit(retry_after=0.3, path="@original")
    send(endpoint, interaction("status"))

    def originals() -> list[Any]:
        return [r for r in discord.requests if r.path == ORIGINAL]

    attempts = wait_for(lambda: len(originals()) >= 2 and originals())
    assert len(attempts) == 2 and attempts[1].at - attempts[0].at >= 0.3
    assert "Peninsula status" in attempts[1].payload["content"]


def test_a_long_answer_continues_in_follow_ups(
    endpoint: str, discord: DiscordApi, services: CommandServices
) -> None:
    for number in range(120):
        services.feeds.add(replace(services.feeds.sources()[0], name=f"feed-{number:03}"))
    send(endpoint, interaction("feeds"))
    sent = wait_for(lambda: answered(discord) if len(answered(discord)) > 1 else None)
    assert [method for method, _ in sent] == ["PATCH"] + ["POST"] * (len(sent) - 1)
    assert all(len(payload["content"]) <= 2000 for _, payload in sent)
    text = "\n".join(payload["content"] for _, payload in sent)
    assert "feed-000" in text and "feed-119" in text


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"options": [{"type": 1, "name": "status"}]}, "status"),
        (
            {"options": [{"type": 1, "name": "search", "options": [{"value": "kim since:7d"}]}]},
            "search kim since:7d",
        ),
        ({"options": [{"type": 3, "name": "text", "value": "latest 3"}]}, "latest 3"),
        ({}, ""),
    ],
)
def test_command_text_joins_the_subcommand_and_its_words(data: dict[str, Any], text: str) -> None:
    assert command_text(data) == text


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, ["short"]),
        ("aaaa\nbbbb\ncccc", 9, ["aaaa\nbbbb", "cccc"]),
        ("aaaaaaaaaaaa", 5, ["aaaaa", "aaaaa", "aa"]),
        ("", 5, [""]),
    ],
)
def test_chunks_split_at_line_ends_within_the_limit(
    text: str, limit: int, expected: list[str]
) -> None:
    assert chunks(text, limit=limit) == expected


def test_every_grammar_command_is_registered_as_a_subcommand() -> None:
    [korea] = command_definitions()
    names = [option["name"] for option in korea["options"]]
    assert names == list(replies.USAGE)
    assert all(1 <= len(option["description"]) <= 100 for option in korea["options"])
    with_args = {o["name"] for o in korea["options"] if o.get("options")}
    assert with_args == {n for n, (form, _, _) in replies.USAGE.items() if form != n}


@pytest.mark.parametrize(
    ("guild", "path"),
    [
        (None, "/api/v10/applications/777/commands"),
        ("9", "/api/v10/applications/777/guilds/9/commands"),
    ],
)
def test_register_puts_the_definitions(guild: str | None, path: str) -> None:
    seen: list[httpx.Request] = []

    def discord_api(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=json.loads(request.content))

    with httpx.Client(transport=httpx.MockTransport(discord_api)) as client:
        registered = register_commands_http(
            client,
            application_id="777",
            token="bot-token",
            api_url="https://discord.test/api/v10",
            guild_id=guild,
        )
    [request] = seen
    assert (request.method, request.url.path) == ("PUT", path)
    assert request.headers["authorization"] == "Bot bot-token"
    assert registered == command_definitions()


def test_register_says_why_discord_refused() -> None:
    def unauthorized(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"message": "401: Unauthorized", "code": 0})

    with (
        httpx.Client(transport=httpx.MockTransport(unauthorized)) as client,
        pytest.raises(DeliveryError, match="401"),
    ):
        register_commands_http(client, application_id="777", token="wrong")
