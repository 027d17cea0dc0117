"""/korea on Slack over real HTTP: the bolt App behind `peninsula serve`, a local Slack Web API,
correctly signed requests; answers through response_url; forged and replayed requests refused."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from bot.commands import replies
from bot.commands.backlog import Backlog
from bot.commands.context import CommandServices
from bot.commands.slack import make_slack_app
from tests.commands.serving import (
    SIGNING_SECRET,
    post,
    serving,
    slack_command_body,
    slack_headers,
    wait_for,
)
from tests.fakes.slack_api import SlackApi

RESPONSE = "response/T1/1/abc"  # response_url path on the fake


def slow_check(url: str) -> str | None:
    time.sleep(4)  # longer than Slack's 3 seconds: the ack must not wait for this
    return None


@pytest.fixture
def endpoint(slack: SlackApi, services: CommandServices) -> Iterator[str]:
    slow = replace(services, check_feed=slow_check)
    backlog = Backlog(name="test")
    app = make_slack_app(
        token="xoxb-test",
        signing_secret=SIGNING_SECRET,
        services=slow,
        api_url=slack.base_url,
        backlog=backlog,
    )
    with serving(slack_app=app, backlog=backlog) as base:
        yield f"{base}/slack/events"


def send(endpoint: str, slack: SlackApi, text: str, **signing: Any) -> tuple[Any, float]:
    body = slack_command_body(text, response_url=slack.base_url + RESPONSE, user="U1")
    return post(endpoint, body, slack_headers(body, **signing))


def responses(slack: SlackApi) -> list[dict[str, Any]]:
    return [call.params for call in slack.calls_to(RESPONSE)]


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("help", replies.help_text()),
        ("", replies.help_text()),
        ("help search", replies.help_text("search")),
        ("latest 99", "N must be a whole number from 1 to 20"),
        ("frobnicate", "I don't know the command “frobnicate”"),
    ],
)
def test_help_and_bad_input_are_answered_in_the_ack(
    endpoint: str, slack: SlackApi, text: str, answer: str
) -> None:
    response, seconds = send(endpoint, slack, text)
    assert response.status_code == 200
    assert answer in response.json()["text"]
    assert seconds < 3
    assert responses(slack) == []


def test_work_is_acked_empty_then_answered_through_response_url(
    endpoint: str, slack: SlackApi
) -> None:
    response, seconds = send(endpoint, slack, "latest 2")
    assert (response.status_code, response.text, seconds < 3) == (200, "", True)
    [answer] = wait_for(lambda: responses(slack))
    assert answer["response_type"] == "ephemeral"
    assert "North fires missile into sea" in str(answer["blocks"])
    assert "Koreas agree to summit" not in str(answer["blocks"])


def test_a_public_digest_is_posted_in_channel(endpoint: str, slack: SlackApi) -> None:
    send(endpoint, slack, "digest public")
    [answer] = wait_for(lambda: responses(slack))
    assert answer["response_type"] == "in_channel"
    assert answer["text"].startswith("Korea brief")


def test_slow_work_is_acked_within_three_seconds_and_answered_later(
    endpoint: str, slack: SlackApi
) -> None:
    slack.answer("users.info", {"ok": True, "user": {"id": "U1", "is_admin": True}})
    response, seconds = send(endpoint, slack, "feeds add https://slow.example/rss.xml")
    assert response.status_code == 200 and seconds < 3
    assert responses(slack) == []
    [answer] = wait_for(lambda: responses(slack), timeout=10)
    assert "Added feed “slow.example”" in answer["text"]


def test_someone_who_is_no_admin_anywhere_may_not_change_feeds(
    endpoint: str, slack: SlackApi
) -> None:
    slack.answer("users.info", {"ok": True, "user": {"id": "U1", "is_admin": False}})
    send(endpoint, slack, "feeds remove yonhap")
    [answer] = wait_for(lambda: responses(slack))
    assert answer["text"] == replies.ADMINS_ONLY


def test_a_workspace_admin_may_change_feeds(endpoint: str, slack: SlackApi) -> None:
    slack.answer("users.info", {"ok": True, "user": {"id": "U1", "is_admin": True}})
    send(endpoint, slack, "feeds remove yonhap")
    [answer] = wait_for(lambda: responses(slack))
    assert "Removed feed “yonhap”" in answer["text"]
    assert [call.params["user"] for call in slack.calls_to("users.info")] == ["U1"]


@pytest.mark.parametrize(
    "signing",
    [
        {"secret": "not-the-signing-secret"},  # forged
        {"age": 6 * 60},  # replayed: signed correctly, but more than 5 minutes ago
    ],
)
def test_forged_and_replayed_requests_are_refused(
    endpoint: str, slack: SlackApi, signing: dict[str, Any]
) -> None:
    response, _ = send(endpoint, slack, "latest", **signing)
    assert response.status_code == 401
    time.sleep(0.2)
    assert responses(slack) == []


def test_unsigned_requests_are_refused(endpoint: str, slack: SlackApi) -> None:
    body = slack_command_body("latest", response_url=slack.base_url + RESPONSE)
    response, _ = post(endpoint, body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 401
    assert responses(slack) == []


def test_the_server_answers_health_checks_and_unknown_paths(endpoint: str) -> None:
    import httpx

    base = endpoint.removesuffix("/slack/events")
    assert httpx.get(f"{base}/healthz").text == "ok"
    assert httpx.post(f"{base}/discord/interactions", content=b"{}").status_code == 404
    assert httpx.get(f"{base}/nothing").status_code == 404
