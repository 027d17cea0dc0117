"""Speaker mentions: read the noun phrase next to a cue verb as a name, a pronoun or a role.

"U.S. President Donald Trump" is the name "Donald Trump" with the title "U.S. President";
"Andrei Lankov, a North Korea expert at Seoul's Kookmin University," is the name "Andrei Lankov"
with the description after the comma; "he" is a pronoun and "the ministry" a role, both left for
`speakers` to resolve against the names met earlier. Rules only: capitalised runs, a short list of
title words, and the role nouns news writing uses.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_TOKEN = (
    r"(?:[A-Z]\.(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Gov|Rep|Gen|Lt|Col|Capt|Sgt|Prof|Rev|"
    r"Adm|Maj|Cpl|Pres)\.|[A-Z]\.(?=\s[A-Z])|(?:Mc|Mac|O['’]|D['’])?[A-Z][\w]*(?:['’-][\w]+)*"
    r"(?<!['’]s)(?![\w]|\.\w))"
)
_PARTICLE = r"(?:de|da|del|der|van|von|bin|al|la|le|du|di|dos|ibn|y)"
RUN = rf"(?=[A-Z]){_TOKEN}(?:[ \t\xa0]+(?:{_PARTICLE}[ \t\xa0]+)?{_TOKEN})*"
_RUN_END = re.compile(rf"({RUN})\s*$")
_RUNS = re.compile(RUN)
_ABBREVIATIONS = str.split(
    "Mr Mrs Ms Dr St Jr Sr Sen Gov Rep Gen Lt Col Capt Sgt Prof Rev Maj Cpl Adm Insp Supt Const "
    "Det Cmdr Gov No Jan Feb Aug Sept Oct Nov Dec Mt Ft Gov Pres Atty Supt Hon"
)
# Placed right after the stop it guards, so the lookbehinds run only where a stop matched.
NOT_ABBREVIATION = "".join(rf"(?<!\b{word}.)" for word in dict.fromkeys(_ABBREVIATIONS))
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,40}\)[\s,]*$")
_CLAUSE_END = re.compile(
    rf",|;|:|\.{NOT_ABBREVIATION}(?<!\b[A-Z]\.)(?:\s|$)|"
    r"\s(?:who|which|in|at|on|during|after|while|when|as|before|because|with)\s"
)
_AUX_END = re.compile(
    r"(?:\s+(?:also|later|then|has|had|have|would|will|was|were|is|quoted|as|once|further|"
    r"previously|earlier|again|recently|simply|only|just|repeatedly|reportedly|publicly|"
    r"privately|finally|initially|often|had|has|not|never|told|being))+\s*$"
)
_PRONOUN = re.compile(r"(?:^|\s)(he|she|they|i|we|it|you)\s*$", re.IGNORECASE)
_PRONOUN_START = re.compile(r"^\s*(he|she|they|it|we)\b", re.IGNORECASE)
_TITLE_HEAD = (
    r"(?:Chief|Senior|Deputy|Executive|Director|President|Vice|Head|Managing|Associate|"
    r"Assistant|Professor|Secretary|Minister|Chairman|Chairwoman|Spokesman|Spokeswoman|"
    r"Founder|Co-founder|CEO|Partner|Editor|Leader|General|Former)\b"
)
_NAME_OF_ORG = re.compile(rf"((?=[A-Z]){RUN})\s+(?:of|from|at|with)\s+(?:the\s+)?({RUN})\s*$")
_NAMED_APPOSITION = re.compile(rf"\s*({RUN})(?=\s*[,.;:]|\s*$)")
_POSSESSOR_LEAD = re.compile(r"^(?:the\s+)?[A-Z][\w.&-]*['’]s$")
_APPOSITIVE = re.compile(
    rf"({RUN})\s*,\s*((?:[a-z]|(?:A|An|The|[A-Z][\w.]*['’]s)\s|{_TITLE_HEAD})[^\"“”]*?)\s*,\s*$"
)
_DESC_AFTER = re.compile(
    r"^\s*(?:,\s*|\s(?:of|from|at)\s+)(.+?)\s*(?:,\s*(?:who|which|said|told)\b.*)?$"
)
_DETERMINERS = (
    r"(?:the|a|an|one|another|some|many|several|two|three|its|his|her|their|our|"
    r"[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*['’]s?)"
)
ROLE_NOUNS = (
    "ministry|minister|spokesman|spokeswoman|spokesperson|official|officials|agency|statement|"
    "report|analyst|analysts|expert|experts|source|sources|president|leader|police|company|"
    "government|office|department|commission|committee|military|army|media|newspaper|paper|"
    "network|campaign|group|council|court|prosecutors|prosecutor|lawyer|lawyers|attorney|"
    "spokespeople|representative|embassy|ambassador|diplomat|diplomats|researcher|researchers|"
    "observers|critics|residents|students|members|officer|officers|authorities|team|coach|"
    "chairman|chairwoman|director|head|chief|mayor|governor|senator|lawmaker|lawmakers|"
    "professor|scholar|economist|economists|board|union|party|white house|kcna|agency"
)
_ROLE_END = re.compile(
    rf"((?:{_DETERMINERS}\s+)?(?:[\w-]+\s+){{0,3}}(?:{ROLE_NOUNS}))(?:\s+(?:of|for|at)\s+[^,]+)?\s*$"
)
_ROLE_START = re.compile(
    rf"^\s*((?:{_DETERMINERS}\s+)?(?:[\w-]+\s+){{0,3}}?(?:{ROLE_NOUNS}))\b", re.IGNORECASE
)
_ROLE_ANY = re.compile(rf"\b(?:{ROLE_NOUNS})\b")
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
    national assembly house white liberal conservative ndp treasury finance trade health"""
    )
)
_FUNCTION_WORDS = frozenset(
    str.split(
        """in on at the but and however meanwhile also after when while as for if last this that
    speaking asked a an it its there then so yet still now though although because since with to
    from by of about according despite during under over before until like unlike among between
    through without within somehow story read more photo video watch related organizer meanwhile
    instead yes no even only why what how where who here today yesterday"""
    )
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as written beside its cue: kind is "name", "pronoun" or "role"."""

    kind: str
    text: str
    title: str | None = None


@functools.lru_cache(maxsize=4096)
def split_title(run: str) -> tuple[str, str | None]:
    """'U.S. President Donald Trump' -> ('Donald Trump', 'U.S. President')."""
    tokens = run.split()
    while tokens and tokens[0].lower() in _FUNCTION_WORDS:
        tokens.pop(0)
    cut = 0
    for index, token in enumerate(tokens[:-1]):
        if token.lower().rstrip(".") in TITLE_WORDS or token.lower() in TITLE_WORDS:
            cut = index + 1
    if not tokens or (len(tokens) > 1 and all(t.isupper() and len(t) > 2 for t in tokens)):
        return "", None
    if cut == 0:
        return " ".join(tokens), None
    return " ".join(tokens[cut:]), " ".join(tokens[:cut])


def subject_before(segment: str) -> Mention | None:
    """The speaker ending the clause before a cue: 'Kim, a scholar,' / 'he' / 'the ministry'."""
    segment = _AUX_END.sub("", _PARENTHETICAL.sub("", segment[-240:])).rstrip()
    pronoun = _PRONOUN.search(segment[-8:])
    if pronoun:
        return Mention("pronoun", pronoun.group(1).lower())
    appositive = _APPOSITIVE.search(segment) if segment.endswith(",") else None
    if appositive:
        name, title = split_title(appositive.group(1))
        if name:
            return Mention("name", name, _clean_title(appositive.group(2), title))
    tail = _tail(segment, 90)
    person_of = _NAME_OF_ORG.search(tail)
    if person_of and len(split_title(person_of.group(1))[0].split()) >= 2:
        name, title = split_title(person_of.group(1))
        return Mention("name", name, title or person_of.group(2))
    run = _RUN_END.search(tail) if tail[-1:].isalnum() or tail[-1:] == "." else None
    if run:
        return _name_with_descriptor(
            segment[: len(segment) - len(tail) + run.start()], run.group(1)
        )
    role = _ROLE_END.search(_tail(segment, 70)) if _ROLE_ANY.search(segment[-70:]) else None
    if role and len(role.group(1).split()) <= 6:
        return Mention("role", role.group(1).strip())
    return None


def _tail(segment: str, size: int) -> str:
    """The last `size` characters, starting at a word boundary so no name is cut in half."""
    if len(segment) <= size:
        return segment
    cut = segment.find(" ", len(segment) - size)
    return segment[cut + 1 :] if cut >= 0 else segment[-size:]


def _name_with_descriptor(before: str, run: str) -> Mention | None:
    name, title = split_title(run)
    if not name or name.lower() in _FUNCTION_WORDS:
        return None
    words = re.findall(r"[\w.'’-]+$", before.rstrip())
    if words and words[0].islower() and words[0] not in _FUNCTION_WORDS:
        lead = re.search(r"((?:[\w.'’-]+\s+){0,3}[\w.'’-]+)\s*$", before)
        descriptor = lead.group(1) if lead else words[0]
        descriptor = re.sub(r"^(?:.*\b(?:the|a|an|and|by|with|to|of)\s+)", "", descriptor)
        title = " ".join(part for part in (descriptor, title) if part) or None
    return Mention("name", name, title)


def object_after(segment: str) -> Mention | None:
    """The speaker right after an inverted cue: 'said Kim Yo Jong, vice department director ...'."""
    pronoun = _PRONOUN_START.search(segment)
    if pronoun:
        return Mention("pronoun", pronoun.group(1).lower())
    end = _CLAUSE_END.search(segment)
    clause = segment[: end.start()] if end else segment
    run = _best_run(clause)
    if run is None:
        role = _ROLE_START.search(segment)
        return Mention("role", role.group(1).strip()) if role else None
    if segment[run.end() : run.end() + 2] in ("'s", "’s"):
        return _after_possessor(segment, end)
    name, title = split_title(run.group())
    lead = clause[: run.start()].strip()
    if _POSSESSOR_LEAD.match(lead):
        lead = ""
    if len(lead.split()) > 5 or (lead[:1].islower() and lead.split()[0] in _FUNCTION_WORDS):
        role = _ROLE_START.search(segment)
        return Mention("role", role.group(1).strip()) if role else None
    rest = _DESC_AFTER.search(segment[run.end() :])
    description = rest.group(1) if rest else None
    title = " ".join(part for part in (lead, title) if part) or None
    return Mention("name", name, _clean_title(description, title))


def _after_possessor(segment: str, end: re.Match[str] | None) -> Mention | None:
    """'says Campbell's partner, Jason Louth' -> Jason Louth; no name after -> the role."""
    clause = segment[: end.start()] if end else segment
    named = _NAMED_APPOSITION.match(segment, end.end()) if end and end.group() == "," else None
    if named:
        name, title = split_title(named.group(1))
        if name:
            return Mention("name", name, title or clause.strip())
    return Mention("role", clause.strip()) if len(clause.split()) <= 5 else None


def _best_run(clause: str) -> re.Match[str] | None:
    """The run naming a person: the first with two name tokens, else the first with one."""
    runs = [run for run in _RUNS.finditer(clause) if split_title(run.group())[0]]
    for run in runs:
        if len(split_title(run.group())[0].split()) >= 2:
            return run
    return runs[0] if runs else None


def _clean_title(description: str | None, title: str | None) -> str | None:
    """The description as the article gives it, minus a leading article ("a", "the")."""
    if description:
        description = re.sub(
            r"^(?:a|an|the)\s+", "", description.strip(" ,.;"), flags=re.IGNORECASE
        )
        if description:
            return description
    return title
