"""Capitalised runs and the names in them: 'U.S. President Donald Trump' names Donald Trump.

The raw material of a cast: every run of capitalised words up to a point, title-free, with a
leading word the article also writes in lower case dropped ('Knowing Bardos' is Bardos). Most
runs are one word ('The', 'Korea'), so those are done inline: this loop runs over every capital
in every quoted article.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from bot.analyze.koreannames import korean_name_start
from bot.analyze.namerun import RUN
from bot.analyze.speaker_words import FUNCTION_WORDS
from bot.analyze.titles import split_title

_NAMES = re.compile(RUN)

Named = tuple[int, str]  # (position in the article, name)


def read_names(
    text: str, end: int, common: Container[str]
) -> tuple[list[re.Match[str]], tuple[Named, ...]]:
    """Every run before `end` and its title-free name ("" when it names nothing)."""
    runs = list(_NAMES.finditer(text, 0, end))
    names: list[Named] = []
    longer: dict[str, str] = {}
    for match in runs:
        run = match.group()
        if " " not in run and "\t" not in run and "\xa0" not in run:
            name = "" if run.lower() in FUNCTION_WORDS else run  # split_title on one token
        else:
            name = longer.get(run) or longer.setdefault(run, drop_common(run, common))
        names.append((match.start(), name))
    return runs, tuple(names)


def drop_common(run: str, common: Container[str]) -> str:
    """'Knowing Bardos' -> 'Bardos': a leading word the article also writes in lower case."""
    if one_token(run):
        return "" if run.lower() in FUNCTION_WORDS else run  # split_title on one token
    name = split_title(run)[0]
    parts = name.split()
    if len(parts) < 2 or parts[0].lower() not in common or _kept_whole(parts):
        return name
    while len(parts) > 1 and parts[0].lower() in common:
        if parts.pop(0).lower() in FUNCTION_WORDS:
            return ""  # "Baking With Julia": a capitalised "With" inside makes it a title
    return " ".join(parts)


def _kept_whole(parts: list[str]) -> bool:
    """'Song Eon-seog': a family name, though also a word; 'Panel of Experts': an 'of' name."""
    return korean_name_start(parts) == 0 or any(part.islower() for part in parts)


def one_token(run: str) -> bool:
    """A run of one word (runs join their words with spaces, tabs or no-break spaces)."""
    return " " not in run and "\t" not in run and "\xa0" not in run


def widen(name: str, by_token: dict[str, list[Named]], at: int) -> str:
    """A one-word name ("Delury", "Kim") -> the latest full name before `at` it belongs to."""
    if " " in name:
        return name
    earlier = [full for position, full in by_token.get(name, ()) if position < at]
    return earlier[-1] if earlier else name


def outside(
    quoted: Sequence[tuple[int, int]], runs: list[re.Match[str]], names: tuple[Named, ...]
) -> list[tuple[re.Match[str], Named]]:
    """The runs (with their names) outside every quote; runs and quotes are both in order."""
    kept, index = [], 0
    for run, named in zip(runs, names, strict=True):
        at = run.start()
        while index < len(quoted) and quoted[index][1] <= at:
            index += 1
        if index == len(quoted) or at < quoted[index][0]:
            kept.append((run, named))
    return kept
