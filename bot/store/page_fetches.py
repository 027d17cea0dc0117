"""Which teasers still want their article page: queued, claimed, recorded, counted per feed.

The pipeline queues a new teaser of a full-text feed, claims the due ones (a claim pushes the
next try past a lease, so two instances never fetch one page at once and a crashed one's
claims come due again), and records what each try gave: done, pending again with a later try,
or given up with the reason. Deciding which is the pipeline's business; this only keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, func, select, update

from bot.model import Article
from bot.store.engine import Store, insert, transaction
from bot.store.rows import to_article
from bot.store.schema import articles, assessments, page_fetches

PENDING, DONE, GIVEN_UP = "pending", "done", "given_up"
DUE_LIMIT = 5_000  # a day of teasers at most: retries end a day after queueing


@dataclass(frozen=True, slots=True)
class DuePage:
    """A teaser whose page is due: the stored article, its tries so far, when it was queued,
    and its assessment's story key (None before it was assessed)."""

    article: Article
    tries: int
    queued: datetime
    story: str | None = None


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """What one try gave: the state to keep, the next try when pending, why it failed."""

    article_id: str
    state: str  # PENDING | DONE | GIVEN_UP
    next_try: datetime | None = None
    problem: str | None = None
    requested: bool = True  # False: no request was made (a host's hold): not a try


@dataclass(frozen=True, slots=True)
class PageCounts:
    """One feed's teasers still waiting for their page, those given up, and the latest why."""

    waiting: int = 0
    given_up: int = 0
    last_problem: str | None = None


def queue_pages(store: Store, *, article_ids: Sequence[str], now: datetime) -> None:
    """Want these stored articles' pages, due at once; an article already queued is left be."""
    if not article_ids:
        return
    rows = [
        {"article_id": i, "state": PENDING, "tries": 0, "next_try": now, "queued": now}
        for i in sorted(set(article_ids))
    ]
    statement = insert(store, page_fetches).values([{**row, "updated": now} for row in rows])
    with transaction(store, doing="queue article pages") as connection:
        connection.execute(statement.on_conflict_do_nothing(index_elements=["article_id"]))


def due_pages(store: Store, *, now: datetime, limit: int = DUE_LIMIT) -> list[DuePage]:
    """Pending pages whose next try has come, soonest due first (not claimed: see claim_pages)."""
    query = (
        select(articles, page_fetches.c.tries, page_fetches.c.queued, assessments.c.story)
        .select_from(
            page_fetches.join(articles, articles.c.id == page_fetches.c.article_id).outerjoin(
                assessments, assessments.c.article_id == articles.c.id
            )
        )
        .where(page_fetches.c.state == PENDING, page_fetches.c.next_try <= now)
        .order_by(page_fetches.c.next_try, articles.c.id)
        .limit(limit)
    )
    with transaction(store, doing="read due article pages", write=False) as connection:
        rows = connection.execute(query).mappings().all()
    return [DuePage(to_article(r), r["tries"], r["queued"], r["story"]) for r in rows]


def claim_pages(
    store: Store, *, article_ids: Sequence[str], now: datetime, until: datetime
) -> set[str]:
    """The ids among `article_ids` this caller now holds until `until`: still pending and due.

    One conditional UPDATE: another instance that claimed a page first has moved its next try
    past `now`, so the page is not due here any more (PostgreSQL re-checks the condition on
    the row it waited for; SQLite runs the whole statement under its write lock).
    """
    if not article_ids:
        return set()
    statement = (
        update(page_fetches)
        .where(
            page_fetches.c.article_id.in_(sorted(set(article_ids))),
            page_fetches.c.state == PENDING,
            page_fetches.c.next_try <= now,
        )
        .values(next_try=until, updated=now)
        .returning(page_fetches.c.article_id)
    )
    with transaction(store, doing="claim article pages") as connection:
        return set(connection.execute(statement).scalars())


def record_pages(store: Store, *, outcomes: Sequence[PageOutcome], now: datetime) -> None:
    """Keep what each try gave; a try that made a request counts towards `tries`."""
    if not outcomes:
        return
    statement = (
        update(page_fetches)
        .where(page_fetches.c.article_id == bindparam("key"))
        .values(
            state=bindparam("new_state"),
            next_try=bindparam("due"),
            last_problem=bindparam("problem"),
            tries=page_fetches.c.tries + bindparam("tried"),
            updated=now,
        )
    )
    rows = [_outcome_row(outcome) for outcome in sorted(outcomes, key=lambda o: o.article_id)]
    with transaction(store, doing="record article page tries") as connection:
        connection.execute(statement, rows)


def _outcome_row(outcome: PageOutcome) -> dict[str, Any]:
    return {
        "key": outcome.article_id,
        "new_state": outcome.state,
        "due": outcome.next_try if outcome.state == PENDING else None,
        "problem": outcome.problem,
        "tried": int(outcome.requested),
    }


def page_counts(store: Store) -> dict[str, PageCounts]:
    """Feed name -> its waiting and given-up pages and the latest problem; feeds with neither
    are left out."""
    waiting = func.sum(case((page_fetches.c.state == PENDING, 1), else_=0))
    given_up = func.sum(case((page_fetches.c.state == GIVEN_UP, 1), else_=0))
    feed = func.coalesce(articles.c.feed, "")
    counts = (
        select(feed.label("feed"), waiting.label("waiting"), given_up.label("given_up"))
        .select_from(page_fetches.join(articles, articles.c.id == page_fetches.c.article_id))
        .where(page_fetches.c.state != DONE)
        .group_by(feed)
    )
    problems = (
        select(feed.label("feed"), page_fetches.c.last_problem)
        .select_from(page_fetches.join(articles, articles.c.id == page_fetches.c.article_id))
        .where(page_fetches.c.state != DONE, page_fetches.c.last_problem.is_not(None))
        .order_by(feed, page_fetches.c.updated.desc(), page_fetches.c.article_id)
    )
    with transaction(store, doing="count article pages", write=False) as connection:
        rows = connection.execute(counts).mappings().all()
        latest: dict[str, str] = {}
        for name, problem in connection.execute(problems):
            latest.setdefault(name, problem)  # the newest per feed comes first
    return {
        row["feed"]: PageCounts(int(row["waiting"]), int(row["given_up"]), latest.get(row["feed"]))
        for row in rows
    }
