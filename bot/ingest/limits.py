"""How much a feed may cost us: bytes, seconds, redirects, and where it may live."""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Caps for one fetch. `deadline` bounds the whole fetch, redirects included (trickling
    servers); `timeout` bounds each connect/read. `public_only` refuses private addresses and
    local files at every hop, for feeds that users (not operators) can add."""

    max_bytes: int = 10 * MEGABYTE
    timeout: float = 10.0
    deadline: float = 30.0
    max_redirects: int = 5
    user_agent: str = "Peninsula/0.1 (Korea news briefing bot; feed reader)"
    public_only: bool = False
    allow_hosts: tuple[str, ...] = ()
