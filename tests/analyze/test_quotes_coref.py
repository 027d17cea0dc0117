"""Coreference pieces behind attribution: gender votes, lazy cast reading."""

from __future__ import annotations

import pytest

from bot.analyze.salience import Person, genders


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (["Mr. Lee"], {"Lee Min-ho": "he"}),
        (["Ms. Lee", "Ms. Lee", "Mr. Lee"], {"Lee Min-ho": "she"}),
        (["Mr. Lee", "Ms. Lee"], {}),  # a tie says nothing, whatever the hash seed
        (["Lee"], {}),  # no cue at all
    ],
)
def test_gender_is_the_majority_of_the_cues(written: list[str], expected: dict[str, str]) -> None:
    text = " ".join(written)
    people, raw, at = [], {}, 0
    for run in written:
        person = Person(at, at + len(run), "Lee Min-ho", True)
        people.append(person)
        raw[at] = run
        at += len(run) + 1
    assert genders(text, people, lambda p: raw[p.start]) == expected
