"""to_slack_messages / alert_slack: Slack's limits, whole stories, escaped feed text."""

from __future__ import annotations

import json
import re

import pytest

from bot.compose import alert_slack, build_digest, to_slack_messages
from tests.compose.builders import LONG_TEXT, NOW, item, quote_in

HOSTILE = ["<!channel>", "<!here>", "<@U123>", "<http://evil.example|click>", "<#C1>", "a & b"]


def _texts(blocks):
    """Every text string inside a message's blocks, with the kind of block it is in."""
    for block in blocks:
        if block["type"] in ("section", "header"):
            yield block["type"], block["text"]["text"]
        for element in block.get("elements", []):
            yield block["type"], element["text"]


def _story_numbers(messages):
    return [
        int(m.group(1))
        for msg in messages
        for kind, text in _texts(msg["blocks"])
        for m in [re.match(r"\*(\d+)\. ", text)]
        if m
    ]


def _big_digest(count: int, *, text_size: int):
    summary = tuple(f"Sentence {n} " + "word " * (text_size // 15) + "." for n in range(3))
    items = [
        item(
            f"i{n:03}",
            title=f"Story {n} " + "long title " * 30,
            summary=summary,
            minutes_ago=n,
            topics=("nuclear", "diplomacy"),
        )
        for n in range(count)
    ]
    return build_digest(items, destination="C1", now=NOW, max_stories=count, footer="feeds ok")


@pytest.mark.parametrize(
    ("count", "text_size"),
    [(1, 100), (10, 300), (24, 200), (30, 2000), (60, 5000), (100, 50)],
)
def test_every_message_is_within_slacks_limits(count: int, text_size: int) -> None:
    messages = to_slack_messages(_big_digest(count, text_size=text_size))
    for message in messages:
        assert len(message["blocks"]) <= 50
        assert len(json.dumps(message, ensure_ascii=False)) <= 12_000
        assert message["text"]
        for kind, text in _texts(message["blocks"]):
            assert len(text) <= (150 if kind == "header" else 3_000)


@pytest.mark.parametrize(("count", "text_size"), [(30, 2000), (60, 300), (3, 10)])
def test_stories_are_whole_and_in_order_across_messages(count: int, text_size: int) -> None:
    messages = to_slack_messages(_big_digest(count, text_size=text_size))
    assert _story_numbers(messages) == list(range(1, count + 1))
    for message in messages:
        kinds = [b["type"] for b in message["blocks"]]
        for n, kind in enumerate(kinds):  # every story section is followed by its context
            if kind == "section" and message["blocks"][n]["text"]["text"][1:2].isdigit():
                assert kinds[n + 1] == "context"
    assert messages[-1]["blocks"][-1]["elements"][0]["text"] == "feeds ok"
    assert (len(messages) > 1) == (count > 20)


def test_first_message_opens_with_header_counts_and_top_line() -> None:
    first = to_slack_messages(_big_digest(2, text_size=10))[0]
    header, context, top, divider = first["blocks"][:4]
    assert header["text"] == {
        "type": "plain_text",
        "text": "Korea brief · Tue 6 Mar, 08:00 KST",
        "emoji": False,
    }
    assert context["elements"][0]["text"] == "2 stories from 1 outlet · topics: nuclear, diplomacy"
    assert top["text"]["text"] == "*Top line* — Sentence 0 " + "word " * 0 + "."
    assert divider == {"type": "divider"}
    assert first["text"].splitlines()[0] == "Korea brief · Tue 6 Mar, 08:00 KST"


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize(
    "field", ["title", "summary", "quote", "speaker", "source", "topic", "top_line"]
)
def test_feed_text_is_escaped_everywhere(hostile: str, field: str) -> None:
    text = f'He said "{hostile} now" here. ' + LONG_TEXT
    quote = quote_in(text, f"{hostile} now", speaker="Kim" if field != "speaker" else hostile)
    story_item = item(
        "a",
        text=text,
        quotes=(quote,),
        title=hostile if field == "title" else "T",
        summary=(hostile if field == "summary" else "S.",),
        source=hostile if field == "source" else "Yonhap",
        topics=(hostile,) if field == "topic" else ("nuclear",),
    )
    top = hostile if field == "top_line" else ""
    digest = build_digest([story_item], destination="C", now=NOW, top_line=top)
    for payload in [*to_slack_messages(digest), alert_slack(digest.stories[0], trigger=hostile)]:
        dumped = json.dumps(payload, ensure_ascii=False)
        assert hostile not in dumped
        escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in dumped
        for _, block_text in _texts(payload["blocks"]):  # the only "<" left opens our own link
            assert block_text.count("<") == block_text.count("<https://example.com/a|")


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.com/a?x=1&y=2", "<https://example.com/a?x=1&amp;y=2|"),
        ("http://example.com/a|b>c", "<http://example.com/a%7Cb%3Ec|"),
        ("javascript:alert(1)", None),
        ("ftp://example.com/file", None),
        (None, None),
    ],
)
def test_links_are_built_only_from_http_urls(url, linked) -> None:
    digest = build_digest([item("a", url=url, title="Head")], destination="C", now=NOW)
    section = to_slack_messages(digest)[0]["blocks"][4]["text"]["text"]
    first_line = section.splitlines()[0]
    assert first_line == (f"*1. {linked}Head>*" if linked else "*1. Head*")


@pytest.mark.parametrize("length", [50, 299, 301, 2000, 10_000])
def test_quotes_are_verbatim_trimmed_only_with_an_ellipsis(length: int) -> None:
    words = ("we shall " + "stand firm and never yield " * 400)[:length].strip()
    text = f'He said "{words}" today. ' + LONG_TEXT
    story_item = item(
        "a", text=text, quotes=(quote_in(text, words, speaker="Kim", title="leader"),)
    )
    digest = build_digest([story_item], destination="C", now=NOW)
    section = to_slack_messages(digest)[0]["blocks"][4]["text"]["text"]
    shown = re.search(r"> “(.*)”\n> — \*Kim\*, leader", section).group(1)
    assert words.startswith(shown.removesuffix("…"))
    assert shown == words or (shown.endswith("…") and len(shown) <= 300)


def test_a_huge_summary_is_clipped_but_the_quote_survives() -> None:
    text = 'He said "hold the line" today. ' + LONG_TEXT
    story_item = item(
        "a",
        text=text,
        summary=("x" * 9000,),
        quotes=(quote_in(text, "hold the line", speaker="Kim"),),
    )
    blocks = to_slack_messages(build_digest([story_item], destination="C", now=NOW))[0]["blocks"]
    section = blocks[4]["text"]["text"]
    assert len(section) <= 3000 and "“hold the line”" in section and "…" in section


def test_alert_is_prefixed_by_its_trigger() -> None:
    digest = build_digest([item("a", title="Missile launched")], destination="C", now=NOW)
    alert = alert_slack(digest.stories[0], trigger="missiles")
    assert alert["text"] == "missiles: Missile launched"
    assert alert["blocks"][0]["text"]["text"].startswith("*missiles · <https://example.com/a|")


def test_a_quote_wrapped_across_lines_in_wire_copy_is_shown_on_one_line_word_for_word() -> None:
    words = "We will respond\nfirmly to any\n  provocation"
    text = f'He said "{words}" today. ' + LONG_TEXT
    story_item = item("a", text=text, quotes=(quote_in(text, words, speaker="Kim"),))
    section = to_slack_messages(build_digest([story_item], destination="C", now=NOW))[0]["blocks"]
    shown = re.search(r"> “(.*)”\n> — \*Kim\*", section[4]["text"]["text"]).group(1)
    assert shown == "We will respond firmly to any provocation"
