"""The /korea grammar: what each line means, and what a wrong line is told."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.commands import replies
from bot.commands.command import (
    DigestNow,
    Feeds,
    Help,
    Latest,
    Quotes,
    Search,
    Status,
    Subject,
    Subscribe,
    Subscriptions,
    Topics,
    Unsubscribe,
)
from bot.commands.grammar import PARSERS, parse
from bot.errors import CommandError

NUCLEAR = Subject("topic", "nuclear")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("   ", Help()),
        ("help", Help()),
        ("HELP Search", Help(command="search")),
        ("latest", Latest(count=5)),
        ("latest 10", Latest(count=10)),
        ("latest nuclear", Latest(topic="nuclear")),
        ("latest 3 Missile", Latest(count=3, topic="missiles")),
        ("latest missiles 3", Latest(count=3, topic="missiles")),
        ("search Kim Jong Un", Search(words="Kim Jong Un")),
        (
            "search summit since:7d source:yonhap topic:diplomacy page:2",
            Search("summit", timedelta(days=7), "yonhap", "diplomacy", 2),
        ),
        ("search since:24h Punggye-ri", Search("Punggye-ri", since=timedelta(hours=24))),
        ('search "nuclear test" since:2w', Search("nuclear test", since=timedelta(weeks=2))),
        ("search http://x.kr/a:b", Search("http://x.kr/a:b")),
        ("quotes Kim Yo-jong", Quotes("Kim Yo-jong")),
        ("quotes Kim Yo Jong since:30d", Quotes("Kim Yo Jong", since=timedelta(days=30))),
        ("quotes “denuclearization”", Quotes("denuclearization")),
        ("digest", DigestNow()),
        ("digest public", DigestNow(public=True)),
        ("digest missiles public", DigestNow(topic="missiles", public=True)),
        ("topics", Topics()),
        ("subscribe nuclear", Subscribe(NUCLEAR)),
        ("subscribe Nuclear me", Subscribe(NUCLEAR, target="me")),
        (
            'subscribe "Kim Yo Jong" here at 08:00,18:00 tz Asia/Seoul instant',
            Subscribe(
                Subject("phrase", "Kim Yo Jong"),
                times=("08:00", "18:00"),
                timezone="Asia/Seoul",
                instant=True,
            ),
        ),
        (
            "subscribe “Kaesong” at 18:00, 8 tz america/new_york quiet 22:00-07:00",
            Subscribe(
                Subject("phrase", "Kaesong"),
                times=("08:00", "18:00"),
                timezone="America/New_York",
                quiet_hours=("22:00", "07:00"),
            ),
        ),
        (
            "subscribe Kaesong Industrial me",
            Subscribe(Subject("phrase", "Kaesong Industrial"), "me"),
        ),
        (
            "subscribe missiles instant tz KST",
            Subscribe(Subject("topic", "missiles"), instant=True, timezone="Asia/Seoul"),
        ),
        ("unsubscribe nuclear", Unsubscribe(NUCLEAR)),
        ('unsubscribe "Kim Yo Jong" me', Unsubscribe(Subject("phrase", "Kim Yo Jong"), "me")),
        ("subscriptions", Subscriptions()),
        ("feeds", Feeds()),
        ("feeds list", Feeds()),
        ("feeds add https://example.com/rss.xml", Feeds("add", "https://example.com/rss.xml")),
        (
            "feeds add <https://example.com/rss|example.com/rss>",
            Feeds("add", "https://example.com/rss"),
        ),
        ("feeds remove yonhap", Feeds("remove", "yonhap")),
        ("status", Status()),
        ("STATUS", Status()),
    ],
)
def test_a_line_means_one_command(text: str, expected: object) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "reason", "command"),
    [
        ("feedz", "don't know the command “feedz”. Did you mean `/korea feeds`", None),
        ("launch missiles", "don't know the command “launch”", None),
        ('search "Kim Jong', "quote is not closed", None),
        ('search ""', "quotes are empty", None),
        ("help me", "no command “me”", "help"),
        ("latest 0", "N must be a whole number from 1 to 20", "latest"),
        ("latest 21", "from 1 to 20", "latest"),
        ("latest nuclaer", "“nuclaer” is not a topic. Did you mean “nuclear”", "latest"),
        ("latest 5 nuclear extra", "didn't understand “extra”", "latest"),
        ("search", "give the words to search for", "search"),
        ("search since:7d", "give the words to search for", "search"),
        ("search kim since:", "“since:” needs a value", "search"),
        ("search kim since:7y", "“7y” is not a period", "search"),
        ("search kim since:0d", "longer than zero", "search"),
        ("search kim page:0", "page must be a whole number", "search"),
        ("search kim topic:weather", "“weather” is not a topic", "search"),
        ("quotes", "give a person or some words", "quotes"),
        ("quotes since:30d", "give a person or some words", "quotes"),
        ("digest nuclear sports", "didn't understand “sports”", "digest"),
        ("topics all", "didn't understand “all”", "topics"),
        ("subscribe", "give a topic or a", "subscribe"),
        ("subscribe here", "give a topic or a", "subscribe"),
        ("subscribe nuclaer", "Did you mean “nuclear”", "subscribe"),
        ("subscribe nuclear at", "times after “at”", "subscribe"),
        ("subscribe nuclear at 25:00", "“25:00” is not a time of day", "subscribe"),
        ("subscribe nuclear at 8:7", "“8:7” is not a time of day", "subscribe"),
        ("subscribe nuclear tz", "time zone after “tz”", "subscribe"),
        ("subscribe nuclear tz Mars/Olympus", "“Mars/Olympus” is not a time zone", "subscribe"),
        ("subscribe nuclear quiet 22:00", "“22:00” is not a window", "subscribe"),
        ("subscribe nuclear quiet 07:00-07:00", "different times", "subscribe"),
        ('subscribe nuclear "Kaesong"', "didn't understand “Kaesong”", "subscribe"),
        ("unsubscribe nuclear me everywhere", "didn't understand “everywhere”", "unsubscribe"),
        ("unsubscribe nuclear me here", "didn't understand “here”", "unsubscribe"),
        ("feeds add", "give one URL", "feeds"),
        ("feeds add ftp://example.com/rss", "is not a web address", "feeds"),
        ("feeds add example.com/rss", "is not a web address", "feeds"),
        ("feeds remove", "give one feed name", "feeds"),
        ("feeds purge", "didn't understand “purge”", "feeds"),
        ("feeds list all", "didn't understand “all”", "feeds"),
        ("status now", "didn't understand “now”", "status"),
    ],
)
def test_bad_input_says_what_is_wrong_and_the_right_usage(
    text: str, reason: str, command: str | None
) -> None:
    with pytest.raises(CommandError) as raised:
        parse(text)
    message = str(raised.value)
    assert reason in message
    expected_hint = replies.usage(command) if command else "/korea help"
    assert expected_hint in message


def test_every_command_has_usage_and_every_usage_a_parser() -> None:
    assert set(PARSERS) == set(replies.USAGE)


EXAMPLE_MEANS = {
    "help": Help,
    "latest": Latest,
    "search": Search,
    "quotes": Quotes,
    "digest": DigestNow,
    "topics": Topics,
    "subscribe": Subscribe,
    "unsubscribe": Unsubscribe,
    "subscriptions": Subscriptions,
    "feeds": Feeds,
    "status": Status,
}


@pytest.mark.parametrize("name", sorted(replies.USAGE))
def test_every_usage_example_parses_to_its_command(name: str) -> None:
    _, example, _ = replies.USAGE[name]
    assert type(parse(example)) is EXAMPLE_MEANS[name]


def test_help_lists_every_command_with_an_example() -> None:
    text = replies.help_text()
    for form, example, _ in replies.USAGE.values():
        assert f"/korea {form}" in text
        assert f"/korea {example}" in text
