"""The scheduler's jobs: poll, outbox, subscribers each minute, a digest per destination."""

from __future__ import annotations

import io
import logging
import random
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from bot import deliver, ingest, schedule, store
from bot.app import load_rules
from bot.pipeline import ChatPosters, Destination, Services

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def make_services(tmp_path: Path, http: httpx.Client) -> Services:
    terminal = Destination(
        "desk", "terminal", "Asia/Seoul", terminal=deliver.TerminalSink(io.StringIO())
    )
    return Services(
        store=store.open_store(f"sqlite:///{tmp_path}/p.db"),
        http=http,
        feeds=(),
        limits=ingest.FetchLimits(),
        rules=load_rules(ROOT / "config"),
        destinations=(terminal,),
        rng=random.Random(7),
        chat=ChatPosters(),
    )


def test_every_job_is_registered_once(tmp_path: Path) -> None:
    scheduler = BackgroundScheduler(timezone="UTC")
    with httpx.Client() as http:
        services = make_services(tmp_path, http)
        schedule.add_jobs(scheduler, services, cron="0 8,18 * * *", clock=lambda: NOW)
        services.store.close()
    assert sorted(job.id for job in scheduler.get_jobs()) == [
        "digest:desk",
        "following",
        "outbox",
        "poll",
    ]


def test_the_following_job_logs_a_crash_instead_of_stopping_the_scheduler(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with httpx.Client() as http:
        services = make_services(tmp_path, http)
        services.store.close()
        (tmp_path / "p.db").unlink()  # the next connection finds an empty database
        with caplog.at_level(logging.ERROR, logger="bot.schedule"):
            schedule.following_job(services, clock=lambda: NOW)
        services.store.close()
    said = [r.getMessage() for r in caplog.records if r.name == "bot.schedule"]
    assert said == ["following.crashed"]
