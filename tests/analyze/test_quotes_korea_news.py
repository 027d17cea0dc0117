"""extract_quotes on patterns of Korea news found by judging its output on Korea articles.

Each case is an invented sentence written in the way Yonhap, KCNA, the Korea Herald and wire
stories on Korea write (no article text is copied here).
"""

from __future__ import annotations

import pytest

from bot.analyze.quotes import extract_quotes
from bot.analyze.titles import shown_title


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (  # the agency relays; the words are the leader's
            "Kim Jong Un toured a munitions factory on Monday.\n\n"
            '"Our nuclear force will grow without limit," KCNA quoted Kim as saying.',
            "Kim Jong Un",
            None,
        ),
        (  # the same with the cue before the quote
            "North Korean leader Kim Jong Un visited the plant.\n\n"
            'KCNA quoted Kim as saying, "We must build launchers at an unprecedented speed."',
            "Kim Jong Un",
            "North Korean leader",  # as introduced
        ),
        (  # a pronoun object is resolved like a pronoun subject
            "Kim Yo Jong criticised the drills.\n\n"
            '"The puppets will pay a high price for this reckless act," the Korean Central News '
            "Agency quoted her as saying.",
            "Kim Yo Jong",
            None,
        ),
        (  # an indirect object between the verb and the colon
            "Kim Jong Un inspected a shipyard.\n\n"
            "The Rodong Sinmun quoted Kim Jong Un as telling the workers: "
            '"Build faster and better than ever before."',
            "Kim Jong Un",
            None,
        ),
        (  # the person quoted can be a role
            "The ministry released trade figures on Friday.\n\n"
            '"Exports will recover in the second half of the year," Yonhap quoted a ministry '
            "official as saying.",
            "a ministry official",
            None,
        ),
        (  # with a description, the description is the title
            "Seoul raised its alert level.\n\n"
            '"We will answer any provocation with overwhelming force," the agency quoted North '
            "Korean leader Kim Jong Un as saying.",
            "Kim Jong Un",
            "North Korean leader",
        ),
        (  # the passive is still the subject's quote, not the agency's
            "Kim Jong Un oversaw the launch.\n\n"
            '"This shows our deterrent is reliable," Kim was quoted by KCNA as saying.',
            "Kim Jong Un",
            None,
        ),
    ],
)
def test_relayed_speech_is_the_quoted_persons(text: str, speaker: str, title: str | None) -> None:
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


def test_the_agency_speaking_for_itself_stays_the_agency() -> None:
    text = (
        "North Korea launched a missile on Sunday.\n\n"
        '"The test confirmed the reliability of the new engine," the Korean Central News Agency '
        "said."
    )
    assert extract_quotes(text)[-1].speaker == "Korean Central News Agency"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # a title the title-word list does not know stays out of the name
            "National Security Adviser Wi Sung-lac briefed reporters on the summit.\n\n"
            '"The two leaders will discuss supply chains," Wi said.',
            "Wi Sung-lac",
        ),
        (  # a ministry named with "of ... and ..." before the name
            "The task force was chaired by Minister of Science and ICT Bae Kyung-hoon.\n\n"
            '"The government will act as one team on this breach," Bae said.',
            "Bae Kyung-hoon",
        ),
        (
            "Shinhan Bank CEO and Chair Ahn Jae-won was named for a second term on Friday.\n\n"
            '"I will focus on turning the strategy into results," Ahn said.',
            "Ahn Jae-won",
        ),
        (  # a family name that is also an English word, written in lower case elsewhere
            "Opposition floor leader Song Eon-joo attended the memorial with a song choir.\n\n"
            '"Nobody has been held accountable for the crash," Rep. Song said.',
            "Song Eon-joo",
        ),
        (
            "The inquiry was led by special prosecutor Min Jae-ki, who spoke at 10 min past nine."
            "\n\n"
            '"The former first lady abused her position in several cases," Min said.',
            "Min Jae-ki",
        ),
        (  # three-word names, KCNA style, after an unknown title
            "Deputy Chairman of the Commission Ri Pyong Chol watched the launch.\n\n"
            '"The new engine worked perfectly," Ri said.',
            "Ri Pyong Chol",
        ),
    ],
)
def test_korean_family_first_names_widen(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # a park, not a person named Han
            "Crowds filled Seoul Han River Park on Saturday.\n\n"
            '"The fireworks were the best in years," said Jo Kwang-ho, a visitor.',
            "Jo Kwang-ho",
        ),
    ],
)
def test_places_are_not_korean_names(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # a conjunction opening the sentence is not part of the name a pronoun points to
            "Kim Mi-ran has not seen her daughter for years. Unless Kim crosses back, she has no "
            "way to reach her.\n\n"
            '"I cannot sleep at night thinking of her," she said.',
            "Kim Mi-ran",
        ),
        (  # a spelled-out count opening a sentence is not part of the company's name
            "Ninety-four KT servers had been infected, the ministry said.\n\n"
            '"We take the findings seriously and will announce compensation soon," KT said.',
            "KT",
        ),
        (  # a weekday dates a clause; "it" is the panel, never "Tuesday"
            "South Korea on Tuesday announced new sanctions on the North.\n\n"
            '"The sanctions are a matter of principle and will stay," it said.',
            "South Korea",
        ),
    ],
)
def test_sentence_openers_are_not_names(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


def test_an_adverb_opening_the_sentence_is_no_speaker() -> None:
    text = (
        "The drone case drew no answer. Indeed, the defence minister, when his excuse did not "
        'work, expressed doubt, saying that "it is impossible to confirm it strategically."'
    )
    assert extract_quotes(text)[-1].speaker != "Indeed"


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (  # unnamed officials stay as written, never the last person named
            "Adam Brandt, the Treasury's sanctions chief, briefed reporters.\n\n"
            '"We think more people in the North see change coming," said a senior U.S. official '
            "who helped write the report.",
            "a senior U.S. official",
            None,
        ),
        (
            "Unification Minister Chung Dong-young met reporters.\n\n"
            '"We see no sign of a reply so far," said a senior ministry official on condition of '
            "anonymity.",
            "a senior ministry official",
            None,
        ),
        (  # an organisation before the role is the role's, not a speaker
            "Foreign ministers met in Brussels.\n\n"
            '"This is about supporting our allies in Asia," said one EU diplomat involved in the '
            "talks.",
            "one EU diplomat",
            None,
        ),
        (  # a family name alone names nobody, and never widens to another Kim
            "Coupang founder Kim Bom-seok apologised on Sunday.\n\n"
            '"The coupons are useless for what I buy," said a Coupang customer surnamed Kim.',
            "a Coupang customer surnamed Kim",
            None,
        ),
        (  # a role, then the name
            "Samsung Electronics shares fell on Tuesday.\n\n"
            '"Memory prices will keep rising through next year," said a Samsung spokesman, '
            "Park Ji-hoon.",
            "Park Ji-hoon",
            "Samsung spokesman",
        ),
        (  # organisation, lower-case title, name: the name, titled with both
            "Shinhan Financial agreed to buy the bank.\n\n"
            '"We moved fast and that won it," said Shinhan Financial chief executive Jin Ok-dong '
            "at a press conference.",
            "Jin Ok-dong",
            "Shinhan Financial chief executive",
        ),
    ],
)
def test_inverted_cues_on_korea_wires(text: str, speaker: str, title: str | None) -> None:
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # the statement the quote before was given in
            "Coupang founder Kim Bom-seok apologised on Sunday. "
            '"I sincerely apologise to every customer," Kim said in a written statement issued by '
            'the company. "I failed to communicate clearly from the start," the statement read.',
            "Kim Bom-seok",
        ),
        (  # the statement the last speaker was said to issue
            "The Unification Ministry said in a statement on Friday that it regretted the move.\n\n"
            '"We urge the North to return to talks without conditions," the statement said.',
            "Unification Ministry",
        ),
        (  # a statement someone else gave in between: left as written
            '"It is a matter of calibration," Park Ji-won told CNN.\n\n'
            "Asked about arms sales, a spokesperson for the ministry told CNN in a statement that "
            "the two were partners.\n\n"
            '"Such cooperation does not violate any law," the statement said.',
            "the statement",
        ),
        (  # nobody issued a statement
            '"We urge the North to return to talks without conditions," the statement said.',
            "the statement",
        ),
    ],
)
def test_a_statement_speaks_for_its_author(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


WRAPPED = (
    "South Korea will cut tariffs on 50 more U.S. goods next month to\n"
    "ease trade friction with Washington, a trade ministry official\n"
    "said.\n"
    '    "We will keep opening our market step by step so that the surplus\n'
    'with the United States stops growing this year," said the official,\n'
    "who asked not to be named.\n"
    "    Deputy Prime Minister Kim Mahn-je told reporters the won would\n"
    "rise gradually.\n"
    '    "A sudden revaluation would hurt our exporters badly and we do\n'
    'not intend one," Kim said.\n'
)


def test_hard_wrapped_wire_quotes_run_over_line_ends() -> None:
    quotes = extract_quotes(WRAPPED)
    assert [q.quote.split()[-1] for q in quotes] == ["year", "one"]
    assert [q.speaker for q in quotes] == ["the official", "Kim Mahn-je"]
    assert all(WRAPPED[q.start : q.end] == q.quote for q in quotes)


def test_web_copy_line_breaks_still_end_paragraphs() -> None:
    text = (
        '"We will keep opening our market step by step so that the surplus with the United '
        "States stops growing this year, and beyond that\n"
        "Samsung Electronics said on Friday its profit doubled in the quarter thanks to memory."
    )
    assert extract_quotes(text)[0].quote.endswith("beyond that")


def test_a_department_named_after_of_is_part_of_the_title() -> None:
    text = (
        "Secretary of Commerce Malcolm Baldrige met South Korea's trade minister.\n\n"
        '"Seoul has to let the won rise faster than it has so far," Baldrige said.'
    )
    assert extract_quotes(text)[-1].speaker == "Malcolm Baldrige"


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (  # scraped paragraphs glued without a break: the title stops at the lost break
            "The carrier will widen its benefits from January."
            "“We aimed to make the compensation long-lasting and generous,” said Kwon Hee-keun, "
            "head of KT’s marketing unit.KT also announced a new security task force.",
            "Kwon Hee-keun",
            "head of KT’s marketing unit",
        ),
        (  # a relative clause says what someone did, not what they are
            "Go players were stunned.\n\n"
            '"To be honest we are a bit stunned and speechless," said Demis Hassabis, who earlier '
            "tweeted that the win was historic.",
            "Demis Hassabis",
            None,
        ),
        (  # a participle phrase before the name is the writer's, not a title
            "Testifying at a hearing on rice imports, Rep. Park Jin-ho (D-Seoul), said: "
            '"We will not open the market this year."',
            "Park Jin-ho",
            "Representative",
        ),
        (
            '"We cannot sell below cost any longer," said Andrew Amer, with the attorney '
            "general's office.",
            "Andrew Amer",
            None,
        ),
    ],
)
def test_a_title_is_a_description_not_a_clause(text: str, speaker: str, title: str | None) -> None:
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (  # a capitalised office in the name run
            "Science Minister Bae Kyung-hoon spoke on Tuesday.\n\n"
            '"We cannot agree with that claim at all," Bae said.',
            "Bae Kyung-hoon",
            "Science Minister",
        ),
        (  # an apposition after the name
            '"The easing cycle could end early next year," Kim Jong-min, an analyst at Samsung '
            'Securities, said in a report. "Volatility could rise in the second half," Kim said.',
            "Kim Jong-min",
            "analyst at Samsung Securities",
        ),
        (  # a lower-case office before the name, with the organisation before it
            "The People Power Party floor leader Song Eon-seog visited the site.\n\n"
            '"Nobody has been held accountable for the crash," Song said.',
            "Song Eon-seog",
            "People Power Party floor leader",
        ),
        (
            "The team, led by special prosecutor Min Joong-ki, wrapped up its work.\n\n"
            '"The former first lady abused her position in several cases," Min said.',
            "Min Joong-ki",
            "special prosecutor",
        ),
        (  # an honorific gives way to the office
            "Deputy Prime Minister Choi Sang-mok met bankers.\n\n"
            '"Markets will stay stable whatever happens abroad," Mr. Choi said.',
            "Choi Sang-mok",
            "Deputy Prime Minister",
        ),
        (  # a place or a party is no office
            "Republican Tom Cotton spoke in Seoul.\n\n"
            '"The alliance is stronger than ever before," Cotton said.',
            "Tom Cotton",
            None,
        ),
    ],
)
def test_a_bare_speaker_takes_the_office_they_were_introduced_with(
    text: str, speaker: str, title: str | None
) -> None:
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


@pytest.mark.parametrize(
    "text",
    [
        '"The vote will be on Wednesday," the U.S. mission to the United Nations said.',
        '"The resolution ignores our legitimate right to self-defence," North Korea\'s mission '
        "to the United Nations said.",
    ],
)
def test_a_mission_to_an_organisation_is_a_role(text: str) -> None:
    assert "mission to the United Nations" in (extract_quotes(text)[-1].speaker or "")


def test_a_name_set_beside_a_role_is_a_person_a_pronoun_can_mean() -> None:
    text = (
        "President Park Geun-hye called on China to do more.\n\n"
        "The U.S. special envoy for North Korea, Sung Kim, met his counterparts in Seoul on "
        "Wednesday.\n\n"
        '"We cannot take a business as usual approach to this provocation," he said.'
    )
    assert extract_quotes(text)[-1].speaker == "Sung Kim"


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (  # KCNA's honorific adjectives are no part of the title
            "The respected Comrade Kim Jong Un said on the spot: "
            '"The test is an appropriate military action."',
            "Kim Jong Un",
            "Comrade",
        ),
        (  # an honorific gives way to the office the person was introduced with
            "Kim Jong Un, general secretary of the Workers' Party of Korea, inspected the unit. "
            'Respected Comrade Kim Jong Un said: "We will never give up our nuclear forces."',
            "Kim Jong Un",
            "general secretary of the Workers' Party of Korea",
        ),
        (  # a title cut short of its office is no title ("... Science and ICT")
            '"The breach is grave," Deputy Prime Minister and Minister of Science and ICT Bae '
            "Kyung-hoon said.",
            "Bae Kyung-hoon",
            None,
        ),
        (
            "Federal Reserve Chair Jerome Powell spoke in Seoul.\n\n"
            '"Inflation is still too high," Powell said.',
            "Jerome Powell",
            "Federal Reserve Chair",
        ),
    ],
)
def test_honorifics_and_offices(text: str, speaker: str, title: str | None) -> None:
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


def test_a_word_after_u_s_is_no_person() -> None:
    text = (
        "Malcolm Baldrige said he urged Seoul to remove the taxes on imported U.S. Cars which "
        "can treble their price.\n\n"
        '"We want to stop that before there is trouble down the road," he said.'
    )
    assert extract_quotes(text)[-1].speaker == "Malcolm Baldrige"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a dateline glued to the first sentence is no part of the office
            "PYONGYANG North Korean leader Kim Jong Un opened the party congress.\n\n"
            '"Our Republic will not use nuclear weapons first," KCNA quoted Kim as saying.',
            "North Korean leader",
        ),
        (  # an organisation's initials opening a paragraph are
            "CIA Director William Burns flew to Seoul on Monday.\n\n"
            '"The North is preparing another test," Burns said.',
            "CIA Director",
        ),
    ],
)
def test_a_dateline_is_no_title(text: str, title: str) -> None:
    assert extract_quotes(text)[-1].speaker_title == title


def test_a_verb_before_the_name_is_no_title() -> None:
    text = (
        '"The warheads have been standardised," KCNA quoted Kim Jong Un as saying as he toured '
        'the institute, adding "this is a true nuclear deterrent".'
    )
    assert extract_quotes(text)[-1].speaker_title != "KCNA quoted"


def test_it_is_the_organisation_of_something_that_spoke_last() -> None:
    text = (
        "A U.N. panel that monitors sanctions released its report on Tuesday.\n\n"
        'North Korea has been "effective in evading sanctions," the Panel of Experts said.\n\n'
        '"The reasons are diverse, but include a lack of political will," it said.'
    )
    assert extract_quotes(text)[-1].speaker == "Panel of Experts"


def test_organisers_are_a_role() -> None:
    text = (
        "The Busan festival honours director Park Chan-wook this year.\n\n"
        '"His films are forceful and charged, yet reticent and musical," organisers said in a '
        "statement."
    )
    assert extract_quotes(text)[-1].speaker == "organisers"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "The task force was chaired by Deputy Prime Minister and Minister of Science and ICT "
            'Bae Kyung-hoon.\n\n"The government will act as one team," Bae said.',
            "Minister of Science and ICT",
        ),
        (
            "Minister of Trade, Industry and Energy Kim Jung-kwan flew to Washington.\n\n"
            '"Tariff talks will go on this week," Kim said.',
            "Minister of Trade, Industry and Energy",
        ),
        (  # the sentence before is no part of it
            "The report went to Congress. Secretary of State Antony Blinken briefed senators."
            '\n\n"Pyongyang is preparing a seventh test," Blinken said.',
            "Secretary of State",
        ),
    ],
)
def test_an_office_of_a_named_ministry(text: str, title: str) -> None:
    assert extract_quotes(text)[-1].speaker_title == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Han Seo-yeon, a senior fellow at the Seoul Institute for Policy, said the timing "
            'mattered. "They want to be seen doing it," Han said.',
            "senior fellow at the Seoul Institute for Policy",
        ),
        (
            "Oh Jae-min, a columnist for the Daily Herald, doubted the plan. "
            '"Nobody in Seoul believes the numbers," Oh said.',
            "columnist for the Daily Herald",
        ),
    ],
)
def test_a_commentator_quoted_by_surname_keeps_the_description_given_first(
    text: str, title: str
) -> None:
    [quote] = extract_quotes(text)
    assert (quote.speaker, quote.speaker_title) == (text.split(",")[0], title)


def test_a_name_with_a_generational_suffix_is_found_again_by_surname() -> None:
    text = (
        "Adm. Samuel Paparo Jr. sent a New Year's message. "
        '"We must keep a combined defense," Paparo said. Beijing drilled near the Taiwan Strait. '
        'In the message, Paparo praised the allies. "Our task is to act," he said.'
    )
    assert [quote.speaker for quote in extract_quotes(text)] == ["Samuel Paparo Jr."] * 2


@pytest.mark.parametrize(
    "text",
    [
        'Presidential chief of staff Park Min-soo visited Warsaw. "The deal is done," Park said.',
        '"The deal is done," presidential chief of staff Park Min-soo said.',
    ],
)
def test_chief_of_staff_is_one_office(text: str) -> None:
    [quote] = extract_quotes(text)
    assert quote.speaker == "Park Min-soo"
    assert (quote.speaker_title or "").lower() == "presidential chief of staff"


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Mr.", None),
        ("Ms", None),
        ("van", None),
        ("Adm.", "Admiral"),
        ("Rep.", "Representative"),
        ("head of the Seoul police agency on Monday", "head of the Seoul police agency"),
        ("Science Minister", "Science Minister"),
        ("Commander Gen.", "Commander Gen."),
        (None, None),
    ],
)
def test_a_title_is_shown_as_a_description_of_the_speaker(
    title: str | None, shown: str | None
) -> None:
    assert shown_title(title) == shown


def test_mr_says_nothing_of_who_spoke() -> None:
    [quote] = extract_quotes('"We will not back down," Mr. Moon Jae-hyun said on Friday.')
    assert (quote.speaker, quote.speaker_title) == ("Moon Jae-hyun", None)


def test_a_special_counsel_is_an_office() -> None:
    text = 'Special Counsel Min Joong-ki briefed reporters. "We found new evidence," Min said.'
    [quote] = extract_quotes(text)
    assert (quote.speaker, quote.speaker_title) == ("Min Joong-ki", "Special Counsel")


def test_he_is_never_someone_the_article_calls_the_late() -> None:
    text = (
        "Donald Trump praised the talks on Sunday. Trump recalled advice from his father, the late "
        'Fred Trump, about tough negotiators. "Good words do not mean it will work," he said.'
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == "Donald Trump"
