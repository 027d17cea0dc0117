"""The error tree. Each stage translates its library's exceptions into one of these.

    PeninsulaError
    ├── ConfigError      a bad config file or environment value (names the file and key)
    ├── FetchError       a feed could not be fetched (network, HTTP status, size cap)
    ├── ParseError       bytes that are not a feed at all
    ├── StoreError       the database refused or is unreachable
    ├── LLMError         the LLM endpoint failed or answered nonsense (we fall back offline)
    ├── DeliveryError    a chat platform refused a post (retryable or not)
    └── CommandError     a chat command the user got wrong (the message is the reply)

Per-feed and per-article failures are recorded, never allowed to stop a run.
"""

from __future__ import annotations


class PeninsulaError(Exception):
    """Base of every error Peninsula raises on purpose."""


class ConfigError(PeninsulaError):
    """A configuration value is missing or wrong; the message names file, key and fix."""

    def __init__(self, message: str, *, file: str | None = None, key: str | None = None) -> None:
        where = ":".join(part for part in (file, key) if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.key = key


class FetchError(PeninsulaError):
    """A feed could not be fetched."""


class StalledAnswer(FetchError):
    """The answer did not arrive within the deadline: a busy server, likely to pass."""


class ParseError(PeninsulaError):
    """Bytes that could not be read as a feed at all."""


class StoreError(PeninsulaError):
    """The database failed."""


class LLMError(PeninsulaError):
    """The LLM endpoint failed or answered something we cannot use."""


class DeliveryError(PeninsulaError):
    """A chat platform refused a post."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class CommandError(PeninsulaError):
    """A chat command the user got wrong; the message is shown to them as the reply."""
