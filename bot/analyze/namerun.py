"""What a written name looks like, and which stops do not end a sentence.

A name is a run of capitalised tokens ("Kim Yo Jong", "U.S. President Donald Trump", "Ban
Ki-moon", "Jean de la Fontaine"): initials, ranks with their stop, Mc/Mac/O' prefixes, hyphens,
and particles between tokens. The abbreviations are the ones whose stop is not a sentence end
("Mr. Kim said", "Jan. 5").
"""

from __future__ import annotations

import re

_TOKEN = (
    r"(?:[A-Z]\.(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Gov|Rep|Gen|Lt|Col|Capt|Sgt|Prof|Rev|"
    r"Adm|Maj|Cpl|Pres)\.|[A-Z]\.(?=\s[A-Z])|(?:Mc|Mac|O['’]|D['’]|al-|el-)?[A-Z][\w]*(?:['’-][\w]+)*"
    r"(?<!['’]s)(?![\w]|\.\w))"
)
PARTICLES = (
    "de",
    "da",
    "del",
    "der",
    "van",
    "von",
    "bin",
    "al",
    "la",
    "le",
    "du",
    "di",
    "dos",
    "ibn",
    "y",
)
_PARTICLE = rf"(?:{'|'.join(PARTICLES)})"
RUN = rf"(?=[A-Z]|[ae]l-[A-Z]){_TOKEN}(?:[ \t\xa0]+(?:{_PARTICLE}[ \t\xa0]+){{0,2}}{_TOKEN})*"
_ABBREVIATIONS = str.split(
    "Mr Mrs Ms Dr St Jr Sr Sen Gov Rep Gen Lt Col Capt Sgt Prof Rev Maj Cpl Adm Insp Supt Const "
    "Det Cmdr Gov No Jan Feb Aug Sept Oct Nov Dec Mt Ft Gov Pres Atty Supt Hon"
)
# Placed right after the stop it guards, so the lookbehinds run only where a stop matched.
NOT_ABBREVIATION = "".join(rf"(?<!\b{word}.)" for word in dict.fromkeys(_ABBREVIATIONS))
# A stop (not an abbreviation's), maybe a closing mark, space, then what opens a sentence.
SENTENCE_END = re.compile(rf"[.!?]{NOT_ABBREVIATION}(?<!\b[A-Z].)['\"”’]?\s+(?=[A-Z\"“‘'])")
