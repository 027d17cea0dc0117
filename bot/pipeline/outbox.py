"""flush_outbox: store.claim_deliveries -> deliver.post -> store.mark_delivered | mark_failed."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot import store
from bot.errors import DeliveryError
from bot.model import Delivery, Receipt
from bot.pipeline.services import Destination, Services
from bot.pipeline.subscribers import find_destination

log = logging.getLogger(__name__)

RETRY_DELAY = timedelta(minutes=2)
MAX_ATTEMPTS = 8
UNCERTAIN_WINDOW = timedelta(days=2)  # how far back a retry looks for its own messages


def flush_outbox(services: Services, *, now: datetime) -> list[Receipt]:
    """Post every due outbox row once; failures are retried later, never lost."""
    receipts = []
    for delivery in store.claim_deliveries(services.store, worker=services.worker, now=now):
        destination = find_destination(services, delivery.destination)
        receipt = (
            _post(destination, delivery, now=now)
            if destination
            else Receipt(delivery.destination, ok=False, error="destination no longer configured")
        )
        _record(services, delivery, receipt, now=now)
        receipts.append(receipt)
    return receipts


def _post(destination: Destination, delivery: Delivery, *, now: datetime) -> Receipt:
    payload = delivery.payload
    if destination.kind == "slack" and destination.slack and destination.channel:
        landed = _already_on_slack(destination, delivery, now=now)
        if landed:
            log.info(
                "digest.already_posted destination=%s delivery=%s", destination.name, delivery.id
            )
            return Receipt(destination.name, ok=True, message_ids=tuple(landed))
        return destination.slack.post(
            destination.channel, payload["messages"], delivery_id=delivery.id
        )
    if destination.kind == "discord_webhook" and destination.discord and destination.webhook_url:
        return destination.discord.post_webhook(destination.webhook_url, payload["messages"])
    if destination.kind == "discord_channel" and destination.discord and destination.token:
        return destination.discord.post_channel(
            destination.channel or "",
            payload["messages"],
            token=destination.token,
            api_url=destination.api_url,
        )
    if destination.kind == "discord_user" and destination.discord and destination.token:
        return destination.discord.post_direct(
            destination.channel or "",
            payload["messages"],
            token=destination.token,
            api_url=destination.api_url,
        )
    if destination.kind == "terminal" and destination.terminal:
        return destination.terminal.post(destination.name, payload["text"])
    return Receipt(destination.name, ok=False, error="sink not configured", retryable=False)


def _already_on_slack(destination: Destination, delivery: Delivery, *, now: datetime) -> list[str]:
    """On a retry, the messages of an earlier attempt that did land (its answer was lost).

    Our delivery id travels in each message's metadata; when the history cannot be read
    (missing scope, outage), we post again: a rare duplicate beats a lost digest.
    """
    if delivery.attempts <= 1 or destination.slack is None or not destination.channel:
        return []
    try:
        return destination.slack.already_posted(
            destination.channel, delivery_id=delivery.id, since=now - UNCERTAIN_WINDOW
        )
    except DeliveryError as exc:
        log.warning("digest.history_unreadable destination=%s error=%s", destination.name, exc)
        return []


def _record(services: Services, delivery: Delivery, receipt: Receipt, *, now: datetime) -> None:
    if receipt.ok:
        store.mark_delivered(
            services.store, delivery_id=delivery.id, message_ids=receipt.message_ids, now=now
        )
        log.info("digest.posted destination=%s delivery=%s", delivery.destination, delivery.id)
        return
    retry = receipt.retryable and delivery.attempts < MAX_ATTEMPTS
    retry_at = now + RETRY_DELAY * (2 ** max(delivery.attempts - 1, 0)) if retry else None
    store.mark_failed(
        services.store,
        delivery_id=delivery.id,
        error=receipt.error or "unknown error",
        retry_at=retry_at,
        now=now,
    )
    log.warning(
        "digest.post_failed destination=%s delivery=%s error=%s retry_at=%s",
        delivery.destination,
        delivery.id,
        receipt.error,
        retry_at,
    )
