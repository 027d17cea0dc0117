"""Fixtures every test tree may use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PENINSULA_SHARED", ROOT.parent / "shared"))


def shared_path(relative: str) -> Path:
    """Path of a file in ../shared: fails (not skips) when PENINSULA_REQUIRE_SHARED=1."""
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is missing; the shared data set lives beside the repo in ../shared"
        if os.environ.get("PENINSULA_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def shared() -> type[object]:
    """Gives tests `shared("corpus/articles.jsonl")` with the fail-not-skip rule."""
    return shared_path  # type: ignore[return-value]
