"""The `peninsula` command: run, serve, discord register, demo, analyze, eval.

Output for people goes to stdout, logs to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot import __version__, pipeline
from bot.errors import PeninsulaError
from bot.logs import configure as configure_logs
from bot.model import FeedSource

EVALUATIONS = ("relevance", "quotes", "stories")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peninsula", description=__doc__)
    parser.add_argument("--version", action="version", version=f"peninsula {__version__}")
    parser.add_argument(
        "--config", type=Path, help="config folder (default: PENINSULA_CONFIG_DIR or ./config)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="poll feeds and post digests on schedule")
    run.add_argument(
        "--once",
        action="store_true",
        help="one full cycle (poll, the digests that are due, the outbox), then exit; for cron",
    )
    run.add_argument(
        "--feeds", nargs="+", metavar="PATH_OR_URL", help="poll these instead of config/feeds.toml"
    )
    run.add_argument(
        "--db", metavar="URL", help="database URL (default: config or PENINSULA_DATABASE_URL)"
    )

    serve = commands.add_parser(
        "serve",
        help="answer /korea over HTTP (Slack events, Discord interactions) and run the jobs",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=3000, help="port to listen on")

    discord = commands.add_parser("discord", help="Discord set-up")
    discord_commands = discord.add_subparsers(dest="discord_command", required=True)
    register = discord_commands.add_parser("register", help="register /korea with Discord")
    register.add_argument("--guild", metavar="ID", help="one server only (updates at once)")

    commands.add_parser(
        "demo", help="offline: serve the sample feeds locally, run one cycle, print the digest"
    )

    analyze = commands.add_parser("analyze", help="assess articles from a JSON-lines file")
    analyze.add_argument(
        "input", type=Path, help="JSON lines with id, title, text (url, source, published)"
    )
    analyze.add_argument("-o", "--output", type=Path, help="write here instead of stdout")

    evaluate = commands.add_parser("eval", help="score analysis against ../shared")
    evaluate.add_argument("what", choices=EVALUATIONS)
    evaluate.add_argument(
        "args", nargs=argparse.REMAINDER, help="options of that evaluation (see --help)"
    )
    return parser


def feeds_from_args(values: Sequence[str]) -> tuple[FeedSource, ...]:
    """Paths, folders and URLs -> FeedSources (a folder gives each file in it)."""
    sources: list[FeedSource] = []
    for value in values:
        path = Path(value)
        if path.is_dir():
            sources.extend(
                FeedSource(name=child.stem, url=str(child.resolve()))
                for child in sorted(path.iterdir())
                if child.is_file()
            )
        elif path.exists():
            sources.append(FeedSource(name=path.stem, url=str(path.resolve())))
        else:
            sources.append(FeedSource(name=value, url=value))
    return tuple(sources)


def _run(args: argparse.Namespace) -> int:
    from bot.app import build_services, close_services
    from bot.schedule import run_forever
    from bot.settings import load_settings

    settings = load_settings(args.config)
    feeds = feeds_from_args(args.feeds) if args.feeds else None
    services = build_services(settings, feeds=feeds, database_url=args.db)
    try:
        if args.once:
            # A destination's first one-shot digest shows every Korea story fetched so far.
            pipeline.run_cycle(services, now=datetime.now(UTC), first_since=EPOCH)
            return 0
        from bot.serve import socket_mode

        _stop_on_sigterm()
        # With SLACK_APP_TOKEN, `run` answers /korea over Socket Mode too (no public URL needed).
        with socket_mode(settings, services):
            run_forever(services, cron=settings.main.digest.schedule)
        return 0
    finally:
        close_services(services)


def _stop_on_sigterm() -> None:
    """Leave on SIGTERM (docker stop, systemd) the way Ctrl-C leaves: through the `finally` blocks,
    so acknowledged commands are still answered and the database is closed, instead of dying."""

    def stop(_signum: int, _frame: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)


def _serve(args: argparse.Namespace) -> int:
    from apscheduler.schedulers.background import BackgroundScheduler

    from bot.app import build_services, close_services
    from bot.schedule import add_jobs
    from bot.serve import http_server, socket_mode
    from bot.settings import load_settings

    settings = load_settings(args.config)
    services = build_services(settings)
    scheduler = BackgroundScheduler(timezone="UTC")
    add_jobs(scheduler, services, cron=settings.main.digest.schedule)
    server = http_server(settings, services, host=args.host, port=args.port)
    _stop_on_sigterm()
    scheduler.start()
    try:
        with socket_mode(settings, services):
            server.serve_forever()
    except KeyboardInterrupt:
        return 0
    finally:
        scheduler.shutdown(wait=False)
        server.server_close()
        close_services(services)
    return 0


def _discord(args: argparse.Namespace) -> int:
    from bot.serve import register_discord
    from bot.settings import load_settings

    count = register_discord(load_settings(args.config), guild_id=args.guild)
    print(f"registered /korea with Discord ({count} command definition(s))")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo
    from bot.settings import load_settings

    return run_demo(load_settings(args.config), stream=sys.stdout)


def _analyze(args: argparse.Namespace) -> int:
    from bot.analyze import assess_all
    from bot.app import load_rules
    from bot.records import read_jsonl, to_article, to_record, write_jsonl
    from bot.settings import load_secrets

    config_dir = args.config or Path(load_secrets().peninsula_config_dir)
    rules = load_rules(config_dir)
    articles = [to_article(record) for record in read_jsonl(args.input)]
    records = (to_record(a) for a in assess_all(articles, rules=rules))
    if args.output:
        with args.output.open("w", encoding="utf-8") as handle:
            write_jsonl(records, handle)
    else:
        write_jsonl(records, sys.stdout)
    return 0


def _eval(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"bot.evaluation.{args.what}")
    result: int = module.main(list(args.args))
    return result


HANDLERS = {
    "run": _run,
    "serve": _serve,
    "discord": _discord,
    "demo": _demo,
    "analyze": _analyze,
    "eval": _eval,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `peninsula` command; returns the exit code."""
    args = _parser().parse_args(argv)
    configure_logs(verbose=args.verbose)
    try:
        return HANDLERS[args.command](args)
    except PeninsulaError as exc:
        print(f"peninsula: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"peninsula: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
