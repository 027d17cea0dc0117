"""`peninsula demo`: serve the sample feeds on 127.0.0.1, run one full cycle, print the digest.

Offline by design: the feeds are the repo's own fictional samples, the database a temporary file.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import tempfile
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TextIO

from bot import pipeline
from bot.app import build_services, close_services
from bot.model import FeedSource
from bot.settings import Settings

SAMPLES = "samples/feeds"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def sample_feeds(base_url: str, folder: Path) -> tuple[FeedSource, ...]:
    """One FeedSource per sample file, served from base_url."""
    return tuple(
        FeedSource(name=path.stem, url=f"{base_url}/{path.name}", timezone="Asia/Seoul")
        for path in sorted(folder.iterdir())
        if path.suffix in {".xml", ".atom", ".rss"}
    )


def run_demo(settings: Settings, *, stream: TextIO) -> int:
    """One offline cycle over the sample feeds; prints the digest; returns an exit code."""
    folder = Path(str(resources.files("bot").joinpath(SAMPLES)))
    with tempfile.TemporaryDirectory() as tmp, serve_folder(folder) as base_url:
        terminal_only = settings.model_copy(
            update={"main": settings.main.model_copy(update={"destinations": ()})}
        )
        services = build_services(
            terminal_only,
            feeds=sample_feeds(base_url, folder),
            database_url=f"sqlite:///{tmp}/demo.db",
            stream=stream,
        )
        try:
            report = pipeline.refresh(services, now=datetime.now(UTC), force=True)
            digest = pipeline.send_digest(
                services,
                services.destinations[0],
                now=datetime.now(UTC),
                since=datetime(1970, 1, 1, tzinfo=UTC),
            )
        finally:
            close_services(services)
    stream.write(
        f"\n(demo: {report.polled} sample feeds, {report.new} articles, "
        f"{report.korea} about Korea, {len(digest.stories) if digest else 0} stories)\n"
    )
    return 0 if digest else 1
