"""TerminalSink: text to a stream, a Receipt either way."""

from __future__ import annotations

import io

import pytest

from bot.deliver import TerminalSink


@pytest.mark.parametrize(("text", "written"), [("a\n", "a\n"), ("b", "b\n"), ("", "\n")])
def test_writes_each_digest_ending_in_a_newline(text: str, written: str) -> None:
    stream = io.StringIO()
    receipts = [TerminalSink(stream).post("terminal", text)]
    assert stream.getvalue() == written
    assert receipts[0].ok and receipts[0].message_ids == ("terminal:1",)


def test_message_ids_count_up() -> None:
    sink = TerminalSink(io.StringIO())
    ids = [sink.post("terminal", "x").message_ids[0] for _ in range(3)]
    assert ids == ["terminal:1", "terminal:2", "terminal:3"]


def test_a_closed_stream_gives_a_failed_receipt_not_an_exception() -> None:
    stream = io.StringIO()
    stream.close()
    receipt = TerminalSink(stream).post("terminal", "x")
    assert (receipt.ok, receipt.destination) == (False, "terminal")
    assert "terminal" in (receipt.error or "")
