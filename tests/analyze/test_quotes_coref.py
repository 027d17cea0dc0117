"""Coreference pieces behind attribution: gender votes, lazy cast reading."""

from __future__ import annotations

import json

import pytest

from bot.analyze.cast import Cast
from bot.analyze.coref import full_name, pronoun_person, read_cast
from bot.analyze.quotemarks import find_spans
from bot.analyze.quotes import extract_quotes, is_speech
from bot.analyze.salience import Person, gender, genders, is_subject
from tests.conftest import shared_path


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wendy Golden has no idea why her son left.", "she"),  # the son is someone else
        ("Spokeswoman Wendy Golden declined to comment.", "she"),
        ("His wife, Wendy Golden, declined to comment.", "she"),
        ("Wendy Golden, a father of two, declined to comment.", "he"),
        ("The father of Wendy Golden declined to comment.", None),  # the father is the other
    ],
)
def test_a_gendered_noun_votes_only_beside_the_name(text: str, expected: str | None) -> None:
    run = "Spokeswoman Wendy Golden" if text.startswith("Spokes") else "Wendy Golden"
    start = text.index(run)
    person = Person(start, start + len(run), "Wendy Golden", True)
    assert gender(text, [person], lambda p: run) == expected


@pytest.mark.parametrize(
    ("text", "name", "subject"),
    [
        ("Unlike Al Mnajer, he has not found work.", "Al Mnajer", False),
        ("According to Kim, the office was closed.", "Kim", False),
        ("Al Mnajer, a father of three, has found work.", "Al Mnajer", True),
        ("Meanwhile, Al Mnajer found work.", "Al Mnajer", True),
        ("for accountant Babatunji Farinloye, 50, it paid off.", "Babatunji Farinloye", True),
    ],
)
def test_a_name_after_a_preposition_is_no_subject(text: str, name: str, subject: bool) -> None:
    start = text.index(name)
    assert is_subject(text, start, start + len(name)) is subject


def _casts(relative: str) -> list[Cast]:
    with shared_path(relative).open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    casts = []
    for text in texts:
        spans = [span for span in find_spans(text) if is_speech(text, span)]
        if spans:
            casts.append(read_cast(text, [(s.opened, s.closed or s.end) for s in spans]))
    return casts


@pytest.mark.shared
def test_who_spoke_reads_the_same_from_nearby_cues_as_from_every_speech() -> None:
    for cast in _casts("corpus/articles.jsonl"):
        names = {person.name for person in read_cast(cast.text, cast.quoted).people}
        nearby = cast.spoke(names)
        _ = cast.speeches
        assert nearby == cast.spoke(names), cast.text[:80]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will talk," said Moon Jae-in.', "Moon Jae-in"),
        ('Moon Jae-in arrived.\n\n"We will talk," Moon said.', "Moon Jae-in"),
        ('Moon Jae-in arrived.\n\n"We will talk," he said.', "Moon Jae-in"),
    ],
)
def test_cast_answers_the_same_whichever_part_is_read_first(text: str, speaker: str) -> None:
    quoted = [(s.opened, s.closed or s.end) for s in find_spans(text)]
    cold, warm = read_cast(text, quoted), read_cast(text, quoted)
    _ = (warm.speeches, warm.people, warm.by_token)
    assert extract_quotes(text)[-1].speaker == speaker
    at = quoted[-1][0]
    answers = [(full_name("Moon", c, at), pronoun_person(c, at, "he")) for c in (cold, warm)]
    assert answers[0] == answers[1]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # a month that is also a name: "Ms. May" is Theresa May, a person
            "Theresa May lost the vote. Mark Duffy cheered outside.\n\n"
            "After the vote, Ms. May refused to resign. "
            '"I believe it is my duty to deliver," she told MPs.',
            "Theresa May",
        ),
        (  # a possessor is not who acts: "he" is the judge, not Mr. Hemming
            "Brian Hemming, a host, sued the station. Justice Sean Dunphy heard the case.\n\n"
            "Justice Dunphy said the stand was defiant. Still, he denied Mr. Hemming's request.\n\n"
            '"This has degenerated into an acrimonious fight," he wrote.',
            "Sean Dunphy",
        ),
        (  # "the Ford government" names a government, not a subject
            "Justin Trudeau visited a school. Doug Ford cut its budget.\n\n"
            "Trudeau urged people to send a message to the Ford government.\n\n"
            '"It would be a very bad political choice," he said.',
            "Justin Trudeau",
        ),
        (  # particles inside a name
            "Sutopo Purwo Nugroho said the tide was high.\n\n"
            "Ben van der Pluijm, a geologist, said the slope may have collapsed.\n\n"
            '"This is like dropping a bag of sand in a tub," he said.',
            "Ben van der Pluijm",
        ),
        (  # "his" after another man's name is his, not a vote on her gender
            "Donald Trump met Vladimir Putin.\n\n"
            "Tatiana Stanovaya, an expert on the Kremlin, noted that Putin's stance stems from "
            "his view of the West.\n\n"
            '"Putin believes the pressure will only grow," she said.',
            "Tatiana Stanovaya",
        ),
        (  # the speaker after an inverted cue ("adds Al Basha") is the one "she" means
            "Abir Al Basha moved to Nova Scotia, where about 1,500 refugees live.\n\n"
            "Somehow, the family will find a way, adds Al Basha. "
            '"We can borrow the money," she says.',
            "Al Basha",
        ),
        (  # "they" are the pair who spoke last, not the last speaker
            '"We will bargain hard," said union president Jeff Traeger.\n\n'
            "The owners, Tore Sohlberg and Lehla Abreder, said they respected the vote.\n\n"
            '"Our priority is a safe and healthy workplace," they said.',
            "Tore Sohlberg and Lehla Abreder",
        ),
        (  # a one-off name after a short fronted phrase still opens its sentence
            '"We need another referendum," said Katy Barnett, who wants to remain.\n\n'
            "Down the street, Mike McFadden also rejoiced amid a group of revellers. "
            'He believes Britain should leave.\n\n"No deal is the only deal," he said.',
            "Mike McFadden",
        ),
        (  # ... but a name before the comma is no fronted phrase: "Yellowhead MP" is no one
            "Jim Eglinski, Yellowhead MP, said he drove around with signs.\n\n"
            '"We are trying to make a point," he said.',
            "Jim Eglinski",
        ),
        (  # "Schumer, he said, ...": the name before an inserted cue is who the quote is about
            "Chuck Schumer led the talks for the Democrats.\n\n"
            '"It is the old minds and hearts thing," said Sen. Richard Blumenthal. '
            'Schumer, he said, "knows the minds and hearts of his colleagues."',
            "Richard Blumenthal",
        ),
        (  # a title with a capitalised "With" in it is no person ("Baking With Julia")
            "Dorie Greenspan learned about baking with friends from Julia Child.\n\n"
            "Greenspan also co-wrote Baking With Julia, the companion cookbook to Child’s baking "
            "show. Greenspan’s name could be seen on speed dial on Child’s phone.\n\n"
            "“I love doing this work,” she says.",
            "Dorie Greenspan",
        ),
        (  # a place behind a placing title word ("New") is not a person
            "Ann Kuster spoke in Concord. She left New Hampshire in May.\n\n"
            '"It helps to have a woman in charge," she said.',
            "Ann Kuster",
        ),
    ],
)
def test_pronouns_find_the_person_not_a_lookalike(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # a colon after a clause: the person named in it, not its first capital
            "Elon Musk runs Tesla.\n\n"
            "Governance lassitude was on display in December when Musk again took to Twitter "
            'with this: "Chairman is an honorific, not an executive role."',
            "Elon Musk",
        ),
        (  # Arabic article prefixes belong to the name
            'In its statement, al-Shabaab said: "This operation was a response to the remarks."',
            "al-Shabaab",
        ),
    ],
)
def test_names_written_beside_the_quote(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


def test_words_glued_by_scraping_are_no_name() -> None:
    text = (
        "The Missile Administration conducted a test on Thursday.\n"
        "The respected ComradeKim Jong Unsaid on the spot:\n"
        '"The test-fire is an appropriate military action that informs the rivals."'
    )
    assert extract_quotes(text)[0].speaker is None  # rather no speaker than a garbled one
