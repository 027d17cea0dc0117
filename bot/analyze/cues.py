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
    r"reiterated|acknowledges|cautions|counters|predicts|muses|jokes|boasts|vows|urges"
)
CUE = re.compile(rf"\b(?:{CUES})\b", re.IGNORECASE)
CUE_START = re.compile(rf"^[\s,.;:!?—–-]*(?:{CUES})\b\s*", re.IGNORECASE)
