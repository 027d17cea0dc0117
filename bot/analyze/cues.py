"""Cue verbs and phrases: the words that tell a reader someone is being quoted.

Shared by span filtering (a quote glued into a sentence without a cue is a partial quote, not a
quotation) and by attribution (the speaker sits next to the cue).
"""

from __future__ import annotations

import re

CUES = (
    r"said|says|say|told|tells|added|adds|warned|warns|wrote|writes|tweeted|tweets|asked|asks|"
    r"explained|explains|noted|notes|stated|states|declared|insisted|insists|argued|argues|"
    r"recalled|recalls|continued|reported|reports|announced|claimed|claims|replied|responded|"
    r"answered|acknowledged|admitted|admits|urged|cautioned|suggested|observed|conceded|"
    r"emphasized|emphasised|stressed|posted|quipped|joked|shouted|yelled|remarked|concluded|"
    r"concludes|predicted|commented|testified|confirmed|complained|lamented|boasted|vowed|"
    r"promised|pledged|accused|charged|countered|retorted|mused|wondered|recounted|described|"
    r"according to|quoted|cited|denounced|slammed|blasted|criticized|criticised|thundered|"
    r"demanded|alleged|maintained|believes|believed|thinks|thought|agreed|agrees|reads|read|"
    r"pointed out|went on|told reporters|tells reporters|saying|adding|writing|telling|"
    r"asking|warning|noting|explaining|declaring|insisting|stating|scolded|echoes|echoed|"
    r"suggests|points out|remarks|remarked|began|begins|continues|crowed|blurted|repeated|"
    r"chanted|chanting|shout|shouted|testifying|testify|tweeting|posting|replies|responds|"
    r"exclaimed|whispered|sang|screamed|cried|pleaded|insisted|recalling|sighed|laughed|"
    r"reiterated|mentioned|acknowledges|cautions|counters|predicts|muses|jokes|boasts|vows|urges|"
    r"stammered|stuttered|murmured|mumbled|gasped"
)


def to_trie_pattern(words: list[str]) -> str:
    """An alternation grouped by shared prefixes: Python's re does not, and cue search is hot."""
    if "" in words and len(words) == 1:
        return ""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(head) + to_trie_pattern(tails) for head, tails in sorted(groups.items())]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in words else body


_WORDS = sorted(set(CUES.split("|")) | {"According to"})
_TRIE = to_trie_pattern(_WORDS)
CUE = re.compile(rf"\b(?={_TRIE}\b){_TRIE}\b")
CUE_START = re.compile(rf"^[\s,.;:!?—–-]*{_TRIE}\b\s*")
