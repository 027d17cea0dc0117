"""Configuration: defaults that work, and bad values that fail naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.settings import load_feeds, load_main, load_secrets, load_settings

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_config_loads_with_real_korea_feeds() -> None:
    settings = load_settings(ROOT / "config")
    names = {feed.name for feed in settings.feeds}
    assert {"yonhap", "nk-news", "38-north"} <= names
    assert settings.main.digest.timezone == "Asia/Seoul"
    assert all(feed.url.startswith("https://") for feed in settings.feeds)


def test_missing_files_mean_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.feeds == ()
    assert settings.main.digest.schedule == "0 8,18 * * *"
    assert [d.kind for d in settings.main.destinations] == ["terminal"]


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('[digest]\ntimezone = "Mars/Olympus"\n', "digest.timezone", "unknown timezone"),
        ('[digest]\nschedule = "every morning"\n', "digest.schedule", "cron"),
        ("[digest]\nmax_stories = 0\n", "digest.max_stories", "greater than or equal"),
        ("[digest]\nstory_profiles_max = 10\n", "digest.story_profiles_max", "greater than"),
        ("[poll]\nconcurrency = 'many'\n", "poll.concurrency", "integer"),
        ("[digest]\ncolour = 'blue'\n", "digest.colour", "Extra inputs"),
        ('[[destinations]]\nname = "x"\nkind = "slack"\n', "destinations.0", "channel"),
        ('[[destinations]]\nname = "x"\nkind = "fax"\n', "destinations.0.kind", "terminal"),
    ],
)
def test_a_bad_main_value_names_file_and_key(
    tmp_path: Path, text: str, key: str, words: str
) -> None:
    path = write(tmp_path, "peninsula.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_main(path)
    assert caught.value.file == str(path)
    assert caught.value.key == key
    assert words in str(caught.value)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "peninsula.toml", "[digest\n")
    with pytest.raises(ConfigError, match="not valid TOML") as caught:
        load_main(path)
    assert str(path) in str(caught.value)


def test_feeds_get_poll_defaults_and_their_own_timezone(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "feeds.toml",
        '[[feeds]]\nname = "a"\nurl = "https://a.example/rss"\ntimezone = "Asia/Seoul"\n'
        '[[feeds]]\nname = "b"\nurl = "https://b.example/rss"\ninterval_minutes = 60\n',
    )
    a, b = load_feeds(path, poll=load_main(tmp_path / "none.toml").poll)
    assert (a.interval_minutes, a.timezone) == (15, "Asia/Seoul")
    assert (b.interval_minutes, b.timezone) == (60, "UTC")


@pytest.mark.parametrize(
    ("poll", "feeds", "chosen"),
    [
        ("", ("", "full_text = true\n", "full_text = false\n"), [False, True, False]),
        ("[poll]\nfull_text = true\n", ("", "full_text = false\n"), [True, False]),
    ],
)
def test_full_text_is_the_feeds_choice_else_the_poll_default(
    tmp_path: Path, poll: str, feeds: tuple[str, ...], chosen: list[bool]
) -> None:
    tables = "".join(
        f'[[feeds]]\nname = "f{n}"\nurl = "https://f{n}.example/rss"\n{extra}'
        for n, extra in enumerate(feeds)
    )
    main = load_main(write(tmp_path, "peninsula.toml", poll))
    loaded = load_feeds(write(tmp_path, "feeds.toml", tables), poll=main.poll)
    assert [feed.full_text for feed in loaded] == chosen


def test_full_text_limits_have_defaults_and_bounds(tmp_path: Path) -> None:
    poll = load_main(tmp_path / "none.toml").poll
    assert (poll.full_text, poll.full_text_max_per_cycle, poll.full_text_spacing_seconds) == (
        False,
        20,
        1.0,
    )
    retries = (poll.full_text_retries, poll.full_text_retry_minutes, poll.full_text_give_up_hours)
    assert retries == (5, 10.0, 24.0)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[poll]\nfull_text = "yes"\n', "poll.full_text"),
        ("[poll]\nfull_text_max_per_cycle = -1\n", "poll.full_text_max_per_cycle"),
        ("[poll]\nfull_text_spacing_seconds = 600\n", "poll.full_text_spacing_seconds"),
        ("[poll]\nfull_text_retries = 0\n", "poll.full_text_retries"),
        ("[poll]\nfull_text_retry_minutes = 0\n", "poll.full_text_retry_minutes"),
        ("[poll]\nfull_text_give_up_hours = -1\n", "poll.full_text_give_up_hours"),
    ],
)
def test_a_bad_full_text_value_names_its_key(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, "peninsula.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_main(path)
    assert (caught.value.file, caught.value.key) == (str(path), key)


def test_a_feeds_full_text_must_be_true_or_false(tmp_path: Path) -> None:
    path = write(tmp_path, "feeds.toml", '[[feeds]]\nname = "a"\nurl = "u"\nfull_text = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_feeds(path, poll=load_main(tmp_path / "none.toml").poll)
    assert (caught.value.file, caught.value.key) == (str(path), "feeds.0.full_text")
    assert "valid boolean" in str(caught.value)


def test_duplicate_feed_names_are_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "feeds.toml",
        '[[feeds]]\nname = "a"\nurl = "https://a/1"\n[[feeds]]\nname = "a"\nurl = "https://a/2"\n',
    )
    with pytest.raises(ConfigError, match="repeated: a"):
        load_feeds(path, poll=load_main(tmp_path / "none.toml").poll)


def test_placeholder_secrets_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "changeme")
    with pytest.raises(ConfigError) as caught:
        load_secrets()
    assert caught.value.key == "SLACK_BOT_TOKEN"


def test_database_url_from_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PENINSULA_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert load_settings(tmp_path).database_url == "postgresql+psycopg://u@h/db"
