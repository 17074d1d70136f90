"""The site's two languages and how a built site lays them out: French at the root, English under
en/, every page in both with the same slug (docs/NAME.fr.md and docs/NAME.en.md).

What the i18n plugin and the theme leave undone, done on the built pages (postbuild.py):
- hreflang alternates are absolute (built from the page's canonical address), as search engines
  require, and every page has them, whichever engine built it;
- the header shows one visible link to the same page in the other language;
- search returns the reader's language only: each page searches its language's index
  (search_base; the index is split per language by search_index.py).
Before the build, check_pairs() stops it when a page lacks its translation.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

from sitebuild.errors import SiteError

LANGS = ("fr", "en")
DEFAULT = "fr"
NAMES = {"fr": "Français", "en": "English"}
_PAGE = re.compile(r"^(?P<base>.+)\.(?P<lang>[a-z]{2})\.md$")
_ALT = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([a-z-]+)">')
_ANY_ALT = re.compile(r'\s*<link rel="alternate ?" href="[^"]*" hreflang="[a-z-]+">')
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
_ICON = re.compile(r'<link rel="icon"')
_BASE = re.compile(r'("base":\s*")([^"]*)(")')
# The language selector of zensical-i18n (a drop-down with its own inline <style> and <script>).
_SELECTOR = re.compile(r'<div class="md-header__option md-i18n"')


class PairError(SiteError):
    """A page without its translation; the message names the file."""


def check_pairs(docs_dir) -> None:
    """Every page is a pair, NAME.fr.md and NAME.en.md, or PairError names the file."""
    docs = Path(docs_dir)
    pages: dict[str, set[str]] = {}
    for path in docs.rglob("*.md"):
        rel = path.relative_to(docs).as_posix()
        m = _PAGE.match(rel)
        if not m or m.group("lang") not in LANGS:
            raise PairError(f"{rel}: every page is a pair, NAME.fr.md and NAME.en.md")
        pages.setdefault(m.group("base"), set()).add(m.group("lang"))
    for base, langs in sorted(pages.items()):
        for missing in sorted(set(LANGS) - langs):
            raise PairError(f"{base}.{missing}.md is missing: every page needs its translation")


def prefix(lang: str) -> str:
    """The folder of a language in the built site: '' for French, 'en/' for English."""
    return "" if lang == DEFAULT else f"{lang}/"


def lang_of(rel: str) -> str:
    """The language of a built file, from its path in the site ('en/aide/index.html' -> 'en')."""
    first, sep, _ = rel.partition("/")
    return first if sep and first in LANGS else DEFAULT


def twin(rel: str, lang: str) -> str:
    """The same built file in another language: ('aide/index.html', 'en') -> 'en/aide/index.html'."""
    return prefix(lang) + rel[len(prefix(lang_of(rel))):]


def url_of(rel: str) -> str:
    """A built file's address from the site root: 'aide/index.html' -> 'aide/' (directory URLs),
    'aide.html' -> 'aide.html' (the offline copy)."""
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, both from the site root. The algorithm of MkDocs
    1.6.1's utils.get_relative_url, so links come out as MkDocs writes them: the last part of
    `other` is dropped if it has a dot (a file), and '..' never goes above the root."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


# --- on the built pages ------------------------------------------------------------------------

def alternates(html: str, rel: str) -> str:
    """Absolute hreflang alternates in <head>, one per language, for the page at `rel`.

    The rel value keeps a trailing space on purpose: Material's bundle fetches "sitemap.xml"
    beside every element matching link[rel=alternate] (two 404s per page, or a request to the
    public host when the site is served elsewhere); the attribute still reads as rel=alternate
    to HTML parsers and search engines. Relative alternates (Material's) are made absolute in
    place; a page without any (Zensical's) gets them before its icon link."""
    canonical = _CANONICAL.search(html)
    if not canonical:
        return html  # no site_url: nothing absolute to build from

    def link(url, lang):
        return f'<link rel="alternate " href="{urljoin(canonical.group(1), url)}" hreflang="{lang}">'

    if _ALT.search(html):
        return _ALT.sub(lambda m: link(m.group(1), m.group(2)), html)
    if _ANY_ALT.search(html):
        return html  # already done
    here = url_of(rel)
    links = "".join(link(relative_url(url_of(twin(rel, lang)), here) or ".", lang) for lang in LANGS)
    icon = _ICON.search(html)
    at = icon.start() if icon else html.index("</head>")
    return html[:at] + links + html[at:]


def drop_alternates(html: str) -> str:
    """404.html is rendered outside any page, with the alternates of whichever page came last:
    drop them (its body links both homes)."""
    return _ANY_ALT.sub("", html)


def switch(html: str, rel: str, *, not_found: bool = False) -> str:
    """One visible link to the same page in the other language (partials/alternate.html writes
    it under MkDocs). An engine's own selector (zensical-i18n's drop-down: two taps, an inline
    style that the CSP blocks) is replaced by the same markup; on a 404 page, by an empty slot."""
    m = _SELECTOR.search(html)
    if not m:
        return html
    end = _closing_div(html, m.start())
    lang = lang_of(rel)
    links = ""
    if not not_found:
        for other in LANGS:
            if other != lang:
                href = relative_url(url_of(twin(rel, other)), url_of(rel)) or "./"
                links += (f'<a class="ns-lang__link" href="{href}" hreflang="{other}" '
                          f'lang="{other}" data-lang-switch>{NAMES[other]}</a>')
    return html[:m.start()] + f'<div class="md-header__option ns-lang">{links}</div>' + html[end:]


_PRESENT_LANG = re.compile(r'<a class="ns-present__btn" href="([^"#]*)(#present")([^>]*data-present-lang)')
_HREFLANG = re.compile(r'hreflang="([a-z-]+)"')


def present_links(html: str, rel: str, resolve) -> str:
    """The presentation mode's link to the other language leads to the same page there (MkDocs'
    i18n plugin makes it so; zensical-i18n links the other language's home). `resolve(href)`:
    the file of the site a link leads to."""
    def fix(m):
        lang = _HREFLANG.search(m.group(3))
        if not lang or resolve(m.group(1)) == twin(rel, lang.group(1)):
            return m.group(0)
        href = relative_url(url_of(twin(rel, lang.group(1))), url_of(rel)) or "./"
        return f'<a class="ns-present__btn" href="{href}{m.group(2)}{m.group(3)}'
    return _PRESENT_LANG.sub(fix, html)


def _closing_div(html: str, start: int) -> int:
    """The end of the <div> that opens at `start` (nested divs counted)."""
    depth = 0
    for m in re.finditer(r"<div\b|</div>", html[start:]):
        depth += 1 if m.group(0) == "<div" else -1
        if depth == 0:
            return start + m.end()
    raise ValueError("unclosed <div> in the language selector")


def search_base(html: str, rel: str) -> str:
    """Each language searches its own index: a page's search base (Material's __config "base")
    points at its language's folder. MkDocs' English pages point at the site root: add en/."""
    lang = lang_of(rel)
    m = _BASE.search(html)
    if lang == DEFAULT or not m:
        return html
    url = url_of(rel)
    page_dir = url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)
    if posixpath.normpath(posixpath.join(page_dir, m.group(2))) != ".":
        return html  # already the language's folder
    base = f'{m.group(1)}{m.group(2).rstrip("/") or "."}/{lang}/{m.group(3)}'
    return html[:m.start()] + base + html[m.end():]

