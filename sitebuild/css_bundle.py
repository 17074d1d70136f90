"""The reader gets one stylesheet: the theme's and ours, with only the rules the site can use.

Each feature keeps its own CSS file in overrides/assets/site/ (site, content, quick exit, kit,
checker), listed under `extra_css` in mkdocs.yml; the theme links its own main stylesheet
(Material's assets/stylesheets/main.HASH.min.css, 138 KB). Served as they are, they cost one
request each and most of a first visit's bytes. So the post-build step replaces a page's links
to all of them by one link to assets/site/bundle.min.css, where the first one was, and writes
that file: the theme's stylesheet, then ours in their order (ours minified with csscompressor,
pinned, already used by mkdocs-minify-plugin), purged to the rules the site can use
(css_purge.py).
"""
from __future__ import annotations

import re
from pathlib import Path

import csscompressor

BUNDLE = "assets/site/bundle.min.css"
# A link to one of our stylesheets, or to the theme's main one, as any engine writes it:
# ../assets/site/site.css, /sub/assets/site/site.css (404 page), https://host/sub/assets/...;
# Material's assets/stylesheets/main.57a0d79d.min.css, Zensical's under classic/ or modern/.
_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*?)(assets/site/[a-z0-9_-]+\.css|'
                   r'assets/stylesheets/(?:classic/|modern/)?main\.[0-9a-f]+\.min\.css)">')
THEME = "assets/stylesheets/"


def link_bundle(html: str) -> tuple[str, list[str]]:
    """Replace the page's links to the theme's main stylesheet and ours by one link to the
    bundle, where the first one was. Returns the page and the addresses of the stylesheets it
    linked, in order ([] when none)."""
    links = [m for m in _LINK.finditer(html) if m.group(2) != BUNDLE]
    if not links:
        return html, []
    out, last = [], 0
    for i, m in enumerate(links):
        out.append(html[last:m.start()])
        if i == 0:
            out.append(f'<link rel="stylesheet" href="{m.group(1)}{BUNDLE}">')
        last = m.end()
    out.append(html[last:])
    return "".join(out), [m.group(1) + m.group(2) for m in links]


def bundle_text(folder: Path, parts: list[str]) -> str:
    """The linked stylesheets as one text, in order: the theme's as it ships (already minified),
    ours minified."""
    out = []
    for part in parts:
        path = folder / part
        if not path.is_file():
            raise FileNotFoundError(f"stylesheet {part} not found in {folder}")
        text = path.read_text(encoding="utf-8")
        out.append(text if part.startswith(THEME) else csscompressor.compress(text))
    return "\n".join(out) + "\n"
