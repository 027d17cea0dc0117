"""Speaker mentions: read the noun phrase next to a cue verb as a name, a pronoun or a role.

"U.S. President Donald Trump" is the name "Donald Trump" with the title "U.S. President";
"Andrei Lankov, a North Korea expert at Seoul's Kookmin University," is the name "Andrei Lankov"
with the description after the comma; "he" is a pronoun and "the ministry" a role, both left for
`speakers` to resolve against the names met earlier. The clause before a cue is read here, the
phrase after an inverted cue by `inverted`, names and titles apart by `titles`. Rules only:
capitalised runs, a short list of title words, and the role nouns news writing uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analyze.cues import CUE, to_trie_pattern
from bot.analyze.namerun import NOT_ABBREVIATION, RUN
from bot.analyze.speaker_words import AUX_WORDS, FUNCTION_WORDS, ROLE_NOUNS, TIME_WORDS
from bot.analyze.titles import clean_title, split_title

_RUN_END = re.compile(rf"({RUN})\s*$")
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,40}\)[\s,]*$")
_INNER_PARENTHETICAL = re.compile(r"\s*\([^()]{1,40}\)(?=\s*,)")
DETERMINED = r"(?:the|a|an|one|another|his|her|their|its|my|our|The|A|An|One|His|Her|Their|Its)"
_NOUN_PHRASE_END = re.compile(
    rf"(?:^|[,;]\s*|\b(?i:as|when|while|and|but|says|said)\s+)({DETERMINED}\s+(?:[\w’'-]+,?\s+){{0,4}}"
    r"[a-z][\w’'-]*(?:\s+(?:of|for|at|from|in)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3})?)\s*$"
)
_AGE = re.compile(r",\s*\d{1,3},$")  # "Quina Jones, 25," is Quina Jones
_RELATIVE = re.compile(r"(?<=[\w.]),\s+(?:who|whose|which)\b[^,;:\"“”]{1,80},$")
_JOINED = re.compile(r"(?:,\s*)?\b(?:and|but)$")  # "Colton laughed and [stuttered]"
_CLAUSE_START = re.compile(
    rf"(?:\.{NOT_ABBREVIATION}(?<!\b[A-Z]\.)\s+|[;:]\s+|,\s+|\b(?:when|as|while|so|and|but)\s+)"
)
_RUNS = re.compile(RUN)
_PRONOUN_WORDS = frozenset(("he", "she", "they", "we", "i", "it"))
_NOT_VERB = (
    r"(?:and|or|of|in|at|on|for|to|with|from|by|as|than|about|after|before|that|who|"
    r"he|she|they|we|it|i)"
)
_SUBJECT_AT = re.compile(
    rf"\s*(?:[Tt]he\s+)?({RUN}|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Ii]t)(?:\s*\([^()]{{1,40}}\))?"
    rf"\s+(?!{_NOT_VERB}\b)[a-z]"
)
_ISSUER = re.compile(rf"(?:^|[,;]\s+|\b(?:But|And|and|but)\s+)({RUN})\s+[a-z]+ed\s+$")
_PRONOUN = re.compile(r"(?:^|\s)(he|she|they|i|we|it|you)\s*$", re.IGNORECASE)
_TITLE_HEAD = (
    r"(?:Chief|Senior|Deputy|Executive|Director|President|Vice|Head|Managing|Associate|"
    r"Assistant|Professor|Secretary|Minister|Chairman|Chairwoman|Spokesman|Spokeswoman|"
    r"Founder|Co-founder|CEO|Partner|Editor|Leader|General|Former)\b"
)
# "Lee Yong-woo of the ruling Democratic Party": lower-case words may describe the organisation.
_NAME_OF_ORG = re.compile(
    rf"((?=[A-Z]){RUN})\s+(?:of|from|at|with)\s+(?:the\s+)?((?:[a-z]+\s+){{0,2}}{RUN})\s*$"
)
_ORG_LEAD = re.compile(r"(?:\b[Tt]he|['’]s)\s+$")
_TITLED_NAME = re.compile(rf"(?:^|[,;:]\s+)([^,;:\"“”]{{3,80}}?)\s*,\s*({RUN})\s*,$")
_APPOSITIVE = re.compile(
    rf"({RUN})\s*,\s*((?:[a-z]|(?:A|An|The|[A-Z][\w.]*['’]s)\s|{_TITLE_HEAD})[^\"“”]*?)\s*,\s*$"
)
DETERMINERS = (
    r"(?:the|a|an|one|another|some|many|several|two|three|its|his|her|their|our|"
    r"[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*['’]s?)"
)


# The modifiers before the role noun are no article: "bankruptcy protection the company" is
# "the company".
_ROLE_END = re.compile(
    rf"((?:{DETERMINERS}\s+)?(?:(?!(?:the|a|an)\s)[\w-]+\s+){{0,3}}(?:{ROLE_NOUNS}))"
    r"(?:\s+(?:of|for|at)\s+[^,]+)?\s*$"
)
_ROLE_OF = re.compile(
    rf"((?:{DETERMINERS}\s+)?(?:[\w.-]+\s+){{0,2}}(?:{ROLE_NOUNS})\s+(?:of|for|at|from|to)\s+(?:the\s+)?{RUN})\s*$"
)
_LEAD_WORDS = re.compile(r"((?:[\w.'’-]+\s+){0,3}[\w.'’-]+)\s*$")
# "of" inside an office ("chief of staff", "head of state") does not start the descriptor.
_UP_TO_ARTICLE = re.compile(
    r"^(?:.*\b(?:the|a|an|and|by|with|to|(?<!\bchief )(?<!\bchiefs )(?<!\bhead )of)\s+)"
)
_ROLE_ANY = re.compile(rf"\b{to_trie_pattern(sorted(set(ROLE_NOUNS.split('|'))))}\b")
# What "Name of Org" and "the spokesman for Org" both need; most clauses lack it, and the full
# patterns are slow to rule out.
_OF_HINT = re.compile(r"\s(?:of|from|at|with|for|to)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}[A-Z]")
_ROLE_OF_HINT = re.compile(
    rf"{to_trie_pattern(sorted(set(ROLE_NOUNS.split('|'))))}\s+(?:of|for|at|from|to)\s+(?:the\s+)?[A-Z]"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as written beside its cue: kind is "name", "pronoun" or "role"."""

    kind: str
    text: str
    title: str | None = None


def subject_before(segment: str) -> Mention | None:
    """The speaker ending the clause before a cue: 'Kim, a scholar,' / 'he' / 'the ministry'."""
    segment = segment[-240:]
    if "(" in segment:
        segment = _PARENTHETICAL.sub("", _INNER_PARENTHETICAL.sub("", segment))
    segment = _AGE.sub("", _strip_aux(segment))
    pronoun = _PRONOUN.search(segment[-8:])
    if pronoun:
        return Mention("pronoun", pronoun.group(1).lower())
    appositive = _APPOSITIVE.search(segment) if segment.endswith(",") else None
    if appositive:
        name, title = split_title(appositive.group(1))
        if name:
            return Mention("name", name, clean_title(appositive.group(2), title))
    titled = _TITLED_NAME.search(segment) if segment.endswith(",") else None
    if titled and _is_description(titled.group(1)):
        name, title = split_title(titled.group(2))
        if name:
            return Mention("name", name, clean_title(titled.group(1), title))
    tail = _tail(segment, 90)
    hinted = _OF_HINT.search(tail) is not None
    person_of = _NAME_OF_ORG.search(tail) if hinted else None
    if person_of and _ORG_LEAD.search(tail, 0, person_of.start()):
        return Mention("name", person_of.group().strip())
    if person_of and len(split_title(person_of.group(1))[0].split()) >= 2:
        name, title = split_title(person_of.group(1))
        return Mention("name", name, title or person_of.group(2))
    role_of = _ROLE_OF.search(tail) if hinted and _ROLE_OF_HINT.search(tail) else None
    if role_of:
        return Mention("role", role_of.group(1))
    run = _RUN_END.search(tail) if tail[-1:].isalnum() or tail[-1:] == "." else None
    if run:
        return _name_with_descriptor(
            segment[: len(segment) - len(tail) + run.start()], run.group(1)
        )
    tail = _tail(segment, 70)
    role = _ROLE_END.search(tail) if _ROLE_ANY.search(segment[-70:]) else None
    if role and len(role.group(1).split()) <= 6:
        issuer = _ISSUER.search(tail, 0, role.start(1))  # "Teneo issued a statement saying"
        name = split_title(issuer.group(1))[0] if issuer else ""
        return Mention("name", name) if name else Mention("role", role.group(1).strip())
    phrase = _NOUN_PHRASE_END.search(_tail(segment, 90))
    if phrase:
        return Mention("role", phrase.group(1).replace(",", ""))
    return _past_clause(segment)


def _past_clause(segment: str) -> Mention | None:
    """The subject when a clause stands between it and the cue: a relative clause ('a citizen,
    whose name is redacted,') or a first verb ('IRCC did not reveal any details, but said')."""
    relative = _RELATIVE.search(segment)
    if relative:
        return subject_before(segment[: relative.start()])
    joined = _JOINED.search(segment)
    if joined is None:
        return None
    clause = segment[: joined.start()]
    for start in reversed([0, *(m.end() for m in _CLAUSE_START.finditer(clause))]):
        subject = _SUBJECT_AT.match(clause, start)
        if subject and subject.group(1).lower() in _PRONOUN_WORDS:
            if _RUNS.search(clause, subject.end()):
                return None  # "He tagged Mr. Musk and wrote": a name after it, "he" is unsure
            return Mention("pronoun", subject.group(1).lower())
        name = split_title(subject.group(1))[0] if subject else ""
        if name:
            return Mention("name", name)
    return None


def _strip_aux(segment: str) -> str:
    """'Kim has also' -> 'Kim': auxiliaries and adverbs between a subject and its cue, each a
    whole word after white space (a word-by-word loop: a regex anchored at the end is slow)."""
    out = segment.rstrip()
    while True:
        parts = out.rsplit(None, 1)
        if not parts or parts[-1] not in AUX_WORDS:
            return out
        if len(parts) == 1:
            return "" if out[:1].isspace() else out
        out = parts[0]


def _is_description(words: str) -> bool:
    """'Samsung's chief financial officer' describes whoever follows; 'Separately' does not."""
    return any(w.islower() and w not in FUNCTION_WORDS for w in words.split())


def _tail(segment: str, size: int) -> str:
    """The last `size` characters, starting at a word boundary so no name is cut in half."""
    if len(segment) <= size:
        return segment
    cut = segment.find(" ", len(segment) - size)
    return segment[cut + 1 :] if cut >= 0 else segment[-size:]


def _name_with_descriptor(before: str, run: str) -> Mention | None:
    name, title = split_title(run)
    if not name or name.lower() in FUNCTION_WORDS or name.lower().rstrip(".") in TIME_WORDS:
        return None
    word = _last_word(before.rstrip())
    if word and word.islower() and word not in FUNCTION_WORDS and not CUE.fullmatch(word):
        lead = _LEAD_WORDS.search(before)  # a verb before the name ("KCNA quoted Kim") is none
        descriptor = lead.group(1) if lead else word
        descriptor = _UP_TO_ARTICLE.sub("", descriptor)
        title = " ".join(part for part in (descriptor, title) if part) or None
    return Mention("name", name, title)


def _last_word(clause: str) -> str:
    """The word the clause ends on (letters, digits, . ' ’ - _), "" when it ends otherwise."""
    at = len(clause)
    while at and (clause[at - 1].isalnum() or clause[at - 1] in "_.'’-"):
        at -= 1
    return clause[at:]
