"""Article page bytes -> the article's main text (trafilatura), as plain paragraphs.

The only module that touches trafilatura. It is handed a string we fetched ourselves and never
a URL: trafilatura's own downloader (its settings, its timeouts, its user agent) is never used,
so every page obeys our caps and our address guard. trafilatura is imported on first use: 13 MB
of lxml, jusText and htmldate that a bot without full-text feeds never needs.

Encodings are decided here, not guessed by trafilatura: the HTTP charset, else the page's
<meta charset>, else UTF-8 when the bytes are UTF-8, else trafilatura's guess. Korean pages
labelled EUC-KR are read as windows-949, its superset, as browsers do.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Mapping

from bot.ingest.encoding import CHARSET
from bot.ingest.normalize import normalize_space

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml", "")  # "": it did not say
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
WIDER = {"euc_kr": "cp949", "ks_c_5601-1987": "cp949"}  # codec names as codecs.lookup gives them
SNIFF_BYTES = 4096


def page_kind(headers: Mapping[str, str]) -> str | None:
    """None for an HTML page (or one that does not say); else what it was served as."""
    content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return None if content_type in HTML_TYPES else content_type


def to_html(body: bytes, headers: Mapping[str, str]) -> str | bytes:
    """Page bytes -> text by the declared encoding; the bytes themselves when none is known."""
    name = _declared(body, headers)
    if name is None:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return body  # trafilatura guesses (charset_normalizer)
    return body.decode(name, errors="replace")


def _declared(body: bytes, headers: Mapping[str, str]) -> str | None:
    """The codec the header or an early <meta> names, if Python knows it."""
    found = CHARSET.search(headers.get("content-type", ""))
    raw = found.group(1) if found else None
    if raw is None:
        meta = META_CHARSET.search(body[:SNIFF_BYTES])
        raw = meta.group(1).decode("ascii") if meta else None
    if raw is None:
        return None
    try:
        name = codecs.lookup(raw).name
    except LookupError:
        return None
    return WIDER.get(name, name)


def extract_main_text(html: str | bytes, *, url: str, title: str, fast: bool = False) -> str:
    """An article page -> its main text as plain paragraphs ('' when none could be found).

    Navigation, comments, tables, scripts and footers are left out; a first line repeating the
    headline is dropped (the article has its title already). `fast` skips trafilatura's
    fallbacks (jusText, readability): ~1 ms less a page, but <br>-separated text comes mixed
    with the menus around it.
    """
    import trafilatura  # on first use: see the module docstring

    try:
        extracted = trafilatura.extract(
            html,
            url=url,
            fast=fast,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=False,  # metadata means htmldate's date search: CPU we do not need
            deduplicate=False,  # its cache is global to the process, shared by every feed
        )
    except Exception:  # lxml and trafilatura raise on some malformed pages: no text, then
        log.warning("ingest.pages.extract_failed", extra={"url": url}, exc_info=True)
        return ""
    return to_paragraphs(extracted or "", title=title)


def to_paragraphs(extracted: str, *, title: str) -> str:
    """trafilatura's lines (one per paragraph) -> paragraphs split by a blank line, as feed text
    is, without a first line that only repeats `title`."""
    lines = [line.strip() for line in extracted.splitlines() if line.strip()]
    if lines and _words(lines[0]) == _words(title):
        lines = lines[1:]
    return normalize_space("\n\n".join(lines))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())
