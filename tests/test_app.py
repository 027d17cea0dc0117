"""The composition root: what build_services wires, and what survives a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import store
from bot.app import build_llm, build_services, close_services
from bot.settings import load_settings
from tests.analyze.test_llm import GOOD, missile_story
from tests.fakes.openai_api import FakeOpenAI, answer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    with FakeOpenAI().running() as server:
        monkeypatch.setenv("PENINSULA_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("PENINSULA_LLM_MODEL", "fake-model")
        yield server


def test_llm_answers_are_cached_in_the_store_across_restarts(
    tmp_path: Path, fake: FakeOpenAI
) -> None:
    fake.script(answer(**GOOD))
    settings = load_settings(ROOT / "config")
    url = f"sqlite:///{tmp_path}/cache.db"
    for _ in range(2):  # two runs of the bot on one database
        opened = store.open_store(url)
        writer = build_llm(settings, cache=store.AnswerCache(opened))
        assert writer is not None
        assert writer.for_digest().brief(missile_story()).headline == GOOD["headline"]
        opened.close()
    assert len(fake.requests) == 1


def test_without_a_key_or_base_url_the_bot_is_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "PENINSULA_LLM_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    services = build_services(
        load_settings(ROOT / "config"), feeds=(), database_url=f"sqlite:///{tmp_path}/o.db"
    )
    try:
        assert services.writer is None
        assert [d.kind for d in services.destinations] == ["terminal"]
    finally:
        close_services(services)


def test_the_story_profile_cache_is_as_large_as_configured(tmp_path: Path) -> None:
    (tmp_path / "peninsula.toml").write_text("[digest]\nstory_profiles_max = 4321\n")
    (tmp_path / "relevance.toml").write_bytes((ROOT / "config" / "relevance.toml").read_bytes())
    settings = load_settings(tmp_path)
    services = build_services(settings, feeds=(), database_url=f"sqlite:///{tmp_path}/p.db")
    try:
        assert services.profiles.limit == 4321
        assert len(services.profiles) == 0
    finally:
        close_services(services)


def test_full_text_settings_reach_the_pipeline(tmp_path: Path) -> None:
    (tmp_path / "peninsula.toml").write_text(
        "[poll]\nfull_text = true\nfull_text_max_per_cycle = 7\nfull_text_spacing_seconds = 2.5\n"
        "full_text_retries = 3\nfull_text_retry_minutes = 30\nfull_text_give_up_hours = 6\n"
        'allow_hosts = ["10.0.0.5"]\n'
    )
    (tmp_path / "relevance.toml").write_bytes((ROOT / "config" / "relevance.toml").read_bytes())
    settings = load_settings(tmp_path)
    services = build_services(settings, feeds=(), database_url=f"sqlite:///{tmp_path}/p.db")
    try:
        assert (services.full_text.max_per_feed, services.full_text.spacing) == (7, 2.5)
        retry = services.full_text.retry
        assert (retry.max_tries, retry.first_retry_minutes, retry.give_up_hours) == (3, 30, 6)
        assert services.full_text_default is True
        assert services.limits.allow_hosts == ("10.0.0.5",), "article pages may use them"
        assert services.limits.public_only is False, "configured feeds are the operator's"
    finally:
        close_services(services)
