"""Feeds on disk (`file://` URLs and plain paths): samples, tests and offline demos."""

from __future__ import annotations

import hashlib
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bot.ingest.limits import FetchLimits
from bot.model import FeedState, FetchResult


def is_local(url: str) -> bool:
    """True for `file://` URLs and for plain paths (no scheme, or a Windows drive letter)."""
    scheme = urlsplit(url).scheme.lower()
    return scheme == "file" or len(scheme) <= 1


def to_path(url: str) -> Path:
    parts = urlsplit(url)
    return Path(unquote(parts.path)) if parts.scheme.lower() == "file" else Path(url)


def read_local(url: str, state: FeedState | None, *, limits: FetchLimits) -> FetchResult:
    """A file -> FetchResult, with its mtime as Last-Modified so an unchanged file is a 304."""
    if limits.public_only:
        return FetchResult(url, None, error=f"refused {url!r}: local files are not allowed here")
    path = to_path(url)
    try:
        modified = formatdate(path.stat().st_mtime, usegmt=True)
        if state is not None and state.last_modified == modified:
            return FetchResult(url, 304, final_url=url, not_modified=True, last_modified=modified)
        with path.open("rb") as handle:
            body = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        return FetchResult(url, None, error=f"could not read {path}: {exc.strerror or exc}")
    if len(body) > limits.max_bytes:
        return FetchResult(url, None, error=f"{path} is larger than {limits.max_bytes} bytes")
    digest = hashlib.sha256(body).hexdigest()
    return FetchResult(url, 200, body=body, final_url=url, last_modified=modified, body_hash=digest)
