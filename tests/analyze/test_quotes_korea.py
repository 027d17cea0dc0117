"""extract_quotes on Korea wire text: agencies, family-name-first names, appositions, roles."""

from __future__ import annotations

import pytest

from bot.analyze.quotes import extract_quotes


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (  # an organisation named "X of Y" stays whole
            "North Korea fired a missile, South Korea's Joint Chiefs of Staff said.\n\n"
            '"Our military is maintaining full readiness," the Joint Chiefs of Staff said '
            "in a statement.",
            "Joint Chiefs of Staff",
            None,
        ),
        (  # description, name, cue: the name, not the company of the paragraph before
            "Rival SK Hynix posted record results last week.\n\n"
            "Samsung Electronics said on Thursday its profit doubled. "
            '"Memory demand from AI data centres remains far ahead of supply," '
            "Samsung's chief financial officer, Choi Yun-ho, told analysts on a conference call.",
            "Choi Yun-ho",
            "Samsung's chief financial officer",
        ),
        (  # the title stops where the apposition ends
            '"We will negotiate in a way that keeps the alliance strong," said Lee Min-jae, '
            "South Korea's chief negotiator, before the session began.",
            "Lee Min-jae",
            "South Korea's chief negotiator",
        ),
        (  # an unnamed office holder is the role as written, never a name met earlier
            "The launch was confirmed by South Korea's Joint Chiefs of Staff.\n\n"
            '"This is a clear violation of UN Security Council resolutions," '
            "Japan's chief cabinet secretary told a news conference in Tokyo.",
            "Japan's chief cabinet secretary",
            None,
        ),
        (
            '"We will never tolerate this," said Kim Yo Jong, vice department director of the '
            "WPK Central Committee, in a statement carried by KCNA.",
            "Kim Yo Jong",
            "vice department director of the WPK Central Committee",
        ),
        (
            '"We urge the North to respond to our offer of talks without delay," '
            "a spokesperson for the Unification Ministry told reporters.",
            "a spokesperson for the Unification Ministry",
            None,
        ),
        (  # a parenthetical between the name and its description
            '"The committee will subpoena the documents," Rep. Jim Jordan (R-Ohio), '
            "a panel member, said.",
            "Jim Jordan",
            "panel member",
        ),
        (
            '"Korea and Japan share too much to let old disputes decide our future," '
            "South Korea's presidential spokesperson, Yoon Hae-jin, told reporters in Seoul.",
            "Yoon Hae-jin",
            "South Korea's presidential spokesperson",
        ),
    ],
)
def test_wire_speakers(text: str, speaker: str, title: str | None) -> None:
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (  # a party described in lower case is still the party the person is of
            '"This is a cheap trick of promotion," Kim Gi-hyeon of the main opposition People '
            "Power Party said.",
            "Kim Gi-hyeon",
            "main opposition People Power Party",
        ),
        (  # an honorific wins over the party as the title
            '"This is a cheap trick," Rep. Lee Yong-woo of the ruling Democratic Party said.',
            "Lee Yong-woo",
            "Representative",
        ),
        (  # a ministry is one name, not the title "Unification" and the name "Ministry"
            '"North Korea should respond to our efforts," the Unification Ministry said.',
            "Unification Ministry",
            None,
        ),
    ],
)
def test_parties_and_ministries(text: str, speaker: str, title: str | None) -> None:
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # "it" is the organisation heard last, a place name kept whole
            "North Korea said its drills were defensive.\n\n"
            '"The puppet forces will pay dearly for their provocation," it said in a statement '
            "carried by KCNA.",
            "North Korea",
        ),
        (  # Yonhap dateline, "Kim" alone is the Kim introduced last
            "(LEAD) N. Korea fires missile\n\nSEOUL, Nov. 27 (Yonhap) -- Kim Jong Un inspected "
            "the site. Kim Yo Jong issued a statement.\n\n"
            '"This is a grave provocation against our state," Kim said.',
            "Kim Yo Jong",
        ),
        (  # a family name with a title: the Kim introduced with that title, not the last Kim
            "Prosecutors indicted former first lady Kim Keon-hee on Friday. Former prosecutor "
            "Kim Sang-min was also charged.\n\n"
            '"I will prove my innocence in court," first lady Kim said in a statement.',
            "Kim Keon-hee",
        ),
        (  # a quote with no cue belongs to whoever spoke in the paragraph before
            "Victor Cha, a Korea expert at CSIS, said the talks had stalled.\n\n"
            '"Nobody in Washington expects a breakthrough this year."',
            "Victor Cha",
        ),
        (  # a role stays as written rather than guessing a name
            "Lee Jae-sung scored his first goal for the national team on Tuesday.\n\n"
            '"I will remember this night for a long time," said the young striker.',
            "the young striker",
        ),
        (  # "her statement" is what she said
            "Kang Kyung-wha issued a statement on Friday.\n\n"
            '"We regret the decision and will respond firmly," her statement read.',
            "Kang Kyung-wha",
        ),
    ],
)
def test_wire_references(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        '"Our military is maintaining full readiness," the Joint Chiefs of Staff said.',
        "“Our military is maintaining full readiness,” the Joint Chiefs of Staff said.",
    ],
)
def test_span_stops_before_the_comma_inside_the_marks(text: str) -> None:
    quote = extract_quotes(text)[0]
    assert quote.quote == "Our military is maintaining full readiness"
    assert text[quote.start : quote.end] == quote.quote
