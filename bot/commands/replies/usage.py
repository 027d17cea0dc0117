"""Usage lines, help, and the short reasons bad input is given."""

from __future__ import annotations

from bot.model import TOPICS

COMMAND = "/korea"

# name -> (usage, example, one-line description); the order is the order of /korea help.
USAGE: dict[str, tuple[str, str, str]] = {
    "latest": ("latest [N] [topic]", "latest 10 nuclear", "the newest Korea stories (default 5)"),
    "search": (
        "search <words> [since:7d] [source:yonhap] [topic:nuclear] [page:2]",
        'search "Punggye-ri" since:30d',
        "full-text search over stored articles",
    ),
    "quotes": (
        "quotes <person | words> [since:30d]",
        "quotes Kim Yo-jong since:30d",
        "who said what: key quotes by a speaker or containing words",
    ),
    "digest": (
        "digest [topic] [public]",
        "digest missiles",
        "a digest now, for you or the channel",
    ),
    "topics": ("topics", "topics", "the topics, each with its newest headline"),
    "subscribe": (
        'subscribe <topic | "phrase"> [here | me] [at 08:00,18:00] [tz Asia/Seoul] [instant] '
        "[quiet 22:00-07:00]",
        'subscribe "Kaesong" here at 08:00',
        "digests at your times, or instant alerts, for a topic or phrase",
    ),
    "unsubscribe": (
        'unsubscribe <topic | "phrase"> [here | me]',
        "unsubscribe nuclear me",
        "stop a subscription",
    ),
    "subscriptions": ("subscriptions", "subscriptions", "what this channel and you follow"),
    "feeds": (
        "feeds [list | add <url> | remove <name>]",
        "feeds add https://www.yna.co.kr/rss/northkorea.xml",
        "the feeds we read (admins change them)",
    ),
    "status": ("status", "status", "polls, feed health, today's numbers, next digests"),
    "help": ("help [command]", "help search", "this list, or one command in detail"),
}

AFTER_KEYWORD = {
    "at": "times after “at”, like 08:00,18:00",
    "tz": "a time zone after “tz”, like Asia/Seoul",
    "quiet": "a window after “quiet”, like 22:00-07:00",
}


def usage(command: str) -> str:
    """'search' -> 'Usage: `/korea search …`  Example: `/korea search …`'."""
    form, example, _ = USAGE[command]
    return f"Usage: `{COMMAND} {form}`\nExample: `{COMMAND} {example}`"


def help_text(command: str | None = None) -> str:
    """Every command with an example, or one command's usage and description."""
    if command is not None:
        return f"{USAGE[command][2].capitalize()}.\n{usage(command)}"
    lines = [f"{COMMAND} commands:"]
    for _, (form, example, description) in USAGE.items():
        lines.append(f"• `{COMMAND} {form}` — {description}. e.g. `{COMMAND} {example}`")
    return "\n".join(lines)


def bad_input(reason: str, *, command: str | None) -> str:
    """A short reason, then the usage of the command it is about (or where to get help)."""
    if command is None:
        return f"{reason}\nTry `{COMMAND} help`."
    return f"{reason}\n{usage(command)}"


def unknown_command(name: str, *, close: str | None) -> str:
    guess = f" Did you mean `{COMMAND} {close}`?" if close else ""
    return f"I don't know the command “{name}”.{guess}\nTry `{COMMAND} help` for the list."


def not_a_topic(word: str, *, close: str | None) -> str:
    guess = f" Did you mean “{close}”?" if close else ""
    return f"“{word}” is not a topic.{guess} Topics: {', '.join(TOPICS)}."


def no_help_for(word: str) -> str:
    return f"There is no command “{word}”."


def out_of_range(what: str, *, low: int, high: int) -> str:
    return f"{what} must be a whole number from {low} to {high}."


def unexpected(word: str) -> str:
    return f"I didn't understand “{word}” here."


def missing(what: str) -> str:
    return f"Please give {what}."


def empty_option(key: str) -> str:
    return f"“{key}:” needs a value right after the colon, like {key}:{_OPTION_EXAMPLE[key]}."


_OPTION_EXAMPLE = {"since": "7d", "source": "yonhap", "topic": "nuclear", "page": "2"}


def not_a_url(text: str) -> str:
    return f"“{text}” is not a web address; give the feed's full http(s) URL."


UNCLOSED_QUOTE = "A quote is not closed; put the phrase between two quotes."
EMPTY_QUOTES = "The quotes are empty; put words between them."
ZERO_PERIOD = "The period must be longer than zero."
EMPTY_WINDOW = "Quiet hours must start and end at different times."


def not_a_period(text: str) -> str:
    return f"“{text}” is not a period; write e.g. 24h, 7d or 2w."


def not_a_time(text: str) -> str:
    return f"“{text}” is not a time of day; write 24-hour times like 08:00."


def not_a_window(text: str) -> str:
    return f"“{text}” is not a window; write it like 22:00-07:00."


def not_a_timezone(text: str) -> str:
    return f"“{text}” is not a time zone; use an IANA name like Asia/Seoul."


FAILED = (
    "Peninsula could not answer that just now (its database or a feed did not respond). "
    "Please try again in a minute; the details are in the operator's log."
)
CRASHED = (
    "Sorry, something went wrong on our side while answering that; it has been logged. "
    "Please try again, or see `/korea help`."
)
BUSY = (
    "Peninsula is answering a lot of commands right now and could not take this one. "
    "Nothing was done; please send it again in a minute."
)
DISCORD_COMMAND = "Korea news: latest stories, search, quotes, digests, subscriptions"
