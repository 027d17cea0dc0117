"""The words that tell a speaker mention apart: titles, role nouns and sentence glue.

Kept apart from the parsing rules in `mentions` so the vocabulary can grow without the rules
moving; all lower case.
"""

from __future__ import annotations

ROLE_NOUNS = (
    "ministry|minister|spokesman|spokeswoman|spokesperson|official|officials|agency|statement|"
    "report|analyst|analysts|expert|experts|source|sources|president|leader|police|company|"
    "government|office|department|commission|committee|military|army|media|newspaper|paper|"
    "network|campaign|group|council|court|prosecutors|prosecutor|lawyer|lawyers|attorney|"
    "spokespeople|representative|embassy|mission|ambassador|diplomat|diplomats|researcher|researchers|"
    "observers|critics|residents|students|members|officer|officers|authorities|team|coach|"
    "chairman|chairwoman|director|head|chief|mayor|governor|senator|lawmaker|lawmakers|"
    "professor|scholar|economist|economists|board|union|party|white house|kcna|agency|"
    "secretary|negotiator|envoy|staff|aide|aides|adviser|advisor|spokespeople|strategist|"
    "worker|workers|witness|witnesses|victim|victims|manager|owner|founder|operator|firm|"
    "protesters|protestors|demonstrators|activists|supporters|opponents|voters|fans|parents|crowd|"
    "organisers|organizers|counsel"
)
TITLE_WORDS = frozenset(
    str.split(
        """president vice prime minister secretary sen senator rep representative gov governor
    mr mrs ms
    miss dr gen general chairman chairwoman leader chief director ambassador spokesman spokeswoman
    spokesperson deputy foreign defense defence unification commissioner premier mayor judge justice
    pope king queen prince princess lt col adm admiral sgt capt coach chancellor speaker attorney
    executive ceo professor prof rev sheriff detective const constable insp supt officer commander
    marshal lieutenant councillor councilor coun mp mla mpp state first lady supreme u.s. us un
    north south korean chinese american canadian republican democratic democrat gop former sir
    dame lord new party workers central committee department director-general secretary-general
    national assembly house white liberal conservative ndp treasury finance trade health commerce
    agriculture chair comrade"""
    )
)

FUNCTION_WORDS = frozenset(
    str.split(
        """in on at the but and however meanwhile also after when while as for if last this that
    speaking asked a an it its there then so yet still now though although because since with to
    from by of about according despite during under over before until like unlike among between
    through without within somehow story read more photo video watch related organizer meanwhile
    instead yes no even only why what how where who here today yesterday both rival whereas
    critics some many article continued continues below advertisement unless indeed
    moreover furthermore nevertheless nonetheless therefore thus hence otherwise whether perhaps
    maybe separately likewise similarly additionally accordingly ultimately consequently
    respected beloved"""
    )
)

# Auxiliaries and adverbs between a subject and its cue verb ('Kim has also said').
AUX_WORDS = frozenset(
    str.split(
        "also later then has had have would will was were is quoted as once further previously "
        "earlier again recently simply only just repeatedly reportedly publicly privately finally "
        "initially often not never told being"
    )
)

# A day or month alone ("South Korea on Tuesday announced") dates the clause; it never speaks.
TIME_WORDS = frozenset(
    str.split(
        """monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
    tomorrow january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec"""
    )
)
