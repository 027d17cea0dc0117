"""Digests with the optional LLM, wired from settings, against a local OpenAI-compatible server.

The LLM may improve a story; it can never make a digest less true or stop it going out.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import httpx
import pytest

from bot import deliver, ingest, pipeline, store
from bot.app import build_llm, load_rules
from bot.demo import sample_feeds, serve_folder
from bot.model import Digest
from bot.pipeline import Destination, DigestPolicy, Services
from bot.settings import load_settings
from tests.fakes.openai_api import FakeOpenAI, answer, error

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(str(resources.files("bot").joinpath("samples/feeds")))
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
MISSILE = "North Korea fires ballistic missile into East Sea, South Korea's military says"
GROUNDED = {
    "headline": "North Korea fires short-range ballistic missile into East Sea",
    "summary": "North Korea fired a short-range ballistic missile into the East Sea on Friday, "
    "South Korea's Joint Chiefs of Staff said. It flew some 600 kilometres.",
    "quote_ids": [],
}


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI().running() as server:
        yield server


def digest_with_llm(tmp_path: Path, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> Digest:
    monkeypatch.setenv("PENINSULA_LLM_BASE_URL", fake.base_url)
    monkeypatch.setenv("PENINSULA_LLM_MODEL", "fake-model")
    writer = build_llm(load_settings(ROOT / "config"))
    assert writer is not None
    sink = deliver.TerminalSink(io.StringIO())
    terminal = Destination("t", "terminal", "Asia/Seoul", terminal=sink)
    with serve_folder(SAMPLES) as base_url, httpx.Client() as http:
        services = Services(
            store=store.open_store(f"sqlite:///{tmp_path}/llm.db"),
            http=http,
            feeds=sample_feeds(base_url, SAMPLES),
            limits=ingest.FetchLimits(),
            rules=load_rules(ROOT / "config"),
            destinations=(terminal,),
            policy=DigestPolicy(first_run_lookback=timedelta(days=3)),
            writer=writer,
            rng=random.Random(1),
        )
        pipeline.refresh(services, now=NOW)
        digest = pipeline.send_digest(services, terminal, now=NOW)
    assert digest is not None
    return digest


def test_a_grounded_answer_rewrites_its_story_and_only_that_one(
    tmp_path: Path, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.script(answer(**GROUNDED))
    digest = digest_with_llm(tmp_path, fake, monkeypatch)
    missile, *others = digest.stories
    assert missile.headline == GROUNDED["headline"]
    assert " ".join(missile.summary) == GROUNDED["summary"]
    # The same answer does not fit the other stories' sources: they keep their offline form.
    assert all(story.headline != GROUNDED["headline"] for story in others)
    assert all(story.summary for story in others)
    assert len(fake.requests) >= len(digest.stories)


def test_an_invented_name_falls_back_to_the_offline_story(
    tmp_path: Path, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    invented = {**GROUNDED, "summary": "Kim Jong Un watched the launch with Marshal Ri Pyong Chol."}
    fake.script(answer(**invented))
    digest = digest_with_llm(tmp_path, fake, monkeypatch)
    assert digest.stories[0].headline == MISSILE
    assert "Ri Pyong Chol" not in " ".join(s for story in digest.stories for s in story.summary)


def test_a_failing_endpoint_still_sends_the_offline_digest(
    tmp_path: Path, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.script(error(500))
    digest = digest_with_llm(tmp_path, fake, monkeypatch)
    assert digest.stories[0].headline == MISSILE
    assert all(story.summary for story in digest.stories)


def test_quotes_stay_verbatim_whatever_the_model_says(
    tmp_path: Path, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.script(answer(**{**GROUNDED, "quote_ids": [1, 2, 99]}))
    digest = digest_with_llm(tmp_path, fake, monkeypatch)
    for story in digest.stories:
        texts = {item.article.id: item.article.text for item in story.items}
        for quote, source in zip(story.quotes, story.quote_sources, strict=True):
            assert texts[source][quote.start : quote.end] == quote.quote
