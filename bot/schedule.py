"""APScheduler jobs that call pipeline functions: polling, digests, and the outbox.

The poll job runs every minute and polls only the feeds that are due (each feed keeps its own
next check, spread by the ingest policy), so feeds never all fire at once; it alerts instant
subscribers too. Digest jobs are cron triggers in each configured destination's timezone; missed
runs after downtime coalesce into one. The following job runs every minute and sends each chat
subscriber's digest when one of its own times has come (in its own timezone).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot import pipeline
from bot.pipeline import Destination, Services

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def poll_job(services: Services, clock: Clock = utcnow) -> None:
    """One poll cycle; a failure is logged and the next cycle runs as usual."""
    try:
        pipeline.refresh(services, now=clock())
    except Exception:  # a cycle must never kill the scheduler
        log.exception("poll.cycle_crashed")


def digest_job(services: Services, destination: Destination, clock: Clock = utcnow) -> None:
    """One scheduled digest for one destination."""
    try:
        pipeline.send_digest(services, destination, now=clock())
    except Exception:
        log.exception("digest.crashed destination=%s", destination.name)


def following_job(services: Services, clock: Clock = utcnow) -> None:
    """The digests of chat subscribers whose time has come."""
    try:
        pipeline.send_subscriber_digests(services, now=clock())
    except Exception:
        log.exception("following.crashed")


def outbox_job(services: Services, clock: Clock = utcnow) -> None:
    """Retry deliveries that failed or were interrupted by a restart."""
    try:
        pipeline.flush_outbox(services, now=clock())
    except Exception:
        log.exception("outbox.crashed")


def add_jobs(
    scheduler: BaseScheduler, services: Services, *, cron: str, clock: Clock = utcnow
) -> None:
    """Register the poll, digest, following and outbox jobs on a scheduler."""
    common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}
    scheduler.add_job(
        poll_job,
        IntervalTrigger(minutes=1),
        args=(services, clock),
        id="poll",
        next_run_time=clock(),
        **common,
    )
    scheduler.add_job(
        outbox_job, IntervalTrigger(minutes=1), args=(services, clock), id="outbox", **common
    )
    scheduler.add_job(
        following_job, IntervalTrigger(minutes=1), args=(services, clock), id="following", **common
    )
    for destination in services.destinations:
        trigger = CronTrigger.from_crontab(cron, timezone=destination.timezone)
        scheduler.add_job(
            digest_job,
            trigger,
            args=(services, destination, clock),
            id=f"digest:{destination.name}",
            **common,
        )


def run_forever(services: Services, *, cron: str) -> None:
    """Block running the jobs until interrupted."""
    scheduler = BlockingScheduler(timezone="UTC")
    add_jobs(scheduler, services, cron=cron)
    log.info(
        "schedule.started feeds=%d destinations=%d digest_cron=%r",
        len(services.feeds),
        len(services.destinations),
        cron,
    )
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("schedule.stopped")
