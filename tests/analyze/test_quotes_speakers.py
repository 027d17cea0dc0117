"""Who said it, from what is written beside the cue: ages, relative clauses, titles, acronyms."""

from __future__ import annotations

import pytest

from bot.analyze.acronyms import is_acronym, spell_out
from bot.analyze.quotes import extract_quotes


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # an age between the name and the cue is no description
            "Police moved in at dawn.\n\n"
            '"We are not going to stop," Park Min-ji, 25, said as the crowd moved on.',
            "Park Min-ji",
        ),
        (  # a role with a relative clause before its cue is the role
            "Thousands of letters reached the ministry.\n\n"
            '"This is an outrage," a citizen, whose name is redacted, wrote on Aug. 29.',
            "a citizen",
        ),
        (  # a first verb between the subject and the cue: the subject of both
            "Park Min-ji filed the papers in February.\n\n"
            "In a statement, the Immigration Office (IO) did not reveal any details, but said "
            '"the government has obligations under international conventions."',
            "Immigration Office",
        ),
        (  # ... a pronoun subject too
            "Kim Yu-na met Lee Min-ho at the party. Later she picked up the rose and crowed, "
            '"Oh, it is my rose."',
            "Kim Yu-na",
        ),
        (  # a crowd is a speaker as written, not the last person named
            "Organiser Kim Min-seok addressed the rally in Seoul.\n\n"
            'As speakers listed their complaints, protesters chanted "Yoon must go!"',
            "protesters",
        ),
        (  # "the" before a title belongs to the title, not to a role
            "Churches opened their doors overnight.\n\n"
            '"The city will never go back to normal," said the Rev. Peter Wherry, of Mayfield '
            "Church.",
            "Peter Wherry",
        ),
    ],
)
def test_the_mention_beside_the_cue(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


def test_a_new_sentence_after_a_quote_is_the_writers() -> None:
    text = (
        '"We are very pleased with the first year," says director Kim Soo-jin. '
        '"We are setting ourselves up for the second." While some critics say the state '
        "should not pay a middle man, Kim says the model works."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Kim Soo-jin"] * 2


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # "it" is the organisation the sentence before was about
            "Export Development Canada (EDC) insures foreign investments.\n\n"
            "EDC declined to answer most questions about the policy. "
            '"We are obligated to respect the confidentiality of our clients," it said.',
            "Export Development Canada",
        ),
        (  # the organisation heard speaking comes first
            "Samsung Electronics said on Monday it would appeal. "
            "The Fair Trade Commission declined to comment further.\n\n"
            '"We will take every legal step to protect our rights," it said.',
            "Samsung Electronics",
        ),
    ],
)
def test_it_is_an_organisation(text: str, speaker: str | None) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("acronym", "text", "spelled"),
    [
        ("JCS", "South Korea's Joint Chiefs of Staff (JCS) said", "Joint Chiefs of Staff"),
        ("KCNA", "the Korean Central News Agency (KCNA) said", "Korean Central News Agency"),
        (
            "IRCC",
            "Immigration, Refugees and Citizenship Canada (IRCC) said",
            "Immigration, Refugees and Citizenship Canada",
        ),
        ("NIS", "the spy agency (NIS) said", None),  # no capitals that spell it
        ("NIS", "the NIS said", None),  # never spelled out
    ],
)
def test_spell_out(acronym: str, text: str, spelled: str | None) -> None:
    assert spell_out(text, acronym, len(text)) == spelled


@pytest.mark.parametrize(
    ("name", "expected"),
    [("EDC", True), ("U.N.", True), ("Kim", False), ("K", False), ("KOREA-2", False)],
)
def test_is_acronym(name: str, expected: bool) -> None:
    assert is_acronym(name) is expected


def test_a_quoted_acronym_speaker_is_spelled_out() -> None:
    text = (
        "The Joint Chiefs of Staff (JCS) tracked the launch.\n\n"
        '"Our military is maintaining full readiness," the JCS said.'
    )
    assert extract_quotes(text)[-1].speaker == "Joint Chiefs of Staff"


def test_a_zero_width_space_left_by_scraping_hides_no_speaker() -> None:
    text = (
        "The owners, Park Ji-hoon and Lee Soo-min, said they respected the vote.\n\n"
        "Union leader Jeff Traeger\u200b said he expects the union to help with scheduling.\n\n"
        '"Do you want to eat a cheaper dinner off the backs of somebody?" he said.'
    )
    quote = extract_quotes(text)[-1]
    assert quote.speaker == "Jeff Traeger"
    assert text[quote.start : quote.end] == quote.quote


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (  # a writer's sentence opened by another person hands the next quote to them
            '"I always felt it deserved to be longer," says Ahn Eun-me. "It is fascinating." '
            'Kim Sung-yong did not need much coaxing. "I am thankful for the invitation."',
            ["Ahn Eun-me", "Ahn Eun-me", "Kim Sung-yong"],
        ),
        (  # the first quote's own cue is no new sentence: its speaker goes on
            "Kim Sung-yong made 33 saves.\n\n"
            '"He let us hang in there," Hurricanes coach Ahn Eun-me said.\n\n'
            '"The positive is we came here against one of the best teams."',
            ["Ahn Eun-me", "Ahn Eun-me"],
        ),
    ],
)
def test_a_quote_without_a_cue(text: str, speakers: list[str]) -> None:
    assert [q.speaker for q in extract_quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We regret the decision," the Unification Ministry said.', "Unification Ministry"),
        (
            "The U.S. State Department would not comment on the launch, but noted, "
            '"Launches using ballistic missile technology violate U.N. resolutions."',
            "U.S. State Department",
        ),
        (  # a titled person before an organisation's long name
            '"A designation is not foolproof," said Mr. Fanusie of the Center for a New American '
            "Security.",
            "Fanusie",
        ),
        (  # the role's own article, not the words before it
            "In a statement seeking bankruptcy protection the company said it: "
            '"could not continue to contend with legal manoeuvres."',
            "the company",
        ),
        (  # who issued the statement, not the statement
            'But Teneo issued a statement saying that "the memo shows we encouraged clients."',
            "Teneo",
        ),
    ],
)
def test_organisations_and_titles(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


def test_a_stammer_is_said() -> None:
    text = 'The host teased Park Bo-gum about it.\n\nPark Bo-gum laughed and stuttered, "I … I …"'
    quote = extract_quotes(text)[-1]
    assert (quote.quote, quote.speaker) == ("I … I …", "Park Bo-gum")


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (  # "he added" right after a named speaker's quote: the same speaker
            "Prosecutors charged Kim Keon-hee and Yoon Suk Yeol on Monday.\n\n"
            '"The investigation found abuses of authority," special prosecutor Min said. '
            '"Kim readily accepted high-value gifts," he added.',
            ["Min", "Min"],
        ),
        (  # "he" before another name in its clause is unsure: not that name
            'Ice Cube, the rapper and actor, wrote on Twitter: "Free at last!" '
            'He tagged Mr. Musk and wrote, "Take off my shadow ban."',
            ["Ice Cube", "Ice Cube"],
        ),
    ],
)
def test_a_pronoun_goes_on_with_the_speaker(text: str, speakers: list[str]) -> None:
    assert [q.speaker for q in extract_quotes(text)] == speakers
