"""PostgreSQL search: finding the newest matches, by walking recent news, then week by week.

Finding the newest 2,000 matches is the cost; ranking them is cheap. PostgreSQL's own plans
either walk `articles_happened` backwards testing each tsvector (fast for common words) or read
every match through the GIN index and sort them (fast for rare ones); in between, and with a
filter, both read tens of thousands of rows at ~1 µs each. So the plan is chosen here:

1. A probe walks the PROBE newest articles (since `since`): a common query is done, or nearly.
2. If the probe's rate of matches says at most WALK more rows hold the rest, the walk goes on.
3. Otherwise the rest comes from a GIN index of lexemes suffixed with the week the article
   happened (migration 0006, search_weeks.py), so a week's matches are read without the older
   ones; the rate of matches so far says how many weeks to read at once.

"Newest" means when the article happened (its feed date, else when it was first seen), then
its id: the same order on every path, so the chosen set does not depend on the plan.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    Select,
    Subquery,
    Text,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    null,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import TSQUERY

from bot.store.reading import HAPPENED
from bot.store.schema import article_topics, articles
from bot.store.search_filters import Wanted
from bot.store.search_weeks import WEEK, by_weeks, lexemes, week_of, week_start

PROBE = 2_000  # newest articles walked first
WALK = 10_000  # at most this many more rows walked when the probe finds a common query
MARGIN = 1.25  # read this many times the weeks the rate of matches says are needed
SCAN_LEXEMES = 16  # per scan of the weekly index: its cost grows faster than the query
MAX_WEEKS = 520  # per statement: a band of more weeks is read in several
SEARCH: ColumnClause[Any] = literal_column("articles.search")
Cut = tuple[datetime, str]  # (happened, id): only matches older than this are wanted
Walked = tuple[datetime, Cut]  # when the newest article walked happened, where the walk stopped


@dataclass(frozen=True, slots=True)
class Found:
    """A match and how relevant it is."""

    id: str
    relevance: float


@dataclass(slots=True)
class Newest:
    """The newest matches found so far: how many, and the best of them.

    Only the best `keep` of each step come back from the database (a page needs no more): the
    best of all are among them. `best` is in steps' order (newest step first) and newest first
    among equally relevant ones of a step, so a stable sort by relevance ranks ties newest first.
    """

    taken: int = 0
    best: list[Found] = field(default_factory=list)

    def add(self, step: Newest) -> None:
        self.taken += step.taken
        self.best += step.best


@dataclass(frozen=True, slots=True)
class Query:
    """One search: the user's tsquery (for ranks and headlines), the full tsquery's text (the
    words and the outlets) and the filters."""

    words: ColumnElement[Any]
    full: str
    wanted: Wanted

    @property
    def matching(self) -> ColumnElement[Any]:
        return cast(literal(self.full, Text), TSQUERY)


def newest_matches(
    connection: Connection,
    search: Query,
    *,
    ranked: int,
    keep: int,
    probe: int = PROBE,
    walk: int = WALK,
) -> Newest:
    """The newest `ranked` matches (with the best `keep` of each step): walk the `probe` newest
    articles, then walk on if the rate of matches says at most `walk` more rows will do, else
    read weeks."""
    found, walked = _walk(connection, search, rows=probe, want=ranked, keep=keep)
    if walked is None:
        return found
    top, cut = walked
    need = ranked - found.taken
    rows = math.ceil(need * MARGIN * probe / found.taken) if found.taken else walk + 1
    if rows <= walk:  # a common query: walking on reads fewer rows than a week's matches
        more, walked = _walk(connection, search, rows=rows, want=need, keep=keep, after=cut)
        found.add(more)
        if walked is None:
            return found
        cut = walked[1]
    return _by_weeks(connection, search, found, ranked=ranked, keep=keep, top=top, cut=cut)


def _by_weeks(
    connection: Connection,
    search: Query,
    found: Newest,
    *,
    ranked: int,
    keep: int,
    top: datetime,
    cut: Cut,
) -> Newest:
    """`found` and older matches from the weekly index, newest weeks first, as many weeks at a
    time as the rate of matches so far (since `top`) says will hold the rest, and at least
    twice as many as the last time (so weeks without news cost few queries)."""
    week, bottom = week_of(cut[0]), _bottom_week(connection, search.wanted)
    weeks = 0
    while found.taken < ranked and week >= bottom:
        span = max(top - cut[0], timedelta(hours=1))
        rate = found.taken * WEEK / span
        weeks = min(MAX_WEEKS, max(2 * weeks, weeks_for(ranked - found.taken, rate=rate)))
        lowest = max(bottom, week - weeks + 1)
        band = range(week, lowest - 1, -1)
        found.add(_band(connection, search, band, cut=cut, want=ranked - found.taken, keep=keep))
        week, cut = lowest - 1, (week_start(lowest), "")
    return found


def weeks_for(need: int, *, rate: float) -> int:
    """How many weeks to read for `need` more matches at `rate` matches a week (no rate: all)."""
    if rate <= 0:
        return MAX_WEEKS
    return max(1, min(MAX_WEEKS, math.ceil(need * MARGIN / rate)))


def _walk(
    connection: Connection,
    search: Query,
    *,
    rows: int,
    want: int,
    keep: int,
    after: Cut | None = None,
) -> tuple[Newest, Walked | None]:
    """The first `want` matches among the `rows` newest articles (older than `after`); and,
    unless that is all there is to find, when the first article walked happened and where
    the walk stopped."""
    walked = _numbered(_walked(search, rows=rows, after=after), search).cte("walked")
    taken = select(walked).where(walked.c.hit, walked.c.hits <= want).subquery("taken")
    best = _best(taken, keep=keep).add_columns(taken.c.n, taken.c.happened).subquery("best")
    ends = select(walked.c.id, null(), null(), walked.c.n, walked.c.happened)
    query = union_all(select(best), ends.where(walked.c.n.in_([1, rows])))
    result = connection.execute(query).all()  # the best (with how many were taken), the ends
    chosen = [row for row in result if row.taken is not None]
    first_and_last = {row.n: row for row in result if row.taken is None}
    found = Newest(
        taken=chosen[0].taken if chosen else 0,
        best=[Found(row.id, row.relevance) for row in sorted(chosen, key=_best_first)],
    )
    if found.taken == want or rows not in first_and_last:
        return found, None  # enough, or every article in the window was walked
    last = first_and_last[rows]
    return found, (first_and_last[1].happened, (last.happened, last.id))


def _best_first(row: Any) -> tuple[float, int]:
    return (-row.relevance, row.n)  # the most relevant first, then the newest


def _walked(search: Query, *, rows: int, after: Cut | None) -> Subquery:
    """The `rows` newest articles (in the window, older than `after`) and whether they match
    (tested here, once per row: LIMIT keeps the outer queries from copying the test)."""
    window = [] if search.wanted.since is None else [search.wanted.since <= HAPPENED]
    if after is not None:  # the first condition lets the index scan start there
        window += [after[0] >= HAPPENED, tuple_(HAPPENED, articles.c.id) < tuple_(*after)]
    hit = _hit(search, SEARCH, articles.c.id).label("hit")
    newest = _rows(*window).add_columns(hit).order_by(HAPPENED.desc(), articles.c.id.desc())
    return newest.limit(rows).subquery("newest")


def _numbered(checked: Subquery, search: Query) -> Select[Any]:
    """Walked rows numbered in walking order (n), with the matches so far (hits) and the
    relevance of each match."""
    newness = (checked.c.happened.desc(), checked.c.id.desc())
    relevance = func.ts_rank_cd(checked.c.search, search.words)
    return select(
        checked.c.id, checked.c.happened, checked.c.hit,
        case((checked.c.hit, relevance), else_=None).label("relevance"),
        func.row_number().over(order_by=newness).label("n"),
        func.count().filter(checked.c.hit).over(order_by=newness).label("hits"),
    )  # fmt: skip


def _best(taken: Subquery, *, keep: int) -> Select[Any]:
    """The `keep` most relevant of `taken` (newest first among equals), and how many it holds."""
    best = select(taken.c.id, taken.c.relevance, func.count().over().label("taken"))
    order = (taken.c.relevance.desc(), taken.c.happened.desc(), taken.c.id.desc())
    return best.order_by(*order).limit(keep)


def _band(
    connection: Connection, search: Query, weeks: range, *, cut: Cut, want: int, keep: int
) -> Newest:
    """The newest `want` matches older than `cut` that happened in `weeks` (the best `keep`)."""
    per = max(1, SCAN_LEXEMES // lexemes(search.full))
    scans = [_weekly(search, weeks[start : start + per]) for start in range(0, len(weeks), per)]
    band = (union_all(*scans) if len(scans) > 1 else scans[0]).subquery("band")
    conditions = [
        _hit(search, band.c.search, band.c.id),
        tuple_(band.c.happened, band.c.id) < tuple_(literal(cut[0]), literal(cut[1])),
        band.c.happened >= week_start(weeks[-1]),
    ]
    if search.wanted.since is not None:
        conditions.append(band.c.happened >= search.wanted.since)
    rank = func.ts_rank_cd(band.c.search, search.words).label("relevance")
    newest = select(band.c.id, band.c.happened, rank).where(*conditions)
    taken = newest.order_by(band.c.happened.desc(), band.c.id.desc()).limit(want).subquery()
    result = connection.execute(_best(taken, keep=keep)).all()
    return Newest(
        taken=result[0].taken if result else 0,
        best=[Found(row.id, row.relevance) for row in result],
    )


def _weekly(search: Query, weeks: Sequence[int]) -> Select[Any]:
    """The articles of `weeks` that may match `search`, read from the weekly index."""
    weekly = cast(literal(by_weeks(search.full, weeks), Text), TSQUERY)
    indexed = func.search_by_week(SEARCH, HAPPENED).op("@@")(weekly)
    # OFFSET 0 keeps the other conditions out of the scan: only the weekly index is used.
    return _rows(indexed).offset(0)


def _rows(*conditions: ColumnElement[bool]) -> Select[Any]:
    """Id, when it happened and tsvector of the articles meeting `conditions`."""
    return select(articles.c.id, HAPPENED.label("happened"), SEARCH.label("search")).where(
        *conditions
    )


def _hit(
    search: Query, tsvector: ColumnElement[Any], id_: ColumnElement[Any]
) -> ColumnElement[bool]:
    """Whether the article with `tsvector` and `id_` matches the full query and the topic."""
    hit: ColumnElement[bool] = tsvector.op("@@")(search.matching)
    if search.wanted.topic:
        tagged = article_topics.c.article_id == id_
        hit = hit & exists().where(tagged, article_topics.c.topic == search.wanted.topic)
    return hit


def _bottom_week(connection: Connection, wanted: Wanted) -> int:
    """The week of the oldest article in the window (index endpoint: one row read)."""
    oldest = select(func.min(HAPPENED))
    if wanted.since is not None:
        oldest = oldest.where(wanted.since <= HAPPENED)
    moment = connection.execute(oldest).scalar()
    return week_of(moment) if moment is not None else 0
