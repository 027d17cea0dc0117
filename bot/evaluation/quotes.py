"""`peninsula eval quotes`: score extract_quotes on ../shared/eval/quotes by its README rule.

The rule, in short: spans are normalised (edge whitespace and quote marks dropped), matched one to
one greedily by overlap / max length >= 0.5, and subset by gold kind; a prediction matched to gold
of another kind is ignored. Speakers match when their normalised token lists are equal or one is a
prefix or suffix of the other. postP is end-to-end precision over predictions that carry
a speaker (what a digest posts as attributed), leaving out those matched to gold whose source is
a bare pronoun, which cannot be scored. The regex baseline (every quoted span of 3+ words) is
printed beside.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.analyze.quotes import extract_quotes
from bot.model import Quote
from bot.records import read_jsonl

DEFAULT_GOLD = "../shared/eval/quotes/gold.jsonl"
CORPORA = {"sfu-gender-gap-tracker-eval": "GGT", "polnear-test": "PolNeAR-test"}
KINDS = {"direct": ("direct",), "direct+mixed": ("direct", "mixed"), "all": None}
_EDGE = " \t\r\n\"“”«»„‘’'"
_PRONOUNS = frozenset(str.split("he she they it we i you who him her them his their its"))
_TITLES = frozenset(
    str.split(
        "mr mrs ms miss dr sen senator rep president prime minister gov governor secretary "
        "prof professor gen general gov. sir lady lord chairman chairwoman"
    )
)
_TOKEN_SPLIT = re.compile(r"[^\w-]+|_+")
_BASELINE = re.compile(r"[\"“”]([^\"“”\n]+)[\"“”]")

Span = tuple[int, int]
Extractor = Callable[[str], Sequence[Quote]]


@dataclass(slots=True)
class Tally:
    """Counts for one corpus and kind subset; ratios are derived on print."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    resolved_matched: int = 0
    resolved_correct: int = 0
    resolved_gold: int = 0
    named: int = 0  # predictions that carry a speaker: what a digest would post as attributed
    errors: list[str] = field(default_factory=list)

    def span_prf(self) -> tuple[float, float, float]:
        return _prf(self.matched, self.pred, self.gold)


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    precision = tp / pred if pred else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def normalise_span(text: str, start: int, end: int) -> Span:
    """Span without edge whitespace or quote marks, so marks in or out do not matter."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def speaker_tokens(name: str) -> tuple[str, ...]:
    """Lower-cased tokens without possessive 's and leading titles (README rule 4)."""
    lowered = re.sub(r"['’]s\b", "", name.lower())
    tokens = [token for token in _TOKEN_SPLIT.split(lowered) if token]
    while tokens and tokens[0].rstrip(".") in _TITLES:
        tokens.pop(0)
    return tuple(tokens)


def is_same_speaker(predicted: str | None, gold_forms: Iterable[str]) -> bool:
    """True when the prediction's tokens equal, prefix or suffix one accepted gold form."""
    guess = speaker_tokens(predicted or "")
    if not guess:
        return False
    for form in gold_forms:
        want = speaker_tokens(form)
        if not want:
            continue
        short, long_ = sorted((guess, want), key=len)
        if long_[: len(short)] == short or long_[len(long_) - len(short) :] == short:
            return True
    return False


def match_spans(gold: Sequence[Span], pred: Sequence[Span]) -> dict[int, int]:
    """Greedy one-to-one matching, overlap/max length >= 0.5: pred index -> gold index."""
    candidates = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            inter = min(ge, pe) - max(gs, ps)
            longest = max(ge - gs, pe - ps)
            if inter > 0 and longest and inter / longest >= 0.5:
                candidates.append((inter / longest, gi, pi))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(candidates, reverse=True):
        if pi not in pairs and gi not in used:
            pairs[pi] = gi
            used.add(gi)
    return pairs


def _gold_forms(quote: dict[str, object]) -> list[str]:
    forms = [str(quote["speaker"])] if quote.get("speaker") else []
    mention = quote.get("speaker_mention")
    if isinstance(mention, str) and mention and mention.lower() not in _PRONOUNS:
        forms.append(mention)
    return forms


def score_document(
    doc: dict[str, object], quotes: Sequence[Quote], kinds: tuple[str, ...] | None, tally: Tally
) -> None:
    """Add one document's counts for one kind subset to the tally."""
    text = str(doc["text"])
    golds: list[dict[str, object]] = list(doc["quotes"])  # type: ignore[call-overload]
    gold_spans = [normalise_span(text, int(g["quote_start"]), int(g["quote_end"])) for g in golds]  # type: ignore[call-overload]
    pred_spans = [normalise_span(text, q.start, q.end) for q in quotes]
    pairs = match_spans(gold_spans, pred_spans)
    wanted = [kinds is None or g["kind"] in kinds for g in golds]
    tally.gold += sum(wanted)
    tally.resolved_gold += sum(
        w and bool(g["speaker_resolved"]) for w, g in zip(wanted, golds, strict=True)
    )
    for pi, quote in enumerate(quotes):
        gi = pairs.get(pi)
        if gi is None or (wanted[gi] and golds[gi]["speaker_resolved"]):
            tally.named += quote.speaker is not None
        if gi is None:
            tally.pred += 1
            tally.errors.append(f"{doc['id']} FP  {quote.quote[:90]!r} ({quote.speaker})")
            continue
        if not wanted[gi]:
            continue
        tally.pred += 1
        tally.matched += 1
        _score_speaker(doc, golds[gi], quote, tally)
    for gi, gold in enumerate(golds):
        if wanted[gi] and gi not in pairs.values():
            tally.errors.append(f"{doc['id']} FN  {str(gold['quote'])[:90]!r} ({gold['speaker']})")


def _score_speaker(
    doc: dict[str, object], gold: dict[str, object], quote: Quote, tally: Tally
) -> None:
    if not gold["speaker_resolved"]:
        return
    tally.resolved_matched += 1
    if is_same_speaker(quote.speaker, _gold_forms(gold)):
        tally.resolved_correct += 1
    else:
        tally.errors.append(
            f"{doc['id']} SPK {quote.quote[:60]!r} got {quote.speaker!r} want {gold['speaker']!r}"
        )


def baseline_quotes(text: str) -> tuple[Quote, ...]:
    """The regex baseline: every double-quoted span of 3+ words on one line, no speaker."""
    found = (m for m in _BASELINE.finditer(text) if len(m.group(1).split()) >= 3)
    return tuple(Quote(quote=m.group(1), start=m.start(1), end=m.end(1)) for m in found)


def read_gold(path: Path) -> list[dict[str, object]]:
    """The gold documents, one JSON object per line."""
    return list(read_jsonl(path))


def evaluate(
    docs: Sequence[dict[str, object]], extractor: Extractor
) -> dict[tuple[str, str], Tally]:
    """Tallies keyed by (corpus, kind subset) for one extractor over the gold documents."""
    tallies: dict[tuple[str, str], Tally] = {}
    for doc in docs:
        corpus = CORPORA.get(str(doc["source"]), str(doc["source"]))
        quotes = extractor(str(doc["text"]))
        for kind, kinds in KINDS.items():
            score_document(doc, quotes, kinds, tallies.setdefault((corpus, kind), Tally()))
    return tallies


def _row(name: str, ours: Tally, base: Tally) -> str:
    p, r, f = ours.span_prf()
    bp, br, bf = base.span_prf()
    acc = ours.resolved_correct / ours.resolved_matched if ours.resolved_matched else 0.0
    e2e_p = ours.resolved_correct / ours.pred if ours.pred else 0.0
    e2e_r = ours.resolved_correct / ours.resolved_gold if ours.resolved_gold else 0.0
    posted = ours.resolved_correct / ours.named if ours.named else 0.0
    return (
        f"{name:<28} {ours.gold:>5} {ours.pred:>5}  {p:.3f} {r:.3f} {f:.3f}  "
        f"{acc:.3f}  {e2e_p:.3f} {e2e_r:.3f} {posted:.3f}   {bp:.3f} {br:.3f} {bf:.3f}"
    )


def report(ours: dict[tuple[str, str], Tally], base: dict[tuple[str, str], Tally]) -> list[str]:
    """The table printed by main: one row per corpus and kind subset."""
    header = (
        f"{'corpus / kind':<28} {'gold':>5} {'pred':>5}  {'P':>5} {'R':>5} {'F1':>5}  "
        f"{'attr':>5}  {'e2eP':>5} {'e2eR':>5} {'postP':>5}   "
        f"{'baseP':>5} {'baseR':>5} {'baseF':>5}"
    )
    rows = [header]
    rows += [_row(f"{c} {k}", tally, base[(c, k)]) for (c, k), tally in ours.items()]
    return rows


def main(argv: list[str]) -> int:
    """Print the score table (and optionally the first N errors per corpus); 0 on success."""
    parser = argparse.ArgumentParser(prog="peninsula eval quotes", description=__doc__)
    parser.add_argument("--gold", type=Path, default=Path(DEFAULT_GOLD))
    parser.add_argument("--errors", type=int, default=0, help="list N errors per corpus (direct)")
    args = parser.parse_args(argv)
    docs = read_gold(args.gold)
    ours = evaluate(docs, extract_quotes)
    print("\n".join(report(ours, evaluate(docs, baseline_quotes))))
    for (corpus, kind), tally in ours.items():
        if kind == "direct" and args.errors:
            print(f"\n# {corpus}: first {args.errors} of {len(tally.errors)} errors")
            print("\n".join(tally.errors[: args.errors]))
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
