"""Log lines people can read: `time LEVEL logger event key=value …`.

Modules log an event name with context in `extra` fields (STYLE.md); this formatter prints
those fields, so `store.saved_new new=3 feed=yonhap` says what happened, not just that it did.
"""

from __future__ import annotations

import logging
import sys

STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
CHATTY = ("apscheduler", "alembic.runtime.migration", "httpx", "slack_bolt", "slack_sdk")


class FieldsFormatter(logging.Formatter):
    """The usual line, then every `extra` field as key=value."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = {k: v for k, v in vars(record).items() if k not in STANDARD}
        if not fields:
            return line
        return line + " " + " ".join(f"{key}={value}" for key, value in sorted(fields.items()))


def configure(*, verbose: bool) -> None:
    """Log to stderr; libraries' per-request chatter only with --verbose."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(FieldsFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.WARNING)
