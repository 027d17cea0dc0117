"""JSON records <-> model objects: the `peninsula analyze` contract (CLI and evaluation)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.model import Article, Assessment


def parse_time(value: object) -> datetime | None:
    """An ISO-8601 string (or date) -> aware UTC datetime; anything else -> None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def to_article(record: dict[str, Any]) -> Article:
    """An input record (id, title, text; optional url, source, published) -> Article."""
    return Article(
        id=str(record["id"]),
        title=str(record.get("title") or ""),
        text=str(record.get("text") or ""),
        url=record.get("url") or None,
        source=record.get("source") or None,
        published=parse_time(record.get("published")),
    )


def to_record(assessment: Assessment) -> dict[str, Any]:
    """Assessment -> the output record of `peninsula analyze`."""
    return {
        "id": assessment.article_id,
        "korea": assessment.korea,
        "score": round(assessment.score, 4),
        "nk": assessment.nk,
        "sk": assessment.sk,
        "topics": list(assessment.topics),
        "evidence": [asdict(item) for item in assessment.evidence],
        "summary": list(assessment.summary),
        "quotes": [asdict(quote) for quote in assessment.quotes],
        "story": assessment.story,
    }


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield one dict per non-blank line; a bad line raises ValueError naming the line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON object ({exc.msg})") from exc


def write_jsonl(records: Iterable[dict[str, Any]], handle: Any) -> None:
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
