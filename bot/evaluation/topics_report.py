"""Topic figures one level down: precision and recall per topic, and micro-F1 per source.

One micro-F1 hides where topics go wrong; the table says which topic loses points by tagging too
much (precision) or too little (recall), and the per-source line says whether a source (and so
the way its articles were labelled) stands out. `peninsula eval relevance --per-topic` prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Tagged(Protocol):
    """What the table needs of a labelled case (read-only, as in a frozen Case)."""

    @property
    def source(self) -> str: ...

    @property
    def gold(self) -> dict[str, Any]: ...

    @property
    def topics(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Tally:
    """True positives, false positives and false negatives of one topic (or of all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def tally(cases: Iterable[Tagged], name: str) -> Tally:
    """Cases -> the tally of one topic."""
    total = Tally()
    for case in cases:
        gold, got = name in case.gold["topics"], name in case.topics
        total += Tally(int(gold and got), int(got and not gold), int(gold and not got))
    return total


def per_topic(cases: Sequence[Tagged]) -> dict[str, Tally]:
    """Cases -> topic -> tally, for every topic in the labels or in the answers."""
    names = sorted({t for c in cases for t in (*c.gold["topics"], *c.topics)})
    return {name: tally(cases, name) for name in names}


def micro(cases: Sequence[Tagged]) -> Tally:
    """Cases -> the tally over all topics (its f1 is the micro-F1)."""
    return sum(per_topic(cases).values(), Tally())


def report_topics(cases: Sequence[Tagged], out: Callable[[str], None]) -> None:
    """Prints the per-topic table and micro-F1 per source."""
    out("== topics per topic:     tp   fp   fn     P      R      F1")
    for name, row in per_topic(cases).items():
        out(
            f"  {name:20} {row.tp:4} {row.fp:4} {row.fn:4}  {row.precision:.3f}  "
            f"{row.recall:.3f}  {row.f1:.3f}"
        )
    total = micro(cases)
    out(f"  {'all (micro)':20} {total.tp:4} {total.fp:4} {total.fn:4}  {'':13} {total.f1:.3f}")
    sources = sorted({c.source for c in cases})
    parts = [f"{s} {micro([c for c in cases if c.source == s]).f1:.3f}" for s in sources]
    out("== topics micro-F1 by source: " + "  ".join(parts))
