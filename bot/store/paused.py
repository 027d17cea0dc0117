"""Destinations whose deliveries stopped: the newest finished delivery there is dead.

A dead delivery is one the outbox gave up on (a channel that is gone, archived or without the
bot, or too many failed attempts); the next delivery that lands clears the pause.
"""

from __future__ import annotations

from sqlalchemy import and_, func, select

from bot.store.engine import Store, transaction
from bot.store.schema import deliveries

FINISHED = ("delivered", "dead")


def paused_destinations(store: Store) -> dict[str, str]:
    """Destination -> the error of its newest finished delivery, when that one died."""
    newest = (
        select(deliveries.c.destination, func.max(deliveries.c.updated).label("at"))
        .where(deliveries.c.status.in_(FINISHED))
        .group_by(deliveries.c.destination)
        .subquery()
    )
    query = (
        select(deliveries.c.destination, deliveries.c.last_error)
        .join(
            newest,
            and_(
                deliveries.c.destination == newest.c.destination,
                deliveries.c.updated == newest.c.at,
            ),
        )
        .where(deliveries.c.status == "dead")
        .order_by(deliveries.c.destination)
    )
    with transaction(store, doing="read paused destinations", write=False) as connection:
        rows = connection.execute(query).all()
    return {destination: error or "deliveries stopped" for destination, error in rows}
