"""Typed readers for a parsed TOML mapping: the value, or a ConfigError naming the key.

The relevance rules are the one config the analyze stage reads itself (from a mapping the caller
parsed), so their value checks live beside them rather than in bot.settings' pydantic models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.errors import ConfigError


def table(data: Mapping[str, Any], name: str, file: str) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, Mapping):
        raise ConfigError("must be a table", file=file, key=name)
    return value


def list_of_tables(data: Mapping[str, Any], name: str, file: str) -> Sequence[Any]:
    value = data.get(name)
    if not isinstance(value, list) or not value:
        raise ConfigError("must be a non-empty array of tables ([[entities]])", file=file, key=name)
    return value


def number(section: Mapping[str, Any], name: str, *, file: str, key: str) -> float:
    value = section.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"must be a number, got {value!r}", file=file, key=f"{key}.{name}")
    return float(value)


def choice(
    section: Mapping[str, Any],
    name: str,
    allowed: Sequence[str],
    *,
    file: str,
    key: str,
    default: str | None = None,
) -> str:
    value = section.get(name, default)
    if value not in allowed:
        raise ConfigError(
            f"must be one of {list(allowed)}, got {value!r}", file=file, key=f"{key}.{name}"
        )
    return str(value)


def strings(
    section: Mapping[str, Any], name: str, *, file: str, key: str, required: bool = True
) -> list[str]:
    value = section.get(name, [] if not required else None)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip("| *") for v in value):
        raise ConfigError("must be an array of non-empty strings", file=file, key=f"{key}.{name}")
    return list(value)


def flag(section: Mapping[str, Any], name: str, *, file: str, key: str) -> bool:
    value = section.get(name, False)
    if not isinstance(value, bool):
        raise ConfigError(f"must be true or false, got {value!r}", file=file, key=f"{key}.{name}")
    return value
