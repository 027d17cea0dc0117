"""Configuration in one place: config/*.toml for behaviour, the environment for secrets.

Only `bot.app` and `bot.cli` read settings; every other module receives plain values. A bad value
fails the start with a ConfigError naming the file, the key and what is wrong.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError
from bot.model import FeedSource

M = TypeVar("M", bound=BaseModel)

PLACEHOLDERS = {"changeme", "xoxb-your-token", "your-token", "todo", "secret", "..."}


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {value!r}; use an IANA name like 'Asia/Seoul'") from exc
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DigestConfig(_Strict):
    schedule: str = "0 8,18 * * *"
    timezone: str = "Asia/Seoul"
    max_stories: int = Field(default=10, ge=1, le=50)
    first_run_lookback_hours: float = Field(default=12, ge=0)
    story_window_hours: float = Field(default=48, gt=0)
    story_profiles_max: int = Field(default=10_000, ge=100, le=1_000_000)

    _tz = field_validator("timezone")(_check_timezone)

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str) -> str:
        try:
            CronTrigger.from_crontab(value)
        except ValueError as exc:
            raise ValueError(f"not a cron expression ({exc}); e.g. '0 8,18 * * *'") from exc
        return value


class PollConfig(_Strict):
    interval_minutes: int = Field(default=15, ge=1, le=1440)
    concurrency: int = Field(default=16, ge=1, le=256)
    per_host: int = Field(default=2, ge=1, le=32)
    max_bytes: int = Field(default=10_000_000, ge=1024)
    timeout_seconds: float = Field(default=20, gt=0)
    deadline_seconds: float = Field(default=60, gt=0)
    allow_hosts: tuple[str, ...] = ()
    # Article pages for teaser feeds: the default for feeds that do not say, and the manners.
    full_text: bool = Field(default=False, strict=True)
    full_text_max_per_cycle: int = Field(default=20, ge=0, le=500)
    full_text_spacing_seconds: float = Field(default=1.0, ge=0, le=60)
    # A page that failed in passing (network, 429, 5xx) is tried again, backing off from this.
    full_text_retries: int = Field(default=5, ge=1, le=20)  # requests in all, the first included
    full_text_retry_minutes: float = Field(default=10.0, gt=0, le=1440)  # doubled each time
    full_text_give_up_hours: float = Field(default=24.0, gt=0, le=720)  # from the first try


class StoreConfig(_Strict):
    url: str = "sqlite:///./data/peninsula.db"


class LLMSection(_Strict):
    model: str = "gpt-4o-mini"
    timeout_seconds: float = Field(default=20, gt=0)
    token_budget_per_digest: int = Field(default=20_000, ge=0)


class DestinationConfig(_Strict):
    name: str = Field(min_length=1)
    kind: Literal["terminal", "slack", "discord_webhook"]
    channel: str | None = None
    webhook_env: str | None = None
    timezone: str | None = None

    _tz = field_validator("timezone")(lambda v: v if v is None else _check_timezone(v))

    @model_validator(mode="after")
    def _needs(self) -> DestinationConfig:
        if self.kind == "slack" and not self.channel:
            raise ValueError("a slack destination needs `channel` (a channel id or #name)")
        if self.kind == "discord_webhook" and not self.webhook_env:
            raise ValueError("a discord_webhook destination needs `webhook_env`")
        return self


class MainConfig(_Strict):
    digest: DigestConfig = DigestConfig()
    poll: PollConfig = PollConfig()
    store: StoreConfig = StoreConfig()
    llm: LLMSection = LLMSection()
    destinations: tuple[DestinationConfig, ...] = (
        DestinationConfig(name="terminal", kind="terminal"),
    )


class FeedConfig(_Strict):
    name: str = Field(min_length=1)
    url: str = Field(min_length=1)
    outlet: str | None = None
    interval_minutes: int | None = Field(default=None, ge=1, le=1440)
    timezone: str = "UTC"
    full_text: bool | None = Field(default=None, strict=True)  # None: [poll].full_text

    _tz = field_validator("timezone")(_check_timezone)


class FeedsFile(_Strict):
    feeds: tuple[FeedConfig, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> FeedsFile:
        names = [feed.name for feed in self.feeds]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"feed names must be unique; repeated: {', '.join(dupes)}")
        return self


class Secrets(BaseSettings):
    """Secrets and deployment overrides, from the environment only."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_api_url: str | None = None
    discord_api_url: str | None = None
    discord_bot_token: str | None = None
    discord_public_key: str | None = None
    discord_application_id: str | None = None
    openai_api_key: str | None = None
    peninsula_llm_base_url: str | None = None
    peninsula_llm_model: str | None = None
    peninsula_database_url: str | None = None
    peninsula_config_dir: str = "config"
    peninsula_admin_users: str = ""

    @field_validator("slack_bot_token", "slack_app_token", "openai_api_key", "discord_bot_token")
    @classmethod
    def _no_placeholder(cls, value: str | None) -> str | None:
        if value is not None and value.strip().lower() in PLACEHOLDERS:
            raise ValueError("is a placeholder; set the real secret or unset the variable")
        return value or None


class Settings(BaseModel):
    """Everything the app needs, read once."""

    model_config = ConfigDict(frozen=True)

    main: MainConfig
    feeds: tuple[FeedSource, ...]
    secrets: Secrets
    config_dir: Path

    @property
    def database_url(self) -> str:
        return self.secrets.peninsula_database_url or self.main.store.url

    @property
    def llm_enabled(self) -> bool:
        return bool(self.secrets.openai_api_key or self.secrets.peninsula_llm_base_url)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=str(path)) from exc


def _validated(model: type[M], data: dict[str, Any], path: Path) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or None
        raise ConfigError(first["msg"], file=str(path), key=key) from exc


def _to_source(feed: FeedConfig, poll: PollConfig) -> FeedSource:
    return FeedSource(
        name=feed.name,
        url=feed.url,
        interval_minutes=feed.interval_minutes or poll.interval_minutes,
        timezone=feed.timezone,
        outlet=feed.outlet,
        full_text=poll.full_text if feed.full_text is None else feed.full_text,
    )


def load_main(path: Path) -> MainConfig:
    """peninsula.toml -> MainConfig (defaults for what the file leaves out)."""
    return _validated(MainConfig, _read_toml(path), path)


def load_feeds(path: Path, *, poll: PollConfig) -> tuple[FeedSource, ...]:
    """feeds.toml -> FeedSources, with the poll defaults filled in."""
    parsed = _validated(FeedsFile, _read_toml(path), path)
    return tuple(_to_source(feed, poll) for feed in parsed.feeds)


def load_secrets() -> Secrets:
    """The environment -> Secrets; a placeholder secret fails naming the variable."""
    try:
        return Secrets()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]).upper()
        raise ConfigError(first["msg"], file="environment", key=name) from exc


def load_settings(config_dir: Path | None = None) -> Settings:
    """Read config/*.toml and the environment once; fail with the file and key on a bad value."""
    secrets = load_secrets()
    folder = config_dir or Path(secrets.peninsula_config_dir)
    main = load_main(folder / "peninsula.toml")
    feeds = load_feeds(folder / "feeds.toml", poll=main.poll)
    return Settings(main=main, feeds=feeds, secrets=secrets, config_dir=folder)


def load_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict ({} if missing), for rule files handed to analyze."""
    return _read_toml(path)
