"""Subscriptions: which topics and phrases each destination follows, and when it wants them.

A destination follows a subject once: subscribing again (any case, any spacing) updates the
times, zone, instant flag and quiet hours of the existing subscription, keeping its id.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import uuid4

from sqlalchemy import delete, select

from bot.model import Subscription
from bot.store.engine import Store, database_now, insert, transaction
from bot.store.schema import subscriptions as table

OPTIONS = ("times", "timezone", "instant", "quiet_start", "quiet_end")


def subject_key(value: str) -> str:
    """'  Kaesong  Industrial ' -> 'kaesong industrial': how one subject is recognised."""
    return " ".join(value.casefold().split())


def add_subscription(store: Store, *, subscription: Subscription) -> Subscription:
    """Follow a subject (or update how it is followed); returns the stored subscription.

    An empty `id` gets a fresh one; no `created` takes the database's clock.
    """
    row = _to_row(replace(subscription, id=subscription.id or uuid4().hex))
    if subscription.created is None:
        row["created"] = database_now(store)
    adding = insert(store, table).values(row)
    upsert = adding.on_conflict_do_update(
        index_elements=["destination", "kind", "value_key"],
        set_={name: adding.excluded[name] for name in OPTIONS},
    )
    with transaction(store, doing="save a subscription") as connection:
        stored = connection.execute(upsert.returning(*table.columns)).mappings().one()
    return _to_subscription(stored)


def remove_subscription(store: Store, *, destination: str, kind: str, value: str) -> bool:
    """Stop following a subject; False when it was not followed."""
    statement = delete(table).where(
        table.c.destination == destination,
        table.c.kind == kind,
        table.c.value_key == subject_key(value),
    )
    with transaction(store, doing="remove a subscription") as connection:
        return connection.execute(statement).rowcount > 0


def subscriptions(store: Store, *, destination: str | None = None) -> list[Subscription]:
    """Every subscription, or one destination's, oldest first."""
    query = select(table).order_by(table.c.destination, table.c.created, table.c.id)
    if destination is not None:
        query = query.where(table.c.destination == destination)
    with transaction(store, doing="list subscriptions", write=False) as connection:
        rows = connection.execute(query).mappings().all()
    return [_to_subscription(row) for row in rows]


def _to_row(subscription: Subscription) -> dict[str, Any]:
    quiet = subscription.quiet_hours or (None, None)
    return {
        "id": subscription.id,
        "destination": subscription.destination,
        "kind": subscription.kind,
        "value": subscription.value,
        "value_key": subject_key(subscription.value),
        "times": list(subscription.times),
        "timezone": subscription.timezone,
        "instant": subscription.instant,
        "quiet_start": quiet[0],
        "quiet_end": quiet[1],
        "created": subscription.created,
    }


def _to_subscription(row: Any) -> Subscription:
    quiet = (row["quiet_start"], row["quiet_end"]) if row["quiet_start"] else None
    return Subscription(
        id=row["id"],
        destination=row["destination"],
        kind=row["kind"],
        value=row["value"],
        times=tuple(row["times"]),
        timezone=row["timezone"],
        instant=bool(row["instant"]),
        quiet_hours=quiet,
        created=row["created"],
    )
