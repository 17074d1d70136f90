"""Pages the post-build step makes from a built page (issue 25): the checker's results
(checker_split.py) and the list of every fact (facts_pages.py) leave their page, which was too
heavy for a first visit, for pages of their own beside it. Such a page is its page's HTML (head,
header, navigation, footer, as the engine wrote them, so every later step of the post-build step
treats it like any page) with other content in its <article>, `noindex`, and its own title.
"""
from __future__ import annotations

import html as htmllib
import posixpath
import re

from sitebuild import htmlscan
from sitebuild.csp_policy import _attribute_span

ROBOTS = '<meta name="robots" content="noindex">'


def name_beside(rel: str, suffix: str) -> str:
    """The file of a page made from the page at `rel`: `suffix`.html beside index.html
    (verificateur/results.html), NAME-`suffix`.html beside NAME.html (verificateur-results.html, in the
    offline copy), so relative links work the same from both."""
    folder, name = posixpath.split(rel)
    stem = "" if name == "index.html" else name[: -len(".html")] + "-"
    return posixpath.join(folder, f"{stem}{suffix}.html")


# The names name_beside() gives the pages made here: results.html (the checker's), facts-2.html.
_MADE = re.compile(r"(?:(?P<stem>.+)-)?(?:results|facts-\d+)\.html")


def origin(rel: str) -> str | None:
    """The page a made page was made from ('verificateur/results.html' -> 'verificateur/index.html',
    'a-propos-facts-1.html' -> 'a-propos.html'), or None for any other page. A made page's
    language links lead to the other language's twin of that page."""
    folder, name = posixpath.split(rel)
    m = _MADE.fullmatch(name)
    if not m:
        return None
    return posixpath.join(folder, f"{m.group('stem')}.html" if m.group("stem") else "index.html")


def back_link(rel: str) -> str:
    """The page at `rel`, linked from a page made beside it."""
    name = posixpath.basename(rel)
    return "./" if name == "index.html" else name


def article_of(page: htmlscan.Page) -> htmlscan.Tag:
    return next(t for t in page.tags if t.name == "article" and t.close is not None)


def page_with(html: str, page: htmlscan.Page, body: str, rel: str, *,
              title: str | None = None) -> str:
    """The page at `rel` with `body` as its article's content, noindex, and `title` (plain text)
    before the site's name in <title>. Links around the article to the page's own headings (the
    table of contents) lead to them on that page."""
    article = article_of(page)
    edits = [(article.end, article.close, body)]
    kept = {t.get("id") for t in page.tags if t.get("id") and not article.start <= t.start < article.close_end}
    kept |= htmlscan.read(body).ids()
    for tag in page.tags:
        href = tag.get("href") if tag.name == "a" else None
        if (href and href.startswith("#") and len(href) > 1 and href[1:] not in kept
                and not article.start <= tag.start < article.close_end):
            start, end = _attribute_span(tag.raw, "href")
            edits.append((tag.start + start, tag.start + end,
                          f'href="{htmllib.escape(back_link(rel) + href)}"'))
    head = page.first("head")
    edits.append((head.end, head.end, ROBOTS))
    tag = page.first("title")
    if title and tag is not None and tag.close is not None:
        text = htmllib.unescape(html[tag.end:tag.close])
        rest = text.split(" - ", 1)[1] if " - " in text else text
        edits.append((tag.end, tag.close, htmllib.escape(f"{title} - {rest}", quote=False)))
    return splice(html, edits)


def splice(html: str, edits, start: int = 0, end: int | None = None) -> str:
    """html[start:end] with each (from, to, text) edit made (offsets in `html`)."""
    end = len(html) if end is None else end
    out = html[start:end]
    for a, b, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:a - start] + text + out[b - start:]
    return out
