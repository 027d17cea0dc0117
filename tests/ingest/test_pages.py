"""Article pages -> main text: the page's own encoding, no boilerplate, paragraphs kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.pages import extract_main_text, page_kind, to_html, to_paragraphs

PAGES = Path(__file__).parent / "fixtures" / "pages"
EUC_KR = (PAGES / "euc_kr_article.html").read_bytes()
KOREAN_TITLE = "부산항 물동량 석 달째 늘어"


def test_a_korean_page_declared_euc_kr_in_a_meta_tag_is_read_as_korean() -> None:
    text = extract_main_text(to_html(EUC_KR, {}), url="http://x/a", title=KOREAN_TITLE)
    assert text.startswith("부산항의 컨테이너 물동량이 석 달 연속으로 늘어난 것으로 집계됐다.")
    assert '"올해 하반기에도 증가세가 이어질 것으로 본다"' in text
    assert "메뉴-글자" not in text and "바닥글-글자" not in text
    assert KOREAN_TITLE not in text


@pytest.mark.parametrize(
    ("body", "headers", "decoded"),
    [
        ("한국".encode("cp949"), {"content-type": "text/html; charset=euc-kr"}, "한국"),
        ("똠방".encode("cp949"), {"content-type": "text/html; charset=EUC-KR"}, "똠방"),
        ('<meta charset="utf-8">é'.encode(), {}, '<meta charset="utf-8">é'),
        ("é".encode("latin-1"), {"content-type": "text/html; charset=iso-8859-1"}, "é"),
        (b"plain", {}, "plain"),
    ],
    ids=["header-euc-kr", "cp949-only-syllable", "meta-utf8", "header-latin1", "undeclared-utf8"],
)
def test_the_declared_encoding_wins(body: bytes, headers: dict[str, str], decoded: str) -> None:
    assert to_html(body, headers) == decoded


def test_undeclared_bytes_that_are_not_utf8_are_left_to_trafilatura() -> None:
    body = "부산".encode("cp949")
    assert to_html(body, {"content-type": "text/html"}) == body


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("text/html; charset=utf-8", None),
        ("application/xhtml+xml", None),
        ("", None),
        ("application/pdf", "application/pdf"),
        ("image/jpeg", "image/jpeg"),
    ],
)
def test_only_html_pages_are_read(content_type: str, kind: str | None) -> None:
    assert page_kind({"content-type": content_type} if content_type else {}) == kind


def test_paragraphs_are_split_by_a_blank_line_and_the_headline_dropped() -> None:
    lines = "Seoul and Tokyo agree: talks!\nFirst paragraph.\n\n  Second  paragraph. \n"
    assert to_paragraphs(lines, title="Seoul and Tokyo agree - talks") == (
        "First paragraph.\n\nSecond paragraph."
    )


@pytest.mark.parametrize(("fast", "clean"), [(False, True), (True, False)])
def test_text_in_br_lines_needs_trafilaturas_fallbacks(fast: bool, clean: bool) -> None:
    """Why extraction is not `fast` by default: older news sites' <div><br> text."""
    html = (PAGES / "div_soup_article.html").read_text(encoding="utf-8")
    text = extract_main_text(html, url="http://x/a", title="Fishing zone talks", fast=fast)
    assert "Officials from Seoul and Tokyo met again on Friday" in text
    assert ("MENU-LINK" not in text and "SIDE-LINK" not in text) is clean
