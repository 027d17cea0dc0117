"""A feed that moved for good (301/308) is polled at its new address from then on, restarts too."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import httpx
import pytest

from bot import ingest, pipeline, store
from bot.app import load_rules
from bot.model import FeedSource
from bot.pipeline import Services
from tests.fakes.feed_server import FeedServer, Route

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(str(resources.files("bot").joinpath("samples/feeds/peninsula-wire.xml")))
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def services_for(db: Path, source: FeedSource, http: httpx.Client) -> Services:
    return Services(
        store=store.open_store(f"sqlite:///{db}"),
        http=http,
        feeds=(source,),
        limits=ingest.FetchLimits(),
        rules=load_rules(ROOT / "config"),
        destinations=(),
        rng=random.Random(3),
    )


@pytest.mark.parametrize("status", [301, 308])
def test_a_permanent_move_is_followed_for_good(tmp_path: Path, status: int) -> None:
    with FeedServer() as server, httpx.Client() as http:
        server.route("/new.xml", Route.file(SAMPLE))
        new_url = server.url("/new.xml")
        old = FeedSource(
            name="wire", url=server.route("/old.xml", Route(status=status, redirect_to=new_url))
        )
        first = services_for(tmp_path / "p.db", old, http)
        report = pipeline.refresh(first, now=NOW)
        first.store.close()
        server.requests.clear()

        again = services_for(tmp_path / "p.db", old, http)  # a restart, same config
        pipeline.refresh(again, now=NOW + timedelta(hours=1), force=True)
        state = store.get_feed_state(again.store, url=new_url)
        again.store.close()

    assert report.new == 4
    assert [seen.path for seen in server.requests] == ["/new.xml"]
    assert state is not None and state.error_count == 0


def test_a_temporary_redirect_keeps_the_configured_address(tmp_path: Path) -> None:
    with FeedServer() as server, httpx.Client() as http:
        server.route("/new.xml", Route.file(SAMPLE))
        old_url = server.route("/old.xml", Route(status=302, redirect_to=server.url("/new.xml")))
        services = services_for(tmp_path / "p.db", FeedSource(name="wire", url=old_url), http)
        pipeline.refresh(services, now=NOW)
        server.requests.clear()
        pipeline.refresh(services, now=NOW + timedelta(hours=1), force=True)
        services.store.close()

    assert [seen.path for seen in server.requests] == ["/old.xml", "/new.xml"]
