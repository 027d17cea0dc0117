"""extract_quotes, case by case: what counts as a quotation, who said it, which quotes are key."""

from __future__ import annotations

import pytest

from bot.analyze.quotes import extract_quotes
from bot.model import Quote


def quotes_of(text: str) -> list[str]:
    return [q.quote for q in extract_quotes(text)]


def only(text: str) -> Quote:
    found = extract_quotes(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will not back down from this,” she said.", ["We will not back down from this"]),
        ('"We will not back down from this," she said.', ["We will not back down from this"]),
        (  # nested single quotes stay inside the quotation
            "\"He told us 'never again' and we believed him,\" said Park Ji-won.",
            ["He told us 'never again' and we believed him"],
        ),
        (  # split around the attribution: two quotations
            '"I think this is the end" he said, "and the start of something new."',
            ["I think this is the end", "and the start of something new."],
        ),
        (  # multi-paragraph: no closing mark at the paragraph end, the next one reopens
            '"The first part runs to the end of the paragraph.\n\n'
            '"The second part closes" he said.',
            ["The first part runs to the end of the paragraph.", "The second part closes"],
        ),
        (  # dashes and question marks inside
            "“Will they come back? Nobody knows — not even Washington,” said Victor Cha.",
            ["Will they come back? Nobody knows — not even Washington"],
        ),
        (  # scraped text mixing curly and straight marks
            '“The talks are over for now," an official said.',
            ["The talks are over for now"],
        ),
        (  # unbalanced: a stray closing mark before the real quote is ignored
            'Seoul” reacted. "This cannot stand any longer," the ministry said.',
            ["This cannot stand any longer"],
        ),
        (  # two apostrophes for a double mark, as some feeds write them
            "''It would make sense to treat real estate like other assets,'' said Ann Kim.",
            ["It would make sense to treat real estate like other assets"],
        ),
        (  # curly apostrophes for a closing double mark
            "“We serve local creators first,’’ says the founder of the press.",
            ["We serve local creators first"],
        ),
        (  # a whole sentence set off by a comma is said, even far from its cue
            "Hayne joked in his turn to answer the question, “It was a twinkle in his eye.”",
            ["It was a twinkle in his eye."],
        ),
        (  # ... unless the writer's clause runs into it
            'Lee said the message to Pyongyang is, "You will be held accountable."',
            [],
        ),
        (  # said "...," and: the writer's sentence goes on with a new clause
            "Lee said “nobody knows the story behind it,” and added that talks would go on.",
            ["nobody knows the story behind it"],
        ),
        (  # a scraper lost the closing mark of a whole sentence: both quotes stand
            "“That is a dangerous thing to do. “It evokes a negative reaction,” Moon said.",
            ["That is a dangerous thing to do.", "It evokes a negative reaction"],
        ),
        (  # a quotation joined to one before by 'and' is one too
            "Park said he heard them shout, “Build that wall!” and “Go back to the reservation!”",
            ["Build that wall!", "Go back to the reservation!"],
        ),
        (
            "“It reinforced our resolve,” said Lee Jae-myung, and “trust in our own values.”",
            ["It reinforced our resolve", "trust in our own values."],
        ),
        ("“Really?” said Colton, surprised.", ["Really?"]),  # one word said on its own
        ("The banner read “Stop!” in red letters.", []),  # ... not without a cue
        (  # a sentence after a colon is said, even after 'words'
            "The team posted a photo of him with two words: “I'm back.”",
            ["I'm back."],
        ),
        ("Kim's aides didn't say it's over.", []),  # apostrophes alone are no quote marks
        ('"Absolutely not," the minister said.', ["Absolutely not"]),  # said on its own
        ('Critics called it the "Peace Olympics" and mocked the "candid" remarks.', []),
        ('He called the plan "pure fantasy." Nobody laughed.', []),  # a term, not an utterance
        ('She has read "The Girl Who Played With Fire" twice.', []),
        ('The drill was named "Operation Freedom Shield Exercise" this year.', []),
        ('The minister said it was "deeply regrettable" that the talks broke down.', []),
        (  # the speaker's own words from the verb on, six words or more: a quotation
            'The senator said he would "introduce legislation to fix our rigged tax system."',
            ["introduce legislation to fix our rigged tax system."],
        ),
        (  # ... and the writer's sentence may go on after it
            'A study by the committee said it was "troubled by the lack of one accountable '
            'department," and that it was "difficult to understand" why.',
            ["troubled by the lack of one accountable department"],
        ),
        ('Kim said he was "surprised and troubled" by the result.', []),  # a phrase, no more
        (  # one word opening a quotation a cue splits
            '"That," he added, "promises to make life a lot more difficult."',
            ["That", "promises to make life a lot more difficult."],
        ),
        (
            "''Hopefully,'' the president said, ''this museum can help us talk.''",
            ["Hopefully", "this museum can help us talk."],
        ),
        ('He called the plan "reckless," and left.', []),  # one word, no split
        (  # a possessive glues a title or a term to the writer's sentence
            "“We all lose,” Lee said on KBS’ “Sunday Diagnosis.” It warned of North Korea’s "
            "“military dominion.”",
            ["We all lose"],
        ),
        (  # a colon opens a list of quotations, each a clause
            'Fans held up placards in the video, including: "Coach Park is really sick" and '
            '"We need to find a donor for Coach Park."',
            ["Coach Park is really sick", "We need to find a donor for Coach Park."],
        ),
        (  # ... not a list of terms
            'Two other entries also made the list: "Most important election of our time" and '
            '"OTUS" acronyms.',
            [],
        ),
        ('He dismissed the report as "previous misinterpreted statements" on Monday.', []),
    ],
)
def test_spans(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (
            "“It is a breakthrough, and there is a very long way to go,” said John Delury "
            "of Seoul’s Yonsei University.",
            "John Delury",
            "Seoul’s Yonsei University",
        ),
        (
            "Andrei Lankov, a North Korea expert at Seoul's Kookmin University, said: "
            '"The regime will not give up its weapons any time soon."',
            "Andrei Lankov",
            "North Korea expert at Seoul's Kookmin University",
        ),
        (
            '"We will never accept this provocation," said Kim Yo Jong, vice department '
            "director of the Central Committee.",
            "Kim Yo Jong",
            "vice department director of the Central Committee",
        ),
        (
            'Unification Minister Kwon Young-se told reporters: "The door to dialogue stays open."',
            "Kwon Young-se",
            "Unification Minister",
        ),
        (
            '"Our nuclear deterrent is not a bargaining chip," KCNA said in a statement.',
            "KCNA",
            None,
        ),
        (
            'According to Yonhap, "the missile flew about 600 kilometres before landing."',
            "Yonhap",
            None,
        ),
        (
            '"They will pay a price for this," U.S. President Donald Trump tweeted.',
            "Donald Trump",
            "U.S. President",
        ),
        (  # an abbreviated rank does not end the sentence
            "“The operator could hear gunshots,” Seoul Police Lt. Choi Jin-ho said.",
            "Choi Jin-ho",
            "Seoul Police Lt.",
        ),
        (  # "Name of Organisation"
            '"Markets fear more tariffs," Park Sung-hoon of Mirae Asset said in a note.',
            "Park Sung-hoon",
            "Mirae Asset",
        ),
        (  # capitalised job title in the appositive
            '"Rates will stay put," Hussein Sayed, Chief Market Strategist at FXTM, said.',
            "Hussein Sayed",
            "Chief Market Strategist at FXTM",
        ),
        (  # the possessor is not the speaker; the name after the comma is
            "“Nobody prints fewer than 1,000 copies,” says Campbell’s partner, Jason Louth.",
            "Jason Louth",
            "Campbell’s partner",
        ),
        (  # an inverted cue set off by commas: the speaker follows it, not the subject before
            "Assuming MPs sit facing each other, asks Policy Options editor Jennifer Ditchburn, "
            "“has anyone considered whether other designs might work better?”",
            "Jennifer Ditchburn",
            "Policy Options editor",
        ),
        (  # "the Institute's Name"
            "“Infrastructure just sounds like a good thing,” said the IFSD’s Azfar Ali Khan.",
            "Azfar Ali Khan",
            None,
        ),
    ],
)
def test_speaker_and_title(text: str, speaker: str, title: str | None) -> None:
    quote = only(text)
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # surname back to the full name
            'John Delury spoke on Monday.\n\n"The talks will resume within weeks," Delury said.',
            "John Delury",
        ),
        (  # pronoun back to the last person named
            'Moon Jae-in met reporters.\n\n"We must keep the door open to dialogue," he said.',
            "Moon Jae-in",
        ),
        (  # Korean family name first: "Kim" is the Kim mentioned last
            "Kim Jong Un inspected the site. Kim Yo Jong issued a statement.\n\n"
            '"This is a grave provocation against our state," Kim said.',
            "Kim Yo Jong",
        ),
        (  # pronoun to the person just introduced as a subject, not the earlier speaker
            '"Sanctions are working," said Victor Cha.\n\n'
            "Park Ji-won also rejoiced with the crowd down the street. "
            '"I think talks are the only way," he said.',
            "Park Ji-won",
        ),
        (  # "she" skips the man named in between
            "Lee Hye-jin questioned that logic, saying there are limits on her ability to "
            "detain Choi Min-ho, who has adopted the name Kang Dae-sung.\n\n"
            '"Nothing in that decision makes anyone safer," she said.',
            "Lee Hye-jin",
        ),
        (  # a name inside the quotation is not who "he" is
            'Moon Jae-in met reporters on Monday.\n\n"I told Donald Trump we need talks," he said.',
            "Moon Jae-in",
        ),
        (  # a place or an organisation is not a person to refer back to
            "Ahn Cheol-soo spoke after the vote. Samsung Electronics shares fell at the Korea "
            'Exchange.\n\n"It was a hard night for everyone," he said.',
            "Ahn Cheol-soo",
        ),
        (  # a role left as written when no name fits it
            '"We are reviewing every option on the table," the ministry said.',
            "the ministry",
        ),
    ],
)
def test_references_resolve(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


def test_split_and_continued_quotes_share_the_speaker() -> None:
    text = (
        "Victor Cha, a Korea expert at CSIS, spoke to reporters.\n\n"
        '"The summit was a start," Cha said, "but only a start."\n\n'
        '"Nothing has been agreed on the nuclear programme yet."'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Victor Cha"] * 3


def test_multi_paragraph_quote_takes_the_later_cue() -> None:
    text = '"The first part has no cue of its own.\n\n"The second part does," said Cha Du-hyeogn.'
    assert [q.speaker for q in extract_quotes(text)] == ["Cha Du-hyeogn"] * 2


@pytest.mark.parametrize(
    ("text", "key_quotes"),
    [
        (
            'Kwon Young-se told reporters: "We are monitoring the situation closely."\n\n'
            '"North Korea has chosen isolation over the prosperity it was offered in Singapore '
            'and will pay for it," said Victor Cha, a Korea expert at CSIS.',
            [
                "North Korea has chosen isolation over the prosperity it was offered in Singapore "
                "and will pay for it"
            ],
        ),
        ('"Nobody knows who fired the shot across the border last night," he said.', []),
        ('"Yes, we will," said Kim Yo Jong.', []),
    ],
)
def test_key_quotes(text: str, key_quotes: list[str]) -> None:
    assert [q.quote for q in extract_quotes(text) if q.key] == key_quotes


def test_at_most_two_key_quotes() -> None:
    text = "\n\n".join(
        f'"{name} believes the sanctions regime has failed to change anything in Pyongyang '
        f'at all," said {name}.'
        for name in ("Victor Cha", "John Delury", "Andrei Lankov", "Sue Mi Terry")
    )
    assert sum(q.key for q in extract_quotes(text)) == 2
