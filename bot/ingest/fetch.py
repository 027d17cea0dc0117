"""Feed fetching over HTTP: conditional GET, redirects by hand, and hard caps on size and time.

Redirects are followed here rather than by httpx so that each hop can be checked (loops, the
public-address guard) and so that we know whether the feed moved for good (301/308 all the way).
The body is decompressed here too, in bounded steps, so a gzip bomb is stopped at the cap
instead of after it has filled memory.
"""

from __future__ import annotations

import hashlib
import logging
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from urllib.parse import urljoin

import httpx

from bot.errors import FetchError, StalledAnswer
from bot.ingest.guard import check_public_url
from bot.ingest.limits import FetchLimits
from bot.ingest.local import is_local, read_local
from bot.model import FeedSource, FeedState, FetchResult

log = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
ENCODINGS = "gzip, deflate"  # only what _decoder can inflate in bounded steps
Decoder = Callable[[bytes, int], bytes]


def fetch_feed(
    client: httpx.Client, source: FeedSource, state: FeedState | None, *, limits: FetchLimits
) -> FetchResult:
    """Feed URL (+ what we remember) -> new bytes, not-modified, or an error; never raises.

    Fetches `state.url` when known (where a permanent redirect moved the feed), else source.url.
    """
    url = state.url if state is not None and state.url else source.url
    return fetch_url(client, url, state=state, limits=limits, feed=source.name)


def fetch_url(
    client: httpx.Client,
    url: str,
    *,
    limits: FetchLimits,
    state: FeedState | None = None,
    accept: str = FEED_ACCEPT,
    feed: str = "",
) -> FetchResult:
    """Any URL (a feed, an article page) -> bytes, not-modified, or an error; never raises.

    Every cap of `limits` applies; `feed` names whose fetch this is, for the logs.
    """
    try:
        if is_local(url):
            return read_local(url, state, limits=limits)
        return _fetch_http(client, url, state, limits=limits, accept=accept)
    except FetchError as exc:
        return FetchResult(url, None, error=str(exc), passing=isinstance(exc, StalledAnswer))
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
        passing = not isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol)
        return FetchResult(url, None, error=_network_reason(exc), passing=passing)
    except Exception as exc:  # the contract is "never raises": one bad feed never stops a run
        log.exception("ingest.fetch.unexpected", extra={"feed": feed, "url": url})
        return FetchResult(url, None, error=f"unexpected error: {exc!r}")


def _fetch_http(
    client: httpx.Client, url: str, state: FeedState | None, *, limits: FetchLimits, accept: str
) -> FetchResult:
    deadline = time.monotonic() + limits.deadline
    current, seen, permanent = url, {url}, True
    for _hop in range(limits.max_redirects + 1):
        if limits.public_only:
            check_public_url(current, allow_hosts=limits.allow_hosts)
        request = _request(client, current, state, limits=limits, deadline=deadline, accept=accept)
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            target = _redirect_target(response)
            if target is None:
                result = _finish(response, url=url, state=state, limits=limits, deadline=deadline)
                return _with_move(result, final_url=current, permanent=permanent and current != url)
        finally:
            response.close()
        if target in seen:
            raise FetchError(f"redirect loop: {current} sends us back to {target}")
        seen.add(target)
        permanent = permanent and response.status_code in PERMANENT
        current = target
    raise FetchError(f"too many redirects (more than {limits.max_redirects}) from {url}")


def _request(
    client: httpx.Client,
    url: str,
    state: FeedState | None,
    *,
    limits: FetchLimits,
    deadline: float,
    accept: str,
) -> httpx.Request:
    headers = {"User-Agent": limits.user_agent, "Accept": accept, "Accept-Encoding": ENCODINGS}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    timeout = httpx.Timeout(max(0.001, min(limits.timeout, _remaining(deadline))))
    return client.build_request("GET", url, headers=headers, timeout=timeout)


def _redirect_target(response: httpx.Response) -> str | None:
    location = str(response.headers.get("location") or "")
    if response.status_code not in REDIRECTS or not location:
        return None
    return urljoin(str(response.url), location.strip())


def _finish(
    response: httpx.Response,
    *,
    url: str,
    state: FeedState | None,
    limits: FetchLimits,
    deadline: float,
) -> FetchResult:
    """The last hop's response -> FetchResult: 304, an HTTP error, or the capped body."""
    status, headers = response.status_code, dict(response.headers)
    etag = headers.get("etag") or (state.etag if state else None)
    modified = headers.get("last-modified") or (state.last_modified if state else None)
    if status == 304:
        return FetchResult(
            url, status, headers=headers, not_modified=True, etag=etag, last_modified=modified
        )
    if not 200 <= status < 300:
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        return FetchResult(url, status, headers=headers, error=reason)
    body = _read_body(response, limits=limits, deadline=deadline)
    digest = hashlib.sha256(body).hexdigest()
    etag, modified = headers.get("etag"), headers.get("last-modified")
    return FetchResult(
        url, status, body=body, headers=headers, etag=etag, last_modified=modified, body_hash=digest
    )


def _read_body(response: httpx.Response, *, limits: FetchLimits, deadline: float) -> bytes:
    """Streams the body, stopping as soon as raw or decompressed size passes the cap or time
    passes the deadline (a server that trickles a byte at a time never times out a read)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"body of {declared} bytes is over the {limits.max_bytes}-byte limit")
    chunks, decode = _body_source(response)
    body, raw = bytearray(), 0
    for chunk in chunks:
        raw += len(chunk)
        if raw > limits.max_bytes:
            raise FetchError(f"body is over the {limits.max_bytes}-byte limit")
        if time.monotonic() > deadline:
            raise StalledAnswer(f"too slow: the answer took more than {limits.deadline:g} s")
        body += decode(chunk, limits.max_bytes - len(body) + 1)
        if len(body) > limits.max_bytes:
            raise FetchError(f"decompressed body is over the {limits.max_bytes}-byte limit")
    return bytes(body)


def _body_source(response: httpx.Response) -> tuple[Iterator[bytes], Decoder]:
    """Raw chunks and how to decode them. A response built in memory (httpx.MockTransport) is
    already read and decoded by httpx: it comes as one chunk that needs no decoding."""
    if response.is_stream_consumed:
        return iter([response.content]), _decoder("")
    return response.iter_raw(), _decoder(response.headers.get("content-encoding", ""))


def _decoder(content_encoding: str) -> Decoder:
    """Chunk decoder for Content-Encoding; each call returns at most `limit` bytes."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return lambda chunk, limit: chunk
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported Content-Encoding {content_encoding!r}")
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # 32: accept gzip or zlib headers

    def decode(chunk: bytes, limit: int) -> bytes:
        try:
            return inflater.decompress(chunk, limit)
        except zlib.error as exc:
            raise FetchError(f"corrupt {encoding} body: {exc}") from exc

    return decode


def _with_move(result: FetchResult, *, final_url: str, permanent: bool) -> FetchResult:
    return replace(result, final_url=final_url, permanent_redirect=permanent)


def _remaining(deadline: float) -> float:
    return deadline - time.monotonic()


def _network_reason(exc: Exception) -> str:
    """httpx exceptions -> what happened, in words a feed owner understands."""
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect: {exc}"
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"invalid URL: {exc}"
    return f"network error: {type(exc).__name__}: {exc}"
