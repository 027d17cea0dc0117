"""`peninsula serve` as wired from settings: health, signed Slack commands, Discord off."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.app import build_services, close_services
from bot.errors import ConfigError
from bot.serve import http_server, register_discord
from bot.settings import load_settings
from tests.commands.serving import SIGNING_SECRET, post, slack_command_body, slack_headers
from tests.fakes.slack_api import running_slack_api

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def base_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with running_slack_api() as slack:
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
        monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
        monkeypatch.setenv("SLACK_API_URL", slack.base_url)
        settings = load_settings(ROOT / "config")
        services = build_services(settings, feeds=(), database_url=f"sqlite:///{tmp_path}/serve.db")
        server = http_server(settings, services, host="127.0.0.1", port=0)
        thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
            close_services(services)


def test_health_answers_ok(base_url: str) -> None:
    response = httpx.get(f"{base_url}/healthz")
    assert (response.status_code, response.text) == (200, "ok")


def test_a_signed_help_command_is_answered_in_the_ack(base_url: str) -> None:
    body = slack_command_body("help", response_url="http://127.0.0.1:9/unused")
    response, seconds = post(f"{base_url}/slack/events", body, slack_headers(body))
    assert response.status_code == 200
    assert "/korea latest" in response.text
    assert seconds < 3


def test_a_forged_command_is_refused(base_url: str) -> None:
    body = slack_command_body("help", response_url="http://127.0.0.1:9/unused")
    response, _ = post(f"{base_url}/slack/events", body, slack_headers(body, secret="wrong"))
    assert response.status_code == 401


def test_discord_is_not_served_without_its_keys(base_url: str) -> None:
    response = httpx.post(f"{base_url}/discord/interactions", content=b"{}")
    assert response.status_code in {401, 404, 503}


def test_registering_with_discord_needs_its_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCORD_APPLICATION_ID", raising=False)
    with pytest.raises(ConfigError, match="DISCORD_APPLICATION_ID"):
        register_discord(load_settings(ROOT / "config"), guild_id=None)


def test_a_burst_of_commands_is_acked_every_one_within_three_seconds(base_url: str) -> None:
    count = 50
    gate = threading.Barrier(count)
    results: list[tuple[int, float]] = []

    def send() -> None:
        body = slack_command_body("help", response_url="http://127.0.0.1:9/unused")
        headers = slack_headers(body)
        gate.wait()
        response, seconds = post(f"{base_url}/slack/events", body, headers)
        results.append((response.status_code, seconds))

    threads = [threading.Thread(target=send) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in results] == [200] * count
    assert max(seconds for _, seconds in results) < 3
