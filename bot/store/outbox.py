"""Digest cursors, what each destination has been shown, and the delivery outbox.

The outbox is how several instances share the posting work: a digest is enqueued once
(unique key), then claimed by exactly one worker for a lease; a worker that dies lets
its lease expire and another one picks the row up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import and_, func, or_, select, update

from bot.model import Delivery
from bot.store.engine import Store, insert, transaction
from bot.store.schema import cursors, deliveries, posted

STATUSES = ("pending", "claimed", "delivered", "dead")


def get_cursor(store: Store, *, destination: str) -> datetime | None:
    """Until when `destination` has been served, or None if never."""
    query = select(cursors.c.at).where(cursors.c.destination == destination)
    with transaction(store, doing="read a digest cursor", write=False) as connection:
        at: datetime | None = connection.execute(query).scalar_one_or_none()
    return at


def set_cursor(store: Store, *, destination: str, at: datetime) -> None:
    """Record that `destination` has been served until `at`."""
    statement = insert(store, cursors).values(destination=destination, at=at)
    statement = statement.on_conflict_do_update(
        index_elements=["destination"], set_={"at": statement.excluded.at}
    )
    with transaction(store, doing="save a digest cursor") as connection:
        connection.execute(statement)


def posted_story_ids(
    store: Store, *, destination: str | None, story_ids: Sequence[str]
) -> set[str]:
    """Which of `story_ids` were already enqueued for `destination` (None: for any)."""
    if not story_ids:
        return set()
    query = select(posted.c.story_id).where(posted.c.story_id.in_(sorted(story_ids)))
    if destination is not None:
        query = query.where(posted.c.destination == destination)
    with transaction(store, doing="read posted stories", write=False) as connection:
        return set(connection.execute(query.distinct()).scalars())


def posted_anywhere(store: Store, *, story_ids: Sequence[str]) -> set[str]:
    """The story ids among `story_ids` already enqueued for some destination: a story the
    pipeline re-assesses keeps its key when it was shown, so it is not posted again as new."""
    return posted_story_ids(store, destination=None, story_ids=story_ids)


def enqueue_delivery(
    store: Store,
    *,
    key: str,
    destination: str,
    payload: dict[str, Any],
    story_ids: Sequence[str],
    now: datetime,
) -> str | None:
    """Queue one message and mark its stories posted there; None if `key` was queued before."""
    row = {
        "id": uuid4().hex,
        "key": key,
        "destination": destination,
        "payload": payload,
        "story_ids": list(story_ids),
        "status": "pending",
        "attempts": 0,
        "next_attempt": now,
        "created": now,
        "updated": now,
    }
    statement = insert(store, deliveries).values(row).on_conflict_do_nothing(index_elements=["key"])
    with transaction(store, doing="enqueue a delivery") as connection:
        delivery_id = connection.execute(statement.returning(deliveries.c.id)).scalar()
        if delivery_id is not None and story_ids:
            marks = [
                {
                    "destination": destination,
                    "story_id": story,
                    "delivery_id": delivery_id,
                    "posted_at": now,
                }
                for story in sorted(set(story_ids))
            ]
            connection.execute(insert(store, posted).values(marks).on_conflict_do_nothing())
    return delivery_id if isinstance(delivery_id, str) else None


def claim_deliveries(
    store: Store, *, worker: str, now: datetime, lease_seconds: int = 300, limit: int = 10
) -> list[Delivery]:
    """Claim up to `limit` due deliveries for `worker` until the lease ends; no two workers
    ever hold the same row at once. Due: pending and its retry time has come, or claimed
    by a worker whose lease has run out.
    """
    due = or_(
        and_(deliveries.c.status == "pending", deliveries.c.next_attempt <= now),
        and_(deliveries.c.status == "claimed", deliveries.c.lease_until <= now),
    )
    # PostgreSQL: SKIP LOCKED lets concurrent workers take different rows instead of waiting.
    # SQLite: the clause is dropped; the single UPDATE runs under BEGIN IMMEDIATE instead.
    chosen = (
        select(deliveries.c.id)
        .where(due)
        .order_by(deliveries.c.next_attempt, deliveries.c.created, deliveries.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    statement = (
        update(deliveries)
        .where(deliveries.c.id.in_(chosen))
        .values(
            status="claimed",
            claimed_by=worker,
            lease_until=now + timedelta(seconds=lease_seconds),
            attempts=deliveries.c.attempts + 1,
            updated=now,
        )
        .returning(
            deliveries.c.id,
            deliveries.c.destination,
            deliveries.c.payload,
            deliveries.c.attempts,
            deliveries.c.story_ids,
            deliveries.c.next_attempt,
        )
    )
    with transaction(store, doing="claim deliveries") as connection:
        rows = connection.execute(statement).mappings().all()
    ordered = sorted(rows, key=lambda row: (row["next_attempt"], row["id"]))
    return [_to_delivery(row) for row in ordered]


def mark_delivered(
    store: Store, *, delivery_id: str, message_ids: Sequence[str], now: datetime
) -> None:
    """Record that a delivery landed, with the platform's message ids."""
    _finish(store, delivery_id, status="delivered", message_ids=list(message_ids), updated=now)


def mark_failed(
    store: Store, *, delivery_id: str, error: str, retry_at: datetime | None, now: datetime
) -> None:
    """Record a failed attempt: try again at `retry_at`, or, when None, give up (kept as dead)."""
    if retry_at is None:
        _finish(store, delivery_id, status="dead", last_error=error, updated=now)
    else:
        _finish(
            store,
            delivery_id,
            status="pending",
            last_error=error,
            next_attempt=retry_at,
            updated=now,
        )


def delivery_counts(store: Store) -> dict[str, int]:
    """How many deliveries are in each status (every status present, zero included)."""
    query = select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
    counts = dict.fromkeys(STATUSES, 0)
    with transaction(store, doing="count deliveries", write=False) as connection:
        counts.update((status, int(count)) for status, count in connection.execute(query))
    return counts


def _finish(store: Store, delivery_id: str, **values: Any) -> None:
    statement = update(deliveries).where(deliveries.c.id == delivery_id)
    released = {"claimed_by": None, "lease_until": None}
    with transaction(store, doing=f"mark delivery {delivery_id} {values['status']}") as connection:
        connection.execute(statement.values(**released, **values))


def _to_delivery(row: Any) -> Delivery:
    return Delivery(
        id=row["id"],
        destination=row["destination"],
        payload=row["payload"],
        attempts=row["attempts"],
        story_ids=tuple(row["story_ids"]),
    )
