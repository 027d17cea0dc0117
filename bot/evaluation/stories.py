"""`peninsula eval stories`: cluster every corpus article as the product would, score the gold ids.

Prints pairwise and B-cubed precision/recall/F1 for our grouping (whole corpus in one batch,
and replayed through the incremental `assign_stories` in 6-hour poll cycles) and for the
single-link TF-IDF baseline; with --cross-validate the scores on each half of the gold
stories with the merge numbers tuned on the other half; with --errors the wrongly merged
and the missed pairs with titles.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from bot.analyze.cluster import group_stories
from bot.analyze.story_profile import to_profile
from bot.evaluation.story_baseline import baseline_stories
from bot.evaluation.story_replay import replay_stories
from bot.evaluation.story_scores import Scores, bcubed, pair_errors, pairwise
from bot.evaluation.story_tuning import cross_validate
from bot.model import Article
from bot.records import read_jsonl, to_article

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
BASELINE_THRESHOLDS = (0.3, 0.4)


def read_articles(path: Path) -> list[Article]:
    """articles.jsonl -> Articles in file order, converted as `peninsula analyze` converts them."""
    return [to_article(record) for record in read_jsonl(path)]


def read_gold(path: Path) -> dict[str, str]:
    """stories.jsonl -> gold story key per labelled article id."""
    return {str(record["id"]): str(record["story"]) for record in read_jsonl(path)}


def score_line(name: str, pairs: Scores, cubed: Scores) -> str:
    """A row of the report: pairwise and B-cubed P/R/F1."""
    return (
        f"{name:<28} pairwise P {pairs.precision:.3f} R {pairs.recall:.3f} F1 {pairs.f1:.3f}"
        f" | B3 P {cubed.precision:.3f} R {cubed.recall:.3f} F1 {cubed.f1:.3f}"
    )


def _write_errors(
    out: TextIO, predicted: Mapping[str, str], gold: Mapping[str, str], titles: Mapping[str, str]
) -> None:
    errors = pair_errors(predicted, gold)
    for label, pairs in (("merged", errors.merged), ("missed", errors.missed)):
        out.write(f"\n{label} pairs ({len(pairs)}):\n")
        for first, second in pairs:
            out.write(f"  {first} {titles[first][:60]!r}\n  {second} {titles[second][:60]!r}\n\n")


def _write_folds(
    out: TextIO, articles: Sequence[Article], gold: Mapping[str, str], window_hours: float
) -> None:
    profiles = [to_profile(article) for article in articles]
    out.write("\ncross-validated (gold stories split in halves by key hash):\n")
    for fold in cross_validate(profiles, gold, window_hours=window_hours):
        t = fold.tuning
        out.write(
            f"  tuned on half {fold.tuned_on} (threshold {t.threshold}, average {t.average_floor},"
            f" decay/day {t.decay_per_day}, figure {t.figure_weight}): train F1"
            f" {fold.trained.f1:.3f}; held-out half P {fold.held_out.precision:.3f}"
            f" R {fold.held_out.recall:.3f} F1 {fold.held_out.f1:.3f}\n"
        )


def main(argv: list[str]) -> int:
    """Command line -> exit status; prints the scores (and errors) to stdout."""
    parser = argparse.ArgumentParser(prog="peninsula eval stories", description=__doc__)
    parser.add_argument("--articles", type=Path, default=CORPUS / "articles.jsonl")
    parser.add_argument("--stories", type=Path, default=CORPUS / "stories.jsonl")
    parser.add_argument("--window-hours", type=float, default=48)
    parser.add_argument("--errors", action="store_true", help="list merged and missed pairs")
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="tune on half the gold stories, score the other half (both ways)",
    )
    options = parser.parse_args(argv)
    articles = read_articles(options.articles)
    gold = read_gold(options.stories)
    ids = [article.id for article in articles]
    ours = dict(zip(ids, group_stories(articles, window_hours=options.window_hours), strict=True))
    out = sys.stdout
    out.write(f"{len(articles)} articles clustered, {len(gold)} gold ids scored\n")
    out.write(score_line("peninsula", pairwise(ours, gold), bcubed(ours, gold)) + "\n")
    replayed = replay_stories(articles, window_hours=options.window_hours)
    out.write(
        score_line("assign_stories, 6 h batches", pairwise(replayed, gold), bcubed(replayed, gold))
        + "\n"
    )
    for threshold in BASELINE_THRESHOLDS:
        keys = dict(zip(ids, baseline_stories(articles, threshold=threshold), strict=True))
        name = f"baseline tf-idf single {threshold}"
        out.write(score_line(name, pairwise(keys, gold), bcubed(keys, gold)) + "\n")
    if options.cross_validate:
        _write_folds(out, articles, gold, options.window_hours)
    if options.errors:
        _write_errors(out, ours, gold, {article.id: article.title for article in articles})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
