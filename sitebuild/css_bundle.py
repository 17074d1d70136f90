"""Our stylesheets reach the reader as one small file.

Each feature keeps its own CSS file in overrides/assets/site/ (site, content, quick exit, kit,
checker), listed under `extra_css` in mkdocs.yml. Served as they are, they cost one request
each and weigh twice their minified size; the first-visit budget (75 KiB, 10 requests) can't
afford that. So the post-build step replaces a page's links to them by one link to
assets/site/bundle.min.css, and writes that file: the linked files in their order, minified
with csscompressor (pinned, and already used by mkdocs-minify-plugin).
"""
from __future__ import annotations

import re
from pathlib import Path

import csscompressor

BUNDLE = "assets/site/bundle.min.css"
# A link to one of our stylesheets, as any engine writes it: ../assets/site/site.css,
# /sub/assets/site/site.css (404 page), https://host/sub/assets/site/site.css.
_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*?)(assets/site/[a-z0-9_-]+\.css)">')


def link_bundle(html: str) -> tuple[str, list[str]]:
    """Replace the page's links to our stylesheets by one link to the bundle, where the first
    one was. Returns the page and the addresses of the stylesheets it linked, in order ([] when
    none)."""
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
    out = []
    for part in parts:
        path = folder / part
        if not path.is_file():
            raise FileNotFoundError(f"stylesheet {part} not found in {folder}")
        out.append(f"/* {part} */\n" + csscompressor.compress(path.read_text(encoding="utf-8")))
    return "\n".join(out) + "\n"
