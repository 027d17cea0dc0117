"""SlackPoster over real HTTP: the real slack_sdk WebClient against the local fake Slack API."""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.deliver import SlackPoster, make_slack_client
from bot.deliver.slack import EVENT_TYPE
from bot.errors import DeliveryError
from tests.fakes.slack_api import SlackApi

MESSAGES = [{"text": f"part {n}", "blocks": [{"type": "divider"}]} for n in range(1, 4)]


def _poster(slack: SlackApi, *, token: str = "xoxb-test", timeout: int = 30) -> SlackPoster:
    client = make_slack_client(token, base_url=slack.base_url, timeout=timeout)
    return SlackPoster(client, interval=0.0)


def test_messages_after_the_first_are_thread_replies_with_our_metadata(slack: SlackApi) -> None:
    receipt = _poster(slack).post("C1", MESSAGES, delivery_id="d-42")
    first = slack.posts[0]
    assert receipt.ok and receipt.message_ids == tuple(p.ts for p in slack.posts)
    assert [p.text for p in slack.posts] == ["part 1", "part 2", "part 3"]
    assert [p.thread_ts for p in slack.posts] == [None, first.ts, first.ts]
    for post in slack.posts:
        assert post.channel == "C1" and post.blocks == [{"type": "divider"}]
        assert post.params["unfurl_links"] is False and post.params["unfurl_media"] is False
        assert post.metadata == {"event_type": EVENT_TYPE, "event_payload": {"delivery_id": "d-42"}}


def test_429_retry_after_is_honoured(slack: SlackApi) -> None:
    slack.rate_limit("chat.postMessage", retry_after=1)
    receipt = _poster(slack).post("C1", MESSAGES[:1], delivery_id="d")
    calls = slack.calls_to("chat.postMessage")
    assert receipt.ok and len(slack.posts) == 1
    assert len(calls) == 2 and calls[1].at - calls[0].at >= 1.0


@pytest.mark.parametrize(
    "error", ["channel_not_found", "not_in_channel", "is_archived", "invalid_auth"]
)
def test_errors_that_retrying_cannot_fix_are_not_retryable(slack: SlackApi, error: str) -> None:
    slack.fail("chat.postMessage", error)
    receipt = _poster(slack).post("C1", MESSAGES, delivery_id="d")
    assert (receipt.ok, receipt.retryable, receipt.message_ids) == (False, False, ())
    assert error in (receipt.error or "") and len(slack.posts) == 0
    assert len(slack.calls_to("chat.postMessage")) == 1  # stopped at the first refusal


def test_a_wrong_token_is_a_readable_non_retryable_failure(slack: SlackApi) -> None:
    receipt = _poster(slack, token="xoxb-wrong").post("C1", MESSAGES, delivery_id="d")
    assert (receipt.ok, receipt.retryable) == (False, False)
    assert "SLACK_BOT_TOKEN" in (receipt.error or "")


@pytest.mark.parametrize(
    "inject",
    [
        lambda s: s.server_error("chat.postMessage", status=500),
        lambda s: s.server_error("chat.postMessage", status=503),
        lambda s: s.fail("chat.postMessage", "internal_error"),
        lambda s: s.rate_limit("chat.postMessage", retry_after=0, times=10),
    ],
    ids=["500", "503", "internal_error", "429-forever"],
)
def test_other_failures_are_retryable(slack: SlackApi, inject) -> None:
    inject(slack)
    receipt = _poster(slack).post("C1", MESSAGES, delivery_id="d")
    assert (receipt.ok, receipt.retryable) == (False, True) and receipt.error


def test_a_slow_slack_is_a_retryable_timeout(slack: SlackApi) -> None:
    slack.slow("chat.postMessage", 5)
    started = time.monotonic()
    receipt = _poster(slack, timeout=1).post("C1", MESSAGES, delivery_id="d")
    assert (receipt.ok, receipt.retryable) == (False, True)
    assert time.monotonic() - started < 4


def test_an_unreachable_slack_is_retryable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = make_slack_client("xoxb-test", base_url=f"http://127.0.0.1:{port}/api/")
    receipt = SlackPoster(client, interval=0).post("C1", MESSAGES, delivery_id="d")
    assert (receipt.ok, receipt.retryable) == (False, True)
    assert "cannot reach Slack" in (receipt.error or "")


def test_a_failure_mid_thread_reports_what_did_land(slack: SlackApi) -> None:
    slack.fail("chat.postMessage", "msg_too_long", after=1)
    receipt = _poster(slack).post("C1", MESSAGES, delivery_id="d")
    assert (receipt.ok, receipt.retryable) == (False, False)
    assert receipt.message_ids == (slack.posts[0].ts,) and len(slack.posts) == 1
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_pacing_is_about_one_message_a_second_per_channel(slack: SlackApi) -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    client = make_slack_client("xoxb-test", base_url=slack.base_url)
    poster = SlackPoster(client, interval=1.0, sleep=sleep, clock=lambda: now[0])
    poster.post("C1", MESSAGES, delivery_id="a")
    poster.post("C2", MESSAGES[:1], delivery_id="b")
    now[0] += 0.25
    poster.post("C1", MESSAGES[:1], delivery_id="c")
    assert waits == [1.0, 1.0, 0.75]


def test_already_posted_finds_an_uncertain_send_by_delivery_id(slack: SlackApi) -> None:
    poster = _poster(slack)
    since = datetime.now(UTC) - timedelta(minutes=1)
    poster.post("C1", MESSAGES, delivery_id="d1")
    poster.post("C1", MESSAGES[:1], delivery_id="d2")
    poster.post("C2", MESSAGES[:1], delivery_id="d1")
    assert poster.already_posted("C1", delivery_id="d1", since=since) == [slack.posts[0].ts]
    assert poster.already_posted("C1", delivery_id="d3", since=since) == []
    later = datetime.now(UTC) + timedelta(minutes=1)
    assert poster.already_posted("C1", delivery_id="d1", since=later) == []
    [call] = slack.calls_to("conversations.history")[:1]
    assert call.params["include_all_metadata"] in ("1", "true", "True")


def test_already_posted_raises_a_delivery_error_when_history_is_refused(slack: SlackApi) -> None:
    slack.fail("conversations.history", "channel_not_found")
    with pytest.raises(DeliveryError) as caught:
        _poster(slack).already_posted("C9", delivery_id="d", since=datetime.now(UTC))
    assert caught.value.retryable is False and "channel_not_found" in str(caught.value)
