"""run_cycle: refresh -> the configured digests that are due -> the subscriber digests that are due
-> flush_outbox. Everything the scheduler's jobs do in their minute, done once (`run --once`).

A cron-driven install runs this every few minutes instead of keeping the scheduler alive, so
"due" must mean what the scheduler means: a configured destination's digest is due when the
digest schedule has fired since its last digest (its first digest is due at once); a
subscriber's when one of its own times has come. Running it twice in a row sends nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot import store
from bot.model import Digest, Receipt
from bot.pipeline.digests import send_digest
from bot.pipeline.following import send_subscriber_digests
from bot.pipeline.outbox import flush_outbox
from bot.pipeline.polling import refresh
from bot.pipeline.services import CycleReport, Destination, Services

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FullCycle:
    """What one full cycle did: the poll, the digests queued, the outbox rows it retried."""

    poll: CycleReport
    digests: tuple[Digest, ...]
    subscriber_digests: tuple[Digest, ...]
    retried: tuple[Receipt, ...]


def run_cycle(
    services: Services, *, now: datetime, first_since: datetime | None = None
) -> FullCycle:
    """Poll the feeds that are due, send every digest that is due, then post what the outbox
    still holds.

    Feeds are polled on their own schedule as the scheduler polls them (next check, backoff,
    Retry-After), so a cron line every few minutes is polite to publishers; a new feed is due.

    `first_since` is how far back a configured destination's first digest reaches (`run --once`
    shows everything it fetched); later ones reach back from their cursor as scheduled ones do.
    """
    poll = refresh(services, now=now)
    digests = tuple(
        digest
        for destination in services.destinations
        if is_digest_due(services, destination, now=now)
        and (digest := _send(services, destination, now=now, first_since=first_since))
    )
    subscriber_digests = tuple(send_subscriber_digests(services, now=now))
    retried = tuple(flush_outbox(services, now=now))
    return FullCycle(poll, digests, subscriber_digests, retried)


def is_digest_due(services: Services, destination: Destination, *, now: datetime) -> bool:
    """True when the digest schedule fired since the last digest here, or there was none yet.

    Without a known schedule (`policy.next_digest` answers None) every cycle is a digest time.
    """
    last = store.get_cursor(services.store, destination=destination.name)
    if last is None:
        return True
    upcoming = services.policy.next_digest(last, destination.timezone)
    if upcoming is None or upcoming <= now:
        return True
    log.info("digest.not_due destination=%s next=%s", destination.name, upcoming.isoformat())
    return False


def _send(
    services: Services, destination: Destination, *, now: datetime, first_since: datetime | None
) -> Digest | None:
    first = store.get_cursor(services.store, destination=destination.name) is None
    return send_digest(services, destination, now=now, since=first_since if first else None)
