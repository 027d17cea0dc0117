"""Log lines carry their context fields, so an operator can read what a cycle did."""

from __future__ import annotations

import logging

import pytest

from bot.logs import FieldsFormatter, configure


def record(message: str, **fields: object) -> logging.LogRecord:
    made = logging.LogRecord("bot.x", logging.INFO, "f.py", 1, message, None, None)
    for key, value in fields.items():
        setattr(made, key, value)
    return made


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "INFO store.saved_new"),
        ({"new": 3, "given": 50}, "INFO store.saved_new given=50 new=3"),
    ],
)
def test_fields_follow_the_event(fields: dict[str, object], expected: str) -> None:
    line = FieldsFormatter("%(levelname)s %(message)s").format(record("store.saved_new", **fields))
    assert line == expected


def test_library_chatter_is_quiet_unless_verbose() -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("apscheduler").level)
    try:
        configure(verbose=False)
        assert logging.getLogger("apscheduler").getEffectiveLevel() == logging.WARNING
        configure(verbose=True)
        assert logging.getLogger("apscheduler").getEffectiveLevel() == logging.DEBUG
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        logging.getLogger("apscheduler").setLevel(saved[2])
