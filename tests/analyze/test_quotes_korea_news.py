"""extract_quotes on patterns of Korea news found by judging its output on Korea articles.

Each case is an invented sentence written in the way Yonhap, KCNA, the Korea Herald and wire
stories on Korea write (no article text is copied here).
"""

from __future__ import annotations

from bot.analyze.quotes import extract_quotes


def test_the_agency_speaking_for_itself_stays_the_agency() -> None:
    text = (
        "North Korea launched a missile on Sunday.\n\n"
        '"The test confirmed the reliability of the new engine," the Korean Central News Agency '
        "said."
    )
    assert extract_quotes(text)[-1].speaker == "Korean Central News Agency"
