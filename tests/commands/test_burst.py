"""Many /korea commands at once through `peninsula serve`: every one acknowledged within 3 s and
answered once, forged ones refused in the crowd, "busy, try again" when the backlog is full, and
work acknowledged before a shutdown still answered."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import httpx
import pytest
from nacl.signing import SigningKey

from bot.commands import replies
from bot.commands.backlog import Backlog
from bot.commands.context import CommandServices
from bot.commands.discord import DiscordEndpoint
from bot.commands.discord_api import InteractionWebhook
from bot.commands.slack import make_slack_app
from tests.commands.serving import (
    SIGNING_SECRET,
    discord_headers,
    interaction,
    post,
    serving,
    slack_command_body,
    slack_headers,
    wait_for,
)
from tests.fakes.discord_api import DiscordApi
from tests.fakes.slack_api import SlackApi, running_slack_api

BURST = 50
KEY = SigningKey.generate()
NEWEST = "North fires missile into sea"


def at_once(count: int, send: Callable[[int], httpx.Response]) -> list[tuple[int, float]]:
    """Call send(0..count-1) from `count` threads released together: [(status, seconds)]."""
    gate = threading.Barrier(count)
    results: list[tuple[int, float]] = [(0, 0.0)] * count

    def one(number: int) -> None:
        gate.wait()
        started = time.monotonic()
        status = send(number).status_code
        results[number] = (status, time.monotonic() - started)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


class Blocker:
    """A check_feed that holds its worker until `release()`: a backlog kept busy on purpose."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.gate = threading.Event()

    def __call__(self, url: str) -> str | None:
        self.started.set()
        self.gate.wait(10)
        return None

    def release(self) -> None:
        self.gate.set()


# -- Slack --------------------------------------------------------------------------------


@pytest.fixture
def slack() -> Iterator[SlackApi]:
    with running_slack_api(token="xoxb-test") as api:
        api.answer("users.info", {"ok": True, "user": {"id": "U1", "is_admin": True}})
        yield api


@contextmanager
def slack_server(slack: SlackApi, services: CommandServices, backlog: Backlog) -> Iterator[str]:
    """`peninsula serve` with a bolt App on `backlog`; leaving the block closes both."""
    app = make_slack_app(
        token="xoxb-test",
        signing_secret=SIGNING_SECRET,
        services=services,
        api_url=slack.base_url,
        backlog=backlog,
    )
    with serving(slack_app=app, backlog=backlog) as base:
        yield base


def slack_send(base: str, slack: SlackApi, text: str, path: str, **signing: Any) -> httpx.Response:
    body = slack_command_body(text, response_url=slack.base_url + path)
    return post(f"{base}/slack/events", body, slack_headers(body, **signing))[0]


def answers_at(slack: SlackApi, path: str) -> list[dict[str, Any]]:
    return [call.params for call in slack.calls_to(path)]


def test_a_burst_of_slack_commands_is_acked_and_each_answered_once(
    slack: SlackApi, services: CommandServices
) -> None:
    texts = ["help" if n % 2 else "latest 1" for n in range(BURST)]
    forged = BURST // 2  # one forged request in the middle of the crowd
    backlog = Backlog(name="test-slack")
    with slack_server(slack, services, backlog) as base:

        def send(n: int) -> httpx.Response:
            secret = "not-the-secret" if n == forged else SIGNING_SECRET
            return slack_send(base, slack, texts[n], f"response/{n}", secret=secret)

        results = at_once(BURST, send)
        work = [n for n in range(BURST) if texts[n] != "help" and n != forged]
        wait_for(lambda: all(answers_at(slack, f"response/{n}") for n in work))
    assert [status for status, _ in results] == [401 if n == forged else 200 for n in range(BURST)]
    assert max(seconds for _, seconds in results) < 3
    for n in work:
        [answer] = answers_at(slack, f"response/{n}")
        assert NEWEST in str(answer["blocks"])
    assert answers_at(slack, f"response/{forged}") == []
    assert all(answers_at(slack, f"response/{n}") == [] for n in range(1, BURST, 2))  # in the ack


def test_a_full_slack_backlog_answers_busy_and_runs_what_it_accepted(
    slack: SlackApi, services: CommandServices
) -> None:
    blocker = Blocker()
    backlog = Backlog(name="test-slack", workers=1, limit=1)
    with slack_server(slack, replace(services, check_feed=blocker), backlog) as base:
        first = slack_send(base, slack, "feeds add https://slow.example/rss.xml", "response/1")
        assert blocker.started.wait(5)  # the only worker is busy
        queued = slack_send(base, slack, "latest 1", "response/2")
        refused = slack_send(base, slack, "latest 1", "response/3")
        assert (first.text, queued.text) == ("", "")
        assert refused.json() == {"text": replies.BUSY, "response_type": "ephemeral"}
        blocker.release()
        wait_for(lambda: answers_at(slack, "response/2"))
    assert "Added feed “slow.example”" in answers_at(slack, "response/1")[0]["text"]
    assert answers_at(slack, "response/3") == []


def test_commands_acked_before_a_shutdown_are_still_answered(
    slack: SlackApi, services: CommandServices
) -> None:
    def slow_check(url: str) -> str | None:
        time.sleep(0.5)
        return None

    backlog = Backlog(name="test-slack", workers=1)
    with slack_server(slack, replace(services, check_feed=slow_check), backlog) as base:
        slack_send(base, slack, "feeds add https://slow.example/rss.xml", "response/1")
        slack_send(base, slack, "latest 1", "response/2")
    # Leaving the block closed the server, which waited for both answers.
    assert "Added feed" in answers_at(slack, "response/1")[0]["text"]
    assert NEWEST in str(answers_at(slack, "response/2")[0]["blocks"])


# -- Discord ------------------------------------------------------------------------------


@contextmanager
def discord_server(
    discord: DiscordApi, services: CommandServices, backlog: Backlog
) -> Iterator[str]:
    """`peninsula serve` with a DiscordEndpoint on `backlog`; leaving the block closes both."""
    client = httpx.Client(timeout=5)
    endpoint = DiscordEndpoint(
        public_key=KEY.verify_key.encode().hex(),
        application_id="777",
        services=services,
        webhook=InteractionWebhook(client, api_url=discord.api_url),
        backlog=backlog,
    )
    with serving(discord=endpoint, backlog=backlog) as base:
        yield f"{base}/discord/interactions"
    client.close()


def signed_interaction(subcommand: str, args: str, *, token: str, user: str = "42") -> bytes:
    payload = json.loads(interaction(subcommand, args, user=user))
    return json.dumps({**payload, "token": token}).encode()


def discord_send(url: str, body: bytes, *, key: SigningKey = KEY) -> httpx.Response:
    return post(url, body, discord_headers(key, body))[0]


def edits_of(discord: DiscordApi, token: str) -> list[dict[str, Any]]:
    original = f"/webhooks/777/{token}/messages/@original"
    return [request.payload for request in discord.requests if request.path == original]


def test_a_burst_of_discord_interactions_is_acked_and_each_answered_once(
    discord: DiscordApi, services: CommandServices
) -> None:
    forged = BURST // 2
    bodies = [
        signed_interaction(*(("help", "") if n % 2 else ("latest", "1")), token=f"tok{n}")
        for n in range(BURST)
    ]
    work = [n for n in range(0, BURST, 2) if n != forged]
    with discord_server(discord, services, Backlog(name="test-discord")) as url:

        def send(n: int) -> httpx.Response:
            return discord_send(url, bodies[n], key=SigningKey.generate() if n == forged else KEY)

        results = at_once(BURST, send)
        wait_for(lambda: all(edits_of(discord, f"tok{n}") for n in work))
    assert [status for status, _ in results] == [401 if n == forged else 200 for n in range(BURST)]
    assert max(seconds for _, seconds in results) < 3
    for n in work:
        [edit] = edits_of(discord, f"tok{n}")
        assert edit["embeds"][0]["title"].endswith(NEWEST)
    assert edits_of(discord, f"tok{forged}") == []


def test_a_full_discord_backlog_answers_busy_at_once(
    discord: DiscordApi, services: CommandServices
) -> None:
    blocker = Blocker()
    backlog = Backlog(name="test-discord", workers=1, limit=1)
    feeds_add = signed_interaction(
        "feeds", "add https://slow.example/rss.xml", token="tok1", user="UADMIN"
    )
    with discord_server(discord, replace(services, check_feed=blocker), backlog) as url:
        first = discord_send(url, feeds_add)
        assert blocker.started.wait(5)
        queued = discord_send(url, signed_interaction("latest", "1", token="tok2"))
        refused = discord_send(url, signed_interaction("latest", "1", token="tok3"))
        blocker.release()
    # Leaving the block closed the server, which waited for the accepted work.
    assert [first.json()["type"], queued.json()["type"]] == [5, 5]
    assert refused.json()["type"] == 4
    assert refused.json()["data"]["content"] == replies.BUSY
    assert refused.json()["data"]["flags"] == 64
    assert "Added feed" in edits_of(discord, "tok1")[0]["content"]
    assert edits_of(discord, "tok2") and edits_of(discord, "tok3") == []
