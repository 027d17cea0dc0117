"""Markup per platform (Slack mrkdwn, Discord markdown, plain text); dates as readers see them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Style:
    """How one platform marks up bold text and links, and escapes text from feeds."""

    escape: Callable[[str], str]
    bold: Callable[[str], str]
    link: Callable[[str, str], str]  # (url, text) -> markup


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _discord_escape(text: str) -> str:
    for mark in ("\\", "*", "_", "~", "`", "|", "[", "]", ">", "@"):
        text = text.replace(mark, "\\" + mark)
    return text


SLACK = Style(
    escape=_slack_escape,
    bold=lambda text: f"*{text}*",
    link=lambda url, text: f"<{_slack_escape(url).replace('|', '%7C')}|{text}>",
)
DISCORD = Style(
    escape=_discord_escape,
    bold=lambda text: f"**{text}**",
    link=lambda url, text: f"[{text}](<{url.replace('>', '%3E').replace(')', '%29')}>)",
)
PLAIN = Style(escape=str, bold=str, link=lambda url, text: f"{text} <{url}>")


def style_for(platform: str) -> Style:
    """'slack' | 'discord' | anything else (plain text)."""
    return {"slack": SLACK, "discord": DISCORD}.get(platform, PLAIN)


def when(moment: datetime, *, timezone: str) -> str:
    """An aware UTC time -> 'Tue 6 Mar 2018, 08:00 KST' in the reader's zone."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()}"


def day(moment: datetime, *, timezone: str) -> str:
    """An aware UTC time -> '6 Mar 2018' in the reader's zone."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local.day} {local:%b %Y}"
