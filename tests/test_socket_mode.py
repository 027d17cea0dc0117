"""/korea over Slack Socket Mode, end to end: the real `peninsula run` process with
SLACK_APP_TOKEN, the real slack_bolt SocketModeHandler and slack_sdk client, a local Web API
that answers apps.connections.open with a ws:// URL on 127.0.0.1, and a local websocket server
that sends slash_commands envelopes. Nothing of ours is mocked; nothing leaves 127.0.0.1.

The bot runs in its own process because Socket Mode keeps reconnecting threads alive for as
long as the process lives: stopping the process is the only clean stop.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import store
from tests.fakes.slack_api import Call, SlackApi, running_slack_api
from tests.fakes.slack_socket_mode import SocketModeServer, running_socket_mode

ROOT = Path(__file__).resolve().parent.parent
READER, DESK = "U0READER", "C0DESK"
APP_TOKEN = "xapp-1-A0PENINSULA-1-socket"
START_TIMEOUT = 60  # seconds: imports and start-up on a loaded 2-core machine
WHO = {"user_id": READER, "channel_id": DESK}


@pytest.fixture
def slack() -> Iterator[SlackApi]:
    with running_slack_api() as api:
        yield api


@pytest.fixture
def socket_mode(slack: SlackApi) -> Iterator[SocketModeServer]:
    with running_socket_mode(slack) as server:
        yield server


@pytest.fixture
def bot(tmp_path: Path, slack: SlackApi, socket_mode: SocketModeServer) -> Iterator[str]:
    """`peninsula run` with Socket Mode on, no feeds, a fresh database; yields the database URL."""
    db = f"sqlite:///{tmp_path}/bot.db"
    (tmp_path / "feeds").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-socket", SLACK_APP_TOKEN=APP_TOKEN)
    env.update(SLACK_API_URL=slack.base_url, OPENAI_API_KEY="", PENINSULA_LLM_BASE_URL="")
    args = ["--config", str(ROOT / "config"), "run", "--feeds", str(tmp_path / "feeds")]
    log = (tmp_path / "bot.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args, "--db", db],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield db
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        print((tmp_path / "bot.log").read_text())  # shown by pytest when the test failed


def test_a_slash_command_over_socket_mode_is_acked_then_answered(
    bot: str, slack: SlackApi, socket_mode: SocketModeServer
) -> None:
    socket_mode.wait_connected(timeout=START_TIMEOUT)
    [opened] = slack.calls_to("apps.connections.open")
    assert opened.headers["authorization"] == f"Bearer {APP_TOKEN}"

    asked = socket_mode.send_slash_command('subscribe "Samsung" here at 08:00', **WHO)
    assert socket_mode.wait_for_ack(asked) == {"envelope_id": asked}, "acked empty, at once"
    answer = wait_for_call(slack, f"response/{asked}")
    assert answer.params["response_type"] == "ephemeral"
    assert "Subscribed" in answer.params["text"] and "Samsung" in answer.params["text"]

    following = store.open_store(bot)
    try:
        [subscription] = store.subscriptions(following)
    finally:
        following.close()
    assert (subscription.destination, subscription.value) == (f"slack:channel:{DESK}", "Samsung")


def test_help_over_socket_mode_is_answered_in_the_ack_itself(
    bot: str, slack: SlackApi, socket_mode: SocketModeServer
) -> None:
    socket_mode.wait_connected(timeout=START_TIMEOUT)
    asked = socket_mode.send_slash_command("help", **WHO)
    ack = socket_mode.wait_for_ack(asked)
    assert ack["payload"]["response_type"] == "ephemeral"
    assert "/korea latest" in ack["payload"]["text"]
    assert slack.calls_to(f"response/{asked}") == [], "nothing left to answer later"


def wait_for_call(slack: SlackApi, method: str, *, timeout: float = 10) -> Call:
    """The first call of `method` on the fake Web API, waiting up to `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        calls = slack.calls_to(method)
        if calls:
            return calls[0]
        time.sleep(0.02)
    raise AssertionError(f"no {method} call within {timeout} s; calls: {slack.calls}")
