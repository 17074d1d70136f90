"""A built page read by an HTML parser, with where each piece is in the text.

Python's own HTML parser (html.parser, kept with Python itself) reads the page as a browser
tokenizes it: tags with their attributes (entities decoded), the raw text of <script> and
<style>, comments, text. Each piece keeps its place in the page, so the post-build step can
check the page (csp_policy.problems) and change it (csp_policy.lock_down) by splicing the
original text: everything it doesn't touch stays byte for byte as the engine wrote it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Tag:
    name: str
    attrs: list[tuple[str, str | None]]
    start: int                 # where "<name" starts
    end: int                   # just after its ">"
    raw: str                   # the start tag as written
    close: int | None = None   # where its end tag starts (script, style, a, ...)
    close_end: int | None = None
    body: str | None = None    # script and style: the raw text between the tags

    def get(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value if value is not None else ""
        return default

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attrs)


@dataclass
class Text:
    text: str
    start: int
    inside: tuple[str, ...]    # the names of the open elements around it


@dataclass
class Page:
    html: str
    tags: list[Tag] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    comments: list[tuple[str, int]] = field(default_factory=list)

    def all(self, name: str) -> list[Tag]:
        return [tag for tag in self.tags if tag.name == name]

    def first(self, name: str) -> Tag | None:
        return next((tag for tag in self.tags if tag.name == name), None)

    def ids(self) -> set[str]:
        """Every id (and <a name>) a link's #fragment can point at."""
        out = {tag.get("id") for tag in self.tags if tag.get("id")}
        out |= {tag.get("name") for tag in self.tags if tag.name == "a" and tag.get("name")}
        return out


# Elements that never have an end tag: they don't stay open around the text after them.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param"}


class _Reader(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.page = Page(html)
        # html.parser counts lines by "\n" and columns from the line's start.
        self.line_starts = [0]
        at = html.find("\n")
        while at >= 0:
            self.line_starts.append(at + 1)
            at = html.find("\n", at + 1)
        self.open: list[Tag] = []

    def _at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, name, attrs):
        raw = self.get_starttag_text()
        start = self._at()
        tag = Tag(name, attrs, start, start + len(raw), raw)
        self.page.tags.append(tag)
        if name not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, name, attrs):
        raw = self.get_starttag_text()
        start = self._at()
        self.page.tags.append(Tag(name, attrs, start, start + len(raw), raw))

    def handle_endtag(self, name):
        at = self._at()
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].name == name:
                tag = self.open[i]
                tag.close = at
                tag.close_end = self.page.html.index(">", at) + 1
                if name in ("script", "style"):
                    tag.body = self.page.html[tag.end:at]
                del self.open[i:]
                return

    def handle_data(self, data):
        if self.open and self.open[-1].name in ("script", "style"):
            return
        self.page.texts.append(Text(data, self._at(), tuple(t.name for t in self.open)))

    def handle_comment(self, data):
        self.page.comments.append((data, self._at()))


def read(html: str) -> Page:
    reader = _Reader(html)
    reader.feed(html)
    reader.close()
    for tag in reader.open:  # a script or style never closed: its text runs to the end
        if tag.name in ("script", "style") and tag.body is None:
            tag.body = html[tag.end:]
    return reader.page


def line_of(html: str, offset: int) -> int:
    """1-based line of an offset (for messages about a page's own HTML)."""
    return html.count("\n", 0, offset) + 1

