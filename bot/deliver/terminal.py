"""The terminal sink: where digests go when no chat credentials are configured."""

from __future__ import annotations

import logging
from typing import TextIO

from bot.model import Receipt

log = logging.getLogger(__name__)


class TerminalSink:
    """Writes rendered plain text to a stream (stdout in `peninsula run` and `demo`)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._count = 0

    def post(self, destination: str, text: str) -> Receipt:
        """Text -> written and flushed; a Receipt naming the write, or why it failed."""
        try:
            self._stream.write(text if text.endswith("\n") else text + "\n")
            self._stream.flush()
        except (OSError, ValueError) as exc:  # closed pipe or closed file
            log.warning("deliver.terminal_failed", extra={"destination": destination})
            return Receipt(destination, ok=False, error=f"cannot write to the terminal: {exc}")
        self._count += 1
        log.info("deliver.posted", extra={"destination": destination, "sink": "terminal"})
        return Receipt(destination, ok=True, message_ids=(f"terminal:{self._count}",))
