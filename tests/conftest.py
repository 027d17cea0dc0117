"""Fixtures every test tree may use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import httpx
import pytest

from bot.demo import sample_feeds, serve_folder
from bot.model import FeedSource
from tests.fakes.discord_api import DiscordApi, running_discord_api
from tests.fakes.slack_api import SlackApi, running_slack_api

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PENINSULA_SHARED", ROOT.parent / "shared"))
SAMPLES = Path(str(resources.files("bot").joinpath("samples/feeds")))


def shared_path(relative: str) -> Path:
    """Path of a file in ../shared: fails (not skips) when PENINSULA_REQUIRE_SHARED=1."""
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is missing; the shared data set lives beside the repo in ../shared"
        if os.environ.get("PENINSULA_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def shared() -> type[object]:
    """Gives tests `shared("corpus/articles.jsonl")` with the fail-not-skip rule."""
    return shared_path  # type: ignore[return-value]


@pytest.fixture
def feeds() -> Iterator[tuple[FeedSource, ...]]:
    """The repository's sample feeds (bot/samples/feeds), served over HTTP on 127.0.0.1."""
    with serve_folder(SAMPLES) as base_url:
        yield sample_feeds(base_url, SAMPLES)


@pytest.fixture
def slack() -> Iterator[SlackApi]:
    """A local Slack-compatible Web API that accepts the bot token "xoxb-test"."""
    with running_slack_api(token="xoxb-test") as api:
        yield api


@pytest.fixture
def discord() -> Iterator[DiscordApi]:
    """A local Discord-compatible API (interaction webhooks, channel messages)."""
    with running_discord_api() as api:
        yield api


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """A plain httpx client, closed after the test."""
    with httpx.Client() as client:
        yield client
