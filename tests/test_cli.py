"""The `peninsula` command as a user types it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest

from bot import store
from bot.cli import feeds_from_args, main
from bot.model import Subscription
from tests.fakes.slack_api import SlackApi, running_slack_api

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(str(resources.files("bot").joinpath("samples/feeds")))


def test_run_once_over_local_feed_files_prints_a_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path}/once.db"
    args = ["--config", str(ROOT / "config"), "run", "--once", "--feeds", str(SAMPLES)]
    assert main([*args, "--db", db]) == 0
    first = capsys.readouterr().out
    assert first.startswith("Korea brief")
    assert "Samsung Electronics operating profit" in first
    assert "Brazil coffee" not in first

    assert main([*args, "--db", db]) == 0
    assert capsys.readouterr().out == "", "a second run shows nothing it showed before"


@pytest.fixture
def slack(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlackApi]:
    """A local Slack API the bot's own token and base URL point at, as an operator sets them."""
    with running_slack_api(token="xoxb-cron") as api:
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-cron")
        monkeypatch.setenv("SLACK_API_URL", api.base_url)
        monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
        yield api


def test_run_once_sends_a_due_subscriber_digest_once_so_cron_can_drive_the_bot(
    tmp_path: Path, slack: SlackApi, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path}/cron.db"
    # /korea subscribe "Samsung" here at 00:00 (UTC), three days ago: today's time has come.
    follow = Subscription(
        id="",
        destination="slack:channel:C0CRON",
        kind="phrase",
        value="Samsung",
        times=("00:00",),
        timezone="UTC",
        created=datetime.now(UTC) - timedelta(days=3),
    )
    opened = store.open_store(db)
    store.add_subscription(opened, subscription=follow)
    opened.close()
    args = ["--config", str(ROOT / "config"), "run", "--once", "--feeds", str(SAMPLES)]

    assert main([*args, "--db", db]) == 0
    first = [post for post in slack.posts if post.channel == "C0CRON"]
    assert first, "the subscriber's digest went out with --once"
    assert "Samsung Electronics operating profit" in json.dumps(first[0].blocks)
    assert "Brazil coffee" not in json.dumps([post.blocks for post in first])
    assert capsys.readouterr().out.startswith("Korea brief"), "configured digest as before"

    assert main([*args, "--db", db]) == 0
    assert [post for post in slack.posts if post.channel == "C0CRON"] == first, "not twice"
    assert capsys.readouterr().out == ""


def test_analyze_writes_one_record_per_article_with_verbatim_quotes(tmp_path: Path) -> None:
    text = 'Seoul said on Monday it would talk. "We are ready to meet," said Kim Min-su, an aide.'
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a1", "title": "South Korea offers talks with North Korea", "text": text})
        + "\n"
        + json.dumps({"id": "a2", "title": "Coffee prices rise", "text": "Brazil grew more."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["--config", str(ROOT / "config"), "analyze", str(source), "-o", str(out)]) == 0
    korea, coffee = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert (korea["id"], korea["korea"], coffee["korea"]) == ("a1", True, False)
    for quote in korea["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["quote"]
    assert {"nk", "sk", "topics", "evidence", "summary", "story", "score"} <= set(korea)


def test_a_bad_config_stops_with_the_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "peninsula.toml").write_text('[digest]\ntimezone = "Nowhere/City"\n')
    assert main(["--config", str(tmp_path), "demo"]) == 2
    error = capsys.readouterr().err
    assert "peninsula.toml:digest.timezone" in error
    assert "unknown timezone" in error


def test_a_missing_input_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(ROOT / "config"), "analyze", str(tmp_path / "none.jsonl")]) == 2
    assert "none.jsonl" in capsys.readouterr().err


def test_feeds_from_args_expands_folders_and_keeps_urls(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text("<rss/>")
    (tmp_path / "b.atom").write_text("<feed/>")
    sources = feeds_from_args([str(tmp_path), "https://example.org/rss"])
    assert [s.name for s in sources] == ["a", "b", "https://example.org/rss"]
    assert sources[0].url == str((tmp_path / "a.xml").resolve())


def test_discord_register_without_credentials_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--config", str(ROOT / "config"), "discord", "register", "--guild", "1"]) == 2
    assert "set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN" in capsys.readouterr().err


def test_serve_takes_the_address_the_readme_shows(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as shown:
        main(["serve", "--host", "127.0.0.1", "--port", "3000", "--help"])
    assert shown.value.code == 0
    assert "--port" in capsys.readouterr().out


def test_run_stops_cleanly_on_sigterm_as_docker_stop_sends_it(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(OPENAI_API_KEY="", PENINSULA_LLM_BASE_URL="")
    args = ["--config", str(ROOT / "config"), "run", "--feeds", str(tmp_path / "feeds")]
    log_path = tmp_path / "bot.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", *args, "--db", f"sqlite:///{tmp_path}/bot.db"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while "schedule.started" not in log_path.read_text():
                assert process.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0, log_path.read_text()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert "schedule.stopped" in log_path.read_text()
