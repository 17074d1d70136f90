"""Build-time markers: a line `<!-- ns:NAME -->` in a page becomes HTML made from data/.

One table, MARKERS: a name, the stage where it is replaced and the function that makes its HTML
for the page being built (a Page). Add a marker with the decorator:

    @marker("facts-table")                # replaced in the page's Markdown, before parsing
    def facts_table(page): ...
    @marker("qr", HTML)                   # replaced in the page's HTML, after typography
    def qr(page): ...

A block replaced in the Markdown must be raw HTML that Markdown passes through (one element per
line, no blank line), or Markdown. A marker that is not in the table stops the build, naming the
page, so a typo never ships as an invisible comment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sitebuild import checker as C
from sitebuild import content, data, facts_review, kit_blocks
from sitebuild import kit as K
from sitebuild.errors import SiteError
from sitebuild.languages import prefix, relative_url

MARKDOWN, HTML = "markdown", "html"
MARKER = re.compile(r"<!-- ns:([a-z0-9-]+) -->")
# Any comment that starts with ns:, whatever its spacing or case: a marker, or a mistake that
# would otherwise vanish as a comment (`<!--ns:checker-->` left the checker page empty).
ANY_MARKER = re.compile(r"<!--\s*ns\s*:.*?-->", re.S | re.I)


class MarkerError(SiteError):
    """A marker that can't be filled; the message names the page."""


@dataclass
class Page:
    """The page being built, as the engine tells it (see extension.py)."""
    lang: str
    url: str                      # address from the site root: "", "aide/", "en/aide/", "aide.html"
    src: str                      # source file, for messages: "aide.fr.md"
    root: Path                    # the project folder (mkdocs.yml, data/, docs/)
    site_url: str = "/"           # the site's root address, with its sub-path
    site_name: str = ""           # the site's name in the page's language
    docs_dir: Path | None = None  # default: root/docs
    directory_urls: bool = True
    offline: bool = False         # the file:// copy (make offline)
    offline_zip: bool = False     # extra.offline_zip: the zip is published beside the site
    links_from: str | None = None  # where relative links start when not at `url` (link_base)
    _data: data.Data | None = field(default=None, repr=False)

    @property
    def data(self) -> data.Data:
        if self._data is None:
            self._data = data.load(self.root)
        return self._data

    def at(self, found: str = "") -> str:
        """Where `found` is in the page's source, for messages (source_at)."""
        return source_at(self.docs_dir or self.root / "docs", self.src, found)

    @property
    def link_base(self) -> str:
        """The address, from the site root, that the page's relative links are written from: the
        page's own under MkDocs. Zensical reads every relative link in a page as relative to the
        page's source file and rewrites it for the page's address (`verificateur.md` is built at
        `verificateur/`), so there it is the source file's folder (extension.py)."""
        return self.url if self.links_from is None else self.links_from

    def link(self, name: str, anchor: str = "") -> str:
        """The address of page `name` ("aide", "educateurs/index") in this page's language,
        relative to this page, as the engine writes links."""
        docs = self.docs_dir or self.root / "docs"
        if not (docs / f"{name}.{self.lang}.md").exists():
            raise MarkerError(f"{self.data.flow['path']}: link to '{name}.md', which has no page "
                              f"docs/{name}.{self.lang}.md")
        base = name[: -len("index")] if name == "index" or name.endswith("/index") else name
        if self.directory_urls:
            target = prefix(self.lang) + (base if base.endswith("/") or not base else base + "/")
        else:
            target = f"{prefix(self.lang)}{name}.html"
        base = self.link_base
        return (relative_url(target, base) if base else target) + anchor

    def site(self) -> dict:
        """For a printed sheet (the checker's): the site's name, its home in this language, and
        the public address the page's relative links resolve from (`page`)."""
        base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        return {"name": self.site_name, "home": K.home_url(base, self.lang),
                "page": base + self.link_base, "root": base}


def source_at(docs: Path | str, src: str, found: str = "") -> str:
    """Where `found` is, for messages: "docs/aide.fr.md:12" (the first line of the page's source
    that holds it), or the page alone when its source doesn't hold it as written."""
    name = f"{Path(docs).name}/{src}"
    try:
        text = (Path(docs) / src).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return name
    first = found.split("\n", 1)[0]
    at = text.find(first) if first else -1
    return f"{name}:{text.count(chr(10), 0, at) + 1}" if at >= 0 else name


MARKERS: dict[str, tuple[str, Callable[[Page], str]]] = {}


def marker(name: str, stage: str = MARKDOWN):
    def register(fn):
        MARKERS[name] = (stage, fn)
        return fn
    return register


def replace(text: str, page: Page, stage: str) -> str:
    """Fill the markers of one stage; stop at a marker nobody knows or written another way."""
    def fill(m):
        found = m.group(0)
        exact = MARKER.fullmatch(found)
        if not exact:
            raise MarkerError(f"{page.at(found)}: {found[:60]} is not a marker: write "
                              "<!-- ns:NAME --> (one space inside each end, lowercase), known "
                              f"names: {', '.join(sorted(MARKERS))}")
        name = exact.group(1)
        if name not in MARKERS:
            raise MarkerError(f"{page.at(found)}: unknown marker '<!-- ns:{name} -->' "
                              f"(known: {', '.join(sorted(MARKERS))})")
        when, make = MARKERS[name]
        return make(page) if when == stage else found
    return ANY_MARKER.sub(fill, text)


# --- the markers --------------------------------------------------------------------------------

@marker("facts-table")
def facts_table(page: Page) -> str:
    return content.facts_list(page.data.facts, page.lang)


@marker("facts-reviewed")
def facts_reviewed(page: Page) -> str:
    return facts_review.reviewed_html(page.data.facts, page.lang)


@marker("checker")
def checker(page: Page) -> str:
    return "\n\n" + C.render_checker(page.data.flow, page.data.facts, page.lang, page.link,
                                     page.site()) + "\n\n"


@marker("checker-diagram")
def checker_diagram(page: Page) -> str:
    return "\n\n" + C.render_diagram(page.data.flow, page.data.facts, page.lang) + "\n\n"


@marker("local-contacts", HTML)
def local_contacts(page: Page) -> str:
    return K.render_local(page.data.local, page.lang)


@marker("qr", HTML)
def qr(page: Page) -> str:
    return kit_blocks.qr_figure(page.lang, page.site_url)


@marker("offline-zip", HTML)
def offline_zip(page: Page) -> str:
    # The offline copy itself never links to the zip (it is not part of it): it says it is one.
    return kit_blocks.offline_note(page.lang, page.link_base, offline_zip=page.offline_zip,
                                   offline_copy=page.offline)
